"""The documentation site: ``python -m sphinx -W -b html docs OUT`` builds with warnings as
errors, and the pages generated from the package (the methods table from the registry,
a page per bundled model, the API reference from ``__all__``) hold what the package says.

One build (about 30 s) serves every test of this file.
"""

import html
import importlib
import importlib.util
import inspect
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

import gametheory as gt
from gametheory.models import MODELS
from gametheory.solvers.registry import METHODS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
TOOLS = ("sphinx", "numpydoc", "myst_nb")
MISSING = [t for t in TOOLS if importlib.util.find_spec(t) is None]

pytestmark = pytest.mark.skipif(
    bool(MISSING), reason=f"the docs toolchain is not installed (missing: {', '.join(MISSING)}; "
                          "pip install -e '.[test]' installs it)")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html")
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
           "-d", str(out / ".doctrees"), str(DOCS), str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert proc.returncode == 0, f"sphinx-build -W failed:\n{proc.stderr[-6000:]}"
    return out


def text_of(page: Path) -> str:
    """A page's visible text: tags dropped, entities decoded, whitespace collapsed."""
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", page.read_text(encoding="utf-8"),
                 flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", raw))
    for curly, plain in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, plain)       # Sphinx's smart quotes
    return " ".join(text.split())


class _Cells(HTMLParser):
    """The text of each table row's cells, in order."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table_rows(page: Path) -> list[list[str]]:
    parser = _Cells()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.rows


def test_methods_table_is_the_registry(site):
    rows = table_rows(site / "methods.html")
    assert rows[0][:2] == ["method", "finds"]
    body = rows[1:]
    assert [r[0] for r in body] == list(METHODS)       # every method, in registry order
    assert "sequential" in METHODS
    seq = body[list(METHODS).index("sequential")]
    assert seq[1] == METHODS["sequential"].summary
    assert " ".join(METHODS["sequential"].reference.split()) in seq
    lp = body[list(METHODS).index("lp")]
    assert "zero-sum" in lp[4] and lp[6] == ("yes" if METHODS["lp"].exact else "no")


def test_a_page_per_bundled_model_with_its_docstring(site):
    index = text_of(site / "models" / "index.html")
    for name in MODELS:
        page = site / "models" / f"{name}.html"
        assert page.exists(), name
        module = importlib.import_module(f"gametheory.models.{name}")
        title = " ".join(module.__doc__.strip().splitlines()[0].split())
        assert title in text_of(page), name
        assert name in index


def test_model_page_derives_its_analytic_solution(site):
    text = text_of(site / "models" / "deterrence.html")
    for phrase in ("The story", "Assumptions", "Analytic solution", "Sources",
                   "p* = W / (W + C)", "Parameters of the model", "k_hard"):
        assert phrase in text, phrase
    # the functions of the model, documented from their docstrings
    page = (site / "models" / "deterrence.html").read_text(encoding="utf-8")
    assert 'id="gametheory.models.deterrence.threshold"' in page


def test_every_public_name_is_documented(site):
    pages = "".join(p.read_text(encoding="utf-8") for p in (site / "api").glob("*.html"))
    for name in gt.__all__:
        obj = getattr(gt, name)
        if inspect.ismodule(obj):       # gt.classics: under its own name
            assert f'id="module-{obj.__name__}"' in pages, name
        elif name != "__version__":
            assert f'id="gametheory.{name}"' in pages, name
    for sub in ("solvers", "sensitivity", "repeated", "cli"):
        module = importlib.import_module(f"gametheory.{sub}")
        for name in module.__all__:
            ids = (f'id="gametheory.{sub}.{name}"', f'id="gametheory.{name}"')
            assert any(i in pages for i in ids), f"gametheory.{sub}.{name}"


def test_tutorials_hold_the_readme_and_the_notebooks(site):
    assert "Quick start" in text_of(site / "tutorials" / "readme.html")
    index = (site / "tutorials" / "index.html").read_text(encoding="utf-8")
    for notebook in (DOCS / "tutorials").glob("*.ipynb"):
        assert (site / "tutorials" / f"{notebook.stem}.html").exists(), notebook.name
        assert f'href="{notebook.stem}.html"' in index, notebook.name
