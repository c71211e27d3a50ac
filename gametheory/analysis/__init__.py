"""Analysis built on games and solvers: regret, dominance, (later) sweeps."""

from .dominance import dominated_strategies, dominating_strategy
from .elimination import EliminationResult, iterated_elimination
from .regret import best_responses, is_equilibrium, max_regret, regrets

__all__ = ["best_responses", "is_equilibrium", "max_regret", "regrets",
           "dominating_strategy", "dominated_strategies", "iterated_elimination",
           "EliminationResult"]
