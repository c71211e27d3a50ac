"""gametheory: game-theoretic modelling with equilibria that move with parameters.

>>> import gametheory as gt
>>> g = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> print(gt.solve(g).equilibria[0])
Player 1: a2 1; Player 2: b2 1; payoffs 1, 1
"""

from .analysis.correlated import (
    CorrelatedEquilibrium,
    CorrelatedPolytope,
    correlated_equilibrium,
    correlated_polytope,
    correlated_regret,
    is_correlated_equilibrium,
)
from .analysis.dominance import dominated_strategies, dominating_strategy
from .analysis.elimination import EliminationResult, iterated_elimination
from .analysis.regret import best_responses, is_equilibrium, max_regret, regrets
from .dynamics import (
    Trajectory,
    best_response_dynamics,
    discrete_replicator,
    fictitious_play,
    replicator,
)
from .errors import (
    DegenerateGameWarning,
    GameError,
    ParseError,
    SolverError,
    TooManyEquilibria,
)
from .games.expr import parse_expression, parse_number
from .games.extensive import ExtensiveFormGame
from .games.normal import NormalFormGame
from .games.parameters import Parameter, parameters
from .games.protocol import Game
from .io.gambit import read_gambit, write_gambit
from .refinements import (
    AssessmentCheck,
    check_assessment,
    is_consistent,
    is_perfect_equilibrium,
    is_sequential_equilibrium,
    is_sequentially_rational,
    nash_product,
    payoff_dominates,
    risk_dominates,
)
from .sensitivity import (
    ClosedFormEquilibrium,
    CriticalValue,
    EquilibriumFormulas,
    Robustness,
    SweepResult,
    UncertaintyResult,
    critical_values,
    equilibrium_formulas,
    robustness,
    sweep,
    uncertainty,
)
from .sensitivity.equilibrium_map import EquilibriumMap, equilibrium_map
from .solvers import METHODS, Solution, show_method, solve
from .solvers.qre import QREBranch, QREFit, qre_fit
from .solvers.result import AssessmentComponent, BeliefRange, Component, Equilibrium, NashSubset

#: Names imported on first use (``gt.RepeatedGame`` imports :mod:`gametheory.repeated`).
_LAZY = {
    "BayesianGame": "gametheory.games.bayesian",
    "RepeatedGame": "gametheory.repeated",
    "DiscountThreshold": "gametheory.repeated",
    "FiniteRepeated": "gametheory.repeated",
    "EquilibriumPayoffSet": "gametheory.repeated",
    "equilibrium_payoffs": "gametheory.repeated",
    "BayesianEquilibrium": "gametheory.games.bayesian",
    "BayesianSolution": "gametheory.games.bayesian",
    "signalling_structure": "gametheory.refinements.signalling",
    "SignallingStructure": "gametheory.refinements.signalling",
    "intuitive_criterion": "gametheory.refinements.signalling",
    "d1_criterion": "gametheory.refinements.signalling",
    "classify_signalling": "gametheory.refinements.signalling",
}


def __getattr__(name: str):
    if name == "classics":
        import importlib

        return importlib.import_module("gametheory.games.classics")
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'gametheory' has no attribute {name!r}")

__version__ = "0.1.0"

__all__ = [
    "NormalFormGame", "ExtensiveFormGame", "Game", "parameters", "Parameter",
    "solve", "METHODS", "show_method", "Solution", "Equilibrium", "Component", "NashSubset",
    "BeliefRange", "AssessmentComponent", "BayesianGame", "BayesianEquilibrium",
    "BayesianSolution", "RepeatedGame", "DiscountThreshold", "FiniteRepeated",
    "equilibrium_payoffs", "EquilibriumPayoffSet", "classics",
    "signalling_structure", "SignallingStructure", "intuitive_criterion", "d1_criterion",
    "classify_signalling",
    "best_responses", "regrets", "max_regret", "is_equilibrium",
    "dominating_strategy", "dominated_strategies", "iterated_elimination", "EliminationResult",
    "read_gambit", "write_gambit",
    "sweep", "SweepResult",
    "critical_values", "CriticalValue", "equilibrium_formulas", "EquilibriumFormulas",
    "ClosedFormEquilibrium", "robustness", "Robustness", "uncertainty", "UncertaintyResult",
    "equilibrium_map", "EquilibriumMap",
    "correlated_equilibrium", "correlated_polytope", "correlated_regret",
    "is_correlated_equilibrium", "CorrelatedEquilibrium", "CorrelatedPolytope",
    "replicator", "discrete_replicator", "best_response_dynamics", "fictitious_play",
    "Trajectory",
    "qre_fit", "QREFit", "QREBranch",
    "is_perfect_equilibrium", "payoff_dominates", "risk_dominates", "nash_product",
    "check_assessment", "AssessmentCheck", "is_sequentially_rational", "is_consistent",
    "is_sequential_equilibrium",
    "parse_expression", "parse_number",
    "GameError", "SolverError", "ParseError", "TooManyEquilibria", "DegenerateGameWarning",
    "__version__",
]
