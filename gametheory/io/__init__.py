"""Reading and writing games and results (Gambit files, tables, figures)."""

from .gambit import read_gambit, write_gambit

__all__ = ["read_gambit", "write_gambit"]
