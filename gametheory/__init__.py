"""gametheory: game-theoretic modelling with equilibria that move with parameters.

>>> import gametheory as gt
>>> g = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> print(gt.solve(g).equilibria[0])
Player 1: a2 1; Player 2: b2 1; payoffs 1, 1
"""

import importlib as _importlib

#: Every public name and the module it lives in, imported on first use
#: (``gt.solve`` imports :mod:`gametheory.solvers`), so ``import gametheory`` stays light.
_LAZY = {
    **dict.fromkeys(["CorrelatedEquilibrium", "CorrelatedPolytope", "correlated_equilibrium",
                     "correlated_polytope", "correlated_regret", "is_correlated_equilibrium"],
                    "gametheory.analysis.correlated"),
    **dict.fromkeys(["dominated_strategies", "dominating_strategy"],
                    "gametheory.analysis.dominance"),
    **dict.fromkeys(["EliminationResult", "iterated_elimination"],
                    "gametheory.analysis.elimination"),
    **dict.fromkeys(["best_responses", "is_equilibrium", "max_regret", "regrets"],
                    "gametheory.analysis.regret"),
    **dict.fromkeys(["Trajectory", "best_response_dynamics", "discrete_replicator",
                     "fictitious_play", "replicator"], "gametheory.dynamics"),
    **dict.fromkeys(["DegenerateGameWarning", "GameError", "ParseError", "SolverError",
                     "TooManyEquilibria"], "gametheory.errors"),
    **dict.fromkeys(["parse_expression", "parse_number"], "gametheory.games.expr"),
    "ExtensiveFormGame": "gametheory.games.extensive",
    "NormalFormGame": "gametheory.games.normal",
    **dict.fromkeys(["Parameter", "parameters"], "gametheory.games.parameters"),
    "Game": "gametheory.games.protocol",
    **dict.fromkeys(["read_gambit", "write_gambit"], "gametheory.io.gambit"),
    **dict.fromkeys(["AssessmentCheck", "check_assessment", "is_consistent",
                     "is_perfect_equilibrium", "is_sequential_equilibrium",
                     "is_sequentially_rational", "nash_product", "payoff_dominates",
                     "risk_dominates"], "gametheory.refinements"),
    **dict.fromkeys(["ClosedFormEquilibrium", "CriticalValue", "EquilibriumFormulas",
                     "Robustness", "SweepResult", "UncertaintyResult", "critical_values",
                     "equilibrium_formulas", "robustness", "sweep", "uncertainty"],
                    "gametheory.sensitivity"),
    **dict.fromkeys(["EquilibriumMap", "equilibrium_map"],
                    "gametheory.sensitivity.equilibrium_map"),
    **dict.fromkeys(["METHODS", "Solution", "show_method", "solve"], "gametheory.solvers"),
    **dict.fromkeys(["QREBranch", "QREFit", "qre_fit"], "gametheory.solvers.qre"),
    **dict.fromkeys(["AssessmentComponent", "BeliefRange", "Component", "Equilibrium",
                     "NashSubset"], "gametheory.solvers.result"),
    **dict.fromkeys(["BayesianGame", "BayesianEquilibrium", "BayesianSolution"],
                    "gametheory.games.bayesian"),
    **dict.fromkeys(["RepeatedGame", "DiscountThreshold", "FiniteRepeated",
                     "EquilibriumPayoffSet", "equilibrium_payoffs"], "gametheory.repeated"),
    **dict.fromkeys(["signalling_structure", "SignallingStructure", "intuitive_criterion",
                     "d1_criterion", "classify_signalling"],
                    "gametheory.refinements.signalling"),
    "classics": "gametheory.games.classics",
}


def __getattr__(name: str):
    """Import the module of a public name on first use and keep the name here.

    A game's module comes with :mod:`gametheory.io.interop`, which registers the games'
    converters (``to_pygambit``, ``from_nashpy``, ...; see
    :mod:`gametheory.games._bridge`) as an eager ``import gametheory`` used to."""
    where = _LAZY.get(name)
    if where is None:
        if name in _SUBPACKAGES:          # gt.solvers without import gametheory.solvers
            return _importlib.import_module(f"gametheory.{name}")
        raise AttributeError(f"module 'gametheory' has no attribute {name!r}")
    if where.startswith("gametheory.games"):
        _importlib.import_module("gametheory.io.interop")
    module = _importlib.import_module(where)
    value = module if name == "classics" else getattr(module, name)
    globals()[name] = value
    return value


_SUBPACKAGES = frozenset({"analysis", "cli", "dynamics", "errors", "games", "io", "models",
                          "refinements", "repeated", "sensitivity", "solvers"})


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))

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
