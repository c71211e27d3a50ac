"""``python -m gametheory.cli``: the ``gametheory`` command."""

import sys

from gametheory.cli.main import main

sys.exit(main())
