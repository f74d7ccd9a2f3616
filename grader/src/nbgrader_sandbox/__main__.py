"""python -m nbgrader_sandbox: the command line (see :mod:`nbgrader_sandbox.cli`)."""

import sys

from nbgrader_sandbox.cli import main

sys.exit(main())
