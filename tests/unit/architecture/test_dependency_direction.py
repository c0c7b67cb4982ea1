"""The dependency direction is a checked contract: views -> app, sync -> app, forms -> app.

Every import statement in the four packages is read from the source (also those
inside functions), so a forbidden import fails the suite wherever it hides.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
UI_HTTP_PDF = {"flet", "flet_web", "flet_desktop", "httpx", "reportlab", "fastapi", "uvicorn", "starlette"}
OUTER = {"views", "sync", "forms", "main"}


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
