"""Package-level promises: public API names, light import, models subpackage."""

import subprocess
import sys
from fractions import Fraction

import gametheory as gt


def test_public_api_is_explicit():
    for name in gt.__all__:
        assert hasattr(gt, name), name
    for name in ["NormalFormGame", "solve", "max_regret", "Solution", "Equilibrium",
                 "GameError", "SolverError", "ParseError", "DegenerateGameWarning"]:
        assert name in gt.__all__


def test_import_pulls_in_no_heavy_or_optional_module():
    code = ("import sys, gametheory; "
            "print([m for m in ('scipy', 'sympy', 'matplotlib', 'pandas', 'dask', 'pygambit',"
            " 'nashpy', 'tqdm') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def test_models_is_a_subpackage():
    from gametheory.models import MODELS, catalog

    assert "catalog" in MODELS
    assert catalog.__name__ == "gametheory.models.catalog"
    assert set(catalog.GAMES) >= {"prisoners_dilemma", "chicken", "matching_pennies"}


def test_setup_cfg_lists_every_subpackage():
    """A non-editable install ships only the packages setup.cfg names: every directory
    of gametheory/ with an __init__.py must be there (gametheory.repeated was not)."""
    import configparser
    from pathlib import Path

    root = Path(__file__).parent.parent
    cfg = configparser.ConfigParser()
    cfg.read(root / "setup.cfg")
    listed = set(cfg["options"]["packages"].split())
    found = {".".join(p.parent.relative_to(root).parts)
             for p in (root / "gametheory").rglob("__init__.py")}
    assert found - {"gametheory.models"} <= listed and "gametheory.models" in listed


def test_readme_python_examples_run():
    """Every ```python block of the README runs, in order, in one namespace."""
    import re
    from pathlib import Path

    text = (Path(__file__).parent.parent / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert len(blocks) >= 3
    namespace: dict = {}
    exec(compile("\n".join(blocks), "README.md", "exec"), namespace)
    assert namespace["sol"].value == Fraction(-1, 18)   # Kuhn poker, the last solve
