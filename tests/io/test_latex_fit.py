"""Every LaTeX table of every bundled model fits a default article page.

The models are discovered from ``gametheory.models.MODELS``, so that models added later
are covered. For each: its payoff table (when ``build()`` gives a normal form), the
table of its equilibria at the default parameters, the regions table of a sweep over
its main parameter, and the table of its equilibrium map in that parameter. All are
compiled in one document by pdflatex and the log must have no "Overfull \\hbox" (the
text width of ``article`` is 345 pt). The maps are checked at one fresh point per
region (``checks=1``): this test is about their layout. The main parameter of each model
is listed in MAIN; a model not listed there (added later) gets only its payoff and
equilibrium tables: regions and maps can take minutes on a large model, so list it in
MAIN, with a parameter whose sweep and map are quick, to cover them (resolve_signalling
is not listed: its sweeps and maps take minutes in every parameter). A sweep runs over
the inner points of the parameter's domain (up to twice its default when unbounded),
away from the degenerate ends (a cost of 0 makes every action a best response
somewhere).

Outputs that cannot be produced are skipped and listed with the reason in SKIPPED
(printed by the compile test). pdflatex comes from texlive-latex-base and
texlive-latex-recommended (booktabs, graphicx, longtable, array); without it the
compile test is skipped, except under CI.
"""

import importlib
import os
import re
import shutil
import subprocess

import numpy as np
import pytest

import gametheory as gt
from gametheory.errors import GameError, SolverError
from gametheory.io.latex import latex_name, standalone
from gametheory.io.tables import (
    equilibrium_table,
    map_table,
    payoff_table,
    sweep_table,
)
from gametheory.models import MODELS

needs_pdflatex = pytest.mark.skipif(
    shutil.which("pdflatex") is None and not os.environ.get("CI"),
    reason="pdflatex not installed (apt-get install texlive-latex-base "
           "texlive-latex-recommended)")

MAIN = {"ukraine_guarantees": "q", "ukraine_russia_matrix": "q", "ukraine_simultaneous": "q",
        "ukraine_multi_guarantor": "q_US", "deterrence": "p", "chain_store": "b",
        "preventive_war": "c_D", "extended_deterrence": "p", "guarantor_reputation": "v",
        "ratification": "pi", "guarantor_coalition": "p_N", "neutrality_bargain": "g"}
SKIPPED: dict[str, str] = {}


def inner_grid(entry, n=9):
    default, (lo, hi) = entry[0], entry[1]
    if hi == float("inf"):
        hi = 2 * default if default else 1
    return np.linspace(float(lo), float(hi), n)[1:-1]


def model_outputs(name):
    """``[(kind, LaTeX)]`` of one model; what cannot be produced goes to SKIPPED."""
    m = importlib.import_module(f"gametheory.models.{name}")
    spec = getattr(m, "PARAMETERS", None)
    if not spec:                       # a collection of games without parameters
        games = getattr(m, "GAMES", None)
        if not games:
            SKIPPED[name] = "no PARAMETERS and no GAMES: nothing to tabulate"
            return []
        out = []
        for g in games:
            game = m.build(g)
            out += [(f"{g} payoffs", payoff_table(game)),
                    (f"{g} equilibria", equilibrium_table(gt.solve(game, exact=True)))]
        SKIPPED[f"{name} sweep and map"] = "its games have no parameters"
        return out
    out = []
    symbolic = m.build()
    if not symbolic.is_tree:
        out.append(("payoffs", payoff_table(symbolic)))
    # the defaults of the parameters the built game has (a model may refuse values of
    # parameters that enter only other variants of it)
    defaults = {k: e[0] for k, e in spec.items() if k in {p.name for p in symbolic.parameters}}
    solution = computed(name, "equilibria", gt.solve, m.build(**defaults), exact=True)
    if solution is not None:
        out.append(("equilibria", equilibrium_table(solution)))
    if name not in MAIN:
        # regions (their exact ends, closed forms) and maps can take minutes on a large
        # model: a model added later gets its payoff and equilibrium tables until it is
        # listed in MAIN
        SKIPPED[f"{name} sweep and map"] = LATER
        return out
    par = MAIN[name]
    rest = {k: v for k, v in defaults.items() if k != par}
    sw = computed(name, "sweep", gt.sweep, m.build(**rest), {par: inner_grid(spec[par])})
    if sw is not None:
        out.append((f"regions in {par}", sweep_table(sw, par)))
    emap = computed(name, "map", gt.equilibrium_map, m.build(**rest), [par], checks=1)
    if emap is not None:
        out.append((f"map in {par}", map_table(emap, game=symbolic)))
    return out


LATER = ("not in MAIN: its regions table and map are left out to keep this test quick; "
         "list it in MAIN with a parameter whose sweep and map are quick")


def computed(name, kind, f, *args, **kwargs):
    """``f(*args, **kwargs)``, or None with the reason in SKIPPED when the package
    refuses (GameError, SolverError: e.g. a game equilibrium_map does not analyse). The
    tables are called outside, so that their errors fail the test."""
    try:
        return f(*args, **kwargs)
    except (GameError, SolverError) as e:
        SKIPPED[f"{name} {kind}"] = str(e)
        return None


@pytest.fixture(scope="module")
def outputs():
    return {name: model_outputs(name) for name in MODELS}


def overfull(log):
    """``[(snippet, points)]`` of the Overfull \\hbox warnings, by the snippet they are in
    (the document types a marker before each)."""
    where, out = "preamble", []
    for line in log.splitlines():
        m = re.match(r"SNIPPET (.*)$", line)
        if m:
            where = m.group(1)
        m = re.match(r"Overfull \\hbox \(([\d.]+)pt too wide\)", line)
        if m:
            out.append((where, float(m.group(1))))
    return out


@needs_pdflatex
def test_every_bundled_model_fits_the_page(outputs, tmp_path):
    parts = [f"\\typeout{{SNIPPET {name}: {kind}}}\n" + tex
             for name, kinds in outputs.items() for kind, tex in kinds]
    (tmp_path / "all.tex").write_text(standalone(parts))
    for _ in range(3):        # a longtable aligns its columns over two or three runs
        run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                              "-no-shell-escape", "all.tex"], cwd=tmp_path,
                             capture_output=True, text=True, timeout=300)
        log = (tmp_path / "all.log").read_text(errors="replace")
        if run.returncode or "Column widths have changed" not in log:
            break
    errors = [line for line in log.splitlines() if line.startswith("!")]
    assert run.returncode == 0 and not errors, "\n".join(errors) or run.stdout[-2000:]
    print("skipped:", SKIPPED)
    assert overfull(log) == []


def test_every_model_is_covered_or_its_gap_named(outputs):
    for name in MODELS:
        assert outputs[name] or name in SKIPPED
        kinds = [k for k, _ in outputs[name]]
        if getattr(importlib.import_module(f"gametheory.models.{name}"), "PARAMETERS", None):
            assert "equilibria" in kinds or f"{name} equilibria" in SKIPPED
            assert any(k.startswith("regions") for k in kinds) or f"{name} sweep" in SKIPPED \
                or f"{name} sweep and map" in SKIPPED
            assert any(k.startswith("map") for k in kinds) or f"{name} map" in SKIPPED \
                or f"{name} sweep and map" in SKIPPED
    # MAIN names bundled models and their built games' parameters (a model or parameter
    # renamed would drop out of it unseen, its regions and map no longer tabulated)
    assert set(MAIN) <= set(MODELS), sorted(set(MAIN) - set(MODELS))
    for name, par in MAIN.items():
        built = importlib.import_module(f"gametheory.models.{name}").build()
        assert par in {p.name for p in built.parameters}, (name, par)
        # and produce every output
        assert not [k for k in SKIPPED if k.startswith(name + " ")], SKIPPED


def test_every_snippet_names_its_packages(outputs):
    for name, kinds in outputs.items():
        for kind, tex in kinds:
            first = tex.splitlines()[0]
            assert re.fullmatch(r"% needs \\usepackage\{[a-z,]+\}", first), (name, kind)
            pkgs = first[first.index("{") + 1:-1].split(",")
            assert "booktabs" in pkgs
            assert ("\\resizebox" in tex) == ("graphicx" in pkgs), (name, kind)
            assert ("longtable" in tex) == ("longtable" in pkgs), (name, kind)
            assert ("\\arraybackslash" in tex) == ("array" in pkgs), (name, kind)


def test_parameters_by_their_latex_names(outputs):
    tex = dict(outputs["ukraine_russia_matrix"])["payoffs"]
    assert "V_{\\mathrm{rev}}" in tex and "q_{\\mathrm{N}}" in tex
    assert "V_{rev}" not in tex and "V_rev" not in tex
    # the revisionist-weighted value of war repeats in Russia's payoffs: named once
    assert tex.count("V_{\\mathrm{rev}}") == 1
    assert re.search(r"Here \$A = V_\{\\mathrm\{rev\}\} r \+ V_\{\\mathrm\{sec\}\} "
                     r"\\left\(1 - r\\right\)\$\.", tex)
    regions = dict(outputs["preventive_war"])["regions in c_D"]
    assert "$c_{\\mathrm{D}}$" in regions.split("\\midrule")[0]          # its header


def test_latex_names_rule():
    assert [latex_name(n) for n in ("V_rev", "q_N", "c_G", "u_0", "kappa_US", "delta", "p")] \
        == ["V_{\\mathrm{rev}}", "q_{\\mathrm{N}}", "c_{\\mathrm{G}}", "u_{0}",
            "\\kappa_{\\mathrm{US}}", "\\delta", "p"]
    q = gt.parameters("q_N")
    g = gt.NormalFormGame.from_arrays([[q, 0], [0, 1]], [[1, 0], [0, 1]])
    g = g.describe(gt.Parameter("q_N", latex="\\pi_{\\mathrm{NATO}}"))
    tex = payoff_table(g, mark=None)
    assert "\\pi_{\\mathrm{NATO}}" in tex and "q_{" not in tex      # the given name wins


def test_latex_names_use_only_greek_letters_latex_has():
    """LaTeX has \\Gamma but no \\Beta or \\Eta: those capitals are upright Latin letters
    (as they look); a Greek letter written in Unicode becomes its command."""
    assert [latex_name(n) for n in ("Beta", "Eta_1", "Gamma", "Omega_N", "x_Tau", "RHO")] \
        == ["\\mathrm{B}", "\\mathrm{H}_{1}", "\\Gamma", "\\Omega_{\\mathrm{N}}",
            "x_{\\mathrm{T}}", "\\mathrm{P}"]
    assert [latex_name(n) for n in ("α", "Δ_x", "μ_0", "λ", "Λ")] \
        == ["\\alpha", "\\Delta_{\\mathrm{x}}", "\\mu_{0}", "\\lambda", "\\Lambda"]


def test_constant_choices_go_to_a_note(outputs):
    # in every region of the guarantees sweep in q the guarantor abandons and Russia
    # escalates against a NATO-bound Ukraine (models/ukraine_guarantees.py docstring:
    # the defaults c = 5, rho = 0 make both guarantors abandon when opportunistic, and at
    # q_N = 37/100 both types escalate on the NATO track), so those choices are a note
    tex = dict(outputs["ukraine_guarantees"])["regions in q"]
    table, note = tex.rsplit("\\end{tabular}", 1)
    assert "Guarantor" not in table.split("\\midrule")[1]
    assert "In every region: Russia \\textbar{} NATO, revisionist: escalate; Russia " \
        "\\textbar{} NATO, security: escalate; Guarantor: abandon at each of its 4 " \
        "information sets; payoff of Guarantor: $0$." in note


def test_a_long_table_is_a_longtable_and_a_caption_makes_a_float():
    # the seven-player guarantor tree has 87 information sets: one row each
    from gametheory.models import ukraine_multi_guarantor as m

    sol = gt.solve(m.build(**{k: e[0] for k, e in m.PARAMETERS.items()}), exact=True)
    tex = equilibrium_table(sol, caption="The equilibrium", label="tab:eq")
    assert "\\begin{longtable}" in tex and tex.count("\\\\\n") > 87
    assert "\\caption{The equilibrium}\\label{tab:eq} \\\\" in tex
    assert "\\begin{table}" not in tex                    # a longtable cannot float
    pd = gt.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    small = payoff_table(pd, caption="A dilemma", label="tab:pd")
    assert small.splitlines()[1:5] == ["\\begin{table}[htbp]", "\\centering",
                                       "\\caption{A dilemma}", "\\label{tab:pd}"]
    md = payoff_table(pd, "md", caption="A dilemma")
    assert md.startswith("A dilemma\n\n| Player 1 \\ Player 2 |")


def test_floats_shortest_and_exact_fractions():
    g = gt.NormalFormGame.from_arrays([[0.1, 1e-7], [2.5, 1]], [[1, 0], [0, 1]])
    tex = payoff_table(g, mark=None)
    assert "$0.1, 1$" in tex and "$2.5, 0$" in tex and "1 \\times 10^{-7}" in tex
    csv = payoff_table(g, "csv", mark=None)
    assert "0.1," in csv and "1e-07" in csv
