"""Classic normal-form games from the textbooks, with their sources.

Each function returns a :class:`gametheory.NormalFormGame` with labelled players and
strategies; :data:`GAMES` maps a name to its function. They serve as examples, as
known answers in the tests, and as the default game of ``gametheory solve``.

Examples
--------
>>> from gametheory.models import catalog
>>> print(catalog.chicken())
Driver 1 \\ Driver 2      Swerve    Straight
Swerve                    0, 0       -1, 1
Straight                  1, -1    -10, -10
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from gametheory import NormalFormGame

__all__ = ["GAMES", "prisoners_dilemma", "battle_of_the_sexes", "matching_pennies",
           "rock_paper_scissors", "chicken", "stag_hunt", "coordination", "continuum", "build"]


def prisoners_dilemma() -> NormalFormGame:
    """Prisoner's Dilemma (Osborne 2004, *An Introduction to Game Theory*, §2.2):
    unique equilibrium (Defect, Defect)."""
    return NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
                                      players=["Prisoner 1", "Prisoner 2"],
                                      strategies=[["Cooperate", "Defect"]] * 2)


def battle_of_the_sexes() -> NormalFormGame:
    """Battle of the Sexes (Osborne 2004, §2.7.2): two pure equilibria and the mixed one
    ((2/3, 1/3), (1/3, 2/3))."""
    return NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]],
                                      players=["Player 1", "Player 2"],
                                      strategies=[["Bach", "Stravinsky"]] * 2)


def matching_pennies() -> NormalFormGame:
    """Matching Pennies (Osborne 2004, §2.7.3): unique equilibrium, both mix 1/2."""
    return NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]],
                                      players=["Matcher", "Mismatcher"],
                                      strategies=[["Heads", "Tails"]] * 2)


def rock_paper_scissors() -> NormalFormGame:
    """Rock-Paper-Scissors (Osborne 2004, exercise 4.9): unique equilibrium, uniform."""
    A = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    return NormalFormGame.from_arrays(A, -A, players=["Player 1", "Player 2"],
                                      strategies=[["Rock", "Paper", "Scissors"]] * 2)


def chicken() -> NormalFormGame:
    """Chicken, the brinkmanship game (Rapoport & Chammah 1966; Osborne 2004, ex. 2.2):
    two pure equilibria where one driver swerves, and a mixed one (swerve w.p. 9/10)."""
    return NormalFormGame.from_arrays([[0, -1], [1, -10]], [[0, 1], [-1, -10]],
                                      players=["Driver 1", "Driver 2"],
                                      strategies=[["Swerve", "Straight"]] * 2)


def stag_hunt() -> NormalFormGame:
    """Stag Hunt (Skyrms 2004, *The Stag Hunt*): two pure equilibria, one mixed (2/3 stag)."""
    return NormalFormGame.from_arrays([[4, 1], [3, 3]], [[4, 3], [1, 3]],
                                      players=["Hunter 1", "Hunter 2"],
                                      strategies=[["Stag", "Hare"]] * 2)


def coordination(n: int = 3) -> NormalFormGame:
    """The n x n coordination game with identity payoffs: 2^n - 1 equilibria, the uniform
    mixture on every non-empty subset of strategies (von Stengel 2007, *Algorithmic Game
    Theory*, ch. 3)."""
    eye = np.eye(n, dtype=int)
    return NormalFormGame.from_arrays(eye, eye)


def continuum() -> NormalFormGame:
    """A degenerate game whose equilibria form one connected continuum.

    Player 2 is indifferent everywhere; T is a best response iff y_L >= 1/2, B iff
    y_L <= 1/2. The equilibria are {T} x [y_L >= 1/2], every x against y_L = 1/2, and
    {B} x [y_L <= 1/2]: one component with four extreme equilibria and three maximal
    Nash subsets (segments). Derived by hand; confirmed by pygambit's enummixed.
    """
    return NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 1], [1, 1]],
                                      strategies=[["T", "B"], ["L", "R"]])


GAMES: dict[str, Callable[[], NormalFormGame]] = {
    "prisoners_dilemma": prisoners_dilemma,
    "battle_of_the_sexes": battle_of_the_sexes,
    "matching_pennies": matching_pennies,
    "rock_paper_scissors": rock_paper_scissors,
    "chicken": chicken,
    "stag_hunt": stag_hunt,
    "coordination": coordination,
    "continuum": continuum,
}


def build(name: str = "chicken") -> NormalFormGame:
    """The catalog game called ``name``."""
    return GAMES[name]()
