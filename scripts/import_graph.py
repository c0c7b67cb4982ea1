"""The import graph of bizdesk's own packages, read from the source (no module is imported).

    python scripts/import_graph.py            # the Mermaid drawing of the package-level imports
    python scripts/import_graph.py --write    # put that drawing into docs/architecture.md
    python scripts/import_graph.py --cycles   # every module-level import cycle, one per line (exit 1 if any)

Every ``import`` statement counts, wherever it sits: at module level, inside a function, under
``if TYPE_CHECKING:``. ``from pkg import name`` is an edge to ``pkg.name`` when that is a module of
ours, otherwise to ``pkg``; a package's ``__init__`` is the module named by the package, so its
re-exports are edges like any other. docs/architecture.md holds the drawing this prints
between its ``import-graph`` markers (tests/unit/architecture/test_import_cycles.py checks it is
current and that the graph has no cycle).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("app", "views", "sync", "forms")
DOCUMENT = ROOT / "docs" / "architecture.md"
BEGIN, END = "<!-- import-graph:begin -->", "<!-- import-graph:end -->"
Graph = dict[str, set[str]]


def module_files(root: Path = ROOT, packages: Iterable[str] = PACKAGES) -> dict[str, Path]:
    """Dotted module name -> source file, for every ``.py`` file under ``packages``."""
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The absolute module a (possibly relative) ``from ... import`` names."""
    if node.level == 0:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _known(name: str, modules: set[str]) -> str | None:
    """``name`` or its nearest ancestor that is one of ``modules`` (``None`` for outside code)."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def imported_modules(module: str, path: Path, modules: set[str]) -> Iterator[str]:
    """Our modules that ``module`` (at ``path``) imports, from every import statement in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(node, module, is_package)
            targets = [f"{source}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            found = _known(target, modules)
            if found is not None and found != module:
                yield found


def module_graph(root: Path = ROOT, packages: Iterable[str] = PACKAGES) -> Graph:
    """Module -> the modules of ours it imports."""
    files = module_files(root, packages)
    names = set(files)
    return {module: set(imported_modules(module, path, names)) for module, path in files.items()}


def _strongly_connected(graph: Graph) -> list[list[str]]:
    """Tarjan's components (iterative, so deep graphs cannot overflow the stack)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components


def _path_back(graph: Graph, start: str, members: set[str]) -> list[str]:
    """A shortest cycle through ``start`` inside one component: [start, ..., start]."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for child in sorted(graph.get(node, ())):
                if child not in members:
                    continue
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [start, *reversed(path[:-1]), start] if node != start else [start, start]
                if child not in previous:
                    previous[child] = node
                    following.append(child)
        frontier = following
    return [start]


def cycles(graph: Graph) -> list[list[str]]:
    """One cycle path per tangle of modules that import each other (empty: the graph is acyclic)."""
    found = []
    for component in _strongly_connected(graph):
        if len(component) > 1 or component[0] in graph.get(component[0], set()):
            found.append(_path_back(graph, component[0], set(component)))
    return sorted(found)


def package_of(module: str, packages: set[str]) -> str:
    """Where ``module`` is drawn: ``app.case.rules.people`` -> ``app.case``, ``app.errors`` -> ``app``.

    ``packages`` names the modules that are packages. ``app``'s loose modules (errors, paths, ports, ...)
    are drawn as ``app``; packages are drawn at most two names deep.
    """
    parts = module.split(".")
    if parts[-1] == "__main__":  # an entry point (``python -m app``), drawn on its own
        return module
    if module not in packages:
        parts = parts[:-1] or parts
    return ".".join(parts[:2])


def package_graph(graph: Graph, packages: set[str]) -> Graph:
    """Package -> the other packages it imports (imports inside one package are left out)."""
    drawn: Graph = {}
    for module, imported in graph.items():
        source = package_of(module, packages)
        targets = {package_of(target, packages) for target in imported}
        drawn.setdefault(source, set()).update(targets - {source})
    return drawn


def package_names(root: Path = ROOT, packages: Iterable[str] = PACKAGES) -> set[str]:
    """The modules that are packages (an ``__init__.py``)."""
    return {name for name, path in module_files(root, packages).items() if path.name == "__init__.py"}


def _node_id(package: str) -> str:
    return package.replace(".", "_")


def mermaid(packages: Graph) -> str:
    """The package graph as a Mermaid flowchart, sorted so the text changes only when imports do."""
    lines = ["flowchart LR"]
    for package in sorted(packages):
        lines.append(f'    {_node_id(package)}["{package}"]')
    for package in sorted(packages):
        for target in sorted(packages[package]):
            lines.append(f"    {_node_id(package)} --> {_node_id(target)}")
    return "\n".join(lines) + "\n"


def drawing(root: Path = ROOT) -> str:
    """The package drawing of the tree at ``root``, as a fenced Mermaid block."""
    graph = module_graph(root)
    return f"```mermaid\n{mermaid(package_graph(graph, package_names(root)))}```\n"


def with_drawing(document: str, block: str) -> str:
    """``document`` with the text between the markers replaced by ``block``."""
    head, found, rest = document.partition(BEGIN)
    _, closed, tail = rest.partition(END)
    if not (found and closed):
        raise ValueError(f"the document has no {BEGIN} ... {END} markers")
    return f"{head}{BEGIN}\n{block}{END}{tail}"


def main(argv: list[str]) -> int:
    graph = module_graph()
    if "--cycles" in argv:
        found = cycles(graph)
        for path in found:
            print(" -> ".join(path))
        return 1 if found else 0
    if "--write" in argv:
        DOCUMENT.write_text(with_drawing(DOCUMENT.read_text(encoding="utf-8"), drawing()), encoding="utf-8")
        return 0
    sys.stdout.write(mermaid(package_graph(graph, package_names())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
