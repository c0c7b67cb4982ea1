"""The scripts of build/ (run as scripts, not a package), loaded as modules for the tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BUILD = Path(__file__).resolve().parents[3] / "build"


def load_build_script(name: str) -> ModuleType:
    """``build/<name>.py`` as a module (with build/ importable, as when the script runs)."""
    if str(BUILD) not in sys.path:
        sys.path.append(str(BUILD))
    spec = importlib.util.spec_from_file_location(name, BUILD / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
