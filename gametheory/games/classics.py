"""Classic games of incomplete information with their known sequential equilibria.

Each function returns an :class:`~gametheory.ExtensiveFormGame` whose docstring states the
source, the story, the payoffs and the equilibria, derived by hand; the tests
(``tests/games/test_classics.py``) check the stated equilibria with
:func:`gametheory.check_assessment`, exactly, and some stated non-equilibria fail it.

================================  ===========================================================
:func:`beer_quiche`               Cho & Kreps (1987): two pooling components; the quiche one
                                  needs ``mu(weak | beer) >= 1/2`` and fails the Intuitive
                                  Criterion
:func:`selten_horse`              Selten (1975): a Nash equilibrium that is not sequential in
                                  a tree without proper subgames
:func:`three_action_entry`        Gibbons (1992), Fig. 4.1.1: a subgame-perfect Nash
                                  equilibrium no belief supports
:func:`common_tremble`            one tremble reaches three information sets, so consistent
                                  beliefs there agree (Kreps & Wilson 1982); a weak perfect
                                  Bayesian outcome that no sequential equilibrium has
:func:`spence_job_market`         a discrete Spence (1973) signalling game: separating,
                                  pooling and (for a high prior) semi-separating equilibria
:func:`audience_cost_signalling`  a guarantor's public pledge with an audience cost (Fearon
                                  1994, 1997): a binding pledge deters; a cheap one is bluffed
================================  ===========================================================

Parameters may be numbers, exact strings (``"1/3"``, read as a Fraction), or sympy
expressions such as ``gt.parameters("p")``; a parameter given as a bare symbol gets its
domain and default attached (``game.parameter_info``), so ``gt.sweep`` and
``gt.critical_values`` work on the tree.

Examples
--------
>>> import gametheory as gt
>>> g = gt.classics.beer_quiche()
>>> beer_pool = {"Sender: strong": "beer", "Sender: weak": "beer",
...              "Receiver: beer": "no duel", "Receiver: quiche": "duel"}
>>> gt.check_assessment(g, beer_pool, {"Receiver: quiche": {"weak/quiche": 1}}).sequential
True
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..errors import GameError
from .extensive import ExtensiveFormGame
from .parameters import Parameter

__all__ = ["beer_quiche", "selten_horse", "three_action_entry", "common_tremble",
           "spence_job_market", "audience_cost_signalling"]

_PROB = (0, 1)
_NONNEG = (0, None)


def _value(name: str, value: Any, domain: tuple, default: Any, text: str,
           meta: list[Parameter]) -> Any:
    """A parameter's entry: a number, a Fraction from an exact string, or a sympy
    expression (a bare symbol named ``s`` gets ``Parameter(s, default, domain)``)."""
    if value is None:
        import sympy

        value = sympy.Symbol(name, real=True)
    if isinstance(value, str):
        try:
            value = Fraction(value)
        except (ValueError, ZeroDivisionError):
            raise GameError(f"{name} must be a number or an exact fraction such as '1/3'; "
                            f"got {value!r}") from None
    if isinstance(value, bool) or not (isinstance(value, (int, float, Fraction))
                                       or hasattr(value, "free_symbols")):
        raise GameError(f"{name} must be a number or a sympy expression; got {value!r}")
    if getattr(value, "is_Symbol", False):
        meta.append(Parameter(value.name, default=default, domain=domain, description=text))
    elif not hasattr(value, "free_symbols"):
        lo, hi = domain
        if value != value or (lo is not None and value < lo) or (hi is not None
                                                                 and value > hi):
            raise GameError(f"{name} = {value} is outside its domain [{lo}, "
                            f"{'inf' if hi is None else hi}]")
    return value


def _described(g: ExtensiveFormGame, meta: list[Parameter]) -> ExtensiveFormGame:
    have = {p.name for p in g.parameters}
    seen: dict[str, Parameter] = {}
    for p in meta:
        if p.name in have:
            seen.setdefault(p.name, p)
    return g.describe(*seen.values()) if seen else g


def _signalling_tree(title: str, sender: str, receiver: str, types: dict[str, Any],
                     messages: tuple[str, str], responses: tuple[str, str],
                     payoff) -> ExtensiveFormGame:
    """Chance picks a type; the sender (set ``"<sender>: <type>"``) sends a message; the
    receiver (set ``"<receiver>: <message>"``) responds; ``payoff(t, m, r)`` is the pair
    (the signalling games' builder)."""
    from ..refinements._signalling_structure import signalling_tree

    return signalling_tree(types, list(messages), list(responses), payoff,
                           players=(sender, receiver), title=title)


def beer_quiche(prior_strong: Any = Fraction(9, 10)) -> ExtensiveFormGame:
    """The beer-quiche signalling game of Cho and Kreps (1987).

    The story: chance makes the Sender ``"strong"`` (probability ``prior_strong``) or
    ``"weak"``; the Sender, knowing its type, has ``"beer"`` or ``"quiche"`` for
    breakfast; the Receiver sees the breakfast, not the type, and chooses ``"duel"`` or
    ``"no duel"``. The strong type prefers beer, the weak type quiche; both want to avoid
    the duel; the Receiver wants to duel only the weak type.

    Payoffs as in Cho and Kreps (1987, Figure II; the same numbers are in Fudenberg and
    Tirole 1991, sec. 11.2): the Sender gets 1 for its preferred breakfast plus 2 if there
    is no duel; the Receiver gets 1 for dueling the weak type or for not dueling the
    strong type, 0 otherwise.

    ======  ========  =========  ==========
    type    message   duel       no duel
    ======  ========  =========  ==========
    strong  beer      (1, 0)     (3, 1)
    strong  quiche    (0, 0)     (2, 1)
    weak    beer      (0, 1)     (2, 0)
    weak    quiche    (1, 1)     (3, 0)
    ======  ========  =========  ==========

    Information sets: ``"Sender: strong"``, ``"Sender: weak"``, ``"Receiver: beer"``,
    ``"Receiver: quiche"``. Node paths are ``type/message`` at the Receiver's sets, so a
    belief is ``{"Receiver: quiche": {"strong/quiche": ..., "weak/quiche": ...}}``.

    Parameters
    ----------
    prior_strong : number, str or sympy expression
        The probability of the strong type (Cho and Kreps: 9/10).

    Returns
    -------
    ExtensiveFormGame

    Notes
    -----
    The Receiver duels at a message iff its belief in the weak type there is at least 1/2
    (duel pays ``mu(weak)``, no duel ``1 - mu(weak)``). Write ``p = prior_strong`` and
    ``s`` for the duel probability at the unused message.

    *p > 1/2 (Cho and Kreps: 9/10).* No separating equilibrium: with strong on beer and
    weak on quiche the Receiver duels quiche, and the weak type gains 1 by switching to
    beer (2 > 1); with strong on quiche and weak on beer the weak type gets 0 and gains 3
    by quiche. No semi-separating one either: if the strong type were indifferent
    (``3 - 2 s_beer = 2 - 2 s_quiche``) the weak type would strictly prefer quiche and
    beer would reveal strength, so ``s_beer = 0``, a contradiction; and if only the weak
    type mixed, the message it shares with the strong type would have posterior weak
    below ``1 - p < 1/2``, no duel there and the weak type's other message would be worse.
    So every equilibrium pools, and there are two components of sequential equilibria:

    - *beer-pooling*: both types drink beer, no duel at beer (posterior weak ``1 - p``);
      at quiche the weak type must not gain: ``3 - 2 s <= 2``, so ``s >= 1/2``, which is
      optimal iff ``mu(weak | quiche) >= 1/2``, with ``mu = 1/2`` exactly when
      ``s < 1``. The strong type never gains (``2 - 2 s <= 3``).
    - *quiche-pooling*: both eat quiche, no duel at quiche; at beer the strong type must
      not gain: ``3 - 2 s <= 2``, so ``s >= 1/2``, which needs ``mu(weak | beer) >= 1/2``
      (``= 1/2`` when ``s < 1``). With ``mu(weak | beer) < 1/2`` the Receiver would not
      duel at beer and the strong type would switch.

    In a signalling game every belief at an unused message is consistent (the types'
    trembles are independent), so these are exactly the sequential equilibria. The
    quiche-pooling component fails the Intuitive Criterion (Cho and Kreps 1987): the weak
    type's equilibrium payoff 3 exceeds anything beer can give it (at most 2), so beer
    should be read as strong, the Receiver would not duel, and the strong type gains
    (3 > 2). The beer-pooling component passes: quiche gives the strong type at most 2,
    less than its equilibrium 3, so quiche is read as weak, and dueling there is right.

    *p < 1/2.* Pooling fails (the Receiver duels on the path, and the weak type then
    prefers quiche); the unique sequential equilibrium is semi-separating: the strong type
    drinks beer, the weak type drinks beer with probability ``p / (1 - p)`` (so
    ``mu(weak | beer) = 1/2``), the Receiver duels at quiche and duels at beer with
    probability 1/2, which makes the weak type indifferent (``2 - 2 * 1/2 = 1``).

    References
    ----------
    Cho, I.-K. and Kreps, D. M. (1987). Signaling games and stable equilibria. *Quarterly
    Journal of Economics* 102(2), 179-221. Fudenberg, D. and Tirole, J. (1991). *Game
    Theory*, sec. 11.2. MIT Press.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.classics.beer_quiche()
    >>> quiche_pool = {"Sender: strong": "quiche", "Sender: weak": "quiche",
    ...                "Receiver: beer": "duel", "Receiver: quiche": "no duel"}
    >>> gt.check_assessment(g, quiche_pool, {"Receiver: beer": {"weak/beer": "1/2",
    ...                                      "strong/beer": "1/2"}}).sequential
    True
    >>> gt.check_assessment(g, quiche_pool, {"Receiver: beer": {"weak/beer": "1/3",
    ...                                      "strong/beer": "2/3"}}).sequential
    False
    """
    meta: list[Parameter] = []
    p = _value("prior_strong", prior_strong, _PROB, Fraction(9, 10),
               "probability that the Sender is strong", meta)
    best = {"strong": "beer", "weak": "quiche"}

    def payoff(t: str, m: str, r: str) -> tuple[int, int]:
        sender = (m == best[t]) + 2 * (r == "no duel")
        receiver = int((r == "duel") == (t == "weak"))
        return sender, receiver

    g = _signalling_tree("Beer-quiche (Cho & Kreps 1987)", "Sender", "Receiver",
                         {"strong": p, "weak": 1 - p}, ("beer", "quiche"),
                         ("duel", "no duel"), payoff)
    return _described(g, meta)


def selten_horse() -> ExtensiveFormGame:
    """Selten's horse (Selten 1975, Figure 1): three players, no proper subgame.

    The story: Player 1 continues (``"C"``) or drops down (``"D"``); after ``C``, Player 2
    continues (``"c"``, ending the game) or drops down (``"d"``). Player 3 moves after
    ``D`` or after ``C, d`` without knowing which, choosing ``"L"`` or ``"R"``. The
    labels are the usual textbook ones; Selten labels every move L or R (his ``L`` of
    Players 1 and 2 is ``D`` and ``d`` here, and Player 3's two actions are swapped).
    Payoffs (Players 1, 2, 3), as in Selten's figure:

    =========  ===========
    play       payoffs
    =========  ===========
    C, c       (1, 1, 1)
    C, d, L    (4, 4, 0)
    C, d, R    (0, 0, 1)
    D, L       (3, 2, 2)
    D, R       (0, 0, 0)
    =========  ===========

    Information sets: ``"Player 1"``, ``"Player 2"``, ``"Player 3"`` (nodes ``"D"`` and
    ``"C/d"``).

    Returns
    -------
    ExtensiveFormGame

    Notes
    -----
    Write ``b`` for the probability of ``c`` and ``l`` for that of ``L``, ``mu`` for
    Player 3's belief in node ``D``. Player 3 plays ``L`` iff ``2 mu >= 1 - mu``, i.e.
    ``mu >= 1/3``. Player 2 gets 1 from ``c`` and ``4 l`` from ``d``.

    *Nash equilibria* (two components). (i) If Player 3's set is not reached
    (``C`` and ``c``), Player 1 needs ``1 >= 3 l`` and Player 2 ``1 >= 4 l``: the
    component ``{(C, c, l): l <= 1/4}``. (ii) If Player 1 plays ``D`` for sure, Player 3
    knows it is at ``D`` and plays ``L`` (2 > 0), and Player 1 needs
    ``3 >= b + 4 (1 - b)``: the component ``{(D, b, L): b >= 1/3}``, with Player 2 off
    the path. No other: with ``C`` for sure and ``d`` possible, Player 3 is at ``C/d``,
    plays ``R`` and Player 2 then prefers ``c`` (1 > 0). Player 1 cannot mix: if
    ``l > 1/4`` Player 2 plays ``d`` and ``C`` gives ``4 l > 3 l``; if ``l < 1/4``
    Player 2 plays ``c`` and indifference ``1 = 3 l`` contradicts ``l < 1/4``; at
    ``l = 1/4``, ``C`` gives 1 > 3/4 whatever Player 2 does.

    *Sequential equilibria*: component (ii) fails: Player 2 must best-respond to
    ``L`` at its node, and ``d`` (4) beats ``c`` (1). Component (i) is sequential with
    beliefs ``mu <= 1/3`` when ``l = 0`` and ``mu = 1/3`` when ``0 < l <= 1/4``; every
    belief at Player 3's set is consistent (Players 1 and 2 tremble independently:
    ``mu / (1 - mu) = eps_D / ((1 - eps_D) eps_d)``). Selten's point: ``(D, c, L)`` is a
    Nash equilibrium and, there being no proper subgame, subgame perfect, yet it rests on
    Player 2's incredible ``c``; Selten shows that ``(C, c, R)`` is perfect and
    ``(D, c, L)`` is not.

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for equilibrium points in
    extensive games. *International Journal of Game Theory* 4, 25-55. Kreps, D. M. and
    Wilson, R. (1982). Sequential equilibria. *Econometrica* 50, 863-894.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.classics.selten_horse()
    >>> gt.check_assessment(g, {"Player 1": "C", "Player 2": "c", "Player 3": "R"},
    ...                     {"Player 3": {"D": "1/4", "C/d": "3/4"}}).sequential
    True
    >>> chk = gt.check_assessment(g, {"Player 1": "D", "Player 2": "c", "Player 3": "L"})
    >>> chk.sequential, chk.problems[0]
    (False, "at information set 'Player 2', Player 2 gains 3 by playing 'd'")
    """
    g = ExtensiveFormGame(["Player 1", "Player 2", "Player 3"], title="Selten's horse")
    cont, down = g.root.decide("Player 1", ["C", "D"], infoset="Player 1")
    c, d = cont.decide("Player 2", ["c", "d"], infoset="Player 2")
    c.payoffs(1, 1, 1)
    for node, (left, right) in ((d, ((4, 4, 0), (0, 0, 1))), (down, ((3, 2, 2), (0, 0, 0)))):
        leaf_l, leaf_r = node.decide("Player 3", ["L", "R"], infoset="Player 3")
        leaf_l.payoffs(*left)
        leaf_r.payoffs(*right)
    return g


def three_action_entry() -> ExtensiveFormGame:
    """Player 1 chooses among three actions, two of which Player 2 cannot tell apart:
    a subgame-perfect Nash equilibrium that no beliefs make sequentially rational.

    The story (Gibbons 1992, sec. 4.1, Figure 4.1.1): Player 1 chooses ``"L"``, ``"M"``
    or ``"R"``; ``R`` ends the game with payoffs (1, 3). After ``L`` or ``M`` Player 2
    learns that ``R`` was not chosen, but not which of the two was, and chooses ``"L'"``
    or ``"R'"``. Payoffs (Player 1, Player 2): ``L, L'`` (2, 1); ``L, R'`` (0, 0);
    ``M, L'`` (0, 2); ``M, R'`` (0, 1). This is the kind of example Kreps and Wilson
    (1982, sec. 1) use to motivate beliefs at information sets.

    Information sets: ``"Player 1"`` and ``"Player 2"`` (nodes ``"L"`` and ``"M"``).

    Returns
    -------
    ExtensiveFormGame

    Notes
    -----
    *Nash equilibria*: in the normal form (rows L, M, R; columns L', R') the pure
    equilibria are ``(L, L')`` and ``(R, R')``; mixing: Player 1 plays ``R`` against any
    ``L'``-probability ``y <= 1/2`` (``2 y <= 1``) and then Player 2 is off the path, so
    ``{(R, y): y <= 1/2}`` is a component; ``(L, L')`` is strict. There is no proper
    subgame, so all are subgame perfect.

    *Sequential equilibria*: ``L'`` strictly beats ``R'`` at both of Player 2's nodes
    (1 > 0 and 2 > 1), so whatever the belief Player 2 plays ``L'``, and Player 1 then
    plays ``L`` (2 > 1 > 0): the unique sequential equilibrium is ``(L, L')`` with
    belief 1 on ``L``. The component ``(R, y <= 1/2)`` (with ``(R, R')``) is subgame
    perfect but not sequential for any belief.

    References
    ----------
    Gibbons, R. (1992). *Game Theory for Applied Economists*, sec. 4.1.A, Figure 4.1.1.
    Princeton University Press. Kreps, D. M. and Wilson, R. (1982). Sequential
    equilibria. *Econometrica* 50, 863-894.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.classics.three_action_entry()
    >>> gt.check_assessment(g, {"Player 1": "L", "Player 2": "L'"}).sequential
    True
    >>> gt.check_assessment(g, {"Player 1": "R", "Player 2": "R'"},
    ...                     {"Player 2": {"M": 1}}).sequentially_rational
    False
    """
    g = ExtensiveFormGame(["Player 1", "Player 2"], title="Three actions, two unseen")
    left, mid, right = g.root.decide("Player 1", ["L", "M", "R"], infoset="Player 1")
    right.payoffs(1, 3)
    for node, pays in ((left, ((2, 1), (0, 0))), (mid, ((0, 2), (0, 1)))):
        for leaf, pay in zip(node.decide("Player 2", ["L'", "R'"], infoset="Player 2"), pays,
                             strict=True):
            leaf.payoffs(*pay)
    return g


def common_tremble() -> ExtensiveFormGame:
    """One tremble of Player 1 reaches three information sets, so consistent beliefs at
    them agree; an outcome that Bayes' rule on the path allows but consistency forbids.

    The story: Player 1 takes an outside option ``"A"`` (payoff 2 to Player 1, 0 to the
    others) or plays ``"L"`` or ``"R"``; Player 2, not seeing which, chooses ``"l"`` or
    ``"r"``; Player 3 sees Player 2's choice but not Player 1's and chooses ``"u"`` or
    ``"d"``. Players 1 and 2 want Player 3's choice to *match* Player 2's (``l`` with
    ``u``, ``r`` with ``d``): Player 1 gets 3 and Player 2 gets 1 when they match, 0 when
    not, whatever Player 1 did. Player 3 wants ``u`` at an ``L`` node and ``d`` at an
    ``R`` node, more so after ``l`` at ``L`` and after ``r`` at ``R``: after ``l`` it
    gets 2 for ``(L, u)``, 1 for ``(R, d)``; after ``r`` 1 for ``(L, u)``, 2 for
    ``(R, d)``; 0 otherwise. So with belief ``m`` in ``L``, Player 3 plays ``u`` after
    ``l`` iff ``m >= 1/3`` and ``u`` after ``r`` iff ``m >= 2/3``.

    Constructed for this library (the payoffs are not from a paper) to illustrate Kreps
    and Wilson's (1982) consistency: along trembles ``eps_L, eps_R`` of Player 1, every
    belief in ``L`` at Players 2's and 3's sets is ``eps_L / (eps_L + eps_R)`` (Player 2's
    move multiplies both nodes of a Player 3 set by the same probability), so the three
    beliefs coincide in the limit; Bayes' rule on the path alone does not tie them when
    Player 1 takes ``A`` (Fudenberg and Tirole 1991, sec. 8.3, discuss the same gap
    between weak perfect Bayesian and sequential equilibrium).

    Information sets: ``"Player 1"``, ``"Player 2"`` (nodes ``"L"``, ``"R"``),
    ``"Player 3: l"`` (``"L/l"``, ``"R/l"``) and ``"Player 3: r"`` (``"L/r"``, ``"R/r"``).

    Returns
    -------
    ExtensiveFormGame

    Notes
    -----
    *A weak perfect Bayesian equilibrium that is not sequential*: Player 1 takes ``A``;
    Player 2 plays anything; Player 3 plays ``d`` after ``l`` and ``u`` after ``r``,
    believing ``m_l <= 1/3`` after ``l`` and ``m_r >= 2/3`` after ``r``. Player 3 never
    matches, so ``L`` and ``R`` give Player 1 0 < 2; all sets but Player 1's are off the
    path, and every choice is optimal given its belief. The beliefs disagree, so the
    assessment is not consistent.

    *Sequential equilibria*: with consistent beliefs (one ``m`` everywhere) Player 3
    plays ``d, d`` if ``m < 1/3``, ``u, d`` if ``1/3 < m < 2/3`` and ``u, u`` if
    ``m > 2/3``. Player 2 then matches (``r``, either, ``l``), so ``L`` and ``R`` give
    Player 1 3 > 2 and Player 1 never takes ``A``. At ``m = 1/3`` (Player 3 mixing after
    ``l``) Player 2 plays ``r`` unless Player 3 plays ``u`` for sure, and at ``m = 2/3``
    ``l`` unless Player 3 plays ``d`` for sure after ``r``; either way the match is sure
    and Player 1 gets 3. Player 1's payoff does not depend on ``L`` or ``R``, so every
    split is optimal: the sequential equilibria are, for each ``m`` in [0, 1], Player 1
    playing ``L`` with probability ``m`` and ``R`` otherwise, beliefs ``m`` at the three
    sets, Player 3's responses above and Player 2 matching (any mixture when
    ``1/3 < m < 2/3``; at ``m = 1/3`` Player 2 plays ``r`` unless Player 3 plays ``u``
    for sure after ``l``, and symmetrically at ``m = 2/3``). In all of them Player 1 gets
    3, so the outside option's outcome is not sequential.

    References
    ----------
    Kreps, D. M. and Wilson, R. (1982). Sequential equilibria. *Econometrica* 50,
    863-894. Fudenberg, D. and Tirole, J. (1991). *Game Theory*, sec. 8.3. MIT Press.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.classics.common_tremble()
    >>> beh = {"Player 1": "A", "Player 2": "l", "Player 3: l": "d", "Player 3: r": "u"}
    >>> mu = {"Player 2": {"L": "1/2", "R": "1/2"}, "Player 3: l": {"R/l": 1},
    ...       "Player 3: r": {"L/r": 1}}
    >>> chk = gt.check_assessment(g, beh, mu)
    >>> chk.sequentially_rational, chk.bayes_consistent, chk.consistent
    (True, True, False)
    """
    g = ExtensiveFormGame(["Player 1", "Player 2", "Player 3"],
                          title="One tremble, three information sets")
    out, left, right = g.root.decide("Player 1", ["A", "L", "R"], infoset="Player 1")
    out.payoffs(2, 0, 0)
    p3 = {("L", "l"): (2, 0), ("R", "l"): (0, 1), ("L", "r"): (1, 0), ("R", "r"): (0, 2)}
    for x, node in (("L", left), ("R", right)):
        for y, n2 in zip("lr", node.decide("Player 2", ["l", "r"], infoset="Player 2"),
                         strict=True):
            for z, leaf in zip("ud", n2.decide("Player 3", ["u", "d"],
                                               infoset=f"Player 3: {y}"), strict=True):
                match = (y, z) in (("l", "u"), ("r", "d"))
                leaf.payoffs(3 * match, int(match), p3[(x, y)]["ud".index(z)])
    return g


def spence_job_market(prior_high: Any = Fraction(1, 3), cost_high: Any = Fraction(1, 2),
                      cost_low: Any = Fraction(3, 2)) -> ExtensiveFormGame:
    """A discrete Spence (1973) job-market signalling game.

    The story: chance makes the Worker of ``"high"`` ability (probability
    ``prior_high``) or ``"low"``; the Worker, knowing its ability, chooses ``"educate"``
    or ``"no education"``; the Firm sees the education, not the ability, and puts the
    Worker in a ``"manager"`` job (wage 2) or a ``"clerk"`` job (wage 1). Education does
    not raise productivity; it costs ``cost_high`` to the high type and ``cost_low`` to
    the low type. The Firm gains 1 from a high-ability manager, loses 1 on a low-ability
    manager and gets 0 from a clerk (payoffs relative to the clerk job).

    Payoffs (Worker, Firm): wage minus education cost; Firm as above. Two types, two
    signals and two jobs, as in the textbook discrete versions of Spence's model
    (Gibbons 1992, sec. 4.2.B, treats the continuous one); the numbers are chosen here.

    Information sets: ``"Worker: high"``, ``"Worker: low"``, ``"Firm: educate"``,
    ``"Firm: no education"`` (nodes ``"high/educate"`` and so on).

    Parameters
    ----------
    prior_high : number, str or sympy expression
        Probability of the high type (default 1/3).
    cost_high, cost_low : number, str or sympy expression
        Education costs of the two types (defaults 1/2 and 3/2).

    Returns
    -------
    ExtensiveFormGame

    Notes
    -----
    The Firm makes a manager of the Worker iff its belief in the high type is at least
    1/2. Assume ``0 < cost_high < 1 < cost_low`` (education is worth the manager's
    premium of 1 to the high type only), ``p = prior_high`` in (0, 1), and write ``s_m``
    for the probability of a manager job after message ``m``.

    - *Separating* (high educates, low does not; Firm: manager after education, clerk
      without): for every prior. The high type gets ``2 - cost_high > 1``; the low type
      ``1 > 2 - cost_low``. (The reverse separation fails: the low type would gain by not
      educating.)
    - *Pooling on no education*, for every prior. If ``p > 1/2`` the Firm makes everyone
      a manager; education could not raise anyone's wage, so any belief after education
      will do, with a response optimal for it (manager iff ``mu(high | educate) >= 1/2``).
      If ``p < 1/2`` everyone is a clerk, and the high type
      must not gain by educating: ``s_educate <= cost_high``, which needs
      ``mu(high | educate) <= 1/2`` (``= 1/2`` when ``s_educate > 0``). For ``p < 1/2``
      this pooling fails the Intuitive Criterion: education cannot pay the low type
      (``2 - cost_low < 1``) but pays the high type if read as high.
    - *Pooling on education*: never (the low type would save ``cost_low``: after
      ``no education`` it gets at least 1 > 2 - cost_low).
    - *Semi-separating*, only if ``p > 1/2``: the high type educates with probability
      ``(2 p - 1) / p`` (so that ``mu(high | no education) = 1/2``), the low type never;
      the Firm makes an educated Worker a manager and an uneducated one with probability
      ``1 - cost_high``, which makes the high type indifferent; the low type prefers not
      to educate (``1 + (1 - cost_high) > 2 - cost_low``). The low type cannot mix (it
      would need ``s_educate - s_no = cost_low > 1``).

    So the prior's regions: for ``p < 1/2`` separating and a clerk-pooling equilibrium
    (which the Intuitive Criterion removes); for ``p > 1/2`` separating, a manager-pooling
    equilibrium (which the Intuitive Criterion keeps: no type could gain from education)
    and a semi-separating one. Every belief at an unused message is consistent here.

    References
    ----------
    Spence, M. (1973). Job market signaling. *Quarterly Journal of Economics* 87(3),
    355-374. Gibbons, R. (1992). *Game Theory for Applied Economists*, sec. 4.2.B.
    Princeton University Press. Cho, I.-K. and Kreps, D. M. (1987). *Quarterly Journal
    of Economics* 102(2), 179-221.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.classics.spence_job_market()
    >>> sep = {"Worker: high": "educate", "Worker: low": "no education",
    ...        "Firm: educate": "manager", "Firm: no education": "clerk"}
    >>> gt.check_assessment(g, sep).sequential
    True
    >>> p = gt.parameters("p")
    >>> gt.classics.spence_job_market(prior_high=p).parameter_info["p"].domain
    (0, 1)
    """
    meta: list[Parameter] = []
    p = _value("prior_high", prior_high, _PROB, Fraction(1, 3),
               "probability that the Worker has high ability", meta)
    cost = {"high": _value("cost_high", cost_high, _NONNEG, Fraction(1, 2),
                           "education cost of the high type", meta),
            "low": _value("cost_low", cost_low, _NONNEG, Fraction(3, 2),
                          "education cost of the low type", meta)}

    def payoff(t: str, m: str, r: str) -> tuple[Any, int]:
        wage = 2 if r == "manager" else 1
        firm = 0 if r == "clerk" else (1 if t == "high" else -1)
        return (wage - cost[t] if m == "educate" else wage), firm

    g = _signalling_tree("Job-market signalling (Spence 1973)", "Worker", "Firm",
                         {"high": p, "low": 1 - p}, ("educate", "no education"),
                         ("manager", "clerk"), payoff)
    return _described(g, meta)


def audience_cost_signalling(q: Any = None, a: Any = None, v_R: Any = None, v_I: Any = None,
                             c: Any = None, r: Any = None) -> ExtensiveFormGame:
    """A guarantor's public pledge with an audience cost, against Russia (Fearon 1994,
    1997: "tying hands").

    The story: chance makes the Guarantor ``"resolved"`` (probability ``q``) or
    ``"irresolute"``; it knows its type and makes a public ``"pledge"`` or stays
    ``"silent"``. Russia sees the message, not the type, and ``"press"``-es or
    ``"refrain"``-s. If pressed, the Guarantor ``"defend"``-s or ``"back down"``-s;
    backing down after a pledge costs it the audience cost ``a``. The Guarantor values
    the stakes at ``v_R`` (resolved) or ``v_I`` (irresolute) and a war costs it ``c``;
    Russia gains 1 from a back-down and loses ``r`` in a war.

    Payoffs (Guarantor, Russia): refrain ``(v, 0)``; press and back down ``(0, 1)``,
    ``(-a, 1)`` after a pledge; press and defend ``(v - c, -r)``, where ``v`` is the
    type's value. Nothing is paid for the pledge itself (the audience cost is paid only
    on backing down: Fearon's tying hands, not sinking costs).

    Information sets: ``"Guarantor: resolved"``, ``"Guarantor: irresolute"``,
    ``"Russia: pledge"``, ``"Russia: silent"`` (nodes ``"resolved/pledge"`` and so on)
    and the Guarantor's response ``"Guarantor: <type>, <message>, pressed"``. The
    Guarantor moves after Russia, so this is not a pure sender-receiver game.

    Parameters
    ----------
    q, a, v_R, v_I, c, r : number, str or sympy expression, optional
        Left out, a parameter stays a sympy symbol of its name, with the defaults
        ``q = 1/4, a = 1/2, v_R = 3, v_I = 1, c = 2, r = 1`` and domains in
        ``game.parameter_info`` (probabilities in [0, 1], the rest non-negative).

    Returns
    -------
    ExtensiveFormGame

    Notes
    -----
    Assume ``v_R > c > v_I > 0``, ``a > 0``, ``r > 0``, ``0 < q < 1``; write
    ``theta = 1 / (1 + r)`` and ``s_m`` for Russia's probability of pressing after
    message ``m``.

    *Last move.* The resolved type defends whenever pressed (``v_R - c > 0 > -a``); the
    irresolute type backs down after silence (``0 > v_I - c``) and, after a pledge,
    defends iff ``a > c - v_I`` (the pledge *binds*).
    *Russia.* Where the Guarantor defends iff resolved, pressing pays
    ``(1 - m) - m r`` at belief ``m`` in the resolved type: press iff ``m <= theta``.

    *Binding pledge* (``a > c - v_I``). After a pledge both types defend, so Russia
    refrains there whatever it believes, and a pledge gives each type its best payoff
    ``v``. In every sequential equilibrium Russia never presses on the path
    (status quo; payoffs ``v`` and 0): a type that stays silent must be left alone, so
    silence, if used, has belief ``m >= theta`` and ``s_silent = 0``; if unused, any
    belief there, with Russia's response optimal for it (press iff ``m <= theta``).
    Pooling on the pledge is among them (for every prior),
    and so are mixtures of messages with belief at least ``theta`` after silence.

    *Cheap pledge* (``a < c - v_I``): the irresolute type backs down after either
    message. No separating equilibrium: if the pledge revealed the resolved type
    Russia would refrain after it and the irresolute type would pledge too (``v_I > 0``);
    the reverse separation leaves the resolved type pressed after its pledge.

    - ``q > theta``: Russia never presses on the path. Pooling on silence with any
      belief after a pledge and Russia's response optimal for it;
      pooling on the pledge, likewise with any belief after silence; and mixtures of
      messages keeping both beliefs at least ``theta``. (If Russia pressed after a used
      message, its belief there would be below ``q``, the other message's above
      ``theta``, and every type would switch to the other message.)
    - ``q < theta``: (i) *pooling on silence*, Russia pressing after both messages
      (belief ``mu(resolved | pledge) <= theta``; the resolved type defends, the
      irresolute type backs down); (ii) *semi-separating (bluffing)*: the resolved type
      pledges, the irresolute type pledges with probability ``q r / (1 - q)`` (so
      ``mu(resolved | pledge) = theta``), Russia presses after silence and after a
      pledge with probability ``v_I / (v_I + a)``, which makes the irresolute type
      indifferent (``v_I - s (v_I + a) = 0``); the resolved type prefers the pledge
      (``v_R - s c > v_R - c``). A higher audience cost lowers the pressure after a
      pledge. Pooling on the pledge fails (Russia would press, and the irresolute
      type would rather be silent: ``-a < 0``).

    The knife-edges ``q = theta`` and ``a = c - v_I`` are not treated here.
    With the defaults (``q = 1/4 < theta = 1/2``, ``a = 1/2 < c - v_I = 1``): the
    bluffing equilibrium has the irresolute type pledging with probability 1/3 and
    Russia pressing a pledge with probability 2/3.

    References
    ----------
    Fearon, J. D. (1994). Domestic political audiences and the escalation of
    international disputes. *American Political Science Review* 88(3), 577-592.
    Fearon, J. D. (1997). Signaling foreign policy interests: tying hands versus sinking
    costs. *Journal of Conflict Resolution* 41(1), 68-90.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.classics.audience_cost_signalling()
    >>> [p.name for p in g.parameters], g.parameter_info["a"].default
    (['a', 'c', 'q', 'r', 'v_I', 'v_R'], Fraction(1, 2))
    >>> g0 = gt.classics.audience_cost_signalling(q="1/4", a="1/2", v_R=3, v_I=1, c=2, r=1)
    >>> bluff = {"Guarantor: resolved": "pledge",
    ...          "Guarantor: irresolute": {"pledge": "1/3", "silent": "2/3"},
    ...          "Russia: pledge": {"press": "2/3", "refrain": "1/3"},
    ...          "Russia: silent": "press"}
    >>> for t in ("resolved", "irresolute"):
    ...     for m in ("pledge", "silent"):
    ...         bluff[f"Guarantor: {t}, {m}, pressed"] = (
    ...             "defend" if t == "resolved" else "back down")
    >>> gt.check_assessment(g0, bluff).sequential
    True
    """
    meta: list[Parameter] = []
    spec = (("q", q, _PROB, Fraction(1, 4), "prior probability that the Guarantor is "
                                            "resolved"),
            ("a", a, _NONNEG, Fraction(1, 2), "audience cost of backing down after a "
                                              "pledge"),
            ("v_R", v_R, _NONNEG, 3, "the resolved Guarantor's value of the stakes"),
            ("v_I", v_I, _NONNEG, 1, "the irresolute Guarantor's value of the stakes"),
            ("c", c, _NONNEG, 2, "the Guarantor's cost of a war"),
            ("r", r, _NONNEG, 1, "Russia's cost of a war (its gain from a back-down is 1)"))
    s = {name: _value(name, val, dom, d, text, meta) for name, val, dom, d, text in spec}
    value = {"resolved": s["v_R"], "irresolute": s["v_I"]}
    g = ExtensiveFormGame(["Guarantor", "Russia"], title="Audience-cost signalling")
    for t, node in zip(value, g.root.chance({"resolved": s["q"], "irresolute": 1 - s["q"]}),
                       strict=True):
        for m, mnode in zip(("pledge", "silent"),
                            node.decide("Guarantor", ["pledge", "silent"],
                                        infoset=f"Guarantor: {t}"), strict=True):
            press, refrain = mnode.decide("Russia", ["press", "refrain"],
                                          infoset=f"Russia: {m}")
            refrain.payoffs(value[t], 0)
            defend, back = press.decide("Guarantor", ["defend", "back down"],
                                        infoset=f"Guarantor: {t}, {m}, pressed")
            defend.payoffs(value[t] - s["c"], -s["r"])
            back.payoffs(-s["a"] if m == "pledge" else 0, 1)
    return _described(g, meta)
