"""What the subcommands share: loading a game from a command-line spec, reading
``--set`` values, the usage error and a figure for the image formats."""

from __future__ import annotations

import importlib
import importlib.util
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import GameError

if TYPE_CHECKING:
    from ..games.protocol import Game

_FILES = (".nfg", ".efg", ".json")
#: Payoff tables (NormalFormGame.from_csv / from_excel); two files as ``row.csv,col.csv``.
_TABLES = (".csv", ".xlsx", ".xlsm", ".xls")


class UsageError(Exception):
    """Bad input on the command line (exit code 2)."""


# ----------------------------------------------------------------- loading games
def _bundled() -> dict[str, str]:
    from ..models import MODELS

    return {k: v for k, v in MODELS.items() if k != "catalog"}


def load_game(spec: str) -> tuple[Game, str]:
    """The game named by ``spec`` and a short name for it (see the module docstring)."""
    from ..models import catalog

    suffix = Path(spec).suffix.lower()
    if suffix in _TABLES:
        return _load_tables(spec), Path(spec.split(",")[0]).stem
    if suffix == ".py" or suffix in _FILES:
        path = Path(spec)
        if not path.is_file():
            raise UsageError(f"no such file: {spec}")
        if suffix == ".py":
            return _load_py(path), path.stem
        try:
            if suffix == ".json":
                from ..io.jsonform import read_json

                return read_json(path), path.stem
            from ..io.gambit import read_gambit

            return read_gambit(path), path.stem
        except GameError as exc:     # a ParseError too
            raise UsageError(f"{spec}: {exc}") from exc
    if spec in _bundled():
        return importlib.import_module(f"gametheory.models.{spec}").build(), spec
    if spec in catalog.GAMES:
        return catalog.GAMES[spec](), spec
    known = [*_bundled(), *catalog.GAMES]
    raise UsageError(f"unknown game {spec!r}; known: {', '.join(known)} (or give a .py file "
                     "that defines build(), a .nfg, .efg or .json file, or a payoff table "
                     ".csv or .xlsx)")


def _load_tables(spec: str) -> Game:
    """A two-player game from one payoff table of pairs or two tables (``row.csv,col.csv``)."""
    from ..games.normal import NormalFormGame
    from ..io.spreadsheet import EXCEL_SUFFIXES

    paths = [spec] if Path(spec).is_file() else [p.strip() for p in spec.split(",")]
    for p in paths:
        if not Path(p).is_file():
            raise UsageError(f"no such file: {p}")
    suffixes = {Path(p).suffix.lower() in EXCEL_SUFFIXES for p in paths}
    if len(suffixes) != 1:
        raise UsageError(f"{spec}: give two CSV files or two Excel files, not one of each")
    read = NormalFormGame.from_excel if suffixes == {True} else NormalFormGame.from_csv
    try:
        return read(*paths)
    except GameError as exc:
        raise UsageError(str(exc)) from exc


def _load_py(path: Path) -> Game:
    module_spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(module_spec)
    try:
        module_spec.loader.exec_module(module)
    except Exception as exc:  # the user's file failed: say where, briefly
        raise UsageError(_user_error(path, "failed to load", exc)) from exc
    if not callable(getattr(module, "build", None)):
        raise UsageError(f"{path} defines no build() function")
    try:
        game = module.build()
    except Exception as exc:
        raise UsageError(_user_error(path, "build() failed", exc)) from exc
    from ..games.extensive import ExtensiveFormGame
    from ..games.normal import NormalFormGame

    if not isinstance(game, (NormalFormGame, ExtensiveFormGame)):
        raise UsageError(f"{path}: build() returned {type(game).__name__}; it must return a "
                         "NormalFormGame or an ExtensiveFormGame")
    return game


def _user_error(path: Path, what: str, exc: BaseException) -> str:
    """``<path>, line <n>: <what>: <Exception>: <message>``, the line being the last one of
    the user's file in the traceback (or the syntax error's line)."""
    target = path.resolve()
    line, text = None, str(exc)
    if isinstance(exc, SyntaxError) and exc.filename and Path(exc.filename).resolve() == target:
        line, text = exc.lineno, exc.msg
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if Path(frame.f_code.co_filename).resolve() == target:
            line = lineno
    where = f"{path}, line {line}" if line else str(path)
    return f"{where}: {what}: {type(exc).__name__}: {text} (--debug shows the traceback)"


def check_known(names: Sequence[str], free: Sequence[str], name: str) -> None:
    """A UsageError naming the first of ``names`` that is not a parameter of the game
    ``name`` (whose parameters are ``free``)."""
    unknown = [n for n in names if n not in free]
    if unknown:
        raise UsageError(f"unknown parameter {unknown[0]!r} of {name}; its parameters are "
                         f"{', '.join(free)}")


def parse_sets(items: Sequence[str] | None) -> dict[str, str]:
    """``["q=1/7", "rho=2"]`` -> ``{"q": "1/7", "rho": "2"}`` (values read later, exactly)."""
    out: dict[str, str] = {}
    for item in items or []:
        name, eq, value = item.partition("=")
        if not eq or not name.strip() or not value.strip():
            raise UsageError(f"--set {item!r}: expected name=value, e.g. q=1/7")
        out[name.strip()] = value.strip()
    return out


def with_values(game: Game, name: str, values: dict[str, str], defaults: bool) -> Game:
    """The game with ``values`` substituted and, with ``defaults``, every other free
    parameter at its declared default."""
    free = [p.name for p in game.parameters]
    if values and not free:
        raise UsageError(f"{name} has no parameters; --set {next(iter(values))} does not apply")
    subs: dict[str, Any] = dict(values)
    if defaults:
        info = game.parameter_info
        missing = [p for p in free if p not in subs and
                   (p not in info or info[p].default is None)]
        if missing:
            raise UsageError(f"parameter {missing[0]!r} of {name} has no default; give it a "
                             f"value with --set {missing[0]}=...")
        subs.update({p: info[p].default for p in free if p not in subs})
    return game.substitute(**subs) if subs else game


def require(module: str, what: str, install: str) -> None:
    """A UsageError at once when the optional ``module`` is missing, before any work:
    ``<what> <module>: pip install <install>`` (``what``: ``"figures need"``)."""
    if importlib.util.find_spec(module) is None:
        raise UsageError(f"{what} {module}: pip install {install}")


def require_matplotlib() -> None:
    """A UsageError at once when matplotlib (for figures) is missing."""
    require("matplotlib", "figures need", "'gametheory[plot]'")


def figure() -> Any:
    """A new matplotlib figure on the Agg backend; a UsageError without matplotlib."""
    require_matplotlib()
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt.figure(layout="constrained")


# ----------------------------------------------------------------- shared options
def add_method_option(parser: Any, what: str = "solver method") -> None:
    """``--method METHOD``: ``auto`` or a registered method, checked at once; the help
    lists the registry, one line per method."""
    from ..solvers.registry import METHODS

    lines = [f"{what} (default: auto):",
             "auto: a complete method where one applies, else the best available"]
    lines += [f"{m.name}: {m.summary}" for m in METHODS.values()]
    parser.add_argument("--method", default="auto", metavar="METHOD", type=method_name,
                        help="\n".join(lines))


def add_caption_options(parser: Any) -> None:
    """``--caption`` and ``--label`` for a command that writes a LaTeX table (a ``table``
    float with ``\\caption`` and ``\\label``; a longtable takes them as its first row)."""
    parser.add_argument("--caption", metavar="TEXT",
                        help="LaTeX tables: the caption, as LaTeX (write \\& for &)")
    parser.add_argument("--label", metavar="KEY", help="LaTeX tables: the \\label key")


def caption_options(args: Any) -> dict[str, Any]:
    """``{"caption": ..., "label": ...}`` from the command line, for the table writers."""
    return {"caption": getattr(args, "caption", None), "label": getattr(args, "label", None)}


def method_name(text: str) -> str:
    """``auto`` or the name of a registered method (a SolverError naming them otherwise)."""
    from ..solvers.registry import get_method

    return text if text == "auto" else get_method(text).name


def json_text(data: Any) -> str:
    """The JSON that a command prints: indented, every float to 15 significant digits
    (:func:`~gametheory.io.formats.decimal_text`, so no float noise such as
    ``-7.779999999999999``); exact numbers are already strings. A non-finite float
    (NaN, +-infinity) has no JSON number, so it is printed as ``null``, as a missing
    value and as the JSON game files write an open (infinite) side of a domain; the
    output never holds the invalid ``NaN``/``Infinity`` that :func:`json.dumps` writes.

    >>> print(json_text({"p": [0.1 + 0.2, "2/3", 3], "q": float("nan")}))
    {
      "p": [
        0.3,
        "2/3",
        3
      ],
      "q": null
    }
    """
    import json

    return json.dumps(_rounded(data), indent=2, allow_nan=False)


def _rounded(x: Any) -> Any:
    """``x`` with every float rounded for :func:`json_text`, non-finite ones as None."""
    import math

    from ..io.formats import decimal_text

    if isinstance(x, float):
        return float(decimal_text(x)) if math.isfinite(x) else None
    if isinstance(x, dict):
        return {k: _rounded(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_rounded(v) for v in x]
    return x


def numbered_from_1(record: dict[str, Any], keys: Sequence[str] = ("equilibrium",)
                    ) -> dict[str, Any]:
    """A record of a result's ``records()`` with the indices under ``keys`` numbered from
    1, as everything the commands print (Python's records count from 0).

    >>> numbered_from_1({"region": 0, "equilibrium": 2, "p": 0.5}, ("region", "equilibrium"))
    {'region': 1, 'equilibrium': 3, 'p': 0.5}
    """
    import numbers

    return {**record, **{k: int(record[k]) + 1 for k in keys
                         if isinstance(record.get(k), numbers.Integral)
                         and not isinstance(record.get(k), bool)}}


def check_out_directory(path: str) -> None:
    """A UsageError at once, before any work, when the directory of ``--out`` is missing.

    >>> check_out_directory("no/such/dir/r.html")
    Traceback (most recent call last):
    ...
    gametheory.cli.loading.UsageError: --out no/such/dir/r.html: no directory no/such/dir
    """
    parent = Path(path).parent
    if not parent.is_dir():
        raise UsageError(f"--out {path}: no directory {parent}")
