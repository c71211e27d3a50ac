"""Normal-form (strategic-form) games with any number of players.

A :class:`NormalFormGame` is data with invariants: a payoff array of shape
``(N, n1, ..., nN)``, player names and strategy labels. It computes expected payoffs of
mixed profiles but knows nothing of solvers.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameError
from . import _bridge
from . import parameters as _params
from ._labels import check_players, check_strategies, has_sequences, is_sequence
from ._profiles import mixed_strategy
from ._profiles import payoff_vectors as contract_payoffs
from ._structure import (
    is_constant_sum_payoffs,
    is_symmetric_array,
    sums_to_constant,
)
from .values import as_entry_array, convert_array, to_float_array, to_fraction_array

__all__ = ["NormalFormGame"]


class NormalFormGame(_params.ParametricGame):
    """A finite game in normal form.

    Parameters
    ----------
    payoffs : array_like, shape (N, n1, ..., nN)
        ``payoffs[i][s1, ..., sN]`` is player i's payoff when player j plays strategy sj.
        Entries may be int, float, Fraction, strings such as ``"1/3"``, or sympy expressions.
    players : sequence of str, optional
        Player names; default ``"Player 1"``, ``"Player 2"``, ...
    strategies : sequence of sequences of str, optional
        Strategy labels per player; default ``a1, a2, ...`` for player 1, ``b1, ...`` for
        player 2, and so on.

    Notes
    -----
    Payoffs are stored as float64 when any entry is a float, exactly (int64 or Fractions)
    when all entries are exact rationals, and as sympy expressions when any entry has a
    free parameter. Use :meth:`from_arrays` to give one array per player.

    Examples
    --------
    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                    players=["Row", "Col"],
    ...                                    strategies=[["C", "D"], ["C", "D"]])
    >>> pd.shape, pd.num_players
    ((2, 2), 2)
    >>> print(pd)
    Row \\ Col      C       D
    C            3, 3    0, 5
    D            5, 0    1, 1
    """

    def __init__(self, payoffs: Any, players: Sequence[str] | None = None,
                 strategies: Sequence[Sequence[str]] | None = None):
        raw = as_entry_array(payoffs, "payoff array is ragged: its rows have unequal lengths")
        if raw.ndim < 2:
            raise GameError(f"payoff array must have shape (N, n1, ..., nN); got {raw.shape}")
        n_players = raw.shape[0]
        if raw.ndim != n_players + 1:
            raise GameError(f"payoff array of shape {raw.shape} describes {n_players} players "
                            f"but {raw.ndim - 1} strategy dimensions; expected (N, n1, ..., nN)")
        self._init(raw, players, strategies)

    def _init(self, raw, players, strategies):
        n_players = raw.shape[0]
        shape = tuple(int(s) for s in raw.shape[1:])
        names = check_players(players, n_players)
        for i, n in enumerate(shape):
            if n == 0:
                raise GameError(f"{names[i]} has no strategies (empty strategy set)")

        def where(idx):
            cell = ", ".join(str(k) for k in idx[1:])
            return f"payoff of {names[idx[0]]} in cell ({cell})"

        arr, kind = convert_array(raw, where)
        arr.setflags(write=False)
        self._payoffs = arr
        self._kind = kind
        self._players = names
        self._strategies = check_strategies(strategies, names, shape)
        self._float: np.ndarray | None = None
        self._exact: np.ndarray | None = None
        self._parameters = _params.free_parameters(arr) if kind == "symbolic" else ()

    @classmethod
    def from_arrays(cls, *arrays: Any, players: Sequence[str] | None = None,
                    strategies: Sequence[Sequence[str]] | None = None) -> NormalFormGame:
        """Build a game from one payoff array per player.

        Parameters
        ----------
        *arrays : array_like
            ``arrays[i]`` has shape ``(n1, ..., nN)`` with N the number of arrays.
        players, strategies
            As in :class:`NormalFormGame`.

        Examples
        --------
        >>> import gametheory as gt
        >>> from fractions import Fraction
        >>> g = gt.NormalFormGame.from_arrays([[1, Fraction(1, 2)], [0, 2]], [[2, 0], [0, 1]])
        >>> g.payoffs[0, 0, 1]
        Fraction(1, 2)
        """
        if not arrays:
            raise GameError("from_arrays needs one payoff array per player")
        names = check_players(players, len(arrays))
        converted = []
        for i, a in enumerate(arrays):
            arr = as_entry_array(a, f"payoffs of {names[i]} are ragged: rows of unequal length")
            if arr.dtype == object and arr.ndim < len(arrays) and has_sequences(arr):
                raise GameError(f"payoffs of {names[i]} are ragged: rows of unequal length")
            converted.append(arr)
        shape0 = converted[0].shape
        for i, arr in enumerate(converted):
            if arr.ndim != len(arrays):
                raise GameError(f"payoffs of {names[i]} have {arr.ndim} dimensions, but a "
                                f"{len(arrays)}-player game needs {len(arrays)} "
                                f"(one per player); shape given {arr.shape}")
            if arr.shape != shape0:
                raise GameError(f"payoffs of {names[i]} have shape {arr.shape}, but those of "
                                f"{names[0]} have shape {shape0}")
        kinds = {a.dtype.kind for a in converted}
        if kinds <= {"f"} or (kinds <= {"i", "u"}
                              and np.result_type(*converted).kind in "iu"):
            stacked = np.stack(converted)
        else:
            stacked = np.empty((len(arrays),) + shape0, dtype=object)
            for i, a in enumerate(converted):
                stacked[i] = a
        game = cls.__new__(cls)
        game._init(stacked, names, strategies)
        return game

    @classmethod
    def from_bimatrix(cls, cells: Any, players: Sequence[str] | None = None,
                      strategies: Sequence[Sequence[str]] | None = None) -> NormalFormGame:
        """Build a two-player game from a matrix of payoff pairs ``(row payoff, column payoff)``.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.NormalFormGame.from_bimatrix([[(3, 3), (0, 5)], [(5, 0), (1, 1)]])
        >>> g.payoffs[1].tolist()
        [[3, 5], [0, 1]]
        """
        try:
            arr = np.asarray(cells, dtype=object)
        except ValueError:
            raise GameError("bimatrix is ragged: rows of unequal length") from None
        if arr.ndim < 3 and has_sequences(arr):
            raise GameError("bimatrix is ragged: rows of unequal length or cells that are "
                            "not all pairs")
        if arr.ndim != 3 or arr.shape[2] != 2:
            raise GameError(f"a bimatrix needs shape (m, n, 2) (a pair in every cell); got "
                            f"{arr.shape}")
        return cls.from_arrays(arr[:, :, 0], arr[:, :, 1], players=players,
                               strategies=strategies)

    @classmethod
    def from_csv(cls, *paths: str | os.PathLike, players: Sequence[str] | None = None
                 ) -> NormalFormGame:
        """A two-player game from CSV files: one file of pairs ``"3, 1"`` or two files of
        numbers (the row player's, the column player's), the first row and column the
        strategies (see :mod:`gametheory.io.spreadsheet`). Entries are read exactly by
        the restricted parser; ragged rows, empty cells and ``NaN`` are errors.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> import gametheory as gt
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "row.csv").write_text(",L,R\\nU,-7.78,0\\nD,1/3,1\\n")
        >>> _ = (d / "col.csv").write_text(",L,R\\nU,1,0\\nD,0,2\\n")
        >>> g = gt.NormalFormGame.from_csv(d / "row.csv", d / "col.csv")
        >>> g.strategies, g.payoffs[0, 0, 0]
        ((('U', 'D'), ('L', 'R')), Fraction(-389, 50))
        """
        return cls._from_tables(paths, players, excel=False)

    @classmethod
    def from_excel(cls, *paths: str | os.PathLike, sheet: int | str = 0,
                   players: Sequence[str] | None = None) -> NormalFormGame:
        """A two-player game from Excel files, laid out as for :meth:`from_csv`, from
        the sheet ``sheet`` (its index from 0 or its name) of each; needs openpyxl
        (``.xls`` files: pandas and xlrd). A formula is read as the value the file saved
        for it (see :mod:`gametheory.io.spreadsheet`)."""
        return cls._from_tables(paths, players, excel=True, sheet=sheet)

    @classmethod
    def _from_tables(cls, paths: Sequence[Any], players: Sequence[str] | None,
                     **how: Any) -> NormalFormGame:
        from ..io.spreadsheet import payoff_tables

        arrays, names, strategies = payoff_tables(paths, **how)
        return cls.from_arrays(*arrays, players=players or names, strategies=strategies)

    # ----------------------------------------------------------------- other libraries
    @classmethod
    def from_nashpy(cls, game: Any, players: Sequence[str] | None = None,
                    strategies: Sequence[Sequence[str]] | None = None) -> NormalFormGame:
        """A ``nashpy.Game`` as a NormalFormGame, with our default labels or those given
        (:func:`gametheory.io.interop.from_nashpy`).

        Examples
        --------
        >>> import nashpy
        >>> import gametheory as gt
        >>> gt.NormalFormGame.from_nashpy(nashpy.Game([[2, 0], [0, 1]])).payoffs[1].tolist()
        [[-2, 0], [0, -1]]
        """
        return _bridge.converter("from_nashpy")(game, players=players, strategies=strategies)

    def to_nashpy(self, exact: bool = False) -> Any:
        """This two-player game as a ``nashpy.Game``: integers as ints, other numbers as
        floats, or with ``exact=True`` our values unchanged
        (:func:`gametheory.io.interop.to_nashpy`).

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> len(list(g.to_nashpy().support_enumeration()))
        1
        """
        return _bridge.converter("to_nashpy")(self, exact=exact)

    @classmethod
    def from_pygambit(cls, game: Any, exact: bool = False) -> NormalFormGame:
        """A ``pygambit.StrategicGame`` as a NormalFormGame, labels and exact numbers kept
        (a ``pygambit.ExtensiveGame``: its reduced normal form); decimals as floats, or
        with ``exact=True`` as Fractions (:func:`gametheory.io.interop.from_pygambit`).

        Examples
        --------
        >>> import pygambit
        >>> import gametheory as gt
        >>> g = pygambit.StrategicGame.from_arrays([[1, 0]], [[0, 1]])
        >>> gt.NormalFormGame.from_pygambit(g).shape
        (1, 2)
        """
        ours = _bridge.converter("from_pygambit")(game, exact=exact)
        return ours.to_normal_form()

    def to_pygambit(self) -> Any:
        """This game as a ``pygambit.StrategicGame``, labels and exact numbers kept
        (:func:`gametheory.io.interop.to_pygambit`).

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.NormalFormGame.from_arrays([[1, 0]], [[0, 1]], players=["R", "C"])
        >>> list(g.to_pygambit().players)
        ['R', 'C']
        """
        return _bridge.converter("to_pygambit")(self)

    # ----------------------------------------------------------------- properties
    @property
    def payoffs(self) -> np.ndarray:
        """Read-only payoff array of shape ``(N, n1, ..., nN)``."""
        return self._payoffs

    @property
    def num_players(self) -> int:
        """The number of players N."""
        return self._payoffs.shape[0]

    @property
    def shape(self) -> tuple[int, ...]:
        """The number of strategies of each player, ``(n1, ..., nN)``."""
        return self._payoffs.shape[1:]

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def strategies(self) -> tuple[tuple[str, ...], ...]:
        """Strategy labels, one tuple per player."""
        return self._strategies

    @property
    def parameters(self) -> tuple:
        """The free sympy Symbols of the payoffs, sorted by name; empty if numeric."""
        return self._parameters

    @property
    def kind(self) -> str:
        """How payoffs are stored: ``"float"``, ``"exact"`` or ``"symbolic"``."""
        return self._kind

    @property
    def is_exact(self) -> bool:
        """True when every payoff is an exact rational (int or Fraction)."""
        return self._kind == "exact"

    def float_payoffs(self) -> np.ndarray:
        """The payoffs as a read-only float64 array (GameError if parameters are free)."""
        if self._float is None:
            if self._parameters:
                raise GameError(self.unsubstituted_message())
            f = to_float_array(self._payoffs)
            f.setflags(write=False)
            self._float = f
        return self._float

    def exact_payoffs(self) -> np.ndarray:
        """The payoffs as a read-only object array of Fractions.

        Floats are read as the decimal they print as (0.1 becomes 1/10).
        """
        if self._exact is None:
            if self._parameters:
                raise GameError(self.unsubstituted_message())
            e = to_fraction_array(self._payoffs)
            e.setflags(write=False)
            self._exact = e
        return self._exact

    # ----------------------------------------------------------------- parameters
    def substitute(self, **values: Any) -> NormalFormGame:
        """A new game with the named parameters fixed.

        Examples
        --------
        >>> import gametheory as gt
        >>> q = gt.parameters("q")
        >>> g = gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, q]])
        >>> g.parameters
        (q,)
        >>> g.substitute(q="1/3").payoffs[0, 0, 0]
        Fraction(1, 3)
        """
        if not values:
            return self
        if self._kind != "symbolic":
            raise GameError(f"unknown parameter {next(iter(values))!r}; this game has no "
                            "parameters")
        self._check_values(values)
        new = _params.substitute_array(self._payoffs, self._parameters, values)
        return self._keep_metadata(NormalFormGame(new, self._players, self._strategies))

    # ----------------------------------------------------------------- profiles
    def strategy_index(self, player: int | str, strategy: int | str) -> int:
        """The index of a strategy given by label or index."""
        i = self.player_index(player)
        if isinstance(strategy, (int, np.integer)) and not isinstance(strategy, bool):
            if not 0 <= strategy < self.shape[i]:
                raise GameError(f"{self._players[i]} has no strategy number {strategy}")
            return int(strategy)
        try:
            return self._strategies[i].index(str(strategy))
        except ValueError:
            raise GameError(f"{self._players[i]} has no strategy {strategy!r}; "
                            f"strategies are {', '.join(self._strategies[i])}") from None

    def player_index(self, player: int | str) -> int:
        """The index of a player given by name or index."""
        if isinstance(player, (int, np.integer)) and not isinstance(player, bool):
            if not 0 <= player < self.num_players:
                raise GameError(f"no player number {player} in a {self.num_players}-player game")
            return int(player)
        try:
            return self._players.index(str(player))
        except ValueError:
            raise GameError(f"no player named {player!r}; players are "
                            f"{', '.join(self._players)}") from None

    def mixed_profile(self, profile: Sequence[Any], exact: bool | None = None) -> tuple:
        """Validate a profile and return one probability vector per player.

        Parameters
        ----------
        profile : sequence
            One entry per player: a strategy index, a strategy label, or a probability
            vector (non-negative, summing to one; entries as for payoffs, so ``"1/3"``
            is allowed).
        exact : bool, optional
            True gives Fraction vectors, False float64 vectors. By default a probability
            vector keeps its kind, and a pure strategy is exact when the game is.

        Returns
        -------
        tuple of ndarray
            One probability vector per player.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
        >>> x, y = g.mixed_profile(["a2", ["1/3", "2/3"]])
        >>> x.tolist(), y.tolist()
        ([Fraction(0, 1), Fraction(1, 1)], [Fraction(1, 3), Fraction(2, 3)])
        """
        if isinstance(profile, (str, bytes)) or not is_sequence(profile):
            raise GameError(f"a profile is a sequence with one strategy per player "
                            f"({self.num_players}); got {profile!r}")
        if len(profile) != self.num_players:
            raise GameError(f"a profile needs one strategy per player ({self.num_players}); "
                            f"got {len(profile)}")
        return tuple(mixed_strategy(self, i, s, exact) for i, s in enumerate(profile))

    def _payoff_array(self, profile) -> np.ndarray:
        exact = any(p.dtype == object for p in profile)
        return self.exact_payoffs() if exact else self.float_payoffs()

    def payoff_vectors(self, profile: Sequence[Any]) -> tuple[np.ndarray, ...]:
        """Each player's payoff to each of their pure strategies against the others' mix.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> [v.tolist() for v in g.payoff_vectors([[0.5, 0.5], [0.5, 0.5]])]
        [[0.0, 0.0], [0.0, 0.0]]
        """
        prof = self.mixed_profile(profile)
        return contract_payoffs(self._payoff_array(prof), prof)

    def expected_payoffs(self, profile: Sequence[Any]) -> np.ndarray:
        """Expected payoff of each player under a (mixed) profile.

        Examples
        --------
        >>> import gametheory as gt
        >>> from fractions import Fraction as F
        >>> g = gt.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
        >>> g.expected_payoffs([[F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]]).tolist()
        [Fraction(2, 3), Fraction(2, 3)]
        """
        prof = self.mixed_profile(profile)
        vecs = self.payoff_vectors(prof)
        vals = [np.dot(v, p) for v, p in zip(vecs, prof, strict=False)]
        return np.array(vals, dtype=object if any(isinstance(x, Fraction) for x in vals)
                        else float)

    # ----------------------------------------------------------------- structure
    @property
    def is_tree(self) -> bool:
        """False: a normal form is not a game tree (see :attr:`ExtensiveFormGame.is_tree`)."""
        return False

    @property
    def has_perfect_recall(self) -> bool:
        """True: a normal form is one simultaneous move, so nothing is forgotten."""
        return True

    @property
    def has_perfect_information(self) -> bool:
        """True when at most one player has more than one strategy.

        A normal form is one simultaneous move, so a player who chooses does not see the
        choices of the others; only when nobody else chooses is nothing hidden.

        Examples
        --------
        >>> import gametheory as gt
        >>> gt.NormalFormGame.from_arrays([[1, 0]], [[0, 1]]).has_perfect_information
        True
        >>> gt.NormalFormGame.from_arrays([[1, 0], [0, 1]],
        ...                               [[0, 1], [1, 0]]).has_perfect_information
        False
        """
        return self._cached("has_perfect_information",
                            lambda: sum(n > 1 for n in self.shape) <= 1)

    @property
    def is_zero_sum(self) -> bool:
        """True when the game is constant-sum: the payoffs sum to the same constant in
        every cell (a constant-sum game is strategically a zero-sum one).

        Exact for exact and symbolic payoffs (each sum is expanded); for floats the sums
        may differ by 1e-9 times the largest range of one player's payoffs (plus rounding),
        the tolerance of the solvers.

        The value is cached (the game is immutable). For a tolerance of your own use
        :meth:`is_constant_sum`.

        Examples
        --------
        >>> import gametheory as gt
        >>> gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]).is_zero_sum
        True
        >>> gt.NormalFormGame.from_arrays([[2, 0], [0, 2]], [[0, 2], [2, 0]]).is_zero_sum
        True
        """
        return self._cached("is_zero_sum",
                            lambda: is_constant_sum_payoffs(self._payoffs, self._kind))

    def is_constant_sum(self, tol: float = 0.0, zero: bool = False) -> bool:
        """True when payoffs sum to the same constant in every cell (within ``tol``);
        with ``zero=True``, when that constant is 0 (a zero-sum game in the narrow sense).

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.NormalFormGame.from_arrays([[2, 0], [0, 2]], [[0, 2], [2, 0]])
        >>> g.is_constant_sum(), g.is_constant_sum(zero=True)
        (True, False)
        """
        U = self._payoffs if self._kind != "float" else self.float_payoffs()
        return sums_to_constant(U, self._kind == "exact", tol, zero)

    def is_symmetric(self) -> bool:
        """True when all players have the same strategy count and permuting players
        permutes payoffs: ``u_i(s) = u_{pi(i)}(s o pi)`` for every permutation pi.

        Examples
        --------
        >>> import gametheory as gt
        >>> gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]]).is_symmetric()
        True
        """
        return is_symmetric_array(self._payoffs)

    def to_normal_form(self) -> NormalFormGame:
        """The game itself (for code that takes either form; see
        :meth:`ExtensiveFormGame.to_normal_form`).

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.NormalFormGame.from_arrays([[1]], [[2]])
        >>> g.to_normal_form() is g
        True
        """
        return self

    def restrict(self, keep: Sequence[Sequence[int]]) -> NormalFormGame:
        """The subgame in which player i may only use the strategies ``keep[i]``.

        Parameters
        ----------
        keep : sequence of sequences
            For each player, the strategies (indices or labels) to keep. Labels and the
            original order of the strategies are kept.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.NormalFormGame.from_arrays([[1, 2, 3], [4, 5, 6]], [[0, 0, 0], [0, 0, 0]])
        >>> g.restrict([["a2"], [2, 0]]).strategies
        (('a2',), ('b1', 'b3'))
        """
        if isinstance(keep, str) or not is_sequence(keep) or len(keep) != self.num_players:
            raise GameError("restrict needs one list of strategies to keep per player "
                            f"({self.num_players})")
        for i, row in enumerate(keep):
            if isinstance(row, str) or not is_sequence(row):
                raise GameError(f"restrict: the strategies to keep for {self._players[i]} "
                                f"must be a list of indices or labels; got {row!r}")
        idx = [sorted({self.strategy_index(i, k) for k in row}) for i, row in enumerate(keep)]
        for i, row in enumerate(idx):
            if not row:
                raise GameError(f"restrict would leave {self._players[i]} with no strategies")
        sub = self._payoffs[np.ix_(range(self.num_players), *idx)]
        labels = [[self._strategies[i][k] for k in row] for i, row in enumerate(idx)]
        return NormalFormGame(sub, self._players, labels)

    # ----------------------------------------------------------------- display
    def __repr__(self) -> str:
        dims = " x ".join(str(n) for n in self.shape)
        extra = f", parameters {', '.join(p.name for p in self._parameters)}" \
            if self._parameters else ""
        return f"<NormalFormGame {dims} ({', '.join(self._players)}); {self._kind}{extra}>"

    def __str__(self) -> str:
        from ._display import text_table

        return text_table(self)

    def _repr_html_(self) -> str:
        from ._display import html_table

        return html_table(self)

    def _repr_latex_(self) -> str | None:
        """The payoff table as LaTeX (booktabs), for Jupyter and nbconvert."""
        if self.num_players < 2:
            return None
        from ..io.tables import payoff_table

        return payoff_table(self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        return (self._players == other._players and self._strategies == other._strategies
                and self._payoffs.shape == other._payoffs.shape
                and bool(np.all(self._payoffs == other._payoffs)))

    __hash__ = None  # type: ignore[assignment]
