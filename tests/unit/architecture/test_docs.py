"""docs/architecture.md names only what exists: every package of its package map, and every module named
in a package's row (a plain name in backticks; functions carry ``()``, classes are capitalised, and
dotted names are checked whole). A renamed or removed module that the map still names fails here."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
ROW = re.compile(r"^\| `(?P<package>[a-z_.]+)`(?: \([^)]*\))? \| (?P<text>.*) \|$")
NAME = re.compile(r"`([^`]+)`")
MODULE = re.compile(r"^[a-z][a-z0-9_]*$")
DOTTED = re.compile(r"^(app|sync|views|forms)(\.[A-Za-z_][A-Za-z0-9_]*)+$")


def _rows() -> list[tuple[str, str]]:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = text.split("## The package map", 1)[1].split("\n## ", 1)[0]
    return [(m["package"], m["text"]) for line in table.splitlines() if (m := ROW.match(line))]


def _module(dotted: str) -> bool:
    try:
        return importlib.util.find_spec(dotted) is not None
    except ModuleNotFoundError:  # a name inside a module, not a package
        return False


def _exists(dotted: str) -> bool:
    """A module or package of the tree, or a name defined in one (``app.desk.local.LocalDesk``)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        module = ".".join(parts[:cut])
        if _module(module):
            return cut == len(parts) or hasattr(importlib.import_module(module), parts[cut])
    return False


def test_the_map_has_its_rows() -> None:
    packages = [package for package, _ in _rows()]
    assert {"app", "app.wiring", "app.services", "app.desk", "sync.sandbox"} <= set(packages)


@pytest.mark.parametrize(("package", "text"), _rows(), ids=lambda value: str(value)[:30])
def test_every_name_in_the_map_exists(package: str, text: str) -> None:
    assert _module(package), package
    missing = []
    for name in NAME.findall(text):
        if MODULE.match(name) and not name.startswith("__"):
            if not _module(f"{package}.{name}"):
                missing.append(f"{package}.{name}")
        elif DOTTED.match(name) and not _exists(name):
            missing.append(name)
    assert not missing, f"docs/architecture.md names what does not exist: {missing}"


def test_a_module_that_is_gone_is_caught() -> None:
    assert not _module("app.wiring.checkpoints")
    assert not _exists("app.packet")
    assert _exists("app.desk.local.LocalDesk")
