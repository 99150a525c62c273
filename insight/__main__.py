"""Entry point for ``python -m insight``."""

import sys

from insight.cli import main

sys.exit(main())
