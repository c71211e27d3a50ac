"""Game-tree helpers: behaviour profiles, realisation probabilities, rebuilding, text."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from ..errors import GameError
from ._tree_compile import CHANCE, accumulate, cast_values, unify_kinds
from .values import convert_array

__all__ = ["check_distribution", "behavior_table", "realization", "replay", "tree_text",
           "expand_all", "infoset_nodes"]

MAX_LINES = 200


def check_distribution(probs: np.ndarray, kind: str, where: str) -> None:
    """Probabilities are non-negative and sum to 1 (GameError naming ``where``).

    Exact inputs must sum to exactly 1, floats within 1e-9, and sympy expressions to an
    expression that simplifies to 1.
    """
    if kind == "symbolic":
        import sympy

        for v in probs:
            # trusted: strict sympify, text raises; stored probabilities, numbers or sympy objects
            if sympy.sympify(v, strict=True).is_negative:
                raise GameError(f"probability {v} at {where} is negative")
        total = sympy.simplify(sum(probs))
        if sympy.simplify(total - 1) != 0:
            raise GameError(f"probabilities at {where} sum to {total}, not 1")
        return
    neg = [v for v in probs if v < 0]
    if neg:
        raise GameError(f"probability {neg[0]} at {where} is negative")
    total = sum(probs)
    if (kind == "exact" and total != 1) or (kind == "float" and abs(total - 1) > 1e-9):
        raise GameError(f"probabilities at {where} sum to {total}, not 1")


def behavior_table(game: Any, behavior: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray, str]:
    """Validate a behaviour profile; return (flat probabilities, offsets, kind).

    The probability of action a at information set h is ``flat[offsets[h] + a]``.
    """
    if not isinstance(behavior, Mapping):
        raise GameError(f"a behaviour profile is a mapping {{information set: {{action: "
                        f"probability}}}}; got {behavior!r}")
    info = game._infosets
    known = {h[0] for h in info}
    unknown = sorted(str(k) for k in behavior if k not in known)
    if unknown:
        raise GameError(f"no information set labelled {unknown[0]!r}; information sets are "
                        f"{', '.join(repr(h[0]) for h in info) or 'none'}")
    offsets = np.cumsum([0] + [len(h[2]) for h in info])
    raw = np.empty(int(offsets[-1]), dtype=object)
    for h, (label, _, acts) in enumerate(info):
        if label not in behavior:
            raise GameError(f"the behaviour profile gives nothing at information set {label!r}")
        choice = behavior[label]
        if isinstance(choice, str):
            choice = {choice: 1}
        if not isinstance(choice, Mapping):
            raise GameError(f"behaviour at information set {label!r} must be an action label "
                            f"or {{action: probability}}; got {choice!r}")
        bad = [a for a in choice if a not in acts]
        if bad:
            raise GameError(f"information set {label!r} has no action {bad[0]!r}; actions are "
                            f"{', '.join(acts)}")
        raw[offsets[h]:offsets[h + 1]] = [choice.get(a, 0) for a in acts]

    def where(i: tuple) -> str:
        h = int(np.searchsorted(offsets, i[0], side="right") - 1)
        return (f"the probability of {info[h][2][i[0] - offsets[h]]!r} at information set "
                f"{info[h][0]!r}")

    types = {type(v) for v in raw}
    if types <= {int, float} and np.all(np.isfinite(raw.astype(np.float64))):
        kind = "float" if float in types else "exact"
        flat = raw.astype(np.float64 if kind == "float" else np.int64)
        sums = np.add.reduceat(flat, offsets[:-1]) if len(info) else flat
        ok = (flat >= 0).all() and (np.abs(sums - 1) <= 1e-9).all()
        if ok:                          # fast path; otherwise find the culprit below
            return flat, offsets, kind
    flat, kind = convert_array(raw, where)
    for h, (label, _, _) in enumerate(info):
        check_distribution(flat[offsets[h]:offsets[h + 1]], kind,
                           f"information set {label!r}")
    return flat, offsets, kind


def realization(game: Any, behavior: Mapping[str, Any]) -> np.ndarray:
    """Realisation probabilities of all nodes under ``behavior`` (see the game's method)."""
    arrays = game.arrays
    flat, offsets, bkind = behavior_table(game, behavior)
    kind = unify_kinds({arrays.kind, bkind})
    flat = cast_values(flat, kind)
    chance = cast_values(arrays.chance_prob, kind)
    parent = arrays.parent
    edge = chance.copy()
    v = np.arange(1, len(parent))
    pp = parent[v]
    dec = arrays.player[pp] >= 0
    edge[v[dec]] = flat[offsets[arrays.infoset[pp[dec]]] + arrays.action[v[dec]]]
    return accumulate(parent, edge, "mul")


def replay(game: Any, sub: Callable[[np.ndarray], np.ndarray]):
    """Rebuild ``game`` with ``sub`` applied to every payoff and probability array."""
    new = type(game)(game.players, title=game.title)   # no import of extensive: no loop
    Node = type(new.root)
    ids = {0: 0}
    # expand in the order the children were created, so node ids stay the same
    for v in sorted((v for v, m in enumerate(game._move) if m is not None),
                    key=lambda v: game._children[v][0]):
        move = game._move[v]
        node = Node(new, ids[v])
        labels = game._labels[v]
        if move[0] == CHANCE:
            kids = node.chance(dict(zip(labels, sub(game._chance_probs[v]), strict=True)))
        else:
            label, p, _ = game._infosets[move[1]]
            kids = node.decide(game.players[p], labels, infoset=label)
        for old, k in zip(game._children[v], kids, strict=True):
            ids[old] = k.id
    for v, vals in game._outcomes.items():
        Node(new, ids[v]).payoffs(*sub(vals))
    return new


def infoset_nodes(arrays: Any) -> dict[int, list[int]]:
    """``{information set: [its nodes, in node order]}`` of compiled tree ``arrays``."""
    out: dict[int, list[int]] = {}
    for v, h in enumerate(arrays.infoset.tolist()):
        if h >= 0:
            out.setdefault(h, []).append(v)
    return out


def expand_all(arr: np.ndarray) -> np.ndarray:
    """Expand every sympy expression of an object array (sums of chance-weighted payoffs
    collapse: ``p*r + p*(1 - r)`` becomes ``p``)."""
    import sympy

    out = np.empty(arr.shape, dtype=object)
    for idx in np.ndindex(arr.shape):
        out[idx] = sympy.expand(arr[idx])
    return out


def _fmt(x: Any) -> str:
    from ._display import fmt

    return fmt(x)


def tree_text(game: Any) -> str:
    """An indented text picture of the tree (at most :data:`MAX_LINES` lines)."""
    title = f" {game.title!r}" if game.title else ""
    lines = [f"ExtensiveFormGame{title} ({', '.join(game.players)})"]
    stack: list[tuple[int, int, str]] = [(0, 0, "root")]
    while stack:
        if len(lines) > MAX_LINES:
            lines.append(f"... ({game.num_nodes} nodes in all)")
            break
        v, depth, head = stack.pop()
        move = game._move[v]
        text = "  " * depth + head
        if v in game._outcomes:
            text += " -> (" + ", ".join(_fmt(x) for x in game._outcomes[v]) + ")"
        if move is not None:
            if move[0] == CHANCE:
                text += ": chance"
                heads = [f"{a} ({_fmt(p)})"
                         for a, p in zip(game._labels[v], game._chance_probs[v], strict=True)]
            else:
                label, p, _ = game._infosets[move[1]]
                text += f": {game.players[p]} [{label}]"
                heads = list(game._labels[v])
            for c, h in reversed(list(zip(game._children[v], heads, strict=True))):
                stack.append((c, depth + 1, h))
        lines.append(text)
    return "\n".join(lines)
