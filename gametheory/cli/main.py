"""The ``gametheory`` command: argument parsing and printing only.

    gametheory models                       the bundled models: parameters, defaults, meanings
    gametheory solve MODEL [--set k=v ...] [--method M] [--exact | --float]
                     [--format text|json|latex|md|csv|html]
    gametheory sweep [MODEL] --vary q=0:1:1001 [--vary rho=0:10:51] [--set k=v ...]
                     [--out FILE] [--jobs N | --scheduler ADDRESS]
    gametheory uncertainty [MODEL] --dist q=beta:2:5 [--set k=v ...] [--n 1024] [--sobol Q]
    gametheory map MODEL --vary q,r [--set k=v ...] [--format text|latex|table|json]
    gametheory report MODEL [--set k=v ...] [--vary q=0:1:1001] [--uncertain q=0.2:0.6]
                     [--sobol Q] --out report.html|report.pdf|report.tex
    gametheory table MODEL [--set k=v ...] --format latex|md|csv|html
    gametheory tree MODEL [--set k=v ...] --format tikz|png [--out FILE]
    gametheory convert IN OUT               between .nfg, .efg and .json

MODEL is a bundled model (``gametheory models``), a catalog game (``chicken``), a ``.py``
file that defines ``build()``, or a ``.nfg``, ``.efg`` or ``.json`` file. ``solve`` and
``sweep`` give the parameters not set their declared defaults; ``table`` and ``tree`` keep
them symbolic (``table`` of a tree is its reduced normal form). Bad input prints one line
on stderr and exits with code 2 (``--debug`` shows the traceback).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import re
import sys
import warnings
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import GameError, SolverError
from .loading import (
    _FILES,
    UsageError,
    _bundled,
    add_caption_options,
    add_method_option,
    caption_options,
    figure,
    json_text,
    load_game,
    parse_sets,
    require_matplotlib,
    with_values,
)

DEFAULT_GAME = "chicken"
DEFAULT_MODEL = "ukraine_guarantees"


class _Formatter(argparse.HelpFormatter):
    """argparse's help, except that a help text with line breaks keeps them (the list
    of methods under ``--method``, one per line)."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        if "\n" in text:
            return text.splitlines()
        return super()._split_lines(text, width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # one line, exit code 2, no usage dump
        raise UsageError(message)


def _model(args: Any, defaults: bool) -> tuple[Any, str]:
    game, name = load_game(args.game)
    return with_values(game, name, parse_sets(args.set), defaults), name


# ----------------------------------------------------------------- commands
def _cmd_models(args: Any) -> int:
    from ..models import catalog

    for name, text in _bundled().items():
        module = importlib.import_module(f"gametheory.models.{name}")
        print(f"{name}: {text}")
        params = getattr(module, "PARAMETERS", {})
        width = max((len(k) for k in params), default=0)
        for k, (default, domain, meaning, *_) in params.items():
            lo, hi = (str(x) for x in domain)
            print(f"    {k:<{width}}  = {str(default):<7} in [{lo}, {hi}]  {meaning}")
    print("catalog (no parameters): " + ", ".join(catalog.GAMES))
    print("\nUse one: gametheory solve ukraine_guarantees --set q=1/7; "
          "gametheory sweep ukraine_guarantees --vary q=0:1:1001")
    return 0


def _jsonable(x: Any) -> Any:
    """Results as JSON, one encoding for every number (as in the game files of
    :mod:`gametheory.io.jsonform`): an exact number is a string (``"2"``, ``"2/3"``,
    ``"sqrt(2)/2"``), a float a JSON number to 15 significant digits
    (:func:`~gametheory.io.formats.decimal_text`).

    >>> import sympy
    >>> _jsonable({"p": [Fraction(2), Fraction(2, 3), 0.1 + 0.2, True, sympy.Float(0.5)]})
    {'p': ['2', '2/3', 0.3, True, 0.5]}
    """
    from ..io.formats import decimal_text

    if isinstance(x, (bool, np.bool_, str)) or x is None:
        return bool(x) if isinstance(x, np.bool_) else x
    if isinstance(x, (float, np.floating)) or getattr(x, "is_Float", False):
        return float(decimal_text(float(x)))           # a sympy Float too: a float
    if isinstance(x, (int, np.integer, Fraction)):
        return str(x)
    if hasattr(x, "tolist"):
        return _jsonable(x.tolist())
    if isinstance(x, dict):
        return {k: _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_jsonable(v) for v in x]
    if getattr(x, "is_Rational", False):
        return str(Fraction(str(x)))
    if getattr(x, "is_number", False):           # an algebraic number, e.g. sqrt(2)/2
        return str(x)
    return x


def _cmd_solve(args: Any) -> int:
    from ..solvers import solve

    game, _ = _model(args, defaults=True)
    exact = args.exact or (game.kind == "exact" and not args.float)
    sol = solve(game, method=args.method, exact=exact)
    if args.format == "json":
        out = {"method": sol.method, "complete": sol.complete, "exact": sol.exact,
               "players": list(game.players),
               "equilibria": [{"payoffs": _jsonable(list(eq.payoffs))} for eq in sol.equilibria],
               "notes": list(sol.notes)}
        for d, eq in zip(out["equilibria"], sol.equilibria):
            if eq.strategies:
                d["strategies"] = _jsonable(list(eq.strategies))
            if eq.behavior is not None:
                d["behavior"] = _jsonable(dict(eq.behavior))
            if eq.label:
                d["label"] = eq.label
            if eq.beliefs:
                d["beliefs"] = _jsonable(dict(eq.beliefs))
            if eq.belief_ranges:
                d["belief_ranges"] = {h: {"condition": str(r), "nodes": list(r.nodes),
                                          "vertices": _jsonable([list(v) for v in r.vertices])}
                                      for h, r in eq.belief_ranges.items()}
        if not game.is_tree:
            out["strategies"] = [list(s) for s in game.strategies]
        print(json_text(out))
    elif args.format != "text":                     # a table format of io.formats
        from ..io.tables import equilibrium_table

        print(equilibrium_table(sol, format=args.format, **caption_options(args)))
    else:
        print(game)
        print()
        print(_solution_text(sol))
    return 0


def _solution_text(sol: Any) -> str:
    """The solution as ``print(sol)`` shows it, but with the equilibria numbered from 1,
    as in the tables and the sweep's report (Python's ``sol.equilibria[k]`` is number
    k + 1): the ``[k]`` before each equilibrium and the lists of equilibria that a
    component joins (``component joining equilibria [1, 2]``, ``component joining
    assessments [1, 2]`` and its ``between [1, 2]`` lines)."""
    lines, k = str(sol).splitlines(), 0
    for i, line in enumerate(lines):
        if k < len(sol.equilibria) and line.startswith(f"  [{k}] "):
            lines[i] = f"  [{k + 1}] {line[len(f'  [{k}] '):]}"
            k += 1
        elif _COMPONENT_LINE.match(line):
            lines[i] = _COMPONENT_LINE.sub(
                lambda m: m.group(1) + "[" + ", ".join(
                    str(int(n) + 1) for n in m.group(2).split(",")) + "]", line, count=1)
    return "\n".join(lines)


#: A line of ``str(solution)`` that lists equilibria by their indices (from 0).
_COMPONENT_LINE = re.compile(
    r"^(  component joining (?:equilibria|assessments) |    between )\[([\d, ]+)\]")


def _cmd_table(args: Any) -> int:
    from ..io.tables import payoff_table

    game, _ = _model(args, defaults=False)
    if game.is_tree:
        game = game.to_normal_form()
    print(payoff_table(game, format=args.format, **caption_options(args)))
    return 0


def _cmd_tree(args: Any) -> int:
    if args.format == "png":
        require_matplotlib()              # before any work
        if args.out:
            _check_suffix(args.out, (".png", ".pdf", ".svg"), "tree --format png")
    elif args.out and Path(args.out).suffix.lower() in (".png", ".pdf", ".svg"):
        raise UsageError(f"--format tikz writes LaTeX, not {args.out!r}; for a figure give "
                         "--format png (which writes .png, .pdf or .svg)")
    game, name = _model(args, defaults=False)
    if not game.is_tree:
        raise UsageError(f"{name} is a normal-form game; it has no tree (try gametheory table)")
    view = {"direction": args.direction, "infoset": args.infoset, "collapse": args.collapse,
            "subtree": args.subtree or None}      # a path as tree_tikz reads "a/b"
    if args.format == "tikz":
        from ..io.tikz import tree_tikz

        text = tree_tikz(game, standalone=args.standalone, istgame=args.istgame, **view)
        if args.out:
            Path(args.out).write_text(text + "\n", encoding="utf-8")
        else:
            print(text)
        return 0
    if args.istgame:
        raise UsageError("--istgame is for --format tikz")
    out = args.out or f"{name}.png"
    _check_suffix(out, (".png", ".pdf", ".svg"), "tree --format png")
    figure()                                  # matplotlib on the Agg backend
    from ..io.plots import plot_tree

    ax = plot_tree(game, **view)              # a figure sized to the tree's layout
    ax.figure.savefig(out, dpi=150)
    print(f"wrote {out}")
    return 0


def _check_suffix(path: str, allowed: tuple[str, ...], what: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in allowed:
        raise UsageError(f"{what} writes {', '.join(allowed)} files; got {path!r}")
    return suffix


def _cmd_convert(args: Any) -> int:
    game, name = load_game(args.input)
    game = with_values(game, name, parse_sets(args.set), defaults=False)
    suffix = _check_suffix(args.output, _FILES, "convert")
    if suffix == ".json":
        from ..io.jsonform import write_json

        write_json(game, args.output)
    else:
        from ..io.gambit import write_gambit

        if suffix == ".efg" and not game.is_tree:
            raise UsageError(f"{args.input} is a normal-form game; write it as .nfg or .json")
        if suffix == ".nfg" and game.is_tree:
            game = game.to_normal_form()
        write_gambit(game, args.output)
    print(f"wrote {args.output}")
    return 0


# ----------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``gametheory`` command."""
    p = _Parser(prog="gametheory", description="Game-theoretic modelling: equilibria of "
                "games and how they move with parameters.")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    from .. import __version__

    p.add_argument("--version", action="version", version=f"gametheory {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("models", help="the bundled models: parameters, defaults and meanings")

    def model_args(s: argparse.ArgumentParser, default: str | None, nargs: str = "?") -> None:
        s.add_argument("game", nargs=nargs, default=default, metavar="MODEL",
                       help="bundled model, catalog game, .py file defining build(), "
                            ".nfg/.efg/.json file, or payoff table .csv/.xlsx (two: "
                            "row.csv,col.csv)" + (f" (default: {default})" if default
                                                  else ""))
        s.add_argument("--set", action="append", metavar="NAME=VALUE",
                       help="fix a parameter (repeatable; exact: 1/7)")

    s = sub.add_parser("solve", help="compute the equilibria of a game",
                       epilog="gt.show_method(NAME) in Python describes a method in full.")
    model_args(s, DEFAULT_GAME)
    add_method_option(s)
    arithmetic = s.add_mutually_exclusive_group()
    arithmetic.add_argument("--exact", action="store_true",
                            help="exact rational arithmetic (the default when all payoffs "
                                 "are exact)")
    arithmetic.add_argument("--float", action="store_true",
                            help="floating point even for exact payoffs")
    from ..io.formats import FORMATS

    s.add_argument("--format", choices=["text", "json", *FORMATS], default="text")
    add_caption_options(s)

    from .sweep import add_sweep_parser, cmd_sweep

    add_sweep_parser(sub, model_args)
    from .uncertainty import add_uncertainty_parser, cmd_uncertainty

    add_uncertainty_parser(sub, model_args)
    from .map import add_map_parser, cmd_map

    add_map_parser(sub, model_args)
    from .report import add_report_parser, cmd_report

    add_report_parser(sub, model_args)

    s = sub.add_parser("table", help="the payoff table of a game")
    model_args(s, None, nargs=None)
    s.add_argument("--format", choices=list(FORMATS), default="latex")
    add_caption_options(s)

    s = sub.add_parser("tree", help="the game tree as TikZ or a figure")
    model_args(s, None, nargs=None)
    s.add_argument("--format", choices=["tikz", "png"], default="tikz")
    s.add_argument("--out", metavar="FILE", help="where to write (png default: MODEL.png)")
    s.add_argument("--standalone", action="store_true",
                   help="TikZ as a complete LaTeX document")
    s.add_argument("--subtree", metavar="PATH",
                   help="draw the part after these actions, e.g. NATO/revisionist")
    s.add_argument("--infoset", metavar="LABEL",
                   help="draw the subtrees at this information set's nodes side by side")
    s.add_argument("--collapse", action=argparse.BooleanOptionalAction, default=None,
                   help="draw a subtree that repeats an earlier one (up to renaming "
                        "parameters) once, with a note (default: only when the whole tree "
                        "would be shrunk below 80%%)")
    s.add_argument("--direction", choices=["down", "right"],
                   help="the direction the tree grows (default: the one that fits better)")
    s.add_argument("--istgame", action="store_true",
                   help="TikZ through the istgame package (\\usepackage{istgame})")

    s = sub.add_parser("convert", help="convert a game between .nfg, .efg and .json")
    s.add_argument("input", metavar="IN", help="a game, as MODEL of the other commands")
    s.add_argument("output", metavar="OUT", help="the file to write: .nfg, .efg or .json")
    s.add_argument("--set", action="append", metavar="NAME=VALUE",
                   help="fix a parameter before writing (repeatable; exact: 1/7); Gambit "
                        "files need every parameter fixed, JSON keeps the others")
    for s in sub.choices.values():   # also after the command: gametheory solve x.py --debug
        s.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                       help="show tracebacks")
    p.set_defaults(_sweep=cmd_sweep, _uncertainty=cmd_uncertainty, _map=cmd_map,
                   _report=cmd_report)
    return p


def _show_warning(message: Warning | str, category: type[Warning], filename: str,
                  lineno: int, file: Any = None, line: str | None = None) -> None:
    """A warning as one line on stderr, without the source line Python prints by default.

    >>> _show_warning(UserWarning("two\\n  lines"), UserWarning, "x.py", 3, sys.stdout)
    gametheory: warning: two lines (UserWarning)
    """
    text = " ".join(str(message).split())
    print(f"gametheory: warning: {text} ({category.__name__})",
          file=sys.stderr if file is None else file)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gametheory`` command; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        args = build_parser().parse_args(argv)
        commands = {"models": _cmd_models, "solve": _cmd_solve, "sweep": args._sweep,
                    "uncertainty": args._uncertainty, "map": args._map,
                    "report": args._report,
                    "table": _cmd_table, "tree": _cmd_tree, "convert": _cmd_convert}
        with warnings.catch_warnings():   # restores showwarning afterwards
            warnings.showwarning = _show_warning
            return commands[args.command](args)
    except BrokenPipeError:          # e.g. `gametheory sweep | head`: stop quietly
        sys.stdout = None
        return 0
    except (UsageError, GameError, SolverError, OSError) as exc:   # GameError: ParseError too
        if debug:
            raise
        text = " ".join(str(exc).split()) if not isinstance(exc, OSError) or not \
            exc.filename else f"{exc.strerror}: {exc.filename}"
        print(f"gametheory: error: {text}", file=sys.stderr)
        return 2
