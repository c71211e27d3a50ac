"""Repeated games: a stage game in normal form played again and again with perfect
monitoring. Critical discount factors under grim trigger, stick-and-carrot and the best
penal codes tried (with the minmax bound), checked by the one-shot deviation principle;
finitely repeated games by backward induction; the set of subgame-perfect equilibrium
payoffs with public randomisation (Abreu & Sannikov 2014).

References
----------
Mailath, G. J. & Samuelson, L. (2006). *Repeated Games and Reputations*, ch. 2.
"""

from .automaton import Automaton, DeviationCheck, Phase
from .discount import DiscountThreshold, critical_discount
from .finite import FiniteRepeated, finite_spe
from .game import RepeatedGame
from .payoff_set import EquilibriumPayoffSet, equilibrium_payoffs

__all__ = ["RepeatedGame", "critical_discount", "DiscountThreshold", "Automaton", "Phase",
           "DeviationCheck", "finite_spe", "FiniteRepeated", "equilibrium_payoffs",
           "EquilibriumPayoffSet"]
