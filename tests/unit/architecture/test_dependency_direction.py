"""The dependency direction is a checked contract: views -> app, sync -> app, forms -> app, and inside
app/ the lower layers never import the higher ones (docs/architecture.md draws the result).

Every import statement in the four packages is read from the source (also those
inside functions), so a forbidden import fails the suite wherever it hides.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts import import_graph

ROOT = Path(__file__).resolve().parents[3]
UI_HTTP_PDF = {"flet", "flet_web", "flet_desktop", "httpx", "reportlab", "fastapi", "uvicorn", "starlette"}
OUTER = {"views", "sync", "forms", "main"}
COMPOSITION_ROOT = {"app.cli", "app.wiring", "app.__main__"}
_DOMAIN = {"app.case", "app.validation", "app.reference", "app.accounts"}
_ADAPTERS = {"app.security", "app.store", "app.syncing"}
_UPPER = {
    "app.services",
    "app.seed",
    "app.desk",
    "app.idcard",
    "app.facecheck",
    "app.unit_of_work",
    "app.training",
}
# package -> the app packages it must not import (besides the composition root, which nobody imports)
LAYERS: dict[str, set[str]] = {
    "app": _DOMAIN | _ADAPTERS | _UPPER,  # errors, paths, ports, clock ...: the floor
    "app.reference": _DOMAIN - {"app.reference"} | _ADAPTERS | _UPPER,
    "app.validation": _DOMAIN - {"app.validation", "app.reference"} | _ADAPTERS | _UPPER,
    "app.case": {"app.accounts"} | _ADAPTERS | _UPPER,
    "app.accounts": {"app.case", "app.validation"} | _ADAPTERS - {"app.security"} | _UPPER,
    "app.security": _DOMAIN | _ADAPTERS - {"app.security"} | _UPPER,
    "app.syncing": {"app.accounts", "app.security", "app.store"} | _UPPER,
    "app.store": _UPPER,
    "app.seed": {"app.services", "app.desk", "app.store", "app.idcard", "app.facecheck", "app.training"},
    # one function per intent over the unit-of-work port: the store is the composition root's to hand
    # over, and seeding fictitious cases is training's (app.training.seeding)
    "app.services": {"app.desk", "app.training", "app.store", "app.seed"},
    # the one unit-of-work port gathers the repositories' ports from below it
    "app.unit_of_work": _UPPER - {"app.unit_of_work"},
    # training: scenarios, their check, the demo data and seeding, over the case rules and the intents;
    # the desk (its UI contract) calls it
    "app.training": {"app.desk", "app.idcard", "app.facecheck", "app.syncing", "app.store"},
    # the desk's use cases are functions over the unit-of-work port, calling the intents (app.services)
    # and reading the sync outbox's model; the UI contract (app.desk.api) returns their plain data
    "app.desk": {"app.seed", "app.store"},
    # the ID card reader port and its simulated reader (fictitious cards from app.seed)
    "app.idcard": {"app.services", "app.desk", "app.store", "app.syncing"},
    # the face-check camera port and its simulated camera: the floor only (docs/face-check.md)
    "app.facecheck": _DOMAIN | _ADAPTERS | _UPPER - {"app.facecheck"},
    "app.updates": {"app.store"} | _UPPER,  # pure update rules: documents in, decisions out
    # the desk's browser app window: finding the browser, its command line and process; the floor only
    "app.window": _DOMAIN | _ADAPTERS | _UPPER | {"app.updates"},
}


def _imports(path: Path) -> Iterator[tuple[str, bool]]:
    """(top-level module name, imported at module level?) for every import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    module_level = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], id(node) in module_level
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0], id(node) in module_level


def _sources(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _is_composition_root(path: Path) -> bool:
    relative = path.relative_to(ROOT).as_posix()
    return relative.startswith(("app/cli/", "app/wiring/"))


def test_packages_exist() -> None:
    for package in ("app", "views", "sync", "forms"):
        assert (ROOT / package / "__init__.py").is_file(), package


@pytest.mark.parametrize("path", _sources("app"), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_core_imports_no_ui_http_pdf_nor_outer_packages(path: Path) -> None:
    forbidden = UI_HTTP_PDF | OUTER | {"tests"}
    for name, at_module_level in _imports(path):
        if name not in forbidden:
            continue
        if _is_composition_root(path) and name != "tests":
            assert not at_module_level, f"{path}: composition root imports {name} at module level"
            continue
        pytest.fail(f"{path.relative_to(ROOT)} imports {name}: app/ must stay free of it")


@pytest.mark.parametrize("path", _sources("views"), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_views_touch_no_database_nor_network(path: Path) -> None:
    forbidden = {"sqlalchemy", "sqlcipher3", "alembic", "httpx", "sync", "forms", "sqlite3"}
    bad = sorted({name for name, _ in _imports(path) if name in forbidden})
    assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


@pytest.mark.parametrize(
    "path", _sources("sync") + _sources("forms"), ids=lambda p: p.relative_to(ROOT).as_posix()
)
def test_sync_and_forms_do_not_depend_on_the_ui(path: Path) -> None:
    bad = sorted({name for name, _ in _imports(path) if name in {"views", "flet", "main"}})
    assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_checker_sees_imports_inside_functions(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import os\n\ndef f():\n    import flet\n    from httpx import Client\n")
    assert sorted(_imports(sample)) == [("flet", False), ("httpx", False), ("os", True)]


def _package_edges() -> set[tuple[str, str, str, str]]:
    """(importing package, imported package, importing module, imported module) inside app/."""
    graph = import_graph.module_graph()
    packages = import_graph.package_names()
    return {
        (import_graph.package_of(module, packages), import_graph.package_of(target, packages), module, target)
        for module, targets in graph.items()
        if module.split(".")[0] == "app"
        for target in targets
        if target.split(".")[0] == "app"
    }


@pytest.mark.parametrize("package", sorted(LAYERS))
def test_lower_layers_do_not_import_higher_ones(package: str) -> None:
    forbidden = LAYERS[package] | COMPOSITION_ROOT
    bad = sorted(
        f"{module} imports {target}"
        for source, imported, module, target in _package_edges()
        if source == package and imported in forbidden
    )
    assert not bad, f"{package} reaches up: " + "; ".join(bad)


def test_only_the_composition_root_imports_the_composition_root() -> None:
    bad = sorted(
        f"{module} imports {target}"
        for source, imported, module, target in _package_edges()
        if imported in COMPOSITION_ROOT and source not in COMPOSITION_ROOT
    )
    assert not bad, bad


def test_every_app_package_has_its_layer() -> None:
    drawn = {source for source, _, _, _ in _package_edges()}
    assert drawn - COMPOSITION_ROOT <= set(LAYERS), sorted(drawn - COMPOSITION_ROOT - set(LAYERS))
