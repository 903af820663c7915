"""cli/scan.py: `opentok-studio scan` (spec/cli.md, scan): output, exit codes,
bad input."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from opentok_studio.cli.scan import (
    response_json,
    scan_json,
    scan_text,
    token_json,
    where_json,
)
from opentok_studio.core.har import Response
from opentok_studio.core.model import TokenFormat
from opentok_studio.core.scan import ScanResult, Where
from tests.helpers import har, vectors
from tests.helpers.cli import Run, assert_bad_input, run
from tests.helpers.har import scan_chunks

ENV = {"OPENTOK_API_KEY": vectors.API_KEY, "OPENTOK_API_SECRET": vectors.API_SECRET}
#: What a cookie or another service's header may be called: never printed.
FOREIGN = (*har.FOREIGN_SECRETS, har.FOREIGN_JWT, "Cookie", "X-Api-Key", "crm.example")


@pytest.fixture(params=["chrome", "firefox"])
def case(request) -> har.Case:  # type: ignore[no-untyped-def]
    return har.support_case(request.param)


@pytest.fixture
def har_file(tmp_path: Path, case: har.Case) -> Path:
    path = tmp_path / "call.har"
    path.write_text(case.text(), encoding="utf-8")
    return path


def outputs(path: Path) -> dict[str, Run]:
    return {
        "text": run("scan", str(path), env=ENV),
        "json": run("scan", str(path), "--json", env=ENV),
        "report": run("scan", str(path), "--report", env=ENV),
    }


def test_json_follows_the_spec(har_file: Path, case: har.Case) -> None:
    result = run("scan", str(har_file), "--json", env=ENV)
    assert result.code == 1  # the cut and the expired tokens have problems
    body = result.json()
    assert body["source"] == "har"
    assert [t["token"] for t in body["tokens"]] == case.order
    first, cut = body["tokens"][0], body["tokens"][1]
    assert set(first) >= {"token", "where", "time", "decoded", "response"}
    assert first["where"] == [
        {"entry": 0, "part": "response body"},
        {"entry": 6, "part": "header X-TB-TOKEN-AUTH"},
    ]
    assert first["decoded"]["signature"] == "valid"
    assert first["decoded"]["problems"] == []
    assert cut["response"] == {
        "status": 403,
        "error_code": 1004,
        "message": "Invalid token format",
    }
    assert cut["decoded"]["problems"][0]["code"] == "truncated"
    assert body["tokens"][3]["where"] == [{"entry": 5, "part": "url query token"}]
    assert body["session_ids"] == [
        {
            "session_id": vectors.SID,
            "where": [
                {"entry": 0, "part": "response body"},
                {"entry": 1, "part": "url path"},
                {"entry": 3, "part": "url path"},
                {"entry": 6, "part": "url path"},
                {"entry": 6, "part": "response body"},
            ],
            "api_key": vectors.API_KEY,
            "belongs": True,
        }
    ]


def test_text_has_a_block_per_token_then_the_timeline(har_file: Path) -> None:
    result = run("scan", str(har_file), env=ENV)
    assert result.code == 1
    blocks = [line for line in result.out_lines if line.startswith("Token #")]
    assert blocks == [
        "Token #1: OK",
        "Token #2: REJECTED: truncated",
        "Token #3: REJECTED: expired",
        "Token #4: OK",
    ]
    timeline = result.out.split("Timeline:\n")[1]
    assert "token #2 sent" in timeline and "403, 1004 Invalid token format" in timeline
    assert timeline.index("token #2") < timeline.index("token #3")


def test_no_cookie_or_foreign_header_in_any_output(har_file: Path) -> None:
    for name, result in outputs(har_file).items():
        for secret in FOREIGN:
            assert secret not in result.out, (name, secret)
            assert secret not in result.err, (name, secret)


def test_report_is_ticket_safe(har_file: Path, case: har.Case) -> None:
    result = run("scan", str(har_file), "--report", env=ENV)
    assert result.code == 1
    assert result.out.startswith("OpenTok Studio scan report\n")
    for token in case.order:
        assert token not in result.out
        assert token.split(".")[-1][-20:] not in result.out
    assert "Token #2: REJECTED: truncated" in result.out


def test_data_is_masked_in_the_report(tmp_path: Path) -> None:
    token = har.token(data="email=ann@example.com")
    path = tmp_path / "app.log"
    path.write_text(f"2026-10-01T00:00:05Z joined with {token}\n")
    result = run("scan", str(path), "--report")
    assert "ann@example.com" not in result.out
    assert "[masked: 21 characters]" in result.out


def test_stdin_and_exit_0(tmp_path: Path) -> None:
    text, _ = har.console_log()
    good = har.token(TokenFormat.T1)
    result = run("scan", "-", "--json", stdin=f"2026-10-01T00:00:05Z {good}\n")
    assert result.code == 0, result
    assert result.json()["source"] == "text"
    assert result.json()["tokens"][0]["where"] == [{"line": 1}]
    assert result.json()["tokens"][0]["time"] == "2026-10-01T00:00:05Z"
    assert run("scan", "-", stdin=text).code == 1


def test_nothing_found_is_exit_0(tmp_path: Path) -> None:
    path = tmp_path / "quiet.log"
    path.write_text("all good\n")
    result = run("scan", str(path))
    assert result.code == 0
    assert "No token found." in result.out
    assert run("scan", str(path), "--json").json()["tokens"] == []


def test_all_profiles_names_none_without_profiles(har_file: Path) -> None:
    result = run("scan", str(har_file), "--json", "--all-profiles")
    notes = result.json()["tokens"][0]["decoded"]["notes"]
    assert "no saved profiles to check" in notes


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("call.har", b"GET / HTTP/1.1\n", "not JSON"),
        ("call.har", b'{"log": {"entries": [{"request": {"url": "htt', "cut short"),
        ("call.json", b'{"log": {"entries": [{"a": 1},, ]}}', "not valid JSON"),
        ("shot.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "UTF-8"),
        ("dump.bin", b"text\x00\x00\x00more", "binary"),
        ("empty.log", b"", "empty"),
    ],
)
def test_bad_input_is_one_line_exit_2(
    tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert_bad_input(run("scan", str(path)), words)


def test_a_2_gb_file_a_folder_and_no_file(tmp_path: Path) -> None:
    huge = tmp_path / "huge.har"
    with huge.open("wb") as fh:
        fh.truncate(2 * 1024**3)  # sparse: no disk used
    assert_bad_input(run("scan", str(huge)), "larger than")
    assert_bad_input(run("scan", str(tmp_path)), "folder")
    assert_bad_input(run("scan", str(tmp_path / "nope.har")), "does not exist")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert_bad_input(run("scan", str(fifo)), "not a regular file")


def test_json_and_report_exclude_each_other(har_file: Path) -> None:
    assert_bad_input(run("scan", str(har_file), "--json", "--report"))


def test_escapes_in_a_har_never_reach_the_terminal(tmp_path: Path) -> None:
    token = har.token()
    entry = {
        "startedDateTime": "2026-10-01T00:00:00.000Z\x1b]0;pwned\x07",
        "request": {"url": "https://x/", "headers": [
            {"name": "X-TB-TOKEN-AUTH", "value": token}]},
        "response": {"status": 403, "content": {
            "text": json.dumps({"code": 1004, "message": "bad\x1b[2J\u202e"})}},
    }  # fmt: skip
    path = tmp_path / "evil.har"
    path.write_text(json.dumps({"log": {"entries": [entry]}}))
    for flag in ([], ["--json"], ["--report"]):
        out = run("scan", str(path), *flag).out
        assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out


def test_a_real_process_reads_stdin_and_never_loads_qt(har_file: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom opentok_studio.cli import main\nrc = main()\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')]\n"
        "sys.exit(rc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "scan", "-", "--json"],
        input=har_file.read_bytes(),
        capture_output=True,
        cwd=vectors.ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["source"] == "har"  # no name: known by its start
    assert len(json.loads(done.stdout)["tokens"]) == 4


def test_all_profiles_names_the_signer_of_each_token(har_file: Path) -> None:
    added = run(
        "profile", "add", "staging", "--api-key", vectors.API_KEY, "--secret-stdin",
        stdin=vectors.API_SECRET + "\n",
    )  # fmt: skip
    assert added.code == 0, added
    body = run("scan", str(har_file), "--json", "--all-profiles").json()
    signers = [t["decoded"]["signed_by"] for t in body["tokens"]]
    assert signers == ["staging", None, "staging", "staging"]  # the cut one: nobody


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux /proc")
@pytest.mark.parametrize("kind", ["har", "log"])
def test_a_30_mb_input_scans_in_bounded_memory(tmp_path: Path, kind: str) -> None:
    """The file is never held whole: the process's peak RSS stays far below
    the file's size plus the interpreter (~25 MB)."""
    import subprocess
    import sys

    case = har.support_case("chrome")
    path = tmp_path / f"big.{kind}"
    with path.open("w", encoding="utf-8") as fh:
        if kind == "har":
            entries = ",\n".join(json.dumps(e) for e in case.har["log"]["entries"])
            fh.write('{"log": {"version": "1.2", "entries": [\n')
            fh.write(",\n".join([entries] * (30_000_000 // len(entries))))
            fh.write("\n]}}\n")
        else:
            text, _ = har.console_log()
            fh.write(text * (30_000_000 // len(text)))
    # VmHWM, not getrusage: ru_maxrss survives exec, so a child of pytest
    # would report pytest's own peak.
    code = (
        "import sys\nfrom opentok_studio.cli import main\n"
        "rc = main(['scan', sys.argv[1], '--json'], stdout=open('/dev/null', 'w'))\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
        "print(int(hwm[0].split()[1]) // 1024)\n"
        "sys.exit(rc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True,
        cwd=vectors.ROOT, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    peak_mb = int(done.stdout.strip())
    assert peak_mb < 100, f"{peak_mb} MB for a {path.stat().st_size // 2**20} MB file"


# -- the JSON and text views -------------------------------------------------------


@pytest.fixture
def har_result() -> ScanResult:
    return scan_chunks(har.support_case("chrome").text())


@pytest.fixture
def log_result() -> ScanResult:
    return scan_chunks(har.console_log()[0])


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (Where(line=4), {"line": 4}),
        (Where(entry=0, part="url path"), {"entry": 0, "part": "url path"}),
        (Where(entry=2), {"entry": 2, "part": None}),
    ],
)
def test_where_json(where: Where, expected: dict[str, object]) -> None:
    assert where_json(where) == expected


def test_response_json() -> None:
    assert response_json(None) is None
    assert response_json(Response(403, 1004, "Invalid token format")) == {
        "status": 403,
        "error_code": 1004,
        "message": "Invalid token format",
    }
    assert response_json(Response(0)) == {
        "status": 0,
        "error_code": None,
        "message": None,
    }


def test_token_json_has_the_spec_fields_first_then_additions(
    har_result: ScanResult,
) -> None:
    body = token_json(har_result.tokens[1])
    assert list(body) == [
        "token", "where", "time", "decoded", "response",
        "number", "occurrences", "client_error",
    ]  # fmt: skip
    assert body["token"] == har_result.tokens[1].token
    assert (body["number"], body["occurrences"]) == (2, 1)
    assert body["client_error"] == "1004 Invalid token format"
    assert body["decoded"]["problems"][0]["code"] == "truncated"


def test_scan_json_of_a_log(log_result: ScanResult) -> None:
    body = scan_json(log_result)
    assert json.loads(json.dumps(body)) == body  # plain JSON values only
    assert (body["source"], body["units"], body["dropped"]) == ("text", 12, 0)
    assert [t["where"] for t in body["tokens"]] == [
        [{"line": 4}], [{"line": 9}], [{"line": 11}],
    ]  # fmt: skip
    assert all(t["response"] is None for t in body["tokens"])
    assert [(e["kind"], e["where"], e["token"]) for e in body["timeline"]] == [
        ("session", {"line": 2}, None),
        ("seen", {"line": 4}, 1),
        ("seen", {"line": 9}, 2),
        ("error", {"line": 10}, 2),
        ("seen", {"line": 11}, 3),
    ]
    assert body["timeline"][3]["client_error"] == "1004 token has expired"
    assert body["session_ids"][0]["where"] == [{"line": 2}]


def test_scan_json_timeline_of_a_har_carries_each_answer(
    har_result: ScanResult,
) -> None:
    sent = [e for e in scan_json(har_result)["timeline"] if e["kind"] == "sent"]
    assert [e["response"]["status"] for e in sent] == [403, 403, 200, 200]
    # The viewer page's URL names no session: the request joined none.
    assert [e["session_id"] for e in sent] == [vectors.SID, vectors.SID, None,
                                               vectors.SID]  # fmt: skip


def test_scan_text_of_a_har_shows_answers_and_client_errors(
    har_result: ScanResult,
) -> None:
    lines = scan_text(har_result).splitlines()
    assert lines[0] == (
        "Read as a HAR: 7 entries, 4 tokens (2 with problems), 1 session ID."
    )
    assert "  response  403, 1004 Invalid token format" in lines
    assert "  client    1004 Invalid token format (ranks the causes)" in lines
    assert f"  token     {har_result.tokens[0].token}" in lines
    assert lines.index("Session IDs:") < lines.index("Timeline:")


def test_scan_text_of_a_log_has_no_answers(log_result: ScanResult) -> None:
    text = scan_text(log_result)
    assert "  response  " not in text
    assert "  where     line 4" in text.splitlines()
    assert "  time      (none in the input)" in text.splitlines()


def test_scan_text_of_nothing_found(log_result: ScanResult) -> None:
    empty = replace(log_result, tokens=(), session_ids=(), timeline=())
    assert scan_text(empty).splitlines() == [
        "Read as text: 12 lines, 0 tokens (0 with problems), 0 session IDs.",
        "No token found.",
    ]


# -- run: how the input is named -------------------------------------------------


def test_a_har_suffix_in_capitals_still_names_a_har(tmp_path: Path) -> None:
    path = tmp_path / "CALL.HAR"
    path.write_text("GET / HTTP/1.1\n")
    assert_bad_input(run("scan", str(path)), "not JSON")


def test_a_har_under_another_name_is_known_by_its_start(
    tmp_path: Path, case: har.Case
) -> None:
    path = tmp_path / "call.txt"
    path.write_text(case.text())
    body = run("scan", str(path), "--json", env=ENV).json()
    assert body["source"] == "har"
    assert [t["token"] for t in body["tokens"]] == case.order


def test_a_clean_log_reports_exit_0(tmp_path: Path) -> None:
    path = tmp_path / "app.log"
    path.write_text(f"2026-10-01T00:00:05Z joined with {har.token()}\n")
    result = run("scan", str(path), "--report", env=ENV)
    assert result.code == 0, result
    assert result.out.startswith("OpenTok Studio scan report\n")
    assert "Token #1: OK" in result.out
    assert result.err == ""


def test_scan_text_counts_ages_on_the_clock_the_token_was_judged_by(
    har_result: ScanResult,
) -> None:
    # The ages were counted from today while the problems were judged at the
    # time of use: one token had two ages on one screen (a walk-through found it).
    first, second = har_result.tokens[:2]
    text = scan_text(har_result)
    block = text[text.index("Token #1") : text.index("Token #2")]
    assert f"({first.decoded.issued_at}; now)" in block  # used as it was made
    block = text[text.index("Token #2") : text.index("Token #3")]
    assert second.judged_at - second.decoded.issued_at == 2
    assert f"({second.decoded.issued_at}; 2 s ago)" in block
