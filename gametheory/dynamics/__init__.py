"""Evolutionary and learning dynamics on normal-form games: replicator dynamics
(continuous and discrete), best-response dynamics and fictitious play."""

from ._trajectory import Trajectory
from .learning import best_response_dynamics, fictitious_play
from .replicator import discrete_replicator, replicator

__all__ = ["replicator", "discrete_replicator", "best_response_dynamics", "fictitious_play",
           "Trajectory"]
