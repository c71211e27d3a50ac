"""Sphinx configuration of the gametheory documentation.

Build it with ``python -m sphinx -W -b html docs docs/_build/html`` (the README says so).
The API reference, the models pages and the methods table are generated at build time
from the package by the local extension ``_ext/gametheory_docs.py``.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

import gametheory  # noqa: E402

project = "gametheory"
author = "the gametheory authors"
copyright = "the gametheory authors, MIT License"
release = version = gametheory.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "numpydoc",
    "myst_nb",
    "gametheory_docs",
]

exclude_patterns = ["_build", "**.ipynb_checkpoints", "Thumbs.db", ".DS_Store"]
templates_path = []
html_theme = "alabaster"
html_theme_options = {"page_width": "1240px", "sidebar_width": "240px"}
html_static_path = ["_static"]
html_css_files = ["gametheory.css"]

# autodoc / autosummary
autodoc_default_options = {"member-order": "bysource"}
autodoc_typehints = "none"          # the numpydoc sections state the types
autosummary_generate = False        # the extension writes the pages itself

# numpydoc: the docstrings are in NumPy style; methods are listed by autodoc's
# :members:, so numpydoc does not add its own (toctree-less) member tables.
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

# MyST (the README and the tutorial notebooks): notebooks are shown with the outputs
# stored in them, never executed while building (CI executes them in their own test).
myst_heading_anchors = 3
nb_execution_mode = "off"
# A notebook stored without kernel metadata has no lexer for its cells: shown unhighlighted.
suppress_warnings = ["myst-nb.lexer"]
