"""Analysis built on games and solvers: regret, dominance, (later) sweeps."""

from .regret import best_responses, is_equilibrium, max_regret, regrets

__all__ = ["best_responses", "is_equilibrium", "max_regret", "regrets"]
