# OpenTok Studio: `make run` opens the window, `make test` runs every test.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_DIR := tests/node
NODE_STAMP := $(NODE_DIR)/node_modules/.installed

.PHONY: run test test-keyring test-atspi node-sdks dist dist-test icons bench lint format clean screenshot

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/opentok-studio gui

# pytest exit 5 (no tests collected) must fail, never pass silently.
test: $(STAMP) node-sdks
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "error: pytest collected no tests"; exit 1; fi; \
	[ $$rc -eq 0 ] || exit $$rc
	$(MAKE) --no-print-directory test-keyring
	$(MAKE) --no-print-directory test-atspi

# The real Secret Service: gnome-keyring in a private D-Bus session, unlocked
# for the run, with a throw-away HOME (Debian: dbus gnome-keyring). CI must run it.
test-keyring: $(STAMP)
	@if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then \
	  if [ -n "$$CI" ]; then echo "error: CI needs dbus and gnome-keyring for the keyring test"; exit 1; fi; \
	  echo "NOTE: real keyring test NOT run: apt-get install dbus gnome-keyring"; exit 0; fi; \
	home=$$(mktemp -d); mkdir -m 700 $$home/run; \
	HOME=$$home XDG_DATA_HOME=$$home/data XDG_CONFIG_HOME=$$home/config XDG_RUNTIME_DIR=$$home/run \
	dbus-run-session -- sh -c 'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && \
	  exec $(CURDIR)/$(BIN)/python -m pytest -q -p no:cacheprovider -m secret_service tests/integration' \
	  2> >(grep -v "fd limit" >&2); rc=$$?; rm -rf $$home; \
	if [ $$rc -eq 5 ]; then echo "error: the keyring test was not collected"; exit 1; fi; exit $$rc

# The window as a screen reader sees it, over the real Linux accessibility bus:
# the test starts its own Xvfb, D-Bus session and AT-SPI bus and ends them by
# PID; its client is the system python3 with pyatspi. CI must run it.
ATSPI_APT := xvfb dbus at-spi2-core python3-pyatspi gir1.2-atspi-2.0 dbus-x11 xdotool
test-atspi: $(STAMP)
	@if ! command -v Xvfb >/dev/null || ! command -v dbus-daemon >/dev/null \
	    || ! command -v xdotool >/dev/null || [ ! -x /usr/libexec/at-spi-bus-launcher ] \
	    || ! /usr/bin/python3 -c 'import pyatspi' 2>/dev/null; then \
	  if [ -n "$$CI" ]; then echo "error: CI needs the AT-SPI test's tools: apt-get install $(ATSPI_APT)"; exit 1; fi; \
	  echo "NOTE: real AT-SPI test NOT run: apt-get install $(ATSPI_APT)"; exit 0; fi; \
	$(BIN)/python -m pytest -q -p no:cacheprovider -m atspi tests/integration; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "error: the AT-SPI test was not collected"; exit 1; fi; exit $$rc

# The official Node SDKs the tests run (tests/node, pinned by its lock; Debian:
# nodejs npm). npm ci only when the lock changes. They need a node that can
# require() ES modules (>= 20.19: uuid 13, node-fetch 3); Debian bookworm's 18
# cannot. Without one the Node SDK tests say so and skip; in CI they fail.
node-sdks: $(NODE_STAMP)

$(NODE_STAMP): $(NODE_DIR)/package.json $(NODE_DIR)/package-lock.json
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null; then \
	  if [ -n "$$CI" ]; then echo "error: CI needs node and npm for the Node SDK tests"; exit 1; fi; \
	  echo "NOTE: Node SDK tests will NOT run: apt-get install nodejs npm"; exit 0; fi; \
	if [ "$$(node -p 'process.features.require_module === true')" != true ]; then \
	  if [ -n "$$CI" ]; then echo "error: node $$(node -v) cannot load the Node SDKs (needs >= 20.19)"; exit 1; fi; \
	  echo "NOTE: Node SDK tests will NOT run: node $$(node -v) is older than 20.19"; exit 0; fi; \
	npm ci --prefix $(NODE_DIR) --no-audit --no-fund --loglevel=error && touch $@

icons: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/icons.py

# The one-folder app: dist/opentok-studio/opentok-studio (PyInstaller).
dist: $(STAMP)
	$(BIN)/python -m pip install -q 'pyinstaller>=6.10'
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
	  --distpath dist --workpath build/pyinstaller packaging/opentok-studio.spec
	@du -sh dist/opentok-studio | sed 's/^/folder size: /'

# The frozen app works without Python: version, a token, a decode, the window.
dist-test: dist
	bash packaging/smoke.sh dist/opentok-studio/opentok-studio
	rm -rf build/pipcheck && $(PY) -m venv build/pipcheck
	build/pipcheck/bin/python -m pip install -q .
	build/pipcheck/bin/opentok-studio --version
	test -x build/pipcheck/bin/opentok-studio-gui && echo "pip install . OK: both entry points"

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# A real window under Xvfb (Debian: xvfb xauth and Qt's xcb libraries, see .ci/run).
screenshot: $(STAMP)
	timeout 300 xvfb-run -a -s "-screen 0 1280x800x24" $(BIN)/python tools/screenshots.py docs/screenshots

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy opentok_studio

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
