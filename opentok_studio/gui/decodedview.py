"""A decoded token as rich text: one verdict block first (signature, who signed,
the top cause), then problems, warnings, Made by, fields, raw header and claims."""

from __future__ import annotations

import html
import json
import time

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from opentok_studio.core import explain
from opentok_studio.core.limits import MAX_EXP_SECONDS
from opentok_studio.core.model import Decoded, Problem, Signature
from opentok_studio.core.timeparse import format_duration, format_utc
from opentok_studio.gui import redact
from opentok_studio.gui.theme import StateColors, state_colors

#: The most of one value (a field, the claims) the view lays out: rich text
#: with a token's 750 KB of connection data froze the window for 20 s
#: (hardening #13, finding 1). The whole value stays in the Decoded.
MAX_SHOWN_CHARS = 2_000
MAX_SHOWN_JSON_CHARS = 20_000


def clip(text: str, limit: int = MAX_SHOWN_CHARS) -> str:
    """At most ``limit`` characters of ``text``, saying how many were left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters not shown)"


#: Rows presenter mode leaves out: they name the account (#15).
ACCOUNT_ROWS = frozenset({"API key", "Application"})
#: Identifiers of the token on show (set while rendering, for ``redact``).
_others: tuple[str | None, ...] = ()


def _e(text: object) -> str:
    return html.escape(explain.printable(redact.redact(clip(str(text)), _others)))


def _pre(text: str) -> str:
    text = redact.redact(clip(text, MAX_SHOWN_JSON_CHARS), _others)
    lines = "\n".join(html.escape(explain.printable(line)) for line in text.split("\n"))
    return f"<pre style='white-space: pre-wrap'>{lines}</pre>"


def _table(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td style='padding-right:12px'><b>{_e(k)}</b></td><td>{_e(v)}</td></tr>"
        for k, v in rows
    )
    return f"<table cellspacing='0' cellpadding='2'>{cells}</table>"


def verdict_html(d: Decoded, colors: StateColors) -> str:
    """The support view's first block (#15): the verdict, the signature, who
    signed (after Who signed this?), the most likely cause."""
    if d.problems:
        n = len(d.problems)
        head = (
            f"<h3 style='color:{colors.error.name()}'>✗ {n} problem"
            f"{'s' if n > 1 else ''} found</h3>"
        )
    elif d.signature is Signature.UNCHECKED:  # not "fine": not checked
        head = f"<h3 style='color:{colors.warn.name()}'>? {_e(explain.clean_verdict(d))}</h3>"
    else:
        head = f"<h3 style='color:{colors.ok.name()}'>✓ {_e(explain.clean_verdict(d))}</h3>"
    mark = {Signature.VALID: "✓", Signature.INVALID: "✗"}.get(d.signature, "?")
    sig_color = {Signature.VALID: colors.ok, Signature.INVALID: colors.error}.get(
        d.signature, colors.signature
    )
    rows = [
        f"<b>Signature:</b> <span style='color:{sig_color.name()}'>{mark} "
        f"{_e(explain.signature_text(d))}</span>"
    ]
    if d.signed_by:
        rows.append(f"<b>Signed by:</b> profile {_e(d.signed_by)}")
    if d.problems:
        top = d.problems[0]
        rows.append(
            f"<b>Top cause:</b> {_e(top.code.value)}: {_e(top.message)}"
            f"<br><b>Fix:</b> {_e(top.fix)}"
        )
    return head + "<p>" + "<br>".join(rows) + "</p>"


def decoded_html(d: Decoded, now: int, colors: StateColors) -> str:
    """The verdict block, then every problem, warnings, Made by, the fields,
    and the raw header and claims last.

    In presenter mode the rows naming the account are left out and every
    text has the account's identifiers replaced (gui/redact.py).
    """
    global _others
    _others = _identifiers(d)
    try:
        return _decoded_html(d, now, colors)
    finally:
        _others = ()


def _identifiers(d: Decoded) -> tuple[str | None, ...]:
    from opentok_studio.core.belonging import judge_session

    session_key = None
    if d.session_id:
        info = judge_session(d.session_id, None).info
        session_key = info.api_key if info is not None else None
    return (d.api_key, d.application_id, session_key)


def _listed(items: tuple[Problem, ...], color: QColor, title: str) -> list[str]:
    """Problems or warnings as a numbered list (warnings carry no client error)."""
    if not items:
        return []
    n = len(items)
    head = title.format(n=n, s="s" if n > 1 else "")
    parts = [f"<h4 style='color:{color.name()}'>{head}</h4><ol>"]
    for p in items:
        client = f"<br>Client sees: {_e(p.client_error)}" if p.client_error else ""
        parts.append(
            f"<li><b>{_e(p.code.value)}</b>: {_e(p.message)}"
            f"<br>Fix: {_e(p.fix)}{client}</li>"
        )
    return [*parts, "</ol>"]


def _decoded_html(d: Decoded, now: int, colors: StateColors) -> str:
    parts: list[str] = [verdict_html(d, colors)]
    parts += _listed(d.problems, colors.error, "✗ {n} problem{s}, most likely first")
    parts += _listed(
        d.warnings, colors.warn, "⚠ {n} warning{s} (the token still works)"
    )
    if d.claims:  # who made it, in the first look (support: "ask no customer")
        parts.append(f"<p><b>Made by</b> {_e(explain.made_by_text(d))}</p>")
    for note in d.notes:
        parts.append(f"<p>Note: {_e(note)}</p>")
    # The signature is said in the verdict; Made by above.
    hidden = {"Made by"} | (ACCOUNT_ROWS if redact.is_on() else set())
    rows = [r for r in explain.decoded_rows(d, now)[:-1] if r[0] not in hidden]
    parts.append(_table(rows))
    if d.claims and d.made_by.evidence:
        parts.append(
            f"<p><i>Made by, because: {_e('; '.join(d.made_by.evidence))}</i></p>"
        )
    if d.header is not None:
        parts.append(
            f"<h4 style='color:{colors.header.name()}'>Header</h4>"
            + _pre(json.dumps(d.header, ensure_ascii=False))
        )
    parts.append(
        f"<h4 style='color:{colors.claims.name()}'>Claims</h4>"
        + _pre(json.dumps(d.claims, ensure_ascii=False, indent=1))
    )
    return "".join(parts)


class DecodedView(QWidget):
    """A live countdown line above a rich-text view of a decoded token."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._decoded: Decoded | None = None
        self.countdown = QLabel()
        self.countdown.setAccessibleName("Time until the token expires")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Decoded token")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.countdown)
        layout.addWidget(self.browser, 1)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.show_placeholder("Nothing decoded yet.")

    @property
    def decoded(self) -> Decoded | None:
        return self._decoded

    def show_decoded(self, decoded: Decoded) -> None:
        self._decoded = decoded
        now = int(time.time())
        self.browser.setHtml(
            decoded_html(decoded, now, state_colors(QApplication.palette()))
        )
        self._on_timer_timeout()
        self._timer.start()

    def recolour(self) -> None:
        """After a theme switch: render again with the new palette's colours."""
        if self._decoded is not None:
            self.show_decoded(self._decoded)

    def show_placeholder(self, text: str) -> None:
        self._decoded = None
        self._timer.stop()
        self.countdown.clear()
        self.countdown.hide()
        self.browser.setHtml(f"<p>{_e(text)}</p>")

    def text(self) -> str:
        """What the view shows, as plain text (tests, screen readers)."""
        return self.countdown.text() + "\n" + self.browser.toPlainText()

    @Slot()
    def _on_timer_timeout(self) -> None:
        d = self._decoded
        if d is None or d.expires_at is None or d.expires_at > MAX_EXP_SECONDS:
            self.countdown.hide()
            return
        left = d.expires_at - int(time.time())
        when = format_utc(d.expires_at)
        if left >= 0:
            self.countdown.setText(f"Expires in {format_duration(left)} ({when})")
        else:
            self.countdown.setText(f"Expired {format_duration(left)} ago ({when})")
        self.countdown.show()
