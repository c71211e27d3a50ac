"""The ``gametheory`` command line: argument parsing and printing only.

:mod:`.main` holds the parser, the subcommands and :func:`main`; :mod:`.sweep` the
``sweep`` subcommand. ``python -m gametheory`` and ``python -m gametheory.cli`` run
:func:`main`, as does the installed ``gametheory`` script.
"""

from .main import UsageError, build_parser, load_game, main, parse_sets, with_values

__all__ = ["main", "build_parser", "load_game", "parse_sets", "with_values", "UsageError"]
