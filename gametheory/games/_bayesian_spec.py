"""Reading and validating the parts of a Bayesian game (see :mod:`gametheory.games.bayesian`).

Each function takes what the user gave for one part (types, prior, actions, payoffs) and
returns it in one internal form, or raises a one-line GameError that names the part.

Conventions: a *typed* player is one given types (even a single one); a type profile
lists the types of the typed players only, in player order, and is given as a tuple (a
plain string when exactly one player is typed). Players without types have one
anonymous type, shown as ``None`` to a payoff callable.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np

from ..errors import GameError
from ._labels import has_sequences, is_sequence
from ._tree_compile import cast_values, unify_kinds
from ._tree_util import check_distribution
from .values import as_entry_array, convert_array

__all__ = ["Spec", "read_spec", "profile_name", "profile_key", "profile_index", "cast_table"]


class Spec(NamedTuple):
    """A validated Bayesian game.

    ``types[i]`` are player i's type names (``(None,)`` for an untyped player);
    ``profiles[k]`` is a tuple of type indices (one per player) and ``prior[k]`` its
    probability; ``actions[i][t]`` are the actions of player i's type t; ``tables[k]``
    has shape ``(N, a_1(t_1), ..., a_N(t_N))``. Probabilities and payoffs share ``kind``.
    """

    players: tuple[str, ...]
    typed: tuple[bool, ...]
    types: tuple[tuple[Any, ...], ...]
    profiles: tuple[tuple[int, ...], ...]
    prior: np.ndarray
    actions: tuple[tuple[tuple[str, ...], ...], ...]
    tables: tuple[np.ndarray, ...]
    kind: str


def _names(x: Any, what: str) -> tuple[str, ...]:
    if isinstance(x, str) or not is_sequence(x) or len(x) == 0:
        raise GameError(f"{what} must be a non-empty list of names; got {x!r}")
    names = tuple(str(v) for v in x)
    if len(set(names)) != len(names):
        dup = next(v for v in names if names.count(v) > 1)
        raise GameError(f"{what} repeat the name {dup!r}")
    return names


def _player(players: tuple[str, ...], name: Any, what: str) -> int:
    try:
        return players.index(str(name))
    except ValueError:
        raise GameError(f"{what}: no player named {name!r}; players are "
                        f"{', '.join(players)}") from None


def profile_name(types: tuple, typed: tuple[bool, ...], profile: tuple[int, ...]) -> str:
    """``"revisionist, resolved"``: the types of the typed players in ``profile``."""
    return ", ".join(str(types[i][t]) for i, t in enumerate(profile) if typed[i])


def profile_key(types: tuple, typed: tuple[bool, ...], profile: tuple[int, ...]) -> Any:
    """The user's name of a type profile: the tuple of the typed players' types (the one
    type itself when one player is typed)."""
    key = tuple(types[i][t] for i, t in enumerate(profile) if typed[i])
    return key[0] if len(key) == 1 else key


def _independent(prior: Any, players: tuple[str, ...]) -> bool:
    return isinstance(prior, Mapping) and bool(prior) and all(
        isinstance(k, str) and k in players for k in prior)


def _read_types(players: tuple[str, ...], types: Any, prior: Any) -> list[tuple[str, ...] | None]:
    """Type names per player (None: untyped), from ``types`` or else from the prior."""
    out: list[tuple[str, ...] | None] = [None] * len(players)
    if types is not None:
        if not isinstance(types, Mapping):
            raise GameError(f"types must be a mapping {{player: [type names]}}; got {types!r}")
        for name, ts in types.items():
            i = _player(players, name, "types")
            out[i] = _names(ts, f"the types of {players[i]}")
        return out
    if _independent(prior, players):
        for name, dist in prior.items():
            i = players.index(name)
            if not isinstance(dist, Mapping):
                raise GameError(f"the prior of {name} must be a mapping {{type: probability}}; "
                                f"got {dist!r}")
            out[i] = _names(list(dist), f"the types of {name}")
        return out
    if isinstance(prior, Mapping) and prior:
        raise GameError("give types={player: [type names]} with a joint prior (the prior's "
                        f"keys {', '.join(repr(k) for k in list(prior)[:3])} are not player names)")
    if prior is not None:
        raise GameError("give types={player: [type names]} with a prior given as an array")
    return out


def _entries(values: Sequence[Any], where: Callable[[int], str]) -> tuple[np.ndarray, str]:
    raw = np.empty(len(values), dtype=object)
    raw[:] = list(values)
    return convert_array(raw, lambda idx: where(idx[0]))


def profile_index(key: Any, players, types, typed, what: str) -> tuple[int, ...]:
    """The type indices of a type-profile key (a tuple, or a string for one typed player)."""
    who = [i for i in range(len(players)) if typed[i]]
    parts = (key,) if isinstance(key, str) and len(who) == 1 else key
    if isinstance(parts, str) or not isinstance(parts, (tuple, list)) or len(parts) != len(who):
        names = ", ".join(players[i] for i in who)
        raise GameError(f"{what}: the type profile {key!r} must list one type for each of "
                        f"{names}, in that order")
    out = [0] * len(players)
    for i, t in zip(who, parts):
        if str(t) not in types[i]:
            raise GameError(f"{what}: {players[i]} has no type {t!r}; its types are "
                            f"{', '.join(types[i])}")
        out[i] = types[i].index(str(t))
    return tuple(out)


def _read_prior(prior: Any, players, types, typed) -> tuple[list[tuple[int, ...]], np.ndarray, str]:
    """Profiles (type indices) in tree order, their probabilities and kind."""
    N = len(players)
    if prior is None:
        many = [players[i] for i in range(N) if len(types[i]) > 1]
        if many:
            raise GameError(f"{many[0]} has {len(types[players.index(many[0])])} types; give "
                            "their prior probabilities (prior=...)")
        one = np.array([1], dtype=np.int64)
        return [tuple([0] * N)], one, "exact"
    if _independent(prior, players):
        return _independent_prior(prior, players, types, typed)
    if isinstance(prior, Mapping):
        if not prior:
            raise GameError("the prior is empty")
        profiles, seen = [], {}
        for key in prior:
            p = profile_index(key, players, types, typed, "prior")
            if p in seen:
                raise GameError(f"prior: the type profile {key!r} is given twice (also as "
                                f"{seen[p]!r})")
            seen[p] = key
            profiles.append(p)
        keys = list(prior)
        probs, kind = _entries(list(prior.values()),
                               lambda k: f"the prior probability of {keys[k]!r}")
    else:
        dims = tuple(len(types[i]) for i in range(N) if typed[i])
        arr = as_entry_array(prior, "the prior array is ragged: its rows have unequal lengths")
        if arr.dtype == object and arr.ndim < len(dims) and has_sequences(arr):
            raise GameError("the prior array is ragged: its rows have unequal lengths")
        if arr.shape != dims:
            raise GameError(f"the prior array has shape {arr.shape}; expected {dims} (one axis "
                            "per typed player, one entry per type)")
        who = [i for i in range(N) if typed[i]]
        profiles = []
        for idx in np.ndindex(dims):
            p = [0] * N
            for i, t in zip(who, idx):
                p[i] = t
            profiles.append(tuple(p))
        flat = arr.reshape(-1)
        probs, kind = _entries(list(flat), lambda k: f"the prior probability of type "
                               f"profile ({profile_name(types, typed, profiles[k])})")
    check_distribution(probs, kind, "the prior")
    for i in range(N):
        missing = [t for t in range(len(types[i])) if all(p[i] != t for p in profiles)]
        if missing:
            raise GameError(f"prior: no type profile has {players[i]}'s type "
                            f"{types[i][missing[0]]!r}")
    return profiles, probs, kind


def _independent_prior(prior: Mapping, players, types, typed):
    N = len(players)
    dists, kinds = [], set()
    for i in range(N):
        name = players[i]
        if name not in prior:
            if len(types[i]) > 1:
                raise GameError(f"the prior gives no probabilities for the types of {name}")
            dists.append(np.array([1], dtype=np.int64))
            continue
        dist = prior[name]
        if not isinstance(dist, Mapping):
            raise GameError(f"the prior of {name} must be a mapping {{type: probability}}; "
                            f"got {dist!r}")
        unknown = [t for t in dist if str(t) not in types[i]]
        if unknown:
            raise GameError(f"prior: {name} has no type {unknown[0]!r}; its types are "
                            f"{', '.join(types[i])}")
        missing = [t for t in types[i] if t not in {str(k) for k in dist}]
        if missing:
            raise GameError(f"the prior of {name} gives no probability for type {missing[0]!r}")
        by_name = {str(k): v for k, v in dist.items()}
        vals = [by_name[t] for t in types[i]]
        probs, kind = _entries(vals, lambda k, i=i: f"the prior probability of {players[i]}'s "
                               f"type {types[i][k]!r}")
        check_distribution(probs, kind, f"the prior of {name}")
        dists.append(probs)
        kinds.add(kind)
    kind = unify_kinds(kinds or {"exact"})
    dists = [cast_values(d, kind) for d in dists]
    profiles, probs = [], []
    for combo in itertools.product(*(range(len(d)) for d in dists)):
        profiles.append(tuple(combo))
        prob = dists[0][combo[0]]
        for i in range(1, N):
            prob = prob * dists[i][combo[i]]
        probs.append(prob)
    return profiles, cast_values(probs, kind), kind


def _read_actions(actions: Any, players, types, typed) -> tuple:
    N = len(players)
    if isinstance(actions, Mapping):
        given: list[Any] = [None] * N
        for name, acts in actions.items():
            given[_player(players, name, "actions")] = acts
    elif is_sequence(actions) and not isinstance(actions, str) and len(actions) == N:
        given = list(actions)
    else:
        raise GameError(f"actions must be a mapping {{player: [actions]}} or one list per player "
                        f"({N}); got {actions!r}")
    out = []
    for i in range(N):
        acts = given[i]
        if acts is None:
            raise GameError(f"no actions given for {players[i]}")
        if isinstance(acts, Mapping):
            if not typed[i]:
                raise GameError(f"actions per type for {players[i]}, who has no types")
            unknown = [t for t in acts if str(t) not in types[i]]
            if unknown:
                raise GameError(f"actions: {players[i]} has no type {unknown[0]!r}; its types "
                                f"are {', '.join(types[i])}")
            by_name = {str(k): v for k, v in acts.items()}
            missing = [t for t in types[i] if t not in by_name]
            if missing:
                raise GameError(f"no actions given for {players[i]}'s type {missing[0]!r}")
            out.append(tuple(_names(by_name[t], f"the actions of {players[i]} ({t})")
                             for t in types[i]))
        else:
            row = _names(acts, f"the actions of {players[i]}")
            out.append(tuple(row for _ in types[i]))
    return tuple(out)


def _table_shape(profile, actions) -> tuple[int, ...]:
    return (len(actions),) + tuple(len(actions[i][t]) for i, t in enumerate(profile))


def _read_tables(payoffs: Any, players, types, typed, profiles, actions) -> list:
    """One converted payoff array per profile (each with its own kind)."""
    N = len(players)
    if callable(payoffs) and not isinstance(payoffs, Mapping):
        return [_call_table(payoffs, players, types, typed, p, actions) for p in profiles]
    if isinstance(payoffs, Mapping):
        tables: dict[tuple[int, ...], Any] = {}
        for key, table in payoffs.items():
            p = profile_index(key, players, types, typed, "payoffs")
            if p not in profiles:
                raise GameError(f"payoffs for the type profile {key!r}, which the prior does "
                                "not list")
            tables[p] = getattr(table, "payoffs", table)   # a NormalFormGame works too
        out = []
        for p in profiles:
            if p not in tables:
                raise GameError(f"no payoffs given for the type profile "
                                f"({profile_name(types, typed, p)})")
            out.append(_convert_table(tables[p], players, types, typed, p, actions))
        return out
    who = [i for i in range(N) if typed[i]]
    for i in who:
        if len({len(a) for a in actions[i]}) > 1:
            raise GameError(f"payoffs as one array need the same number of actions for every "
                            f"type of {players[i]}; give {{type profile: payoff table}} or a "
                            "callable")
    shape = (N,) + tuple(len(types[i]) for i in who) + tuple(len(actions[i][0]) for i in range(N))
    arr = as_entry_array(payoffs, "the payoff array is ragged: its rows have unequal lengths")
    if arr.dtype == object and arr.ndim < len(shape) and has_sequences(arr):
        raise GameError("the payoff array is ragged: its rows have unequal lengths")
    if arr.shape != shape:
        raise GameError(f"the payoff array has shape {arr.shape}; expected {shape} (players, "
                        f"then the types of {', '.join(players[i] for i in who) or 'nobody'}, "
                        "then the actions of every player)")
    out = []
    for p in profiles:
        idx = (slice(None),) + tuple(p[i] for i in who)
        out.append(_convert_table(arr[idx], players, types, typed, p, actions))
    return out


def _convert_table(table, players, types, typed, profile, actions):
    shape = _table_shape(profile, actions)
    name = profile_name(types, typed, profile)
    arr = as_entry_array(table, f"the payoffs for ({name}) are ragged: rows of unequal length")
    if arr.dtype == object and arr.ndim < len(shape) and has_sequences(arr):
        raise GameError(f"the payoffs for ({name}) are ragged: rows of unequal length")
    if arr.shape != shape:
        who = ", ".join(f"actions of {players[i]}" for i in range(len(players)))
        raise GameError(f"the payoffs for ({name or 'every profile'}) have shape {arr.shape}; "
                        f"expected {shape} (players, {who})")

    def where(idx):
        acts = ", ".join(actions[i][t][a] for i, (t, a) in enumerate(zip(profile, idx[1:])))
        return f"the payoff of {players[idx[0]]} for ({name}) at ({acts})"

    return convert_array(arr, where)


def _call_table(f, players, types, typed, profile, actions):
    N = len(players)
    shape = _table_shape(profile, actions)
    tnames = tuple(types[i][t] if typed[i] else None for i, t in enumerate(profile))
    raw = np.empty(shape, dtype=object)
    for a in itertools.product(*(range(n) for n in shape[1:])):
        acts = tuple(actions[i][t][k] for i, (t, k) in enumerate(zip(profile, a)))
        vals = f(tnames, acts)
        if isinstance(vals, Mapping):
            unknown = [k for k in vals if k not in players]
            if unknown or len(vals) != N:
                raise GameError(f"payoffs{(tnames, acts)!r} returned a mapping with keys "
                                f"{sorted(map(str, vals))}; expected the players "
                                f"{', '.join(players)}")
            vals = [vals[p] for p in players]
        if isinstance(vals, str) or not is_sequence(vals):
            raise GameError(f"payoffs{(tnames, acts)!r} returned {vals!r}; expected one payoff "
                            f"per player ({N})")
        if len(vals) != N:
            raise GameError(f"payoffs{(tnames, acts)!r} returned {len(vals)} value(s) for "
                            f"{N} players")
        for i in range(N):
            raw[(i,) + a] = vals[i]
    return _convert_table(raw, players, types, typed, profile, actions)


def cast_table(table: np.ndarray, kind: str) -> np.ndarray:
    """``table`` (a converted payoff array) stored in ``kind``, read-only."""
    out = cast_values(table.reshape(-1), kind).reshape(table.shape)
    out.setflags(write=False)
    return out


def read_spec(players: Any, types: Any, prior: Any, actions: Any, payoffs: Any) -> Spec:
    """Validate every part of a Bayesian game (GameError naming the part at fault)."""
    from ._labels import check_players

    if players is None or isinstance(players, str) or not is_sequence(players) \
            or len(players) == 0:
        raise GameError(f"a Bayesian game needs a list of player names; got {players!r}")
    players = check_players(players, len(players))
    named = _read_types(players, types, prior)
    typed = tuple(t is not None for t in named)
    tnames = tuple(t if t is not None else (None,) for t in named)
    profiles, prior_arr, pkind = _read_prior(prior, players, tnames, typed)
    acts = _read_actions(actions, players, tnames, typed)
    if payoffs is None:
        raise GameError("no payoffs given: pass an array, {type profile: table} or a callable "
                        "payoffs(types, actions)")
    tables = _read_tables(payoffs, players, tnames, typed, profiles, acts)
    kind = unify_kinds({pkind} | {k for _, k in tables})
    prior_arr = cast_values(prior_arr, kind)
    prior_arr.setflags(write=False)
    return Spec(players, typed, tnames, tuple(profiles), prior_arr, acts,
                tuple(cast_table(t, kind) for t, _ in tables), kind)
