"""One function per subcommand (`profile`: cli/profiles.py), each returning an
ExitCode, and what they share: ExitCode, Io, the secret-on-argv warning."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING

from opentok_studio.cli.streams import ExitCode, Io
from opentok_studio.core.errors import DecodeError, StudioError

if TYPE_CHECKING:
    from opentok_studio.core.model import (
        ApplicationCredentials,
        Decoded,
        ProjectCredentials,
        TokenRequest,
    )

# Each command imports what it needs when it runs, so `gui` reaches its first
# paint without loading the signer, the decoder or the renderers.


def warn_secret_on_argv(args: argparse.Namespace, io: Io) -> None:
    """spec/cli.md: a secret in argv works, but other users can read it."""
    if getattr(args, "api_secret", None):
        io.warn(
            "--api-secret on the command line can be read by other local users "
            "in the process list; prefer OPENTOK_API_SECRET or a profile"
        )


def _now() -> int:
    return int(time.time())


def token(args: argparse.Namespace, io: Io) -> ExitCode:
    """`token`: print (or write) N tokens, all or nothing."""
    from opentok_studio.cli.credentials import Need, profile_defaults, resolve
    from opentok_studio.core.batch import export_rows
    from opentok_studio.core.model import TokenFormat, TokenRequest
    from opentok_studio.core.timeparse import parse_duration, parse_when
    from opentok_studio.core.validate import parse_role

    credentials = resolve(args, io.env, Need.SIGN)
    if credentials is None:  # pragma: no cover - Need.SIGN raises instead
        raise StudioError("no credentials")
    # Flags win; then the profile's defaults; then the SDKs' defaults.
    defaults = profile_defaults(args)
    expire_in = parse_duration(args.expire_in) if args.expire_in else None
    if expire_in is None and not args.expire_at:
        expire_in = defaults.get("expire_in")
    now = _now()
    request = TokenRequest(
        session_id=args.session_id.strip(),
        role=parse_role(
            args.role if args.role is not None else defaults.get("role", "publisher")
        ),
        data=args.data,
        expire_time=parse_when(args.expire_at) if args.expire_at else None,
        expire_in=expire_in,
        layout_classes=tuple(args.layout_class),
        format=TokenFormat(args.format or defaults.get("format", "jwt")),
    )
    requests, tokens = _make_batch(args, request, credentials, now)
    _warn_session(requests[0].session_id, credentials, io)
    text = export_rows(tokens, requests, args.output_format, now=now)
    if args.output:
        _write_all_or_nothing(Path(args.output), text)
        if io.stderr.isatty():
            io.stderr.write(f"wrote {len(tokens):,} tokens to {args.output}\n")
    else:
        io.stdout.write(text)
    return ExitCode.OK


def _make_batch(
    args: argparse.Namespace,
    base: TokenRequest,
    credentials: ProjectCredentials | ApplicationCredentials,
    now: int,
) -> tuple[list[TokenRequest], list[str]]:
    """The requests and their tokens: N alike, a template, or CSV rows."""
    from opentok_studio.core.batch import plan_batch, sign_batch
    from opentok_studio.core.errors import ValidationError
    from opentok_studio.store.batchfile import read_csv_file

    if args.csv and args.count != 1:
        raise ValidationError(
            "count", "--count does not go with --csv: one token a row"
        )
    requests = plan_batch(
        base,
        count=args.count,
        template=args.data_template,
        csv_text=read_csv_file(Path(args.csv)) if args.csv else None,
    )
    return requests, sign_batch(requests, credentials, now=now)


def _warn_session(
    session_id: str,
    credentials: ProjectCredentials | ApplicationCredentials,
    io: Io,
) -> None:
    """Say so when the SDK's loose rule lets through what the service may not."""
    from opentok_studio.core.belonging import Belonging, judge_session
    from opentok_studio.core.model import ApplicationCredentials, key_id

    verdict = judge_session(session_id, key_id(credentials) or "")
    # A project's unreadable ID was refused by the signer's SDK rule already
    # (or is one the SDK reads leniently); a Vonage application's may be opaque.
    if verdict.belonging is Belonging.OTHER_KEY or (
        verdict.belonging is Belonging.UNREADABLE
        and isinstance(credentials, ApplicationCredentials)
    ):
        io.warn(str(verdict.text))


def _write_all_or_nothing(path: Path, text: str) -> None:
    """Write the finished ``text`` with the one writer (store/atomic.py): a regular
    file via a temp file and a rename, a device or /dev/stdout directly."""
    from opentok_studio.store.atomic import write_file

    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise StudioError(f"output: folder {folder} does not exist")
    try:
        write_file(path, text)
    except OSError as e:
        raise StudioError(f"output: cannot write {path}: {e.strerror}") from None


def _refuse_a_file_name(text: str) -> None:
    """A file's name given where the token goes: say how to read the file
    (support staff type `decode customer.log` and got "no token found")."""
    import os

    if "eyJ" in text or "T1==" in text or len(text) > 4096 or "\0" in text:
        return
    if os.path.isfile(text):
        raise DecodeError(
            f"{text!r} is a file: decode takes the token itself; to decode the "
            f"file: opentok-studio decode - < {text}; to find every token in a "
            f"log or HAR: opentok-studio scan {text}"
        )


def decode_cmd(args: argparse.Namespace, io: Io) -> ExitCode:
    """`decode`: explain a token; exit 1 when a problem is found."""
    from opentok_studio.cli import render
    from opentok_studio.cli.credentials import Need, resolve
    from opentok_studio.core import limits
    from opentok_studio.core.decoder import decode
    from opentok_studio.store.reader import read_stream

    if args.text == "-":
        text = read_stream(
            io.stdin,
            what="stdin",
            limit_chars=limits.MAX_INPUT_CHARS,
            error=DecodeError,
            too_large_hint=(
                "; to find the tokens in a large log or HAR: opentok-studio scan -"
            ),
        )
    else:
        text = args.text
        _refuse_a_file_name(text)
    credentials = resolve(args, io.env, Need.IDENTITY)
    now = _now()
    decoded = decode(
        text,
        credentials,
        now=now,
        expected_session_id=args.session_id,
        client_error=args.client_error,
    )
    if args.all_profiles:
        decoded = _with_signer(decoded, text, now, io)
    if args.json:
        io.stdout.write(render.dumps(render.decoded_json(decoded)) + "\n")
    elif args.report:
        from opentok_studio.core.report import ticket_report

        report = ticket_report(decoded, now, unmask_data=args.unmask_data)
        io.stdout.write(render.terminal_safe(report))
    else:
        io.stdout.write(render.decoded_text(decoded, now) + "\n")
    return ExitCode.PROBLEMS if decoded.problems else ExitCode.OK


def _with_signer(decoded: Decoded, text: str, now: int, io: Io) -> Decoded:
    """`--all-profiles`: name the saved profile whose secret verifies the token."""
    from opentok_studio.core.signedby import with_signer
    from opentok_studio.store.credentials import who_signed
    from opentok_studio.store.paths import profiles_file
    from opentok_studio.store.profiles import ProfileFile

    result = who_signed(text, ProfileFile(profiles_file()), now=now)
    for line in result.skipped:
        io.warn(line)
    return with_signer(decoded, result)


def diff_cmd(args: argparse.Namespace, io: Io) -> ExitCode:
    """`diff A B`: exit 0 when both grant the same access, 1 when not."""
    from opentok_studio.cli import render
    from opentok_studio.cli.credentials import Need, resolve
    from opentok_studio.core.decoder import decode
    from opentok_studio.core.diff import Verdict, compare, same_access, shown

    credentials = resolve(args, io.env, Need.IDENTITY)
    now = _now()
    a = decode(args.token_a, credentials, now=now)
    b = decode(args.token_b, credentials, now=now)
    comparison = compare(a, b)
    differences = comparison.differences
    same = same_access(differences)  # the exit code: grants only (spec/cli.md)
    if args.json:
        body = {
            "same_access": same,
            "differences": [
                {"field": d.field, "a": d.a, "b": d.b, "grants": d.grants}
                for d in differences
            ],
        }
        io.stdout.write(render.dumps(body) + "\n")
    else:
        from opentok_studio.core.explain import printable

        if not differences:
            io.stdout.write("The tokens grant the same access; no field differs.\n")
        width = max((len(d.label) for d in differences), default=0)
        for d in differences:
            mark = "*" if d.grants else " "
            io.stdout.write(
                render.terminal_safe(
                    f"{mark} {d.label.ljust(width)}  A: {printable(shown(d.field, d.a))}\n"
                    f"  {' ' * width}  B: {printable(shown(d.field, d.b))}\n"
                )
            )
        if differences:
            verdict = "the same access" if same else "DIFFERENT access (* fields)"
            io.stdout.write(f"\nThey grant {verdict}.\n")
        if comparison.verdict is Verdict.PROBLEMS:
            io.stdout.write(comparison.sentence + "\n")
    return ExitCode.OK if same else ExitCode.PROBLEMS


def session(args: argparse.Namespace, io: Io) -> ExitCode:
    """`session SESSION_ID`: explain it; exit 1 when it is not the given key's."""
    from opentok_studio.cli import render
    from opentok_studio.cli.credentials import Need, resolve
    from opentok_studio.core.belonging import judge_session
    from opentok_studio.core.model import key_id
    from opentok_studio.core.sessionid import decode_session_id, sdk_acceptance

    if args.session_id == "create":
        return session_create(args, io)
    info = decode_session_id(args.session_id)  # bad input before credentials
    credentials = resolve(args, io.env, Need.IDENTITY)
    key = key_id(credentials)
    verdict = judge_session(info.session_id, key)
    if args.json:
        body = render.session_json(info, verdict)
        body["sdk_accepts"] = (
            sdk_acceptance(info.session_id, key) if key is not None else None
        )
        io.stdout.write(render.dumps(body) + "\n")
    else:
        io.stdout.write(render.session_text(info, verdict, _now()) + "\n")
    return ExitCode.PROBLEMS if verdict.belongs is False else ExitCode.OK


def session_create(args: argparse.Namespace, io: Io) -> ExitCode:
    """`session create`: POST /session/create; print the new ID (or the answer)."""
    import asyncio
    import json
    import math

    from opentok_studio.cli.credentials import Need, resolve
    from opentok_studio.core.errors import ValidationError
    from opentok_studio.core.rest import (
        ArchiveMode,
        MediaMode,
        SessionOptions,
        build_create_session,
        read_create_session,
    )
    from opentok_studio.net.http import send

    credentials = resolve(args, io.env, Need.SIGN)
    if credentials is None:  # pragma: no cover - Need.SIGN raises instead
        raise StudioError("no credentials")
    options = SessionOptions(
        media_mode=MediaMode(args.media_mode),
        archive_mode=ArchiveMode(args.archive_mode),
        location=args.location,
        e2ee=args.e2ee,
    )
    from opentok_studio.cli.credentials import profile_defaults
    from opentok_studio.core.urls import api_base_url

    if not (math.isfinite(args.timeout) and args.timeout > 0):
        raise ValidationError(
            "timeout", f"{args.timeout} is not a number of seconds above 0"
        )
    base = api_base_url(args.api_url, io.env, profile_defaults(args).get("api_url"))
    request = build_create_session(credentials, options, now=_now(), base_url=base)
    status, content_type, body = asyncio.run(send(request, timeout=args.timeout))
    created = read_create_session(status, content_type, body)
    if args.json:
        # core/rest.py refuses NaN and Infinity as the JSON they are not.
        io.stdout.write(json.dumps(created.answer, indent=2, allow_nan=False) + "\n")
    else:
        from opentok_studio.cli.render import terminal_safe

        io.stdout.write(terminal_safe(created.session_id) + "\n")
    return ExitCode.OK
