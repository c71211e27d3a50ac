"""Refinements and selection among equilibria, and checks of assessments.

:mod:`.normal_form`: trembling-hand perfection, payoff and risk dominance, the Nash
product. :mod:`.assessment`: sequential rationality, consistency and sequential
equilibrium of an assessment (behaviour plus beliefs) of a tree.
"""

from .assessment import (
    AssessmentCheck,
    check_assessment,
    is_consistent,
    is_sequential_equilibrium,
    is_sequentially_rational,
)
from .normal_form import is_perfect_equilibrium, nash_product, payoff_dominates, risk_dominates

__all__ = ["is_perfect_equilibrium", "payoff_dominates", "risk_dominates", "nash_product",
           "check_assessment", "AssessmentCheck", "is_sequentially_rational", "is_consistent",
           "is_sequential_equilibrium"]
