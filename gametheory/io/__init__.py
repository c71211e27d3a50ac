"""Reading and writing games and results (Gambit files, tables, figures)."""
