"""Signalling games: recognition, weak perfect Bayesian equilibria, refinements.

:func:`signalling_structure` reads a tree as a signalling game; ``gt.solve(tree,
method="pbe")`` (:func:`solve_pbe`) finds all its weak perfect Bayesian equilibria as
assessments, labelled by :func:`classify_signalling`; :func:`intuitive_criterion`
(Cho & Kreps 1987) and :func:`d1_criterion` (Banks & Sobel 1987; Cho & Kreps 1987,
sec. IV) test an equilibrium's off-path beliefs.
"""

from __future__ import annotations

from ._signalling_criteria import (
           CriterionResult,
           classify_signalling,
           d1_criterion,
           intuitive_criterion,
)
from ._signalling_pbe import solve_pbe
from ._signalling_structure import (
           SignallingStructure,
           accepts,
           signalling_structure,
           signalling_tree,
)

__all__ = ["signalling_structure", "SignallingStructure", "signalling_tree", "solve_pbe",
           "accepts",
           "classify_signalling", "intuitive_criterion", "d1_criterion", "CriterionResult"]
