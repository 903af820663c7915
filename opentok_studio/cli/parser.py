"""The argparse definition of `opentok-studio` (spec/cli.md), nothing else."""

from __future__ import annotations

import argparse
import re
import sys
from typing import IO, TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

from opentok_studio import __version__
from opentok_studio.core.errors import StudioError


class UsageError(StudioError):
    """The command line's words are off (exit 2)."""


#: argparse's messages that quote what was typed, and their value-free words.
#: What was typed may be a secret (`--api=SECRET` once came back in "ambiguous
#: option: --api=SECRET could match ..."), so no error repeats it. The option
#: and argument names in the messages are ours; the choices too.
_ECHOES = [
    (re.compile(r"invalid choice: .*\(choose from (?P<choices>.*)\)\Z", re.S),
     r"invalid choice (choose from \g<choices>)"),
    (re.compile(r"invalid (?P<type>[\w.]+) value: .*\Z", re.S), r"invalid \g<type> value"),
    (re.compile(r"ignored explicit argument .*\Z", re.S), "takes no value"),
    (re.compile(r"ambiguous option: .*\Z", re.S),
     "ambiguous option: write the whole option name"),
    (re.compile(r"unrecognized arguments: .*\Z", re.S), "unrecognized arguments"),
    (re.compile(r"unknown parser .*\Z", re.S), "unknown command"),
    (re.compile(r"unexpected option string: .*\Z", re.S), "unexpected option"),
]  # fmt: skip


def without_values(message: str) -> str:
    """An argparse error message with every typed value taken out."""
    for pattern, words in _ECHOES:
        message = pattern.sub(words, message)
    return message


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so errors stay one line, and
    that never repeats what was typed in an error (it may hold a secret).

    Abbreviations are off: `--api-s=SECRET` must not become `--api-secret`,
    nor a new option make a script's abbreviation ambiguous.
    """

    stdout: IO[str] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{without_values(message)} (see {self.prog} --help)")

    def _print_message(
        self, message: str, file: SupportsWrite[str] | None = None
    ) -> None:
        if message:
            (self.stdout or file or sys.stdout).write(message)


def _key_options(p: argparse._ActionsContainer) -> None:
    """Which project or application: for signing, and for `profile add`."""
    p.add_argument("--api-key", metavar="K", help="OpenTok project API key")
    p.add_argument("--application-id", metavar="ID", help="Vonage application ID")
    p.add_argument(
        "--private-key", metavar="PATH", help="the Vonage application's key file"
    )


def _json(p: argparse._ActionsContainer, what: str = "one JSON object") -> None:
    p.add_argument("--json", action="store_true", help=what)


def _api_url(p: argparse._ActionsContainer, what: str) -> None:
    p.add_argument("--api-url", metavar="URL", help=f"REST API base URL {what}")


def _credentials(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group(
        "credentials",
        "an OpenTok project (key + secret) or a Vonage application (ID + private "
        "key); else OPENTOK_API_KEY + OPENTOK_API_SECRET or VONAGE_APPLICATION_ID "
        "+ VONAGE_PRIVATE_KEY_PATH from the environment",
    )
    _key_options(g)
    g.add_argument(
        "--api-secret",
        metavar="S",
        help="OpenTok project API secret (visible in the process list: prefer "
        "the environment)",
    )
    g.add_argument(
        "--profile", metavar="NAME", help="a saved profile (secret from the OS keyring)"
    )


def build(stdout: IO[str] | None = None) -> Parser:
    """The whole command line."""
    Parser.stdout = stdout
    root = Parser(
        prog="opentok-studio",
        description="Make, decode and explain OpenTok / Vonage Video tokens. "
        "With no command, opens the window.",
    )
    root.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = root.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the window")
    # Smoke runs and the start-up benchmark: paint once, then exit.
    gui.add_argument("--quit-after-show", action="store_true", help=argparse.SUPPRESS)

    tok = sub.add_parser("token", help="print token(s) on stdout, one per line")
    tok.add_argument("--session-id", metavar="SID", required=True)
    tok.add_argument(
        "--role",
        default=None,
        help="subscriber | publisher (default) | publisheronly | moderator",
    )
    tok.add_argument("--data", metavar="TEXT", help="connection data, <= 1000 chars")
    when = tok.add_mutually_exclusive_group()
    when.add_argument(
        "--expire-in",
        metavar="DURATION",
        help="seconds, or with a unit: 90s, 15m, 2h, 7d (default 24h)",
    )
    when.add_argument(
        "--expire-at", metavar="WHEN", help="Unix seconds or ISO 8601 with offset/Z"
    )
    tok.add_argument(
        "--layout-class",
        metavar="NAME",
        action="append",
        default=[],
        help="initial layout class (repeatable)",
    )
    tok.add_argument(
        "--format",
        choices=["jwt", "t1"],
        default=None,
        help="OpenTok project: jwt (HS256, default) or t1 (legacy); a Vonage "
        "application always gets an RS256 JWT",
    )
    tok.add_argument("--count", metavar="N", type=int, default=1, help="how many")
    rows = tok.add_mutually_exclusive_group()
    rows.add_argument(
        "--data-template",
        metavar="TEXT",
        help="connection data per token; {n} is the token's number (1..N)",
    )
    rows.add_argument(
        "--csv",
        metavar="FILE",
        help="one token per row; columns session_id, role, data, expire_in, "
        "expire_at, layout_class override the flags",
    )
    tok.add_argument(
        "--output-format",
        choices=["lines", "csv", "jsonl"],
        default="lines",
        help="lines (default) | csv | jsonl (csv/jsonl carry the inputs)",
    )
    tok.add_argument(
        "--output",
        metavar="FILE",
        help="write to FILE (all or nothing) instead of stdout",
    )
    _credentials(tok)

    dec = sub.add_parser(
        "decode", help="explain a token and why it may be rejected (- reads stdin)"
    )
    dec.add_argument("text", metavar="TOKEN", help="a token, text holding one, or -")
    out = dec.add_mutually_exclusive_group()
    _json(out)
    out.add_argument(
        "--report",
        action="store_true",
        help="a ticket-safe plain-text summary (no signature, data masked)",
    )
    dec.add_argument(
        "--unmask-data", action="store_true", help="show connection data in --report"
    )
    dec.add_argument(
        "--client-error",
        metavar="TEXT",
        help="the error the client reported (ranks the likely causes)",
    )
    dec.add_argument(
        "--all-profiles",
        action="store_true",
        help="check the signature against every saved profile (signed_by)",
    )
    dec.add_argument(
        "--session-id", metavar="SID", help="the session the client tried to join"
    )
    _credentials(dec)

    dif = sub.add_parser("diff", help="compare two tokens field by field")
    dif.add_argument("token_a", metavar="TOKEN_A")
    dif.add_argument("token_b", metavar="TOKEN_B")
    _json(dif)
    _credentials(dif)

    ses = sub.add_parser(
        "session", help="explain a session ID, or `session create` a new one"
    )
    ses.add_argument("session_id", metavar="SESSION_ID", help="an ID, or: create")
    _json(ses)
    new = ses.add_argument_group("session create")
    new.add_argument("--media-mode", choices=["routed", "relayed"], default="relayed")
    new.add_argument("--archive-mode", choices=["manual", "always"], default="manual")
    new.add_argument("--location", metavar="IP", help="a hint: the client's IPv4")
    new.add_argument("--e2ee", action="store_true", help="end-to-end encryption")
    _api_url(new, "(or OPENTOK_API_URL)")
    new.add_argument(
        "--timeout", metavar="S", type=float, default=20.0, help=argparse.SUPPRESS
    )
    _credentials(ses)
    _profile_commands(sub)
    _scan_command(sub)
    return root


def _scan_command(sub: argparse._SubParsersAction[Parser]) -> None:
    scan = sub.add_parser(
        "scan", help="every token and session ID in a HAR file or a log (- reads stdin)"
    )
    scan.add_argument("file", metavar="FILE", help="a HAR file, a log, or -")
    out = scan.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="one JSON object")
    out.add_argument(
        "--report",
        action="store_true",
        help="a ticket-safe plain-text summary (no token text, data masked)",
    )
    scan.add_argument(
        "--all-profiles",
        action="store_true",
        help="check each signature against every saved profile (signed_by)",
    )
    _credentials(scan)


def _profile_commands(sub: argparse._SubParsersAction[Parser]) -> None:
    prof = sub.add_parser("profile", help="manage saved credentials (OS keyring)")
    actions = prof.add_subparsers(
        dest="profile_command", metavar="ACTION", required=True
    )
    ls = actions.add_parser("list", help="saved profiles (never secrets)")
    _json(ls, "one JSON array")
    add = actions.add_parser(
        "add", help="save a profile; the secret goes to the keyring"
    )
    add.add_argument("name", metavar="NAME")
    _key_options(add)
    add.add_argument(
        "--secret-stdin",
        action="store_true",
        help="read the API secret from stdin (one line) instead of a hidden prompt",
    )
    add.add_argument(
        "--store-key",
        action="store_true",
        help="copy the private key's PEM into the keyring instead of its path",
    )
    add.add_argument(
        "--secret-ref",
        metavar="REF",
        help="where the API secret lives: keyring (default), env:NAME or "
        "vault:MOUNT/PATH#FIELD (read when a token is made)",
    )
    add.add_argument(
        "--private-key-ref",
        metavar="REF",
        help="where the private key's PEM lives: keyring (with --private-key), "
        "env:NAME or vault:MOUNT/PATH#FIELD",
    )
    add.add_argument("--label", default="", help="free text shown with the name")
    add.add_argument("--default-role", metavar="ROLE", help="role for its tokens")
    add.add_argument("--default-format", metavar="F", help="jwt or t1 for its tokens")
    add.add_argument(
        "--default-expire-in", metavar="DURATION", help="lifetime for its tokens"
    )
    _api_url(add, "for session create")
    add.add_argument(
        "--color",
        default="",
        help="red (production), orange, green, blue, purple or grey",
    )
    show = actions.add_parser("show", help="one profile (never its secret)")
    show.add_argument("name", metavar="NAME")
    _json(show)
    rm = actions.add_parser("remove", help="delete a profile and its keyring secret")
    rm.add_argument("name", metavar="NAME")
    rm.add_argument(
        "--keep-secret",
        action="store_true",
        help="remove the profile even when its keyring secret cannot be removed "
        "(locked keyring): the secret stays in the keyring",
    )
    exp = actions.add_parser(
        "export", help="write profiles with their secret references, never a secret"
    )
    exp.add_argument("names", metavar="NAME", nargs="*", help="default: all")
    exp.add_argument("--output", metavar="FILE", required=True, help="the file")
    imp = actions.add_parser(
        "import", help="add the profiles of an export file (never overwrites)"
    )
    imp.add_argument("file", metavar="FILE")
    imp.add_argument(
        "--rename",
        metavar="OLD=NEW",
        action="append",
        default=[],
        help="import profile OLD as NEW (repeatable)",
    )
