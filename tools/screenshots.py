"""Screenshots of the real window for the README (run under Xvfb: `make screenshot`).

Each scene is filled the way a user would, then the X screen is grabbed, so
what is saved is what a person would see. Test credentials only.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from opentok_studio.gui import theme
from opentok_studio.gui.mainwindow import MainWindow
from opentok_studio.gui.prefs import Prefs

ROOT = Path(__file__).resolve().parents[1]
VECTORS = ROOT.parent / "shared" / "vectors"
API_KEY = "46123457"
API_SECRET = "test-secret-0123456789abcdef0123456789abcdef"  # noqa: S105 - public test value
SID = "1_MX40NjEyMzQ1N35-MTc5MzQ5MTIwMDAwMH5RMmhoY0dWeWIyNWxWR1Z6ZEZObGN3flB-"


def make_scene(win: MainWindow) -> None:
    win.tabs.setCurrentIndex(0)
    win.form.session_id.setText(SID)
    win.form.data.setPlainText("name=Ann&team=qa")
    win.form.layout_classes.setText("focus full")
    win.form.expiry.set_preset(3600)
    win.generate()


def invalid_scene(win: MainWindow) -> None:
    win.tabs.setCurrentIndex(0)
    win.form.session_id.setText(SID)
    win.form.data.setPlainText("x" * 1004)


def decode_scene(win: MainWindow) -> None:
    cases = json.loads((VECTORS / "broken.json").read_text())["cases"]
    token = next(c for c in cases if c["name"] == "jwt-session-of-other-key")["token"]
    win.tabs.setCurrentIndex(1)
    win.decode_tab.session.setText(SID)
    win.decode_tab.client_error.setText("1004 The API key does not match the token")
    win.decode_tab.set_text(f"https://meet.example.com/join?token={token}")


def sdk_scene(win: MainWindow) -> None:
    """A customer's PHP-made token: who made it, no problem, two warnings."""
    variants = json.loads((VECTORS / "sdk-variants.json").read_text())
    case = next(
        c for c in variants["cases"] if c["name"] == "opentok-php-jwt-layout-focus-full"
    )
    creds = variants["credentials"]
    win.credentials.set_project(creds["api_key"], creds["api_secret"])
    win.tabs.setCurrentIndex(1)
    win.decode_tab.session.setText("")
    win.decode_tab.client_error.setText("")
    win.decode_tab.set_text(case["token"])


def scan_scene(win: MainWindow) -> None:
    """A customer's HAR dropped on the window: every token, which failed, why."""
    sys.path.insert(0, str(ROOT))  # the tests' realistic HAR fixture
    from tests.helpers.har import support_case

    win.credentials.set_project(API_KEY, API_SECRET)
    win.intake.take_text(support_case("chrome").text())
    win.scan_tab.wait()


def compare_scene(win: MainWindow) -> None:
    make_scene(win)
    works = win.result.current_token()
    win.form.role.setCurrentIndex(0)
    win.form.data.setPlainText("name=Ann&team=support")
    win.generate()
    win.tabs.setCurrentIndex(2)
    win.compare_tab.a.setPlainText(works)
    win.compare_tab.b.setPlainText(win.result.current_token())
    win.compare_tab.refresh()


def history_scene(win: MainWindow) -> None:
    """Three tokens of this run: roles, masked data, expiry and status."""
    make_scene(win)
    win.form.role.setCurrentIndex(0)
    win.form.data.setPlainText("name=Bob")
    win.generate()
    win.form.role.setCurrentIndex(3)
    win.form.data.setPlainText("")
    win.form.expiry.set_preset(900)
    win.generate()
    win.tabs.setCurrentIndex(3)


JOIN_URL = "https://demo.example.com/join?session={session_id}&token={token}"


def presenter_before_scene(win: MainWindow) -> None:
    """The Make tab as a presenter has it before View > Presenter mode."""
    win.prefs.join_url = JOIN_URL
    make_scene(win)


def presenter_scene(win: MainWindow) -> None:
    """On the projector: the QR code of the join link, no identifiers."""
    presenter_before_scene(win)
    win.presenter_action.setChecked(True)


def presenter_decode_scene(win: MainWindow) -> None:
    """The Decode tab on the projector: no key row, no key in any sentence."""
    decode_scene(win)
    win.presenter_action.setChecked(True)


def presenter_after_scene(win: MainWindow) -> None:
    """Left again: the window as it was before (#15)."""
    presenter_scene(win)
    QTimer.singleShot(150, lambda: win.presenter_action.setChecked(False))


def batch_scene(win: MainWindow) -> None:
    make_scene(win)
    win.open_batch()
    dialog = win.batch_dialog
    dialog.count.setValue(2500)
    dialog.template.setText("user-{n}")
    dialog.move(win.width() // 2 - 250, 120)
    dialog.start.click()


def production_scene(win: MainWindow) -> None:
    # A red profile, as support staff would see it; the keyring is in memory.
    bar = win.credentials.profiles
    if bar.combo.findData("customer-live") < 0:
        bar.save("customer-live", win.credentials.credentials(), key_path=None,
                 production=True, label="real customers")  # fmt: skip
    bar.choose("customer-live")
    win.make_tab.ask_production = lambda _name: True  # as if Yes was clicked
    make_scene(win)


def expiry_scene(win: MainWindow) -> None:
    """A typed expiry past the SDK limit: the reason, Generate disabled (#15)."""
    import time

    make_scene(win)
    later = time.localtime(time.time() + 40 * 86400)
    win.form.expiry.set_text(time.strftime("%Y%m%d1200", later))


def expired_scene(win: MainWindow) -> None:
    """An expired token, verdict first (#15)."""
    from opentok_studio.core.model import ProjectCredentials, TokenRequest
    from opentok_studio.core.signer import make_token

    token = make_token(TokenRequest(SID), ProjectCredentials(API_KEY, API_SECRET),
                       now=1790812800)  # fmt: skip
    win.tabs.setCurrentIndex(1)
    win.decode_tab.set_text(token)


def truncated_scene(win: MainWindow) -> None:
    """Half a token: no verdict of the whole one, Re-mint disabled (#15)."""
    make_scene(win)
    token = win.result.current_token()
    win.tabs.setCurrentIndex(1)
    win.decode_tab.set_text(token[: len(token) // 2])


SCENES: list[tuple[str, Callable[[MainWindow], None]]] = [
    ("make", make_scene),
    ("invalid", invalid_scene),
    ("decode", decode_scene),
    ("sdk", sdk_scene),
    ("scan", scan_scene),
    ("production", production_scene),
    ("compare", compare_scene),
    ("history", history_scene),
    ("batch", batch_scene),
    ("expiry", expiry_scene),
    ("expired", expired_scene),
    ("truncated", truncated_scene),
]
SIZES = [(1280, 800), (900, 600), (820, 600)]
#: Presenter mode at the projector sizes of #15, before, in and after it.
PRESENTER_SCENES: list[tuple[str, Callable[[MainWindow], None]]] = [
    ("presenter-before", presenter_before_scene),
    ("presenter", presenter_scene),
    ("presenter-after", presenter_after_scene),
    ("presenter-decode", presenter_decode_scene),
]
PRESENTER_SIZES = [(1280, 800), (1024, 768)]


def _memory_keyring(home: str) -> None:
    """Screenshots never touch the user's keyring or profiles."""
    import os

    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        store: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.store.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.store[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.store.pop((service, username), None)

    os.environ["XDG_CONFIG_HOME"] = home
    keyring.set_keyring(Memory())
    # The store accepts OS keyrings only (no plaintext fallback): this one
    # lives in this process's memory and dies with it, so it may stand in.
    # Without this the production scene showed "no profile named ..." (#14).
    from opentok_studio.store import secrets

    secrets.OS_BACKENDS = secrets.OS_BACKENDS | {
        (Memory.__module__, Memory.__qualname__)
    }


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # one window per scene
    settings_dir = tempfile.mkdtemp()
    _memory_keyring(settings_dir)
    shots: list[tuple[str, theme.Theme, tuple[int, int], Callable]] = [
        (name, mode, size, scene)
        for mode in (theme.Theme.LIGHT, theme.Theme.DARK)
        for sizes, scenes in ((SIZES, SCENES), (PRESENTER_SIZES, PRESENTER_SCENES))
        for size in sizes
        for name, scene in scenes
    ]

    def next_shot() -> None:
        if not shots:
            app.quit()
            return
        name, mode, (w, h), scene = shots.pop(0)
        theme.apply(app, mode)
        # One settings file per shot: the window remembers its profile and
        # session ID (#15), and a scene must not inherit the last one's.
        ini = QSettings(f"{settings_dir}/{name}-{mode.value}-{w}.ini",
                        QSettings.Format.IniFormat)  # fmt: skip
        prefs = Prefs(ini)
        prefs.theme = mode  # leaving presenter mode comes back to it
        win = MainWindow(prefs)
        win.credentials.set_project(API_KEY, API_SECRET)
        win.move(0, 0)
        win.resize(w, h)
        win.show()
        scene(win)

        def grab() -> None:
            try:
                path = out / f"{name}-{mode.value}-{w}x{h}.png"
                app.primaryScreen().grabWindow(0, 0, 0, w, h).save(str(path))
                print(path)
                win.presenter_action.setChecked(False)  # fonts back for the next
                win.close()
                win.deleteLater()
                QTimer.singleShot(100, next_shot)
            except Exception:
                app.exit(1)  # never hang a make target on a scripting error
                raise

        QTimer.singleShot(400, grab)

    QTimer.singleShot(0, next_shot)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
