"""The tutorial notebooks run: each is executed by a real Jupyter kernel, in a temporary
copy, and must finish without an error in any cell, with the results it explains.

The kernel is ipykernel in the Python that runs the tests (``sys.executable``: the
project's venv), through a kernel spec written to a temporary ``JUPYTER_PATH``, so
nothing is registered on the machine and no other ``python3`` kernel can be picked up.

The notebooks are stored with their outputs, because the documentation site shows them
as stored (``nb_execution_mode = "off"`` in docs/conf.py) and so do GitHub and nbviewer.
So that the stored results cannot go stale, the text each cell prints must be what a
fresh run prints; left out are figures (their bytes depend on matplotlib's version), the
displays (HTML) and cells tagged ``layout`` (a table's LaTeX printed for a paper: a
change of layout is no change of results). After changing a notebook or what it
computes, store fresh outputs with ``.venv/bin/python tests/test_notebooks.py``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

if os.environ.get("CI"):            # the test extra has them: CI must run the notebooks
    import ipykernel  # noqa: F401
    import nbclient
    import nbformat
else:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "docs" / "tutorials" / "ukraine.ipynb"
KERNEL = "gametheory-tests"


def execute(path: Path, workdir: Path):
    """The notebook at ``path`` executed in ``workdir`` (where a copy of it is written
    first); CellExecutionError on a cell's error."""
    copy = workdir / path.name
    copy.write_text(path.read_text())
    spec = workdir / "jupyter" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python (gametheory tests)", "language": "python"}))
    nb = nbformat.read(copy, as_version=4)
    env = {"JUPYTER_PATH": str(workdir / "jupyter"), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        client = nbclient.NotebookClient(nb, kernel_name=KERNEL, timeout=180,
                                         record_timing=False,
                                         resources={"metadata": {"path": str(workdir)}})
        client.execute()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    nb.metadata["kernelspec"] = nbformat.read(path, as_version=4).metadata["kernelspec"]
    return nb


def by_tag(nb) -> dict:
    return {t: c for c in nb.cells for t in c.get("metadata", {}).get("tags", [])}


def text(cell, mime: str = "text/html") -> str:
    """The printed text of a code cell (its streams, which a kernel may send in any
    pieces, joined as they come), then its ``mime`` outputs."""
    outs = cell.get("outputs", [])
    return "\n".join(["".join(o.text for o in outs if o.output_type == "stream")]
                     + [o["data"][mime] for o in outs if mime in o.get("data", {})])


def printed(nb) -> list[str]:
    """What each code cell printed ("" for cells tagged ``layout``)."""
    return ["" if "layout" in c.get("metadata", {}).get("tags", []) else
            "".join(o.text for o in c.get("outputs", []) if o.output_type == "stream")
            for c in nb.cells if c.cell_type == "code"]


@pytest.fixture(scope="module")
def tutorial(tmp_path_factory):
    return execute(TUTORIAL, tmp_path_factory.mktemp("ukraine"))


def test_the_tutorial_runs_without_errors(tutorial):
    errors = [o for c in tutorial.cells for o in c.get("outputs", [])
              if o.output_type == "error"]
    assert not errors
    assert all(c.execution_count for c in tutorial.cells if c.cell_type == "code")


def test_the_tutorial_shows_the_ukraine_results(tutorial):
    """The critical values of q at the defaults are 1/7 and 2/5 (the model's docstring
    derives them: q < V/(V + C_R) with V_sec = 1, V_rev = 4, C_R = 6)."""
    cells = by_tag(tutorial)
    assert "critical values of q: 1/7, 2/5" in text(cells["critical"])
    assert "<b>q = 1/7</b>" in text(cells["critical"])
    assert "1 equilibrium by spe (complete, exact)" in text(cells["solution"])
    sweep = text(cells["sweep"])
    assert "<tr><th>{1/7}</th>" in sweep and "<tr><th>(2/5, 1]</th>" in sweep
    assert 'src="data:image/png;base64,' in sweep
    assert "q in [0, 1/7)\nq = 1/7\nq in (1/7, 2/5)\nq = 2/5\nq in (2/5, 1]" in \
        text(cells["regions"])
    assert "Equilibrium map in q, r: 9 regions" in text(cells["map"])
    assert "payoff:Ukraine" in text(cells["frame"])
    for tag in ("figure", "plane"):
        assert any("image/png" in o.get("data", {}) for o in cells[tag].outputs), tag
    assert "\\label{tab:ukraine-q}" in text(cells["layout"])


def test_the_stored_outputs_are_those_of_a_fresh_run(tutorial):
    stored = nbformat.read(TUTORIAL, as_version=4)
    assert printed(stored) == printed(tutorial), \
        "stale outputs in the notebook: run .venv/bin/python tests/test_notebooks.py"
    assert all(c.get("outputs") for c in stored.cells if c.cell_type == "code")


if __name__ == "__main__":      # store fresh outputs: python tests/test_notebooks.py
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        nbformat.write(execute(TUTORIAL, Path(tmp)), TUTORIAL)
