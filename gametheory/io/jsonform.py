"""Games as JSON: a small, documented form that ``gametheory convert`` reads and writes.

A normal-form game::

    {"format": "gametheory", "version": 1, "type": "normal", "title": "Chicken",
     "players": ["Driver 1", "Driver 2"],
     "strategies": [["Swerve", "Straight"], ["Swerve", "Straight"]],
     "payoffs": [[[0, -1], [1, -10]], [[0, 1], [-1, -10]]]}

``payoffs`` holds one array per player, indexed by the players' strategies in order
(rows are the first player's strategies). A game tree::

    {"format": "gametheory", "version": 1, "type": "extensive", "title": "Entry",
     "players": ["Entrant", "Incumbent"],
     "root": {"player": "Entrant", "infoset": "Entrant", "moves": [
                ["out", {"payoffs": [0, 2]}],
                ["enter", {"player": "Incumbent", "infoset": "Incumbent", "moves": [
                   ["fight", {"payoffs": [-1, -1]}],
                   ["accommodate", {"payoffs": [1, 1]}]]}]]}}

A node is a decision (``player``, ``infoset`` label, ``moves``: ``[action, node]`` pairs;
nodes sharing an ``infoset`` label form one information set), a chance node
(``chance``: ``[outcome, probability, node]`` triples) or a terminal (``payoffs``, one
per player).

The writer's encoding, one rule for every number: an exact number (integer, fraction,
irrational or symbolic expression) is a string, a float a JSON number, so ``2`` never
stands beside ``"2/3"`` and a reader knows which numbers are exact by their type:
``"payoffs": [["2", "-1/3"], ...]`` but ``[[2.0, 0.25], ...]`` for a float game.

The reader takes numbers as JSON numbers (finite) or strings, read exactly by the restricted parser
:mod:`gametheory.games.expr` (never by ``eval``/``sympify``): ``"3/5"``, ``"0.1"`` (1/10),
``"1e-3"``, ``"sqrt(2)/2"``, or an expression in the file's declared parameters with
``+ - * / **``, parentheses and ``sqrt``, ``exp``, ``log``, ``min``, ``max``
(``"1 - q"``). A parametric game declares its parameters at the top level, as names or
as objects with the metadata of :class:`gametheory.Parameter`::

    "parameters": ["q", {"name": "rho", "default": "1/2", "domain": [0, null],
                         "description": "reputation cost"}]

``domain`` is ``[lo, hi]``, ``null`` for an open side. Any other name in an entry
(a typo such as ``"tyop"``, or ``"NaN"``, ``"inf"``) is an error naming the cell;
declared parameters that no entry uses are ignored. :func:`to_json` writes the list for
every parametric game; files with numbers only need none.
"""

from __future__ import annotations

import functools
import json
import math
import os
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import GameError, ParseError
from ..games.values import exact_number
from ._gambit_lexer import _MAX_DIGITS

if TYPE_CHECKING:
    from ..games.normal import NormalFormGame
    from ..games.protocol import Game

__all__ = ["to_json", "from_json", "read_json", "write_json", "FORMAT", "VERSION"]

FORMAT, VERSION = "gametheory", 1
# a tree nests 3 JSON levels per move; Python's json reader stops near 1000 levels (its
# recursion limit, less the caller's stack), so deeper trees are refused by the writer
MAX_TREE_DEPTH = 250


def _out(x: Any, where: Callable[[], str] = lambda: "an entry") -> Any:
    """A payoff or probability as JSON, exactly: an exact number as a string (``"2"``,
    ``"-1/3"``), a float as a JSON number (the shortest decimal that reads back as the
    same float), sympy expressions as strings that the JSON reader parses back to the
    same value. So a JSON number is always a float and a string always exact.

    Refused with a GameError naming the entry (``where()``): numbers of more than 4000
    digits, and expressions outside the reader's grammar (``pi``, ``sin``, ``Abs``, ...).

    >>> import sympy
    >>> _out(sympy.sqrt(2) / 2), _out(1 - sympy.E), _out(Fraction(-1, 3)), _out(2), _out(0.1)
    ('sqrt(2)/2', '1 - exp(1)', '-1/3', '2', 0.1)
    >>> _out(sympy.pi, lambda: "the payoff of A at node 'root'")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameError: cannot write the payoff of A at node 'root', pi, as JSON: ...
    """
    x = exact_number(x)
    if isinstance(x, (bool, np.bool_)):
        return str(int(x))
    if isinstance(x, (float, np.floating)) or getattr(x, "is_Float", False):
        return float(x)
    if isinstance(x, (int, np.integer, Fraction)):
        return _digits(int(x) if isinstance(x, np.integer) else x, where)
    return _expression_text(x, where)


def _digits(x: int | Fraction, where: Callable[[], str]) -> str:
    """``str(x)``, refused beyond the 4000 digits that readers accept."""
    try:
        text = str(x)
    except ValueError:   # beyond Python's int-to-text limit
        text = ""
    if not text or len(text) > _MAX_DIGITS:
        raise GameError(f"cannot write {where()} as JSON: the number has more than "
                        f"{_MAX_DIGITS} digits, which no reader accepts; scale the game's "
                        "payoffs down")
    return text


# what the JSON reader's expressions contain: numbers, parameters, + - * / **, and these
_FUNCTIONS = {"exp": "exp", "log": "log", "Max": "max", "Min": "min"}


def _expression_text(x: Any, where: Callable[[], str]) -> str:
    """A sympy expression in the reader's grammar (``E`` as ``exp(1)``, ``Max`` as
    ``max``); GameError for anything else, naming it."""
    import sympy

    for e in sympy.preorder_traversal(x):
        if e.is_Number or e.is_Symbol or e is sympy.E or isinstance(e, (sympy.Add, sympy.Mul,
                                                                         sympy.Pow)):
            continue
        name = type(e).__name__
        if name not in _FUNCTIONS:
            what = e if e.is_NumberSymbol else f"the function {name}"
            raise GameError(f"cannot write {where()}, {x}, as JSON: {what} is not in the "
                            "expressions the JSON reader accepts (numbers, parameters, "
                            "+ - * / **, sqrt, exp, log, min, max); substitute a numeric "
                            "value, e.g. a float, for it")
    return _printer_class()().doprint(x)


@functools.cache
def _printer_class() -> Any:
    """The printer class of :func:`_expression_text`, defined once (sympy is imported
    lazily); a new instance per expression, as sympy's printers keep state while printing."""
    from sympy.printing.str import StrPrinter

    class Printer(StrPrinter):
        def _print_Exp1(self, e: Any) -> str:
            return "exp(1)"

        def _print_Float(self, e: Any) -> str:
            return repr(float(e))

        def _print_Function(self, e: Any) -> str:
            args = ", ".join(self._print(a) for a in e.args)
            return f"{_FUNCTIONS[type(e).__name__]}({args})"

        _print_Max = _print_Min = _print_Function

    return Printer


def _in(x: Any, where: str, symbols: dict | None = None) -> Any:
    """A payoff or probability read from JSON: a JSON number, or a string read by the
    restricted parser in the file's declared parameters ``symbols`` (name -> Symbol)."""
    if isinstance(x, bool) or not isinstance(x, (int, float, str)):
        raise GameError(f"{where}: {x!r} is not a number or a string")
    if isinstance(x, float) and not math.isfinite(x):
        raise GameError(f"{where}: {x!r} is not a finite number")
    if not isinstance(x, str):
        return x
    from ..games.expr import parse_expression

    try:
        return parse_expression(x, (symbols or {}).values(), where=where)
    except ParseError as exc:
        if symbols or exc.unknown_name is None:
            raise
        raise ParseError(f"{exc}; declare the parameters in the file's top-level "
                         '"parameters" list', column=exc.column,
                         unknown_name=exc.unknown_name) from None


_FIELDS = ("name", "default", "domain", "description")


def _declared(data: dict[str, Any]) -> tuple[dict[str, Any], list[Any]]:
    """The ``"parameters"`` of a JSON game: ``{name: Symbol}`` and the gt.Parameter
    metadata of those that give a default, a domain or a description."""
    import sympy

    from ..games.expr import FUNCTIONS, is_name
    from ..games.parameters import Parameter

    decl = data.get("parameters", [])
    if not isinstance(decl, list):
        raise GameError("'parameters' must be a JSON array of names or objects with a "
                        '"name" (and optional "default", "domain", "description")')
    symbols: dict[str, Any] = {}
    meta = []
    for k, d in enumerate(decl, 1):
        d = {"name": d} if isinstance(d, str) else d
        if not isinstance(d, dict) or not isinstance(d.get("name"), str):
            raise GameError(f"parameter {k} in 'parameters' must be a name or an object "
                            'with a "name"')
        name = d["name"]
        extra = sorted(set(d) - set(_FIELDS))
        if extra:
            raise GameError(f"parameter {name!r}: unknown field {extra[0]!r}; the fields are "
                            f"{', '.join(_FIELDS)}")
        if not is_name(name) or name in FUNCTIONS:
            raise GameError(f"parameter name {name!r} is not usable in expressions: a name is "
                            "letters, digits and _, not starting with a digit, and not one of "
                            f"{', '.join(FUNCTIONS)}")
        if name in symbols:
            raise GameError(f"parameter {name!r} is declared twice in 'parameters'")
        symbols[name] = sympy.Symbol(name, real=True)
        if len(d) == 1:
            continue
        where = f"parameter {name!r}"
        domain = d.get("domain")
        if domain is not None:
            if not isinstance(domain, list) or len(domain) != 2:
                raise GameError(f"{where}: 'domain' must be [lo, hi] (null for an open side)")
            domain = tuple(None if b is None else exact_number(_in(b, f"{where}, domain bound"))
                           for b in domain)
        default = d.get("default")
        if default is not None:                 # rational values as Fractions
            default = exact_number(_in(default, f"{where}, default"))
        meta.append(Parameter(name, default=default, domain=domain,
                              description=d.get("description", "")))
    return symbols, meta


def _declarations(game: Game) -> list[Any]:
    """The ``"parameters"`` list that :func:`to_json` writes: a name, or an object with
    the default, domain and description declared with ``game.describe``."""
    info, meta = game.parameter_info, game.parameter_metadata
    out: list[Any] = []
    for name, p in info.items():
        if name not in meta:
            out.append(name)
            continue
        d: dict[str, Any] = {"name": name}
        if p.default is not None:
            d["default"] = _out(_exact(name, p.default), lambda n=name: f"the default of {n!r}")
        if p.domain is not None:
            d["domain"] = [None if math.isinf(float(_exact(name, b))) else
                           _out(_exact(name, b), lambda n=name: f"the domain of {n!r}")
                           for b in p.domain]
        if p.description:
            d["description"] = p.description
        out.append(d)
    return out


def _exact(name: str, x: Any) -> Any:
    """A default or bound as given to gt.Parameter, a string read as a number."""
    from ..games.expr import parse_expression

    return parse_expression(x, where=f"value for parameter {name!r} is not a number") \
        if isinstance(x, str) else x


def to_json(game: Game) -> dict[str, Any]:
    """The JSON form of a game (see the module docstring) as plain Python data.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        Also a ``nashpy.Game`` or a pygambit game (see :mod:`gametheory.io.interop`).

    Returns
    -------
    dict
        Every number exactly (see ``_out``): an exact number as a string (``"2"``,
        ``"-1/3"``), a float as a JSON number (its shortest decimal that reads back as
        the same float), irrational and symbolic entries as expressions the reader
        parses (``"sqrt(2)/2"``, ``"exp(1)"``, ``"max(1, q)"``). A tree's payoffs are
        written at its terminals: payoffs at inner nodes are added into the terminals
        below them (every play pays the same, but the tree read back has them at the
        terminals only).

    Raises
    ------
    GameError
        Naming the node or cell, for what the reader could not read back: ``pi`` and
        functions other than sqrt, exp, log, min and max, numbers of more than 4000
        digits, and trees deeper than ``MAX_TREE_DEPTH`` moves.

    References
    ----------
    ECMA-404, *The JSON Data Interchange Syntax*, 2nd ed. (2017).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[1, 0], [0, "1/2"]], [[0, 1], [1, 0]])
    >>> to_json(g)["payoffs"]
    [[['1', '0'], ['0', '1/2']], [['0', '1'], ['1', '0']]]
    """
    from .interop import as_game

    game = as_game(game)                 # a nashpy or pygambit game: ours
    out: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    if not game.is_tree:
        out.update(type="normal", title=getattr(game, "title", None),
                   players=list(game.players),
                   strategies=[list(s) for s in game.strategies],
                   payoffs=_nested(game.payoffs, lambda idx: _cell(game, idx)),
                   parameters=_declarations(game) if game.parameters else None)
        return {k: v for k, v in out.items() if v is not None}
    a = game.arrays
    children: list[list[int]] = [[] for _ in a.parent]
    depth = [0] * len(a.parent)
    for v in range(1, len(a.parent)):
        children[a.parent[v]].append(v)
        depth[v] = depth[a.parent[v]] + 1
    if max(depth) > MAX_TREE_DEPTH:
        raise GameError(f"cannot write this tree as JSON: it is {max(depth)} moves deep, and "
                        f"the JSON form nests three levels per move, deeper than JSON readers "
                        f"accept beyond {MAX_TREE_DEPTH} moves; write it as .efg "
                        "(gt.write_gambit) instead")
    term = {int(t): k for k, t in enumerate(a.terminals)}
    # a terminal's payoffs as given (keeping each number's type, e.g. a float -0.0), unless
    # payoffs at inner nodes add up along the path (JSON has payoffs at terminals only)
    inner = any(game.children(v) for v in game.outcomes)

    def node(v: int, path: str = "root") -> dict[str, Any]:
        def at(what: str) -> Callable[[], str]:
            return lambda: f"{what} at node {path!r}"

        def kids() -> list[tuple[str, int, str]]:
            labels = game.action_labels(v)
            return [(labels[a.action[c]], c, _join(path, labels[a.action[c]]))
                    for c in children[v]]

        if a.player[v] >= 0:
            return {"player": game.players[a.player[v]],
                    "infoset": a.infoset_labels[a.infoset[v]],
                    "moves": [[act, node(c, sub)] for act, c, sub in kids()]}
        if a.player[v] == -1:
            probs = game.chance_probabilities(v)
            return {"chance": [[act, _out(probs[a.action[c]], at(f"the probability of {act!r}")),
                                node(c, sub)] for act, c, sub in kids()]}
        pays = a.payoffs[term[v]] if inner else game.outcomes[v]
        return {"payoffs": [_out(x, at(f"the payoff of {game.players[i]}"))
                            for i, x in enumerate(pays)]}

    out.update(type="extensive", title=game.title, players=list(game.players),
               parameters=_declarations(game) if game.parameters else None, root=node(0))
    return {k: v for k, v in out.items() if v is not None}


def _nested(arr: Any, where: Callable[[tuple], str], idx: tuple = ()) -> Any:
    kind = getattr(arr, "dtype", np.dtype(object)).kind
    if kind == "f":
        return arr.tolist()     # float64 entries: JSON numbers (the shortest decimals)
    if kind in "iu":
        return np.vectorize(str, otypes=[object])(arr).tolist()   # exact: strings
    if getattr(arr, "ndim", 0) == 0:
        return _out(arr, lambda: where(idx))
    return [_nested(x, where, (*idx, k)) for k, x in enumerate(arr)]


def _cell(game: NormalFormGame, idx: tuple) -> str:
    """``the payoff of <player> at (<strategy>, ...)`` for index ``(player, s1, ...)``."""
    cell = ", ".join(game.strategies[j][k] for j, k in enumerate(idx[1:]))
    return f"the payoff of {game.players[idx[0]]} at ({cell})"


def from_json(data: dict[str, Any]) -> Any:
    """The game of a JSON form (plain Python data, as :func:`to_json` returns).

    Raises
    ------
    GameError
        Naming the missing or malformed entry (and the node, by its path of actions).

    References
    ----------
    ECMA-404, *The JSON Data Interchange Syntax*, 2nd ed. (2017).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> from_json(to_json(g)) == g
    True
    """
    from ..games.extensive import ExtensiveFormGame
    from ..games.normal import NormalFormGame

    if not isinstance(data, dict):
        raise GameError(f"a game in JSON is an object; got {type(data).__name__}")
    kind = data.get("type")
    players = _need(data, "players", list, "the game")
    symbols, meta = _declared(data)
    if kind == "normal":
        strategies = _need(data, "strategies", list, "the game")
        payoffs = _need(data, "payoffs", list, "the game")
        if len(payoffs) != len(players):
            raise GameError(f"'payoffs' has {len(payoffs)} arrays for {len(players)} players")
        arrays = [_values(p, f"payoff of {pl}", strategies, symbols)
                  for pl, p in zip(players, payoffs)]
        g = NormalFormGame.from_arrays(*arrays, players=players, strategies=strategies)
        return _describe(g, meta)
    if kind != "extensive":
        raise GameError(f"'type' must be 'normal' or 'extensive'; got {kind!r}")
    g = ExtensiveFormGame(players, title=data.get("title"))
    stack = [(g.root, _need(data, "root", dict, "the game"), "root")]
    while stack:
        node, d, path = stack.pop()
        if not isinstance(d, dict):
            raise GameError(f"node {path}: a node is an object; got {d!r}")
        if "payoffs" in d:
            pays = _need(d, "payoffs", list, f"node {path}")
            node.payoffs(*[_in(x, f"node {path}, payoff {i}", symbols)
                           for i, x in enumerate(pays, 1)])
        elif "chance" in d:
            moves = _need(d, "chance", list, f"node {path}")
            if not all(isinstance(m, list) and len(m) == 3 for m in moves):
                raise GameError(f"node {path}: 'chance' holds [outcome, probability, node]")
            kids = node.chance({m[0]: _in(m[1], f"node {path}, probability of {m[0]!r}",
                                          symbols) for m in moves})
            stack.extend((k, m[2], _join(path, m[0])) for k, m in zip(kids, moves))
        elif "moves" in d:
            moves = _need(d, "moves", list, f"node {path}")
            if not all(isinstance(m, list) and len(m) == 2 for m in moves):
                raise GameError(f"node {path}: 'moves' holds [action, node] pairs")
            kids = node.decide(_need(d, "player", str, f"node {path}"),
                               [m[0] for m in moves], infoset=d.get("infoset"))
            stack.extend((k, m[1], _join(path, m[0])) for k, m in zip(kids, moves))
        else:
            raise GameError(f"node {path} has none of 'payoffs', 'chance', 'moves'")
    return _describe(g, meta)


def _describe(game: Game, meta: list[Any]) -> Any:
    """``game`` with the metadata of the declared parameters it has (unused ones are
    ignored)."""
    have = {p.name for p in game.parameters}
    return game.describe(*(p for p in meta if p.name in have))


def _join(path: str, label: Any) -> str:
    return str(label) if path == "root" else f"{path}/{label}"


def _need(d: dict, key: str, kind: type, where: str) -> Any:
    if key not in d:
        raise GameError(f"{where} has no {key!r}")
    if not isinstance(d[key], kind):
        raise GameError(f"{where}: {key!r} must be a JSON "
                        f"{ {list: 'array', dict: 'object', str: 'string'}[kind] }")
    return d[key]


def _values(x: Any, where: str, strategies: list, symbols: dict, idx: tuple = ()) -> Any:
    """The nested payoff array of one player; errors name the cell by strategy labels."""
    if isinstance(x, list):
        if len(idx) >= len(strategies):
            raise GameError(f"{where}: the array is nested deeper than one index per player")
        return [_values(v, where, strategies, symbols, (*idx, k)) for k, v in enumerate(x)]
    try:
        cell = ", ".join(str(strategies[j][k]) for j, k in enumerate(idx))
    except (IndexError, KeyError, TypeError):
        cell = ", ".join(str(k + 1) for k in idx)
    return _in(x, f"{where} at ({cell})", symbols)


def read_json(source: str | os.PathLike) -> Any:
    """Read a game from a JSON file (a path) or its text (a string starting with ``{``).

    Raises
    ------
    ParseError
        For text that is not JSON, with line and column.
    GameError
        For JSON that is not a game.

    References
    ----------
    ECMA-404, *The JSON Data Interchange Syntax*, 2nd ed. (2017).

    Examples
    --------
    >>> read_json('{"type": "normal", "players": ["A", "B"], "strategies": [["x"], ["y"]], '
    ...           '"payoffs": [[[1]], [[2]]]}').payoffs.tolist()
    [[[1]], [[2]]]
    """
    text = source if isinstance(source, str) and source.lstrip().startswith("{") else \
        Path(source).read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(exc.msg, exc.lineno, exc.colno) from None
    except RecursionError:
        raise ParseError("the JSON is nested too deeply") from None
    except ValueError as exc:     # e.g. an integer beyond Python's 4300-digit limit
        raise ParseError(f"unreadable JSON: {exc}") from None
    return from_json(data)


def write_json(game: Game, path: str | os.PathLike | None = None) -> str:
    """The JSON text of a game, one entry per line; also written to ``path`` when given.

    References
    ----------
    ECMA-404, *The JSON Data Interchange Syntax*, 2nd ed. (2017).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[1]], [[2]])
    >>> read_json(write_json(g)) == g
    True
    """
    data = to_json(game)
    # one line per entry; a tree's nodes indented one per line
    lines = [f" {json.dumps(k)}: {json.dumps(v, indent=1 if k == 'root' else None)}"
             for k, v in data.items()]
    text = "{\n" + ",\n".join(lines) + "\n}\n"
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text
