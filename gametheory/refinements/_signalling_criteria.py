"""Tests of signalling equilibria: classification, the Intuitive Criterion and D1.

Both criteria look at each message the equilibrium leaves unsent (off path) and ask
which types could plausibly have sent it, given their equilibrium payoffs ``u*(t)``.
The receiver's possible reactions at ``m`` are the mixed best responses to beliefs over
a set of types; their payoffs to a type are linear, so extremes over them are attained
at pure best responses, and the sets of mixed best responses are unions of simplices
``Delta(Q)`` over the supports ``Q`` that are best responses to one belief (found
exactly, :func:`~._signalling_pbe.receiver_supports`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..errors import GameError
from ..games.values import to_fraction
from ._signalling_pbe import belief_system, label_of, numeric_structure, receiver_supports
from ._signalling_polytope import vertices
from ._signalling_structure import SignallingStructure, signalling_structure

if TYPE_CHECKING:
    from ..games.extensive import ExtensiveFormGame

__all__ = ["CriterionResult", "classify_signalling", "intuitive_criterion", "d1_criterion"]


@dataclass(frozen=True)
class CriterionResult:
    """The outcome of :func:`intuitive_criterion` or :func:`d1_criterion`.

    Attributes
    ----------
    criterion : str
        ``"Intuitive Criterion"`` or ``"D1"``.
    passes : bool
        Whether the equilibrium survives (also the truth value of the result).
    message : str or None
        The unsent message at which it fails (None when it passes).
    excluded : tuple of str
        The types the criterion rules out as senders of ``message``.
    deviator : str or None
        A type that gains by sending ``message`` against every best response to beliefs
        on the types not excluded (None when it passes; for D1 also when no single type
        does, though no such best response deters them all).
    reason : str
        One line saying why (``str(result)``).
    excluded_by_message : dict
        ``{unsent message: excluded types}`` for every message the equilibrium leaves
        unsent (up to the failing one).
    """

    criterion: str
    passes: bool
    message: str | None
    excluded: tuple
    deviator: str | None
    reason: str
    excluded_by_message: dict = field(default_factory=dict)

    def __bool__(self) -> bool:
        return self.passes

    def __str__(self) -> str:
        return self.reason


def _profile(st: SignallingStructure, equilibrium: Any):
    """``(sigma, rho)`` as ``{(t, m): p}`` and ``{(m, r): p}`` (Fractions)."""
    beh = getattr(equilibrium, "behavior", equilibrium)
    if not isinstance(beh, Mapping):
        raise GameError("give an equilibrium of the signalling game (an Equilibrium with a "
                        "behaviour profile, or {information set: {action: probability}})")

    def dist(label: str, acts: Sequence[str]) -> dict[str, Fraction]:
        if label not in beh:
            raise GameError(f"the behaviour profile has no entry for {label!r}")
        d = beh[label]
        if isinstance(d, str):
            if d not in acts:
                raise GameError(f"{d!r} is not an action at {label!r}")
            return {a: Fraction(a == d) for a in acts}
        bad = [a for a in d if a not in acts]
        if bad:
            raise GameError(f"{bad[0]!r} is not an action at {label!r}")
        return {a: to_fraction(d.get(a, 0)) for a in acts}

    sigma, rho = {}, {}
    for t, h in enumerate(st.sender_sets):
        for m, p in dist(h, st.type_messages[t]).items():
            sigma[(t, m)] = p
    for m in st.messages:
        for r, p in dist(st.receiver_sets[m], st.responses[m]).items():
            rho[(m, r)] = p
    return sigma, rho


def _setup(tree: ExtensiveFormGame, equilibrium: Any):
    """The structure, each type's equilibrium payoff and the unsent messages."""
    st = numeric_structure(tree, exact=False)
    sigma, rho = _profile(st, equilibrium)
    uS = st.payoffs[st.sender]
    value = [sum(sigma[(t, m)] * rho[(m, r)] * uS[t][m][r]
                 for m in st.type_messages[t] for r in st.responses[m])
             for t in range(len(st.types))]
    unsent = [m for m in st.messages
              if all(sigma[(t, m)] == 0 for t in st.senders_of(m))]
    return st, value, unsent


def _pure_best(st: SignallingStructure, m: str, among: Sequence[int]) -> list[str]:
    """The responses at ``m`` that are best responses to some belief over ``among``."""
    return [r for r in st.responses[m]
            if vertices(len(among), *belief_system(st, m, (r,), among))]


def _names(st: SignallingStructure, ts: Sequence[int]) -> str:
    return ", ".join(st.types[t] for t in ts) if ts else "no type"


def classify_signalling(tree: ExtensiveFormGame, equilibrium: Any) -> str:
    """``"pooling on m"``, ``"separating"`` or ``"semi-separating"``.

    From the sets of messages each type sends with positive probability: pooling on
    ``m`` when every type sends ``m`` and nothing else; separating when there are two
    or more types and their sets are pairwise disjoint (the receiver learns the type
    from any message sent); semi-separating otherwise (some message is sent by
    several types and some type mixes, or types are partly pooled).

    Parameters
    ----------
    tree : ExtensiveFormGame
        A signalling game (:func:`signalling_structure`).
    equilibrium : Equilibrium or mapping
        Its behaviour profile ``{information set: {action: probability}}`` is used.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.ExtensiveFormGame(["S", "R"])
    >>> for t in g.root.chance({"lo": "1/2", "hi": "1/2"}):
    ...     for m in t.decide("S", ["a", "b"], infoset=f"S {t.path}"):
    ...         for r in m.decide("R", ["x", "y"], infoset=f"R {m.path[-1]}"):
    ...             _ = r.payoffs(0, 0)
    >>> beh = {"S lo": "a", "S hi": "b", "R a": "x", "R b": "x"}
    >>> gt.classify_signalling(g, beh)
    'separating'
    >>> gt.classify_signalling(g, {**beh, "S hi": "a"})
    'pooling on a'
    >>> gt.classify_signalling(g, {**beh, "S hi": {"a": "1/2", "b": "1/2"}})
    'semi-separating'
    """
    st = signalling_structure(tree)
    sigma, _ = _profile(st, equilibrium)
    return label_of(st, [[m for m in st.type_messages[t] if sigma[(t, m)] > 0]
                         for t in range(len(st.types))])


def intuitive_criterion(tree: ExtensiveFormGame, equilibrium: Any) -> CriterionResult:
    """The Intuitive Criterion (Cho & Kreps 1987) for an equilibrium of a signalling game.

    At each unsent message ``m``, a type ``t`` is *equilibrium-dominated* when its
    equilibrium payoff exceeds what ``m`` can bring it against any best response of
    the receiver to any belief (over the types that can send ``m``). Let ``J`` be the
    other types (all of them if every type is dominated). The equilibrium fails when
    some type would gain by sending ``m`` against every best response to every belief
    concentrated on ``J``. Exact for exact games.

    Parameters
    ----------
    tree : ExtensiveFormGame
        A signalling game with numeric payoffs.
    equilibrium : Equilibrium or mapping
        An equilibrium (its behaviour profile is used: the types' equilibrium payoffs and
        the unsent messages).

    Returns
    -------
    CriterionResult

    References
    ----------
    Cho, I.-K. and Kreps, D. M. (1987). Signaling games and stable equilibria.
    *Quarterly Journal of Economics* 102(2), 179-221.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.classics.beer_quiche()
    >>> quiche = {"Sender: weak": "quiche", "Sender: strong": "quiche",
    ...           "Receiver: beer": "duel", "Receiver: quiche": "no duel"}
    >>> print(gt.intuitive_criterion(g, quiche))  # doctest: +NORMALIZE_WHITESPACE
    fails the Intuitive Criterion: after beer (unsent), weak is equilibrium-dominated;
    strong gains against every best response to beliefs on strong
    """
    st, value, unsent = _setup(tree, equilibrium)
    uS = st.payoffs[st.sender]
    name = "the Intuitive Criterion"
    notes, excluded = [], {}
    for m in unsent:
        T = st.senders_of(m)
        best = _pure_best(st, m, T)
        dominated = [t for t in T if value[t] > max(uS[t][m][r] for r in best)]
        J = [t for t in T if t not in dominated] or list(T)
        excluded[m] = tuple(st.types[t] for t in dominated)
        bestJ = _pure_best(st, m, J)
        gainers = [t for t in T if value[t] < min(uS[t][m][r] for r in bestJ)]
        head = f"after {m} (unsent), {_names(st, dominated)} " + \
            ("is" if len(dominated) <= 1 else "are") + " equilibrium-dominated"
        if gainers:
            return CriterionResult(
                "Intuitive Criterion", False, m, excluded[m], st.types[gainers[0]],
                f"fails {name}: {head}; {st.types[gainers[0]]} gains against every best "
                f"response to beliefs on {_names(st, J)}", excluded)
        notes.append(f"{head}, and no type gains against every best response to beliefs "
                     f"on {_names(st, J)}")
    return CriterionResult("Intuitive Criterion", True, None, (), None,
                           f"passes {name}: " + ("; ".join(notes) if notes else
                                                 "every message is sent"), excluded)


def _weakly_gains_inside(st, m, Q, t, value, t2, value2) -> bool:
    """Whether every mixed response on ``Q`` that gives ``t`` at least ``value`` gives
    ``t2`` strictly more than ``value2`` (vacuously true when none does)."""
    uS = st.payoffs[st.sender]
    verts = vertices(len(Q), [[1] * len(Q)], [1], [[uS[t][m][r] for r in Q]], [value])
    return all(sum(p * uS[t2][m][r] for p, r in zip(x, Q)) > value2 for x in verts)


def d1_criterion(tree: ExtensiveFormGame, equilibrium: Any) -> CriterionResult:
    """Criterion D1 (Cho & Kreps 1987, sec. IV; Banks & Sobel 1987) for an equilibrium
    of a signalling game.

    At each unsent message ``m``, let ``MBR`` be the receiver's mixed best responses to
    beliefs over the types that can send ``m``; for a type ``t``, ``D0(t)`` the ones
    that leave ``t`` indifferent between ``m`` and its equilibrium payoff and ``D(t)``
    those that make it strictly gain. Type ``t`` is eliminated at ``m`` when
    ``D(t) | D0(t)`` is contained in ``D(t')`` for some other type ``t'`` (``t'`` gains
    whenever ``t`` would weakly) and not the other way round (two types that gain at
    exactly the same responses do not eliminate each other; so some type always
    remains, and an equilibrium that fails the Intuitive Criterion fails D1). The pair
    ``(t, m)`` is then pruned: the equilibrium
    survives when, at every unsent message, some belief on the remaining types ``J``
    has a (mixed) best response that keeps every type of ``J`` from gaining by sending
    ``m`` (the pruned types cannot send it). Exact, with mixed responses.

    Parameters
    ----------
    tree : ExtensiveFormGame
        A signalling game with numeric payoffs.
    equilibrium : Equilibrium or mapping
        An equilibrium (its behaviour profile is used).

    Returns
    -------
    CriterionResult

    References
    ----------
    Banks, J. S. and Sobel, J. (1987). Equilibrium selection in signaling games.
    *Econometrica* 55(3), 647-661. Cho, I.-K. and Kreps, D. M. (1987). *Quarterly
    Journal of Economics* 102(2), 179-221, sec. IV.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.classics.beer_quiche()
    >>> beer = {"Sender: weak": "beer", "Sender: strong": "beer",
    ...         "Receiver: beer": "no duel", "Receiver: quiche": "duel"}
    >>> print(gt.d1_criterion(g, beer))  # doctest: +NORMALIZE_WHITESPACE
    passes D1: after quiche (unsent), D1 eliminates strong; a best response to beliefs
    on weak deters weak
    """
    st, value, unsent = _setup(tree, equilibrium)
    uS = st.payoffs[st.sender]
    notes, excluded = [], {}
    for m in unsent:
        T = st.senders_of(m)
        supports = receiver_supports(st, m, T)
        inside = {(t, t2): all(_weakly_gains_inside(st, m, Q, t, value[t], t2, value[t2])
                               for Q in supports) for t in T for t2 in T if t2 != t}
        gone = [t for t in T if any(inside[(t, t2)] and not inside[(t2, t)]
                                    for t2 in T if t2 != t)]
        J = [t for t in T if t not in gone]
        excluded[m] = tuple(st.types[t] for t in gone)
        head = f"after {m} (unsent), D1 eliminates {_names(st, gone)}"
        deterred = any(vertices(len(Q), [[1] * len(Q)], [1],
                                [[-uS[t][m][r] for r in Q] for t in J], [-value[t] for t in J])
                       for Q in receiver_supports(st, m, J))
        if not deterred:
            bestJ = _pure_best(st, m, J)
            gainers = [t for t in J if value[t] < min(uS[t][m][r] for r in bestJ)]
            dev = st.types[gainers[0]] if gainers else None
            why = (f"{dev} gains against every best response to beliefs on {_names(st, J)}"
                   if dev else f"no best response to beliefs on {_names(st, J)} keeps all "
                               f"of {_names(st, J)} from sending it")
            return CriterionResult("D1", False, m, excluded[m], dev,
                                   f"fails D1: {head}; {why}", excluded)
        notes.append(f"{head}; a best response to beliefs on {_names(st, J)} deters "
                     f"{_names(st, J)}")
    return CriterionResult("D1", True, None, (), None, "passes D1: " + (
        "; ".join(notes) if notes else "every message is sent"), excluded)
