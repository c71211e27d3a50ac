"""Signalling games: recognition, weak perfect Bayesian equilibria, refinements.

:func:`signalling_structure` reads a tree as a signalling game; ``gt.solve(tree,
method="pbe")`` (:func:`solve_pbe`) finds all its weak perfect Bayesian equilibria as
assessments, labelled by :func:`classify_signalling`; :func:`intuitive_criterion`
(Cho & Kreps 1987) and :func:`d1_criterion` (Banks & Sobel 1987; Cho & Kreps 1987,
sec. IV) test an equilibrium's off-path beliefs; :func:`signalling_tree` builds one.

Examples
--------
Beer-Quiche (Cho & Kreps 1987): two pooling components; pooling on quiche fails the
Intuitive Criterion.

>>> import gametheory as gt
>>> g = gt.classics.beer_quiche()
>>> sol = gt.solve(g, method="pbe", exact=True)
>>> [(eq.label, bool(gt.intuitive_criterion(g, eq))) for eq in sol[1:3]]
[('pooling on beer', True), ('pooling on quiche', False)]
>>> print(sol.components[1].describe())
component joining assessments [2, 3]: a continuum
    between [2, 3]: mu(strong | Receiver: beer) = 1/2
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
