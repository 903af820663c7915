"""The frozen app's entry: the same `opentok-studio` CLI; no command opens the window."""

import sys

from opentok_studio.cli import main

if __name__ == "__main__":
    sys.exit(main())
