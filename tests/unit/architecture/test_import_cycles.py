"""No import cycles between bizdesk's modules, not even hidden in a function or under TYPE_CHECKING.

The graph is read from the source by scripts/import_graph.py (every import statement counts; ``from
pkg import name`` is an edge to the submodule ``pkg.name`` when there is one; a package's ``__init__``
is a module like any other, so its re-exports are edges). docs/architecture.md draws the same graph
at package level, and the drawing must be current.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scripts import import_graph as GRAPH

ROOT = Path(__file__).resolve().parents[3]


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def _cycles_of(root: Path) -> list[list[str]]:
    return list(GRAPH.cycles(GRAPH.module_graph(root, ("pkg",))))


def test_no_module_imports_itself_back() -> None:
    found = GRAPH.cycles(GRAPH.module_graph())
    assert not found, "import cycles (split the module or move what both need below them):\n" + "\n".join(
        " -> ".join(path) for path in found
    )


def test_no_package_imports_itself_back() -> None:
    graph = GRAPH.module_graph()
    found = GRAPH.cycles(GRAPH.package_graph(graph, GRAPH.package_names()))
    assert not found, "package cycles (see docs/architecture.md):\n" + "\n".join(
        " -> ".join(path) for path in found
    )


def test_the_drawing_in_docs_is_current() -> None:
    document = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert GRAPH.with_drawing(document, GRAPH.drawing()) == document, (
        "docs/architecture.md's import drawing is stale: run  python scripts/import_graph.py --write"
    )


def test_the_graph_knows_the_packages_and_their_edges() -> None:
    graph = GRAPH.module_graph()
    assert {"app", "app.case.rules", "views.frame.app", "sync.client.gateway", "forms"} <= set(graph)
    assert "app.case.rules" in graph["app.case.lifecycle"]
    assert "app.case.rules.validate" in graph["app.case.rules"]  # a package's re-export is an edge


def test_a_cycle_hidden_in_a_function_is_found(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from pkg.b import thing\n",
            "pkg/b.py": "thing = 1\n\ndef late():\n    from pkg.a import thing\n    return thing\n",
        },
    )
    assert _cycles_of(root) == [["pkg.a", "pkg.b", "pkg.a"]]


def test_a_cycle_under_type_checking_is_found(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "import pkg.b\n",
            "pkg/b.py": """\
                from typing import TYPE_CHECKING
                if TYPE_CHECKING:
                    from pkg.a import A
            """,
        },
    )
    assert _cycles_of(root) == [["pkg.a", "pkg.b", "pkg.a"]]


def test_from_package_import_submodule_and_init_reexports_are_edges(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "pkg/__init__.py": "from pkg.inner import helper\n",
            "pkg/inner/__init__.py": "from pkg.inner.impl import helper\n",
            "pkg/inner/impl.py": "from pkg import other\nhelper = 1\n",
            "pkg/other.py": "from pkg.inner import helper\n",
        },
    )
    graph = GRAPH.module_graph(root, ("pkg",))
    assert graph["pkg.inner.impl"] == {"pkg.other"}  # a submodule, not the package
    assert _cycles_of(root) == [["pkg.inner", "pkg.inner.impl", "pkg.other", "pkg.inner"]]


def test_relative_imports_resolve(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "pkg/__init__.py": "from . import a\n",
            "pkg/a.py": "from .sub.b import x\n",
            "pkg/sub/__init__.py": "",
            "pkg/sub/b.py": "from .. import a\nx = 1\n",
        },
    )
    graph = GRAPH.module_graph(root, ("pkg",))
    assert graph["pkg"] == {"pkg.a"}
    assert graph["pkg.a"] == {"pkg.sub.b"}
    assert _cycles_of(root) == [["pkg.a", "pkg.sub.b", "pkg.a"]]


def test_an_acyclic_tree_passes_and_draws_its_packages(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/base.py": "import os\n",
            "pkg/upper/__init__.py": "",
            "pkg/upper/use.py": "from pkg.base import os\nfrom pkg.lower import deep\n",
            "pkg/lower/__init__.py": "",
            "pkg/lower/deep.py": "",
        },
    )
    assert _cycles_of(root) == []
    packages = GRAPH.package_graph(GRAPH.module_graph(root, ("pkg",)), GRAPH.package_names(root, ("pkg",)))
    assert packages["pkg.upper"] == {"pkg", "pkg.lower"}
    assert "pkg_upper --> pkg_lower" in GRAPH.mermaid(packages)


def test_a_document_without_markers_is_refused() -> None:
    with pytest.raises(ValueError, match="markers"):
        GRAPH.with_drawing("# no drawing here\n", "```mermaid\n```\n")
