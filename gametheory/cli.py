"""The ``gametheory`` command: argument parsing and printing only.

    gametheory models                      list the bundled models and example games
    gametheory solve [GAME] [--method M] [--exact | --float] [--format text|json]

GAME is a catalog game name (default ``chicken``) or a ``.py`` file that defines
``build()`` returning a game. Bad input prints one line on stderr and exits with code 2.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from .errors import GameError, ParseError, SolverError

DEFAULT_GAME = "chicken"


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit code 2, no usage dump
        raise _UsageError(message)


def _load_game(spec: str):
    from .models import catalog

    if spec.endswith(".py"):
        path = Path(spec)
        if not path.is_file():
            raise _UsageError(f"no such file: {spec}")
        module_spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(module_spec)
        try:
            module_spec.loader.exec_module(module)
        except Exception as exc:  # the user's file failed: say where, briefly
            raise _UsageError(f"{spec} failed to load: {type(exc).__name__}: {exc}") from exc
        if not hasattr(module, "build"):
            raise _UsageError(f"{spec} defines no build() function")
        return module.build()
    if spec in catalog.GAMES:
        return catalog.GAMES[spec]()
    raise _UsageError(f"unknown game {spec!r}; known: {', '.join(catalog.GAMES)} "
                      "(or give a .py file that defines build())")


def _jsonable(x: Any) -> Any:
    if isinstance(x, Fraction):
        return str(x) if x.denominator != 1 else x.numerator
    if hasattr(x, "tolist"):
        return _jsonable(x.tolist())
    if isinstance(x, (list, tuple)):
        return [_jsonable(v) for v in x]
    return x


def _cmd_models(args) -> int:
    from .models import MODELS, catalog

    for name, text in MODELS.items():
        print(f"{name:12s} {text}")
    print("\ncatalog games: " + ", ".join(catalog.GAMES))
    return 0


def _cmd_solve(args) -> int:
    from .solvers import solve

    game = _load_game(args.game)
    exact = args.exact or (game.is_exact and not args.float)
    sol = solve(game, method=args.method, exact=exact)
    if args.format == "json":
        out = {"method": sol.method, "complete": sol.complete, "exact": sol.exact,
               "players": list(game.players),
               "strategies": [list(s) for s in game.strategies],
               "equilibria": [{"strategies": _jsonable(list(eq.strategies)),
                               "payoffs": _jsonable(list(eq.payoffs))}
                              for eq in sol.equilibria],
               "notes": list(sol.notes)}
        print(json.dumps(out, indent=2))
    else:
        print(game)
        print()
        print(sol)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``gametheory`` command."""
    p = _Parser(prog="gametheory", description="Game-theoretic modelling: equilibria of games.")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("models", help="list bundled models and example games")
    s = sub.add_parser("solve", help="compute the equilibria of a game")
    s.add_argument("game", nargs="?", default=DEFAULT_GAME,
                   help=f"catalog game name or .py file defining build() "
                        f"(default: {DEFAULT_GAME})")
    s.add_argument("--method", default="auto", help="solver method (default: auto)")
    s.add_argument("--exact", action="store_true",
                   help="exact rational arithmetic (the default when all payoffs are exact)")
    s.add_argument("--float", action="store_true", help="floating point even for exact payoffs")
    s.add_argument("--format", choices=["text", "json"], default="text")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gametheory`` command; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        args = build_parser().parse_args(argv)
        return {"models": _cmd_models, "solve": _cmd_solve}[args.command](args)
    except (_UsageError, GameError, SolverError, ParseError) as exc:
        if debug:
            raise
        print(f"gametheory: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
