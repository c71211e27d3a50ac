"""``gametheory report``: the HTML in a real headless browser, the PDF through pdflatex.

The HTML is opened by Debian's chromium (``.ci/run`` installs it): its screenshot must
not be a blank page and the text of the page it renders must hold the model's title, the
parameter table and the exact critical values. The LaTeX is compiled by pdflatex; its
log must have no error and no overfull line. Without chromium or pdflatex those tests
are skipped, except under CI, where they must run.

Known answers: the Ukraine model's critical values of q at the defaults are 1/7 and 2/5
(derived in the docstring of :mod:`gametheory.models.ukraine_guarantees`, after Fearon
1995); the deterrence model's challenger challenges iff the credibility p < W / (W + C)
= 1/3 at the defaults (Zagare & Kilgour 2000, *Perfect Deterrence*), so with p uniform on
[0, 1] the challenge happens with probability 1/3; with one uncertain input all the
variance is due to it, so its first-order and total Sobol' indices are both 1 (Saltelli
et al. 2010, *Computer Physics Communications* 181, 259-270, eq. 2 and 3).
"""

from __future__ import annotations

import base64
import html
import os
import re
import shutil
import subprocess
import time

import pytest

from gametheory.cli import report as cli_report
from gametheory.cli.main import build_parser, main
from gametheory.io import report as doc
from gametheory.models import ukraine_guarantees

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFLATEX = shutil.which("pdflatex")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="chromium not installed (apt-get install chromium)")
needs_pdflatex = pytest.mark.skipif(
    PDFLATEX is None and not os.environ.get("CI"),
    reason="pdflatex not installed (apt-get install texlive-latex-base "
           "texlive-latex-recommended texlive-pictures)")

UKRAINE = ["report", "ukraine_guarantees", "--vary", "q=0:1:101"]


@pytest.fixture(scope="module")
def ukraine(tmp_path_factory):
    """The Ukraine report over q, built once, written as HTML and as LaTeX."""
    out = tmp_path_factory.mktemp("ukraine")
    args = build_parser().parse_args(UKRAINE + ["--out", str(out / "report.html")])
    report = cli_report.build_report(args)
    (out / "report.html").write_text(doc.to_html(report), encoding="utf-8")
    (out / "report.tex").write_text(doc.to_latex(report, "report"), encoding="utf-8")
    for name, data in doc.figure_files(report, "report").items():
        (out / name).write_bytes(data)
    return report, out


def _browser(*flags, url):
    run = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                          "--hide-scrollbars", f"--user-data-dir={url.parent / 'chromium'}",
                          *flags, url.as_uri()], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


def _page_text(dom: str) -> str:
    """The visible text of a page: tags, styles and scripts removed, entities decoded."""
    dom = re.sub(r"<(style|script)\b.*?</\1>", " ", dom, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", dom)).split())


def _sections_html(page: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r"<h2>(.*?)</h2>", page)]


def _sections_latex(tex: str) -> list[str]:
    return [t.replace("\\_", "_") for t in re.findall(r"^\\section\{(.*)\}$", tex, flags=re.M)]


def _compile(directory, stem):
    run = subprocess.run([PDFLATEX, "-interaction=nonstopmode", "-halt-on-error",
                          "-no-shell-escape", f"{stem}.tex"], cwd=directory,
                         capture_output=True, text=True, timeout=120)
    log = (directory / f"{stem}.log").read_text(errors="replace")
    return run, log


# ----------------------------------------------------------------- HTML
def test_html_is_self_contained_and_escaped(ukraine):
    report, out = ukraine
    page = (out / "report.html").read_text()
    assert "<script" not in page and "<link" not in page
    assert not re.search(r"""(src|href)=["'](?!data:)""", page)     # nothing fetched
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert len(images) == 2                                          # the tree, the sweep
    assert all(base64.b64decode(i).startswith(b"\x89PNG\r\n\x1a\n") for i in images)
    # the docstring's literal tree drawing holds "->" and quotes: escaped, never raw
    assert "concede -&gt; (u_N, -L, 0)" in page and "concede -> (u_N" not in page


def test_html_and_latex_say_the_same_thing(ukraine):
    report, out = ukraine
    page, tex = (out / "report.html").read_text(), (out / "report.tex").read_text()
    titles = _sections_html(page)
    assert titles == _sections_latex(tex) == [s.title for s in report.sections]
    assert titles[:4] == ["The model", "The game tree", "Equilibria at the baseline",
                          "Sweep over q"]
    for plain, latex in (("q = 1/7", r"$q = \frac{1}{7}$"), ("q = 2/5", r"$q = \frac{2}{5}$")):
        assert f'<span class="math">{plain}</span>' in page and latex in tex


@needs_chromium
def test_html_report_in_a_headless_browser(ukraine):
    import matplotlib.image

    report, out = ukraine
    url = out / "report.html"
    shot = out / "screenshot.png"
    _browser(f"--screenshot={shot}", "--window-size=1200,3000", url=url)
    pixels = matplotlib.image.imread(shot)[..., :3]
    assert pixels.shape[:2] == (3000, 1200)
    assert pixels.std() > 0.05                   # not one colour: text, tables, figures
    assert len({tuple(p) for p in pixels[::7, ::7].reshape(-1, 3).tolist()}) > 50
    text = _page_text(_browser("--dump-dom", url=url))
    assert "Ukraine: NATO or guaranteed neutrality" in text
    # the parameter table: every parameter with its default, domain and meaning
    for name, (default, _, meaning) in ukraine_guarantees.PARAMETERS.items():
        assert re.search(rf"{re.escape(name)} \S+ {re.escape(str(default))} \[0, "
                         rf"(1\]|inf\)) {re.escape(meaning)}", text), name
    # the exact critical values (1/7 and 2/5, derived in the model's docstring)
    crit = text[text.index("Critical values"):]
    assert re.findall(r"q = (\d+/\d+) ?:", crit)[:2] == ["1/7", "2/5"]
    assert "Regions" in text or "regions" in text
    assert "skipped" not in text                 # every step of this report was done


# ----------------------------------------------------------------- PDF
@needs_pdflatex
def test_latex_report_compiles_without_errors_or_overfull_lines(ukraine):
    report, out = ukraine
    for _ in range(2):
        run, log = _compile(out, "report")
    errors = [line for line in log.splitlines() if line.startswith("!")]
    assert run.returncode == 0 and not errors, "\n".join(errors) or run.stdout[-2000:]
    assert "Overfull \\hbox" not in log
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF")


@needs_pdflatex
def test_tex_of_a_second_model_compiles_where_it_is_written(tmp_path, capsys):
    out = tmp_path / "deterrence.tex"
    assert main(["report", "deterrence", "--vary", "p=0:1:61", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {out} and deterrence-sweep.pdf"
    assert "\\includegraphics[width=\\linewidth]{deterrence-sweep}" in out.read_text()
    for _ in range(2):
        run, log = _compile(tmp_path, "deterrence")
    assert run.returncode == 0 and not [line for line in log.splitlines()
                                        if line.startswith("!")]
    assert "Overfull \\hbox" not in log
    # the critical value p* = W / (W + C) = 1/3 (Zagare & Kilgour 2000)
    assert "$p = \\frac{1}{3}$" in out.read_text()


@needs_pdflatex
def test_pdf_of_a_second_model_from_the_command_line(tmp_path, capsys):
    out = tmp_path / "deterrence.pdf"
    assert main(["report", "deterrence", "--vary", "p=0:1:61", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert capsys.readouterr().out.strip() == f"wrote {out}"
    assert not list(tmp_path.glob("*.tex"))          # pdflatex ran elsewhere


# ----------------------------------------------------------------- content
def _section(report, title):
    return next(s for s in report.sections if s.title.startswith(title))


def _numbers(table):
    return [float(x) for x in re.findall(r"<td>(-?\d+\.\d+)</td>", table.html)]


def test_uncertainty_and_sobol_indices(tmp_path):
    args = build_parser().parse_args(
        ["report", "deterrence", "--uncertain", "p=0:1", "--sobol", "payoff:Challenger",
         "--samples", "256", "--out", str(tmp_path / "r.html")])
    report = cli_report.build_report(args)
    assert [s.title for s in report.sections][-2:] == ["Uncertainty", "About this report"]
    head = _section(report, "Uncertainty").blocks[0].runs[0].text
    assert head.startswith("256 quasi-random points") and "with p uniform on [0, 1];" in head
    tables = [b for b in _section(report, "Uncertainty").blocks if isinstance(b, doc.Table)]
    structures = _numbers(tables[0])[0::2]               # mean, s.e. per structure
    assert sorted(structures) == pytest.approx([1 / 3, 2 / 3], abs=0.02)
    sobol = next(t for t in tables if t.caption.startswith("Sobol"))
    assert _numbers(sobol) == pytest.approx([1.0, 1.0], abs=0.05)
    assert "$p$" in sobol.latex


def test_a_normal_form_shows_its_payoff_table_and_no_sweep(tmp_path):
    out = tmp_path / "chicken.html"
    assert main(["report", "chicken", "--out", str(out)]) == 0
    page = out.read_text()
    assert "<h2>The payoff table</h2>" in page and "<table>" in page
    assert "Sweep" not in page and "<img" not in page


def test_a_step_over_its_time_limit_is_skipped_and_said_so():
    steps, blocks = cli_report._Steps(0.2, "auto"), []
    start = time.perf_counter()
    assert steps.run("the slow step", lambda: time.sleep(10), blocks) is None
    assert time.perf_counter() - start < 5
    assert blocks == [doc.Paragraph([doc.Text(
        "The slow step skipped: it took longer than 0.2 s (--time-limit).")], note=True)]
    assert steps.log[0][2].startswith("skipped")
    assert "class=note" in doc.to_html(doc.Document("t", [doc.Section("s", blocks)]))


def test_a_step_that_does_not_apply_is_skipped_with_its_reason():
    from gametheory.errors import GameError

    def fails():
        raise GameError("no critical values here")

    steps, blocks = cli_report._Steps(5, "auto"), []
    assert steps.run("the exact critical values", fails, blocks) is None
    assert blocks[0].runs[0].text == ("The exact critical values skipped: no critical values "
                                      "here.")


@pytest.mark.parametrize("argv, message", [
    (["report", "deterrence", "--out", "r.docx"], "--out writes .html, .pdf or .tex"),
    (["report", "deterrence", "--uncertain", "p=0.5", "--out", "r.html"], "NAME=LO:HI"),
    (["report", "deterrence", "--sobol", "payoff:Challenger", "--out", "r.html"],
     "--sobol needs --uncertain"),
    (["report", "deterrence", "--vary", "p=0:1:5", "--set", "p=1/2", "--out", "r.html"],
     "both varied and set"),
    (["report", "deterrence", "--vary", "zz=0:1:5", "--out", "r.html"], "unknown parameter"),
    (["report", "deterrence", "--uncertain", "p=0:1e400", "--out", "r.html"],
     "--uncertain 'p=0:1e400': 1e400 is too large for a float"),
    (["report", "deterrence", "--uncertain", "p=-1e308:1e308", "--out", "r.html"],
     "--uncertain 'p=-1e308:1e308': the interval is too wide for floats"),
    (["report", "deterrence", "--uncertain", "p=0:1", "--sobol", "payof:Challenger",
      "--out", "r.html"], "--sobol 'payof:Challenger': unknown quantity"),
    (["report", "deterrence", "--out", "no/such/dir/r.html"],
     "--out no/such/dir/r.html: no directory no/such/dir"),
    (["report", "deterrence", "--time-limit", "nan", "--out", "r.html"],
     "--time-limit must be a positive number of seconds"),
    (["report", "deterrence", "--time-limit", "inf", "--out", "r.html"],
     "--time-limit must be a positive number of seconds"),
    (["report", "deterrence", "--time-limit", "0", "--out", "r.html"],
     "--time-limit must be a positive number of seconds"),
])
def test_bad_input_is_one_line(argv, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not list(tmp_path.iterdir())


def test_docstring_markup_becomes_runs():
    summary, sections = doc.docstring_blocks(ukraine_guarantees.__doc__)
    assert summary.startswith("Ukraine between NATO membership")
    assert [s.title for s in sections] == ["The story", "Assumptions", "Analytic solution",
                                           "Sources"]
    story = sections[0].blocks
    assert isinstance(story[2], doc.Literal) and "Ukraine: NATO | NEUTRAL" in story[2].text
    assert story[1].runs[-1].text.endswith("Guarantor)):")     # "::" ends in one colon
    assert doc.Code("V_rev") in story[0].runs and doc.Emph("revisionist") in story[0].runs


#: A model in a .py file: a docstring with markup, user text that HTML and LaTeX must
#: escape, a parameter without a default, and a line that counts how often it is run.
MODEL_FILE = '''"""Two places, one worth a (which has no default) to the first player.

The story
---------
The first player picks *one* of two places, worth ``a`` and 1 to it; the second follows.
"""
import pathlib

import gametheory as gt

pathlib.Path(__file__).with_suffix(".runs").open("a").write("x")


def build():
    a = gt.parameters("a")
    g = gt.NormalFormGame.from_arrays([[a, a], [1, 1]], [[1, 0], [0, 1]],
                                      players=["Row <script>", "Col & co"])
    return g.describe(gt.Parameter("a", domain=(0, 10), description="worth of place 1"))
'''


def test_a_python_file_model_its_docstring_and_a_skipped_step(tmp_path):
    model = tmp_path / "places.py"
    model.write_text(MODEL_FILE)
    out = tmp_path / "r.html"
    assert main(["report", str(model), "--vary", "a=0:2:41", "--out", str(out)]) == 0
    assert (tmp_path / "places.runs").read_text() == "x"    # run once, by load_game
    page = out.read_text()
    assert "<script" not in page and "Row &lt;script&gt;" in page and "Col &amp; co" in page
    assert "<h3>The story</h3>" in page and "<em>one</em>" in page and "<code>a</code>" in page
    assert "<td>worth of place 1</td>" in page
    assert re.search(r"<p class=note>The equilibria at the baseline skipped: parameter "
                     r"'a' of places has no default; give it a value with --set "
                     r"a=\.\.\.</p>", html.unescape(page))
    # a = 1: the first player's dominant strategy changes there
    assert '<span class="math">a = 1</span>' in page


@needs_pdflatex
def test_user_text_is_escaped_in_latex(tmp_path):
    model = tmp_path / "places.py"
    model.write_text(MODEL_FILE)
    out = tmp_path / "places.tex"
    assert main(["report", str(model), "--vary", "a=0:2:21", "--out", str(out)]) == 0
    assert "Row \\textless{}script\\textgreater{}" in out.read_text()
    run, log = _compile(tmp_path, "places")
    assert run.returncode == 0 and not [x for x in log.splitlines() if x.startswith("!")]


def test_a_two_parameter_sweep_maps_its_regions(tmp_path):
    out = tmp_path / "simultaneous.html"
    assert main(["report", "ukraine_simultaneous", "--vary", "q=0:1:11", "--vary", "r=0:1:11",
                 "--out", str(out)]) == 0
    page = out.read_text()
    titles = _sections_html(page)
    assert titles[3:5] == ["Sweep over q and r", "Equilibrium map in q, r"]
    assert 'alt="a map of the regions"' in page and "<h2>The payoff table</h2>" in page
    assert "with two they are not computed here" in page and "skipped" not in page


def test_figure_files_have_names_latex_can_include(tmp_path, capsys):
    """An output name with characters that break \\includegraphics (a space, %, #, a
    second dot) gives figure files and a LaTeX reference with those as hyphens."""
    out = tmp_path / "my report 50%#1.v2.tex"
    assert main(["report", "deterrence", "--vary", "p=0:1:11", "--out", str(out)]) == 0
    tex = out.read_text()
    assert "\\includegraphics[width=\\linewidth]{my-report-50--1-v2-sweep}" in tex
    assert (tmp_path / "my-report-50--1-v2-sweep.pdf").is_file()
    assert capsys.readouterr().out.strip() == f"wrote {out} and my-report-50--1-v2-sweep.pdf"


def test_pdf_is_compiled_under_a_plain_name(tmp_path, monkeypatch):
    seen = {}

    def fake_compile(tex, files, stem="report"):
        seen.update(tex=tex, files=files, stem=stem)
        return b"%PDF-fake"

    monkeypatch.setattr(cli_report.shutil, "which", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr(cli_report, "compile_pdf", fake_compile)
    out = tmp_path / "a b%c.pdf"
    assert main(["report", "deterrence", "--vary", "p=0:1:11", "--out", str(out)]) == 0
    assert out.read_bytes() == b"%PDF-fake" and seen["stem"] == "report"
    assert list(seen["files"]) == ["report-sweep.pdf"]
    assert "{report-sweep}" in seen["tex"]


def test_about_gives_the_command_that_makes_the_report_again(tmp_path):
    out = tmp_path / "r.html"
    argv = ["report", "deterrence", "--vary", "p=0:1:11", "--uncertain", "p=0:1",
            "--samples", "64", "--method", "vertex", "--time-limit", "30", "--out", str(out)]
    args = build_parser().parse_args(argv)
    about = _section(cli_report.build_report(args), "About this report")
    command = about.blocks[0].runs[1].text
    assert command == ("gametheory report deterrence --vary p=0:1:11 --uncertain p=0:1 "
                       "--samples 64 --method vertex --time-limit 30 --out r.html")
    args = build_parser().parse_args(["report", "chicken", "--out", str(out)])
    about = _section(cli_report.build_report(args), "About this report")
    assert about.blocks[0].runs[1].text == "gametheory report chicken --out r.html"


def _repeating_tree(n=8):
    """A tree readable only with its n - 1 repeated subtrees drawn as boxes."""
    import gametheory as gt

    g = gt.ExtensiveFormGame(["A", "B"], title="repeats")
    for node in g.root.decide("A", [f"a{k}" for k in range(n)]):
        for j, m in enumerate(node.decide("B", ["x", "y", "z"])):
            for i, leaf in enumerate(m.decide("A", ["u", "v", "w"])):
                leaf.payoffs(i + 10, j + 20)
    return g


def test_a_tree_readable_only_collapsed_is_drawn_collapsed():
    from gametheory.errors import GameError
    from gametheory.io.tikz import tree_tikz

    g = _repeating_tree()
    with pytest.raises(GameError, match="too small to read"):
        tree_tikz(g, collapse=False)
    fig = cli_report._tree_figure(g, "repeats")
    assert "repeated subtrees drawn as boxes" in fig.caption and fig.tikz == tree_tikz(g)
