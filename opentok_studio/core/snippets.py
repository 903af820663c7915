"""The official SDK call that makes the same token as a request, per language,
so a tester can hand a developer a reproduction. Secrets stay placeholders."""

from __future__ import annotations

import json

from opentok_studio.core.errors import ValidationError
from opentok_studio.core.model import Decoded, Role, TokenFormat, TokenRequest
from opentok_studio.core.validate import parse_format, parse_role

KEY, SECRET = "YOUR_API_KEY", "YOUR_API_SECRET"
APP_ID, KEY_FILE = "YOUR_APPLICATION_ID", "private.key"
LANGUAGES = ("Python", "Node", "PHP", "Ruby", "Java")


def _s(text: str) -> str:
    """A string literal for Python, JavaScript and Java (\\u escapes, ASCII only)."""
    return json.dumps(text)


def _ruby(text: str) -> str:
    # Ruby rejects \u escapes of surrogate halves and interpolates "#{".
    return json.dumps(text, ensure_ascii=False).replace("#{", "\\#{")


def _php(text: str) -> str:
    """A PHP double-quoted literal: $ and " escaped, others as \\u{...}."""
    out = []
    for ch in text:
        if ch in '\\"$':
            out.append("\\" + ch)
        elif ch in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch])
        elif ord(ch) < 0x20 or ord(ch) > 0x7E:
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _lifetime(request: TokenRequest, now_expr: str, default: int = 86400) -> str | None:
    if request.expire_time is not None:
        return str(int(request.expire_time))
    seconds = request.expire_in if request.expire_in is not None else default
    return None if seconds == default else f"{now_expr} + {seconds}"


def project_calls(request: TokenRequest) -> dict[str, str]:
    """``generate_token`` for an OpenTok project in each SDK."""
    role = parse_role(request.role)
    t1 = parse_format(request.format) is TokenFormat.T1
    sid, data, classes = request.session_id, request.data, list(request.layout_classes)
    lists = ", ".join(_s(c) for c in classes)
    php_lists = ", ".join(_php(c) for c in classes)
    rb_lists = ", ".join(_ruby(c) for c in classes)

    py = [f"{_s(sid)}"]
    if role is not Role.PUBLISHER:
        py.append(f"role=Roles.{role.name.lower()}")
    if (exp := _lifetime(request, "int(time.time())")) is not None:
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

    def options(pairs: list[tuple[str, str]], sep: str, indent: str) -> str:
        return "".join(f"{indent}{k}{sep}{v},\n" for k, v in pairs)

    js: list[tuple[str, str]] = [("role", _s(role.value))]
    php: list[tuple[str, str]] = [("'role'", f"Role::{role.name}")]
    rb: list[tuple[str, str]] = [("role", f":{role.value}")]
    java = [f".role(Role.{role.name})"]
    if (exp := _lifetime(request, "Math.floor(Date.now() / 1000)")) is not None:
        js.append(("expireTime", exp))
    if (exp := _lifetime(request, "time()")) is not None:
        php.append(("'expireTime'", exp))
    if (exp := _lifetime(request, "Time.now.to_i")) is not None:
        rb.append(("expire_time", exp))
    if (exp := _lifetime(request, "(System.currentTimeMillis() / 1000L)")) is not None:
        java.append(f".expireTime({exp})")
    if data:
        js.append(("data", _s(data)))
        php.append(("'data'", _php(data)))
        rb.append(("data", _ruby(data)))
        java.append(f".data({_s(data)})")
    if classes:
        js.append(("initialLayoutClassList", f"[{lists}]"))
        php.append(("'initialLayoutClassList'", f"[{php_lists}]"))
        rb.append(("initial_layout_class_list", f"[{rb_lists}]"))
        java.append(f".initialLayoutClassList(List.of({lists}))")
    if t1:
        rb.append(("token_type", '"T1"'))
    t1_note = (
        "// T1: this SDK makes JWTs by default; check its docs for T1\n" if t1 else ""
    )
    node = (
        'const OpenTok = require("opentok");\n'
        f'const opentok = new OpenTok("{KEY}", "{SECRET}");\n{t1_note}'
        f"const token = opentok.generateToken({_s(sid)}, {{\n"
        + options(js, ": ", "  ")
        + "});\n"
    )
    php_code = (
        "<?php\nuse OpenTok\\OpenTok;\nuse OpenTok\\Role;\n\n"
        f"$opentok = new OpenTok('{KEY}', '{SECRET}');\n{t1_note}"
        f"$token = $opentok->generateToken({_php(sid)}, [\n"
        + options(php, " => ", "    ")
        + "]);\n"
    )
    ruby = (
        'require "opentok"\n\n'
        f'opentok = OpenTok::OpenTok.new("{KEY}", "{SECRET}")\n'
        f"token = opentok.generate_token({_ruby(sid)},\n"
        + options(rb, ": ", "  ").rstrip(",\n")
        + ")\n"
    )
    java_code = (
        f'OpenTok opentok = new OpenTok({KEY}, "{SECRET}");\n{t1_note}'
        f"String token = opentok.generateToken({_s(sid)}, new TokenOptions.Builder()\n"
        + "".join(f"    {line}\n" for line in java)
        + "    .build());\n"
    )
    return {"Python": python, "Node": node, "PHP": php_code, "Ruby": ruby,
            "Java": java_code}  # fmt: skip


def application_calls(request: TokenRequest) -> dict[str, str]:
    """vonage-video's ``generate_client_token`` for a Vonage application (Python;
    other languages' Vonage SDKs name their options differently)."""
    role = parse_role(request.role)
    opts = [f"session_id={_s(request.session_id)}", f"role={_s(role.value)}"]
    exp = _lifetime(request, "int(time.time())", default=-1)
    opts.append(f"exp={exp or 'int(time.time()) + 86400'}")
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
    return {"Python": python}


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
