"""The package's layers, checked by parsing every module's imports with ``ast``.

Layers, lowest first: errors < games < solvers < analysis < refinements, dynamics, repeated <
sensitivity < io < cli < the package's ``__init__``, ``__main__`` < models. A module
imports, at module level, only from its own layer or lower ones (a function may import
from a higher layer when it runs, e.g. the CLI loading a bundled model, or a game's
``_repr_latex_`` hook the LaTeX writer). And no two modules import each other, directly
or round a longer loop, counting the imports inside functions too, except those in
``_repr_*_`` display hooks.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = {"errors": 0, "games": 1, "solvers": 2, "analysis": 3, "refinements": 4,
          "dynamics": 4, "repeated": 4, "sensitivity": 5, "io": 6, "cli": 7, "": 8, "__main__": 8,
          "models": 9}


def _modules() -> dict[str, Path]:
    out = {}
    for base, prefix in ((ROOT / "gametheory", "gametheory"),
                         (ROOT / "models", "gametheory.models")):
        for p in base.rglob("*.py"):
            parts = list(p.relative_to(base).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join([prefix, *parts])] = p
    return out


MODULES = _modules()


def _layer(module: str) -> int:
    parts = module.split(".")
    if len(parts) == 1:
        return LAYERS[""]
    return LAYERS[parts[1]] if parts[1] in LAYERS else LAYERS[""]


def _imports(module: str, path: Path):
    """(target module, line, lazy, in a _repr_ hook) for every import of the package."""
    tree = ast.parse(path.read_text())
    is_pkg = path.name == "__init__.py"
    found = []

    def visit(node, lazy: bool, hook: bool):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue                  # imports for type hints only: never run
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = child.name
                visit(child, True, hook or (name.startswith("_repr_") and name.endswith("_")))
                continue
            if isinstance(child, ast.ImportFrom):
                if child.level:
                    base = module.split(".")
                    if not is_pkg:
                        base = base[:-1]
                    base = base[:len(base) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                if target.startswith("gametheory"):
                    for alias in child.names:   # `from . import x` may import a module x
                        sub = f"{target}.{alias.name}"
                        found.append((sub if sub in MODULES else target, child.lineno, lazy, hook))
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.startswith("gametheory"):
                        found.append((alias.name, child.lineno, lazy, hook))
            else:
                visit(child, lazy, hook)

    visit(tree, False, False)
    return [(t if t in MODULES else _owner(t), line, lazy, hook) for t, line, lazy, hook in found]


def _owner(target: str) -> str:
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target


def test_the_module_list_is_complete():
    assert "gametheory.solvers" in MODULES and "gametheory.models.ukraine_guarantees" in MODULES
    assert _layer("gametheory.io.tables") > _layer("gametheory.sensitivity.sweep") > \
        _layer("gametheory.solvers.vertex") > _layer("gametheory.games.normal")


def test_no_module_imports_from_a_higher_layer_at_module_level():
    bad = []
    for module, path in MODULES.items():
        for target, line, lazy, _hook in _imports(module, path):
            if lazy or target == "gametheory":
                continue
            if _layer(target) > _layer(module):
                bad.append(f"{path.relative_to(ROOT)}:{line} imports {target}"
                           f"{' (lazily)' if lazy else ''}")
    assert not bad, "imports from a higher layer:\n" + "\n".join(sorted(bad))


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in list(edges):
        if v not in index:
            strong(v)
    return out


def _edges(include_lazy: bool) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        for target, _, lazy, hook in _imports(module, path):
            if hook or (lazy and not include_lazy) or target == module:
                continue
            # a package's __init__ re-exporting its own modules is not a loop: count an
            # import of a package as an import of its __init__ only when it is outside it
            if module.startswith(target + "."):
                continue
            edges.setdefault(module, set()).add(target)
    return edges


def test_the_cycle_finder_finds_a_loop():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("include_lazy", [False, True], ids=["module-level", "with-lazy"])
def test_no_circular_imports(include_lazy):
    cycles = _cycles(_edges(include_lazy))
    assert not cycles, "import loops:\n" + "\n".join(" <-> ".join(c) for c in cycles)
