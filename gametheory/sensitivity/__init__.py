"""How equilibria depend on parameters: sweeps, regions, branches, critical values and
closed-form equilibria.

This layer sits on the solvers: a sweep asks the method registry
(:data:`gametheory.solvers.METHODS`) which engine serves a game (a batched engine where one
is declared, else the method point by point) and returns a :class:`SweepResult`, whose
regions carry what tables and figures show.
"""

from .critical import CriticalValue, critical_values
from .formulas import ClosedFormEquilibrium, EquilibriumFormulas, equilibrium_formulas
from .robustness import Margin, Robustness, robustness
from .sweep import SweepResult, sweep
from .uncertainty import UncertaintyResult, uncertainty

__all__ = ["sweep", "SweepResult", "critical_values", "CriticalValue",
           "equilibrium_formulas", "EquilibriumFormulas", "ClosedFormEquilibrium",
           "robustness", "Robustness", "Margin", "uncertainty", "UncertaintyResult"]

from .equilibrium_map import EquilibriumMap, MapRegion, equilibrium_map  # noqa: E402, I001

__all__ += ["equilibrium_map", "EquilibriumMap", "MapRegion"]
