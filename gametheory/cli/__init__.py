"""The ``gametheory`` command line: argument parsing and printing only.

:mod:`.main` holds the parser, the subcommands and :func:`main`; :mod:`.sweep` the
``sweep`` subcommand. ``python -m gametheory`` and ``python -m gametheory.cli`` run
:func:`main`, as does the installed ``gametheory`` script.
"""

from .loading import UsageError, load_game, parse_sets, with_values
from .main import build_parser, main

__all__ = ["main", "build_parser", "load_game", "parse_sets", "with_values", "UsageError"]
