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
per player). Numbers are JSON numbers or strings: ``"3/5"`` is an exact fraction, any
other string a sympy expression in named parameters (``"1 - q"``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import GameError, ParseError
from ..games.values import exact_number
from ._gambit_lexer import _MAX_DIGITS

__all__ = ["to_json", "from_json", "read_json", "write_json", "FORMAT", "VERSION"]

FORMAT, VERSION = "gametheory", 1


def _out(x: Any, where: Callable[[], str] = lambda: "an entry") -> Any:
    """A payoff or probability as JSON, exactly: ints and floats as JSON numbers (a float
    as the shortest decimal that reads back as the same float), fractions as ``"a/b"``,
    sympy expressions as strings that the JSON reader parses back to the same value.

    Refused with a GameError naming the entry (``where()``): numbers of more than 4000
    digits, and expressions outside the reader's grammar (``pi``, ``sin``, ``Abs``, ...).

    >>> import sympy
    >>> _out(sympy.sqrt(2) / 2), _out(1 - sympy.E), _out(Fraction(-1, 3)), _out(0.1)
    ('sqrt(2)/2', '1 - exp(1)', '-1/3', 0.1)
    >>> _out(sympy.pi, lambda: "the payoff of A at node 'root'")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameError: cannot write the payoff of A at node 'root', pi, as JSON: ...
    """
    x = exact_number(x)
    if isinstance(x, (bool, np.bool_)):
        return int(x)
    if isinstance(x, (float, np.floating)) or getattr(x, "is_Float", False):
        return float(x)
    if isinstance(x, (int, np.integer, Fraction)):
        text = _digits(x, where)
        return int(x) if isinstance(x, (int, np.integer)) or x.denominator == 1 else text
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
    from sympy.printing.str import StrPrinter

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

    class Printer(StrPrinter):
        def _print_Exp1(self, e: Any) -> str:
            return "exp(1)"

        def _print_Float(self, e: Any) -> str:
            return repr(float(e))

        def _print_Function(self, e: Any) -> str:
            args = ", ".join(self._print(a) for a in e.args)
            return f"{_FUNCTIONS[type(e).__name__]}({args})"

        _print_Max = _print_Min = _print_Function

    return Printer().doprint(x)


def _in(x: Any, where: str) -> Any:
    if isinstance(x, bool) or not isinstance(x, (int, float, str)):
        raise GameError(f"{where}: {x!r} is not a number or a string")
    if not isinstance(x, str):
        return x
    try:
        return Fraction(x)
    except ValueError:
        pass
    import sympy

    from ..games.parameters import parameters

    try:
        expr = sympy.sympify(x)
    except (sympy.SympifyError, SyntaxError, TypeError) as exc:
        raise GameError(f"{where}: {x!r} is neither a number nor an expression") from exc
    names = sorted(s.name for s in expr.free_symbols)
    if names:
        syms = parameters(" ".join(names))
        syms = syms if isinstance(syms, tuple) else (syms,)
        expr = expr.xreplace({sympy.Symbol(n): s for n, s in zip(names, syms)})
    return expr


def to_json(game: Any) -> dict[str, Any]:
    """The JSON form of a game (see the module docstring) as plain Python data.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame

    Returns
    -------
    dict

    References
    ----------
    ECMA-404, *The JSON Data Interchange Syntax*, 2nd ed. (2017).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_arrays([[1, 0], [0, "1/2"]], [[0, 1], [1, 0]])
    >>> to_json(g)["payoffs"]
    [[[1, 0], [0, '1/2']], [[0, 1], [1, 0]]]
    """
    out: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    if not hasattr(game, "arrays"):
        out.update(type="normal", title=getattr(game, "title", None),
                   players=list(game.players),
                   strategies=[list(s) for s in game.strategies],
                   payoffs=_nested(game.payoffs, lambda idx: _cell(game, idx)))
        return {k: v for k, v in out.items() if v is not None}
    a = game.arrays
    children: list[list[int]] = [[] for _ in a.parent]
    for v in range(1, len(a.parent)):
        children[a.parent[v]].append(v)
    term = {int(t): k for k, t in enumerate(a.terminals)}
    # a terminal's payoffs as given (keeping each number's type, e.g. a float -0.0), unless
    # payoffs at inner nodes add up along the path (JSON has payoffs at terminals only)
    inner = any(game._children[v] for v in game._outcomes)

    def node(v: int, path: str = "root") -> dict[str, Any]:
        def at(what: str) -> Callable[[], str]:
            return lambda: f"{what} at node {path!r}"

        def kids() -> list[tuple[str, int, str]]:
            return [(game._labels[v][a.action[c]], c,
                     _join(path, game._labels[v][a.action[c]])) for c in children[v]]

        if a.player[v] >= 0:
            return {"player": game.players[a.player[v]],
                    "infoset": a.infoset_labels[a.infoset[v]],
                    "moves": [[act, node(c, sub)] for act, c, sub in kids()]}
        if a.player[v] == -1:
            probs = game._chance_probs[v]
            return {"chance": [[act, _out(probs[a.action[c]], at(f"the probability of {act!r}")),
                                node(c, sub)] for act, c, sub in kids()]}
        pays = a.payoffs[term[v]] if inner else game._outcomes[v]
        return {"payoffs": [_out(x, at(f"the payoff of {game.players[i]}"))
                            for i, x in enumerate(pays)]}

    out.update(type="extensive", title=game.title, players=list(game.players), root=node(0))
    return {k: v for k, v in out.items() if v is not None}


def _nested(arr: Any, where: Callable[[tuple], str], idx: tuple = ()) -> Any:
    if getattr(arr, "ndim", 0) == 0:
        return _out(arr, lambda: where(idx))
    return [_nested(x, where, (*idx, k)) for k, x in enumerate(arr)]


def _cell(game: Any, idx: tuple) -> str:
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
    if kind == "normal":
        strategies = _need(data, "strategies", list, "the game")
        payoffs = _need(data, "payoffs", list, "the game")
        if len(payoffs) != len(players):
            raise GameError(f"'payoffs' has {len(payoffs)} arrays for {len(players)} players")
        arrays = [_values(p, f"payoffs of {pl}") for pl, p in zip(players, payoffs)]
        return NormalFormGame.from_arrays(*arrays, players=players, strategies=strategies)
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
            node.payoffs(*[_in(x, f"node {path}") for x in pays])
        elif "chance" in d:
            moves = _need(d, "chance", list, f"node {path}")
            if not all(isinstance(m, list) and len(m) == 3 for m in moves):
                raise GameError(f"node {path}: 'chance' holds [outcome, probability, node]")
            kids = node.chance({m[0]: _in(m[1], f"node {path}") for m in moves})
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
    return g


def _join(path: str, label: Any) -> str:
    return str(label) if path == "root" else f"{path}/{label}"


def _need(d: dict, key: str, kind: type, where: str) -> Any:
    if key not in d:
        raise GameError(f"{where} has no {key!r}")
    if not isinstance(d[key], kind):
        raise GameError(f"{where}: {key!r} must be a JSON "
                        f"{ {list: 'array', dict: 'object', str: 'string'}[kind] }")
    return d[key]


def _values(x: Any, where: str) -> Any:
    if isinstance(x, list):
        return [_values(v, where) for v in x]
    return _in(x, where)


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
    return from_json(data)


def write_json(game: Any, path: str | os.PathLike | None = None) -> str:
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
