"""Pages generated at build time from the package itself, so they cannot go stale.

- ``.. methods-table::`` renders the solver registry
  (:data:`gametheory.solvers.registry.METHODS`) as a table, one row per method.
- At ``builder-inited`` the extension writes ``api/`` (the API reference: one page per
  subpackage, from ``gametheory.__all__`` and each subpackage's ``__all__``) and
  ``models/`` (one page per bundled model of :data:`gametheory.models.MODELS`: its
  module docstring with the story, assumptions and analytic solution, its parameters and
  its functions). Both folders are generated; git ignores them.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
from pathlib import Path

from docutils import nodes
from sphinx.domains import Domain
from sphinx.util.docutils import SphinxDirective

import gametheory

HERE = Path(__file__).resolve().parent.parent      # the docs folder


# ----------------------------------------------------------------------- methods table
def _players(m) -> str:
    return "any number" if m.players is None else str(m.players)


def _forms(m) -> str:
    forms = " and ".join(f for f in ("normal", "tree") if f in m.forms)
    return forms if "tree" in m.forms else forms + " (a tree: its reduced normal form)"


def _options(m) -> str:
    if not m.options:
        return "none"
    return "; ".join(f"{o.name} = {o.default!r}: {o.meaning}" for o in m.options)


#: (column header, the cell's text from a Method record, relative column width)
METHOD_COLUMNS = (
    ("method", lambda m: m.name, 8),
    ("finds", lambda m: m.summary, 22),
    ("games", _forms, 10),
    ("players", _players, 6),
    ("requires", lambda m: ", ".join(sorted(m.requires)) or "-", 8),
    ("complete", lambda m: "yes" if m.complete else "no", 6),
    ("exact", lambda m: "yes" if m.exact else "no", 5),
    ("auto", lambda m: "yes" if m.auto else "no", 5),
    ("options (default: meaning)", _options, 20),
    ("reference", lambda m: m.reference, 18),
)


def _row(cells: list[str], literal_first: bool = False) -> nodes.row:
    row = nodes.row()
    for i, text in enumerate(cells):
        para = nodes.paragraph()
        para += nodes.literal(text, text) if literal_first and i == 0 else nodes.Text(text)
        entry = nodes.entry()
        entry += para
        row += entry
    return row


class MethodsTable(SphinxDirective):
    """``.. methods-table::``: every entry of the method registry, one row each."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from gametheory.solvers.registry import METHODS

        table = nodes.table(classes=["methods-table"])
        group = nodes.tgroup(cols=len(METHOD_COLUMNS))
        table += group
        for _, _, width in METHOD_COLUMNS:
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head += _row([c[0] for c in METHOD_COLUMNS])
        group += head
        body = nodes.tbody()
        for m in METHODS.values():
            body += _row([cell(m) for _, cell, _ in METHOD_COLUMNS], literal_first=True)
        group += body
        return [table]


# ------------------------------------------------------------------------ API pages
def _title(text: str, underline: str = "=") -> list[str]:
    return [text, underline * len(text), ""]


def _is_data(obj) -> bool:
    return not (inspect.ismodule(obj) or inspect.isclass(obj) or callable(obj))


def data_doc(name: str, obj) -> list[str]:
    """The ``#:`` comment documenting the data ``obj`` (named ``name``) in whichever
    gametheory module defines it, as lines; [] without one."""
    from sphinx.pycode import ModuleAnalyzer

    for modname, module in sorted(sys.modules.items()):
        if (modname.split(".")[0] != "gametheory" or module is None
                or getattr(module, name, None) is not obj):
            continue
        try:
            docs = ModuleAnalyzer.for_module(modname).find_attr_docs()
        except Exception:       # a module without source (compiled or namespace)
            continue
        lines = docs.get(("", name))
        if lines:
            return [line for line in lines if line.strip()]
    return []


def _summary(target: str, obj) -> str:
    """The first paragraph of an object's documentation, on one line."""
    if _is_data(obj):
        doc = "\n".join(data_doc(target.rsplit(".", 1)[-1], obj))
    else:
        doc = inspect.getdoc(obj) or ""
    return " ".join(doc.split("\n\n")[0].split())


def _summary_table(targets: list[tuple[str, object]]) -> list[str]:
    """A table of ``(documented name, object)``: a link to each and its summary."""
    lines = [".. list-table::", "   :widths: 30 70", ""]
    for target, obj in targets:
        lines += [f"   * - :py:obj:`~{target}`", f"     - {_summary(target, obj) or '-'}"]
    return lines + [""]


def subpackages() -> list[str]:
    """The public subpackages of gametheory, in alphabetical order."""
    return sorted(m.name for m in pkgutil.iter_modules(gametheory.__path__)
                  if m.ispkg and not m.name.startswith("_"))


def _directive(obj) -> str:
    if inspect.ismodule(obj):
        return "automodule"
    if inspect.isclass(obj):
        return "autoexception" if issubclass(obj, BaseException) else "autoclass"
    if callable(obj):
        return "autofunction"
    return "autodata"


def _document(target: str, obj) -> list[str]:
    """The autodoc directive documenting ``obj`` under the name ``target``."""
    kind = _directive(obj)
    if kind == "autodata":
        return _document_data(target, obj)
    lines = [f".. {kind}:: {target}"]
    if kind in ("autoclass", "autoexception", "automodule"):
        lines.append("   :members:")
    if kind == "autoclass":
        lines.append("   :show-inheritance:")
    return lines + [""]


def _document_data(target: str, obj) -> list[str]:
    """A ``py:data`` entry for ``obj``: its ``#:`` comment, and its value when short.
    (autodoc's ``autodata`` would show the docstring of the value's type, e.g. tuple's,
    where the comment lives in another module.)"""
    module, _, name = target.rpartition(".")
    lines = [f".. py:data:: {name}", f"   :module: {module}"]
    value = repr(obj)
    if len(value) <= 100 and "\n" not in value:
        lines.append(f"   :value: {value}")
    lines.append("")
    lines += [f"   {line}" for line in data_doc(target.rsplit(".", 1)[-1], obj)]
    return lines + [""]


def _home(obj, subs: dict[str, object]) -> str:
    """The subpackage (or top-level module) whose page documents ``obj``."""
    for name, module in subs.items():
        if any(getattr(module, n, None) is obj for n in getattr(module, "__all__", ())):
            return name
    module = obj.__name__ if inspect.ismodule(obj) else getattr(obj, "__module__", "")
    parts = (module or "").split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "gametheory" else "gametheory"


def api_pages() -> dict[str, str]:
    """``{relative path: rst text}`` of the API reference."""
    subs = {n: importlib.import_module(f"gametheory.{n}") for n in subpackages()}
    top_names = [n for n in gametheory.__all__ if not n.startswith("__")]
    top = {id(getattr(gametheory, n)): n for n in top_names}
    # page name -> [(documented name, object)]
    documented: dict[str, list[tuple[str, object]]] = {}
    for n in top_names:
        obj = getattr(gametheory, n)
        # a module (gt.classics) under its importable name, gametheory.games.classics
        target = obj.__name__ if inspect.ismodule(obj) else f"gametheory.{n}"
        documented.setdefault(_home(obj, subs), []).append((target, obj))
    for s, module in subs.items():
        for n in getattr(module, "__all__", ()):
            obj = getattr(module, n)
            if id(obj) not in top:
                documented.setdefault(s, []).append((f"gametheory.{s}.{n}", obj))
    where = {id(obj): t for entries in documented.values() for t, obj in entries}
    pages: dict[str, str] = {}
    pages["api/index.rst"] = _api_index(top_names, documented, top)
    for page, entries in documented.items():
        module = subs.get(page) or importlib.import_module(f"gametheory.{page}")
        pages[f"api/{page}.rst"] = _api_page(f"gametheory.{page}", module, entries, where)
    return pages


def _api_index(top_names: list[str], documented: dict[str, list],
               top: dict[int, str]) -> str:
    lines = _title("API reference")
    lines += [".. automodule:: gametheory", "   :no-members:", "",
              f"``import gametheory as gt`` gives the {len(top_names)} names of "
              "``gametheory.__all__`` (below, grouped by the subpackage that documents "
              "them); each subpackage's page also lists its own further public names.",
              "", ".. toctree::", "   :maxdepth: 1", ""]
    lines += [f"   {page}" for page in sorted(documented)] + [""]
    for page in sorted(documented):
        entries = [(t, obj) for t, obj in documented[page] if id(obj) in top]
        if entries:
            lines += _title(f"From gametheory.{page}", "-")
            lines += [f"Documented in :doc:`{page}`.", ""] + _summary_table(entries)
    return "\n".join(lines)


def _api_page(modname: str, module, entries: list[tuple[str, object]],
              where: dict[int, str]) -> str:
    lines = _title(f"``{modname}``")
    lines += [f".. automodule:: {modname}", "   :no-members:", ""]
    public = list(getattr(module, "__all__", ()))
    if public:
        lines += _title("Public names", "-")
        lines += _summary_table([(where.get(id(obj), f"{modname}.{n}"), obj)
                                 for n, obj in ((n, getattr(module, n)) for n in public)])
    lines += _title("Reference", "-")
    for target, obj in entries:
        lines += _document(target, obj)
    return "\n".join(lines)


# ----------------------------------------------------------------------- model pages
def _number(x) -> str:
    return "inf" if x == float("inf") else "-inf" if x == -float("inf") else str(x)


def _parameter_table(spec: dict) -> list[str]:
    """The model's ``PARAMETERS`` (``name: (default, domain, meaning[, latex])``) as a
    table; a column of the symbols as typeset when some parameter has a LaTeX name."""
    symbols = any(len(entry) > 3 and entry[3] for entry in spec.values())
    head = ["parameter"] + (["symbol"] if symbols else []) + ["default", "domain", "meaning"]
    widths = "10 8 10 12 50" if symbols else "10 10 12 50"
    lines = [".. list-table::", "   :header-rows: 1", f"   :widths: {widths}", ""]
    lines += [f"   {'*' if i == 0 else ' '} - {h}" for i, h in enumerate(head)]
    for name, entry in spec.items():
        default, domain, meaning = entry[0], entry[1], entry[2]
        lo, hi = (_number(domain[0]), _number(domain[1])) if domain else ("-inf", "inf")
        shown = (f"[{lo}, {hi}]".replace("[-inf", "(-inf").replace("inf]", "inf)"))
        latex = entry[3] if len(entry) > 3 and entry[3] else ""
        lines.append(f"   * - ``{name}``")
        if symbols:
            lines.append(f"     - :math:`{latex}`" if latex else "     - ")
        lines += [f"     - ``{_number(default)}``", f"     - ``{shown}``",
                  f"     - {_escape(meaning)}"]
    return lines + [""]


def _escape(text: str) -> str:
    """Plain text as rst inline text (markup characters escaped)."""
    for ch in "\\*`_|[]":
        text = text.replace(ch, "\\" + ch)
    return text


def model_pages() -> dict[str, str]:
    """``{relative path: rst text}``: the models index and a page per bundled model."""
    from gametheory.models import MODELS

    index = _title("Models") + [
        "The bundled models (``gametheory.models.MODELS``), each a module of "
        ":mod:`gametheory.models`: the story, every assumption, the sources and the "
        "analytic solution as its docstring states them, then its parameters and its "
        "functions. Run one with ``gametheory solve MODEL`` or import it, e.g. "
        "``from gametheory.models import deterrence``.", "",
        ".. list-table::", "   :header-rows: 1", "   :widths: 20 80", "",
        "   * - model", "     - what it is"]
    for name, description in MODELS.items():
        index += [f"   * - :doc:`{name}`", f"     - {_escape(description)}"]
    index += ["", ".. toctree::", "   :hidden:", ""] + [f"   {n}" for n in MODELS] + [""]
    pages = {"models/index.rst": "\n".join(index)}
    for name, description in MODELS.items():
        pages[f"models/{name}.rst"] = _model_page(name, description)
    return pages


def _model_page(name: str, description: str) -> str:
    modname = f"gametheory.models.{name}"
    module = importlib.import_module(modname)
    lines = _title(f"``{name}``") + [f".. py:module:: {modname}", "",
                                     f"*{_escape(description)}*", ""]
    lines += (inspect.getdoc(module) or "").splitlines() + [""]
    spec = getattr(module, "PARAMETERS", None)
    if isinstance(spec, dict) and spec:
        lines += _title("Parameters of the model", "-") + _parameter_table(spec)
    public = list(getattr(module, "__all__", ()))
    if public:
        lines += _title("Functions and data", "-")
        for n in public:
            lines += _document(f"{modname}.{n}", getattr(module, n))
    return "\n".join(lines)


# ------------------------------------------------- sections numpydoc does not know
def rubric_unknown_sections(app, what, name, obj, options, lines) -> None:
    """Turn a docstring's section headings that numpydoc does not know ("The story",
    "Analytic solution", ...) into rubrics, which numpydoc keeps (it drops the text of
    an unknown section). Runs before numpydoc (priority 400 < 500)."""
    from numpydoc.docscrape import NumpyDocString

    known = {s.lower() for s in NumpyDocString.sections}
    i = 1
    while i < len(lines):
        head, under = lines[i - 1].strip(), lines[i].strip()
        if (head and under and set(under) == {"-"} and len(under) == len(head)
                and head.lower() not in known and (i < 2 or not lines[i - 2].strip())):
            indent = lines[i - 1][: len(lines[i - 1]) - len(lines[i - 1].lstrip())]
            lines[i - 1: i + 1] = [f"{indent}.. rubric:: {head}", ""]
        i += 1


# ------------------------------------------- references to an object by another name
_SCALARS = (int, float, complex, str, bytes, bool, type(None), tuple, frozenset)


def _import_path(path: str):
    """The object a dotted path names, as attribute access would give it (a package's
    attribute before a submodule of the same name); None when there is none."""
    parts = path.split(".")
    try:
        obj = importlib.import_module(parts[0])
    except Exception:       # not a module, or one that fails to import
        return None
    for i, part in enumerate(parts[1:], start=2):
        if hasattr(obj, part):
            obj = getattr(obj, part)
            continue
        if not inspect.ismodule(obj):
            return None
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except Exception:
            return None
    return obj


def _documented(env) -> dict[int, str]:
    """``{id(object): name it is documented under}`` for every Python object of the site
    (computed once per build; scalars left out, since equal ones can share an id)."""
    cache = getattr(env, "_gametheory_documented", None)
    if cache is None:
        cache = {}
        for name in env.get_domain("py").objects:
            obj = _import_path(name)
            if obj is not None and not isinstance(obj, _SCALARS):
                cache.setdefault(id(obj), name)
        env._gametheory_documented = cache
    return cache


def resolve_by_identity(app, env, node, contnode):
    """A Python reference not found by name (``:data:`gametheory.solvers.registry.METHODS```,
    ``:func:`check_assessment``` in a module that imported it) links to the page that
    documents the same object under its public name."""
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"].lstrip(".~")
    module, cls = node.get("py:module"), node.get("py:class")
    candidates = [target]
    if module:
        candidates += [f"{module}.{cls}.{target}"] if cls else []
        candidates.append(f"{module}.{target}")
        owner = _import_path(f"{module}.{cls}") if cls else None
        home = getattr(owner, "__module__", None)
        if home:        # a re-exported class: names as its own module sees them
            candidates += [f"{home}.{owner.__qualname__}.{target}", f"{home}.{target}"]
    for path in candidates:
        obj = _import_path(path)
        if obj is None or isinstance(obj, _SCALARS):
            continue
        name = _documented(env).get(id(obj))
        if name:
            return _link(app, env, node, contnode, name)
    return _by_last_name(app, env, node, contnode, target)


def _link(app, env, node, contnode, name: str):
    return env.get_domain("py").resolve_xref(env, node["refdoc"], app.builder, "obj", name,
                                             node, contnode)


def _by_last_name(app, env, node, contnode, target: str):
    """The one documented object of the role's kind whose name ends with ``target``
    (``:class:`Margin``` in a docstring read from another module); None unless unique."""
    domain = env.get_domain("py")
    kinds = set(domain.objtypes_for_role(node.get("reftype", "obj")) or ())
    names = [name for name, entry in domain.objects.items()
             if (name == target or name.endswith("." + target))
             and (not kinds or entry.objtype in kinds) and not entry.aliased]
    return _link(app, env, node, contnode, names[0]) if len(names) == 1 else None


# ------------------------------------- README links to files of the repository
REPO = HERE.parent


class RepositoryFiles(Domain):
    """Resolves a Markdown link of the included README to a file of the repository that
    the site does not hold (``[...](models/deterrence.py)``): to the page documenting
    that module when there is one, else the link text alone. A link to a file that does
    not exist still fails the build."""

    name = "gametheory-repo"
    label = "files of the repository"

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        return None

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        relative = target.split("#")[0]
        if (node.get("reftype") != "myst" or not relative or relative.startswith(("/", ".."))
                or not (REPO / relative).is_file()):
            return []
        module = _module_of(relative)
        if module:
            ref = env.get_domain("py").resolve_xref(env, fromdocname, builder, "mod", module,
                                                    node, contnode)
            if ref is not None:
                return [("py:mod", ref)]
        return [(f"{self.name}:file", contnode)]

    def merge_domaindata(self, docnames, otherdata) -> None:
        pass            # it keeps no data


def _module_of(relative: str) -> str | None:
    """The module a repository path holds (``models/x.py``: ``gametheory.models.x``)."""
    path = Path(relative)
    if path.suffix != ".py" or path.parts[0] not in ("gametheory", "models"):
        return None
    parts = ["gametheory", "models"] if path.parts[0] == "models" else ["gametheory"]
    parts += list(path.parts[1:-1]) + ([] if path.stem == "__init__" else [path.stem])
    return ".".join(parts)


# ----------------------------------------------------------------------------- setup
def _write(path: Path, text: str) -> None:
    """Write only when the text changed, so that unchanged pages are not rebuilt."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def generate(app) -> None:
    """Write the API and model pages into the source folder (before Sphinx reads it)."""
    pages = {**api_pages(), **model_pages()}
    for folder in ("api", "models"):
        for old in (Path(app.srcdir) / folder).glob("*.rst"):
            if f"{folder}/{old.name}" not in pages:
                old.unlink()
    for rel, text in pages.items():
        _write(Path(app.srcdir) / rel, text + "\n")


def setup(app):
    app.add_directive("methods-table", MethodsTable)
    app.add_domain(RepositoryFiles)
    app.connect("builder-inited", generate)
    app.connect("autodoc-process-docstring", rubric_unknown_sections, priority=400)
    app.connect("missing-reference", resolve_by_identity)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
