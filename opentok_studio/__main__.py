"""`python -m opentok_studio` runs the command line."""

import sys

from opentok_studio.cli import main

sys.exit(main())
