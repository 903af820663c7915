"""The official SDK call that makes the same token as a request, per language,
so a tester can hand a developer a reproduction. Secrets stay placeholders."""

from __future__ import annotations

import json
from collections.abc import Callable

from opentok_studio.core.errors import ValidationError
from opentok_studio.core.limits import DEFAULT_EXPIRY_SECONDS
from opentok_studio.core.model import Decoded, Role, TokenFormat, TokenRequest
from opentok_studio.core.validate import parse_format, parse_role

KEY, SECRET = "YOUR_API_KEY", "YOUR_API_SECRET"
APP_ID, KEY_FILE = "YOUR_APPLICATION_ID", "private.key"
#: project_calls' languages, in the dialog's tab order
LANGUAGES = ("Python", "Node", "PHP", "Ruby", "Java", "C#")
#: application_calls' languages (vonage-video, @vonage/video)
APPLICATION_LANGUAGES = ("Python", "Node")

# Data the form accepts (1000 code points) that an SDK refuses, each counted
# the SDK's way: opentok-node 2.23.2 `connection_data.length > 1024` (UTF-16
# units); opentok-ruby 4.13.0 `length < 1000` (so 1000 is refused);
# OpenTok-PHP-SDK 4.21.3 T1 `strlen($data) > 1000` (UTF-8 bytes); Java 4.17.0
# `data.length() <= 1000` and .NET 3.22.0 `connectionData.Length <= 1000`
# (UTF-16 units).
_NODE_MAX_UNITS = 1024
_RUBY_MAX_CHARS = 999
_PHP_T1_MAX_BYTES = 1000
_JAVA_NET_MAX_UNITS = 1000


def _units(text: str) -> list[int]:
    """UTF-16 code units, as JavaScript, Java and C# count and store strings."""
    raw = text.encode("utf-16-le", "surrogatepass")
    return [int.from_bytes(raw[i : i + 2], "little") for i in range(0, len(raw), 2)]


def _has_lone_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)


def _s(text: str) -> str:
    """A string literal for Python, JavaScript and Java (\\u escapes, ASCII only;
    a lone surrogate stays a lone \\uD83D, legal in all three)."""
    return json.dumps(text)


def _braced(text: str, special: str, lone: str | None = None) -> str:
    """A double-quoted literal, ASCII only, non-ASCII as \\u{hex} (PHP, Ruby)."""
    out = []
    for ch in text:
        if ch in special:
            out.append("\\" + ch)
        elif ch in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch])
        elif lone is not None and 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(lone)
        elif ord(ch) < 0x20 or ord(ch) > 0x7E:
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _ruby(text: str) -> str:
    # "#{", "#@" and "#$" interpolate: every "#" is escaped. Ruby refuses \u
    # escapes of surrogates and its strings are UTF-8, so a lone surrogate
    # cannot be written at all: U+FFFD instead, with a note (_data_notes).
    return _braced(text, '\\"#', lone="\\u{fffd}")


def _php(text: str) -> str:
    # "$" interpolates; PHP writes \u{d83d} as its (CESU) UTF-8 bytes.
    return _braced(text, '\\"$')


def _csharp(text: str) -> str:
    """A C# regular string literal, ASCII only: each other UTF-16 unit as \\uXXXX.

    C# strings are UTF-16, so an emoji is its surrogate pair and a lone
    surrogate is legal. Never \\x: it takes up to four hex digits, greedily.
    """
    out = []
    for unit in _units(text):
        ch = chr(unit)
        if ch in '\\"':
            out.append("\\" + ch)
        elif ch in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch])
        elif 0x20 <= unit <= 0x7E:
            out.append(ch)
        else:
            out.append(f"\\u{unit:04X}")
    return '"' + "".join(out) + '"'


def _expiry(request: TokenRequest, now_expr: str, *, omit_default: bool) -> str | None:
    """The expiry expression, or None where the SDK's own default is our 24 h."""
    if request.expire_time is not None:
        return str(int(request.expire_time))
    seconds = DEFAULT_EXPIRY_SECONDS if request.expire_in is None else request.expire_in
    if omit_default and seconds == DEFAULT_EXPIRY_SECONDS:
        return None
    return f"{now_expr} + {seconds}"


def _data_notes(data: str, t1: bool, comment: dict[str, str]) -> dict[str, str]:
    """Per language, a comment line where that SDK refuses ``data``."""
    units = len(_units(data))
    notes = {}
    if units > _NODE_MAX_UNITS:
        notes["Node"] = f"opentok-node refuses data over 1024 UTF-16 units ({units})"
    elif t1 and _has_lone_surrogate(data):
        notes["Node"] = "opentok-node cannot put a lone surrogate in a T1 token"
    if len(data) > _RUBY_MAX_CHARS:
        notes["Ruby"] = "opentok-ruby refuses data of 1000 characters or more"
    elif _has_lone_surrogate(data):
        notes["Ruby"] = "a lone surrogate cannot be a Ruby string: U+FFFD instead"
    size = len(data.encode("utf-8", "surrogatepass"))
    if t1 and size > _PHP_T1_MAX_BYTES:
        notes["PHP"] = f"opentok-php counts T1 data in bytes: {size} is over 1000"
    if units > _JAVA_NET_MAX_UNITS:
        note = f"this SDK counts UTF-16 units: {units} is over 1000"
        notes["Java"] = notes["C#"] = note
    return {k: f"{comment[k]} {v}\n" for k, v in notes.items()}


def _option_pairs(
    names: tuple[str, str, str, str],
    quote: Callable[[str], str],
    role: str,
    expiry: str,
    request: TokenRequest,
) -> list[tuple[str, str]]:
    """(name, value) in the order the SDKs' option maps take: role, expiry, then
    data and layout classes (a list literal) when given, quoted by ``quote``."""
    data, classes = request.data, request.layout_classes
    values = (
        role,
        expiry,
        quote(data) if data else None,
        f"[{', '.join(map(quote, classes))}]" if classes else None,
    )
    return [(name, value) for name, value in zip(names, values, strict=True) if value]


def project_calls(request: TokenRequest) -> dict[str, str]:
    """``generate_token`` for an OpenTok project in each SDK of LANGUAGES."""
    role = parse_role(request.role)
    t1 = parse_format(request.format) is TokenFormat.T1
    sid, data, classes = request.session_id, request.data, list(request.layout_classes)
    lists = ", ".join(_s(c) for c in classes)
    comment = dict.fromkeys(LANGUAGES, "//") | {"Python": "#", "Ruby": "#"}
    notes = _data_notes(data, t1, comment) if data else {}

    def options(pairs: list[tuple[str, str]], sep: str, indent: str) -> str:
        return "".join(f"{indent}{k}{sep}{v},\n" for k, v in pairs)

    # opentok (Python) 3.15.0: generate_token(..., use_jwt=False) makes T1.
    py = [f"{_s(sid)}"]
    if role is not Role.PUBLISHER:
        py.append(f"role=Roles.{role.name.lower()}")
    if (exp := _expiry(request, "int(time.time())", omit_default=True)) is not None:
        py.append(f"expire_time={exp}")
    if data:
        py.append(f"data={_s(data)}")
    if classes:
        py.append(f"initial_layout_class_list=[{lists}]")
    if t1:
        py.append("use_jwt=False")
    python = (
        "import time\n\nfrom opentok import Client, Roles\n\n"
        f'client = Client("{KEY}", "{SECRET}")\n'
        "token = client.generate_token(\n    " + ",\n    ".join(py) + ",\n)\n"
    )

    # opentok (npm) 2.23.2, lib/opentok.js: generateToken(sessionId, opts,
    # generateT1Token = false); `true` makes T1. Its clock: T1 create_time is
    # Math.round(now), the JWT's iat Math.floor(now) (lib/generateJwt.js), and
    # the default expiry round(now) + 86400; so we always pass expireTime from
    # the clock the token's start time uses, or a 30-day token lasts 30 d 1 s.
    node_now = "Math.round" if t1 else "Math.floor"
    node_exp = _expiry(request, f"{node_now}(Date.now() / 1000)", omit_default=False)
    js = _option_pairs(("role", "expireTime", "data", "initialLayoutClassList"),
                       _s, _s(role.value), str(node_exp), request)  # fmt: skip
    node = (
        'const OpenTok = require("opentok");\n\n'
        f'const opentok = new OpenTok("{KEY}", "{SECRET}");\n'
        + notes.get("Node", "")
        + f"const token = opentok.generateToken({_s(sid)}, {{\n"
        + options(js, ": ", "  ")
        + ("}, true); // true: a T1 token\n" if t1 else "});\n")
    )

    # OpenTok-PHP-SDK 4.21.3, src/OpenTok/OpenTok.php: generateToken(string
    # $sessionId, array $payload = [], bool $legacy = false); `true` makes T1.
    # Neither family has a default expiry (no exp / expire_time): always pass it.
    php = _option_pairs(("'role'", "'expireTime'", "'data'", "'initialLayoutClassList'"),
                        _php, f"Role::{role.name}",
                        str(_expiry(request, "time()", omit_default=False)), request)  # fmt: skip
    php_code = (
        "<?php\nuse OpenTok\\OpenTok;\nuse OpenTok\\Role;\n\n"
        f"$opentok = new OpenTok('{KEY}', '{SECRET}');\n"
        + notes.get("PHP", "")
        + f"$token = $opentok->generateToken({_php(sid)}, [\n"
        + options(php, " => ", "    ")
        + ("], true); // true: a T1 token\n" if t1 else "]);\n")
    )

    # OpenTok-Ruby-SDK 4.13.0, lib/opentok/token_generator.rb: token_type: "T1"
    # (upcased; default "JWT"). No default expiry in either family.
    rb = _option_pairs(("role", "expire_time", "data", "initial_layout_class_list"),
                       _ruby, f":{role.value}",
                       str(_expiry(request, "Time.now.to_i", omit_default=False)),
                       request)  # fmt: skip
    if t1:
        rb.append(("token_type", '"T1"'))
    ruby = (
        'require "opentok"\n\n'
        f'opentok = OpenTok::OpenTok.new("{KEY}", "{SECRET}")\n'
        + notes.get("Ruby", "")
        + f"token = opentok.generate_token({_ruby(sid)},\n"
        + options(rb, ": ", "  ").rstrip(",\n")
        + ")\n"
    )

    # Opentok-Java-SDK 4.17.0, src/main/java/com/opentok/TokenOptions.java:
    # Builder.useLegacyT1Token() (since 4.15.0) makes T1; default expiry 24 h.
    java = [f".role(Role.{role.name})"]
    now_java = "(System.currentTimeMillis() / 1000L)"
    if (exp := _expiry(request, now_java, omit_default=True)) is not None:
        java.append(f".expireTime({exp})")
    if data:
        java.append(f".data({_s(data)})")
    if classes:
        java.append(f".initialLayoutClassList(List.of({lists}))")
    if t1:
        java.append(".useLegacyT1Token()")
    java_code = (
        f'OpenTok opentok = new OpenTok({KEY}, "{SECRET}");\n'
        + notes.get("Java", "")
        + f"String token = opentok.generateToken({_s(sid)}, new TokenOptions.Builder()\n"
        + "".join(f"    {line}\n" for line in java)
        + "    .build());\n"
    )

    return {"Python": python, "Node": node, "PHP": php_code, "Ruby": ruby,
            "Java": java_code, "C#": _csharp_call(request, t1, notes.get("C#", ""))}  # fmt: skip


def _csharp_call(request: TokenRequest, t1: bool, note: str) -> str:
    """OpenTok .NET: ``GenerateToken`` / ``GenerateT1Token`` with named arguments."""
    # Opentok-.NET-SDK v3.22.0, OpenTok/OpenTok.cs: GenerateToken(string
    # sessionId, Role role = Role.PUBLISHER, double expireTime = 0, string data
    # = null, List<string> initialLayoutClassList = null) returns
    # GenerateT1Token(...) since v3.16.1 (commit cbd7690, "reuse T1 token until
    # JWT expiration issue is fixed"); only 3.15.0 and 3.16.0 made JWTs, with a
    # misspelt layout claim and a 300 s lifetime. GenerateT1Token exists since
    # 3.15.0. expireTime 0 leaves expire_time out: always pass it.
    role = parse_role(request.role)
    now = "DateTimeOffset.UtcNow.ToUnixTimeSeconds()"
    args = [
        _csharp(request.session_id),
        f"role: Role.{role.name.replace('_', '')}",
        f"expireTime: {_expiry(request, now, omit_default=False)}",
    ]
    if request.data:
        args.append(f"data: {_csharp(request.data)}")
    if request.layout_classes:
        items = ", ".join(_csharp(c) for c in request.layout_classes)
        args.append(f"initialLayoutClassList: new List<string> {{ {items} }}")
    method = "GenerateT1Token" if t1 else "GenerateToken"
    jwt_note = (
        ""
        if t1
        else "// OpenTok .NET 3.16.1-3.22.0 make a T1 token here; no release makes\n"
        "// an equivalent JWT. Both grant the same access.\n"
    )
    return (
        "using System;\nusing System.Collections.Generic;\nusing OpenTokSDK;\n\n"
        f'var opentok = new OpenTok({KEY}, "{SECRET}");\n'
        + jwt_note
        + note
        + f"string token = opentok.{method}(\n    "
        + ",\n    ".join(args)
        + ");\n"
    )


def application_calls(request: TokenRequest) -> dict[str, str]:
    """A Vonage application's client token in each of APPLICATION_LANGUAGES:
    vonage-video's ``generate_client_token`` (Python) and @vonage/video's
    ``generateClientToken`` (Node)."""
    role = parse_role(request.role)
    opts = [f"session_id={_s(request.session_id)}", f"role={_s(role.value)}"]
    opts.append(f"exp={_expiry(request, 'int(time.time())', omit_default=False)}")
    if request.data:
        opts.append(f"connection_data={_s(request.data)}")
    if request.layout_classes:
        classes = ", ".join(_s(c) for c in request.layout_classes)
        opts.append(f"initial_layout_class_list=[{classes}]")
    python = (
        "import time\n\nfrom vonage import Auth, Vonage\n"
        "from vonage_video import TokenOptions\n\n"
        f'client = Vonage(Auth(application_id="{APP_ID}", private_key="{KEY_FILE}"))\n'
        "token = client.video.generate_client_token(TokenOptions(\n    "
        + ",\n    ".join(opts)
        + ",\n))\n"
    )

    # @vonage/video 1.28.0, dist/cjs/video.js: generateClientToken(sessionId,
    # {role, data, expireTime, initialLayoutClassList}); expireTime in Unix
    # seconds, kept as given (iat is Math.floor(now) in @vonage/jwt 1.14.0;
    # a past expireTime silently becomes now + 900). privateKey: a file path
    # or the PEM text (@vonage/auth reads the file when it exists).
    now = "Math.floor(Date.now() / 1000)"
    js = [
        ("role", _s(role.value)),
        ("expireTime", str(_expiry(request, now, omit_default=False))),
    ]
    if request.data:
        js.append(("data", _s(request.data)))
    if request.layout_classes:
        classes = ", ".join(_s(c) for c in request.layout_classes)
        js.append(("initialLayoutClassList", f"[{classes}]"))
    node = (
        'const { Video } = require("@vonage/video");\n\n'
        "const video = new Video({\n"
        f'  applicationId: "{APP_ID}",\n  privateKey: "{KEY_FILE}",\n}});\n'
        f"const token = video.generateClientToken({_s(request.session_id)}, {{\n"
        + "".join(f"  {k}: {v},\n" for k, v in js)
        + "});\n"
    )
    return {"Python": python, "Node": node}


def remint_request(
    decoded: Decoded,
    *,
    token_format: TokenFormat = TokenFormat.JWT,
    expire_in: int | None = None,
) -> TokenRequest:
    """A request for a fresh token with the decoded one's session, role, data and
    layout classes (an unknown role falls back to publisher)."""
    try:
        role = parse_role(decoded.role or Role.PUBLISHER.value)
    except ValidationError:
        role = Role.PUBLISHER
    return TokenRequest(
        session_id=decoded.session_id or "",
        role=role,
        data=decoded.connection_data,
        expire_in=expire_in,
        layout_classes=tuple(decoded.initial_layout_class_list),
        format=token_format,
    )
