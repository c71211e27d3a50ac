"""``gametheory map``: the equilibrium map of a model in one to three parameters.

``gametheory map MODEL --vary q,r [--set k=v ...] [--format text|latex|table|json]``
prints :func:`gametheory.equilibrium_map`: each region's condition, its equilibria and
payoffs in closed form (``latex``: an itemised statement; ``table``: a booktabs table;
``json``: the records, notes and completeness).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import GameError
from .loading import add_method_option, json_text, numbered_from_1

__all__ = ["add_map_parser", "cmd_map"]


def add_map_parser(sub: Any, model_args: Callable) -> None:
    """Add the ``map`` subcommand to the subparsers ``sub``."""
    s = sub.add_parser("map", help="regions of the parameter space with their equilibria "
                                   "in closed form")
    model_args(s, None, nargs=None)
    s.add_argument("--vary", required=True, metavar="NAMES",
                   help="the mapped parameters, comma-separated (one to three), e.g. q,r")
    s.add_argument("--seed", type=int, default=0, help="seed of the sample points (default: 0)")
    add_method_option(s, "the registered method whose candidate source gives the "
                         "conditions and whose exact solves are compared")
    s.add_argument("--format", choices=["text", "latex", "table", "json"], default="text")


def cmd_map(args: Any) -> int:
    """Run ``gametheory map``; returns the exit code."""
    from ..games.expr import parse_number
    from ..sensitivity.equilibrium_map import equilibrium_map
    from .loading import UsageError, check_known, load_game, parse_sets

    game, name = load_game(args.game)
    free = [p.name for p in game.parameters]
    if not free:
        raise UsageError(f"{name} has no parameters to map")
    names = [n.strip() for n in args.vary.split(",") if n.strip()]
    if not names:
        raise UsageError("--vary needs parameter names, e.g. --vary q,r")
    check_known(names, free, name)
    sets = parse_sets(args.set)
    check_known(list(sets), free, name)
    both = sorted(set(sets) & set(names))
    if both:
        raise UsageError(f"{both[0]} is both in --vary and --set; drop one")
    if args.seed < 0:
        raise UsageError(f"--seed must be a non-negative integer; got {args.seed}")
    try:
        fixed = {k: parse_number(v, where=f"--set {k}={v}") for k, v in sets.items()}
    except GameError as exc:
        raise UsageError(str(exc)) from None
    emap = equilibrium_map(game, names, seed=args.seed, method=args.method, **fixed)
    if args.format == "json":
        print(json_text({"model": name, "parameters": list(emap.parameters),
                          "complete": emap.complete, "notes": list(emap.notes),
                          "regions": [{"condition": r.text, "verified": r.verified,
                                       "closed_form": r.closed_form,
                                       "point": {k: str(v) for k, v in r.point.items()},
                                       "equilibria": r.lines()} for r in emap],
                          "records": [numbered_from_1(r, ("region", "equilibrium"))
                                      for r in emap.records()]}))
    elif args.format in ("latex", "table"):
        print(emap.to_latex("itemize" if args.format == "latex" else "table"))
    else:
        print(emap)
    return 0
