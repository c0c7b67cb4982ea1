"""What can be checked here of the `flet build windows|macos|linux` recipe (build/flet_recipe.py).

Flutter cannot be installed on this machine, so the build itself is not run. Checked: the command
lines parse with Flet 1.0.5's own CLI parser (flet-cli from the locked ``package`` group), the entry
point and the assets the package is made of exist (the CJK fonts ./dev copies from Debian packages
at install, their manifest, the strings, the scenarios), Flet's packager would keep ``assets/`` and
drop the venv and the tests, every locked runtime dependency has a wheel for each target, and the
shell wrapper is valid.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.packaging.build_scripts import load_build_script

ROOT = Path(__file__).resolve().parents[3]


recipe = load_build_script("flet_recipe")


@pytest.mark.parametrize("target", ["linux", "macos", "windows"])
def test_the_command_line_parses_with_flet_1_0_5(target: str) -> None:
    from flet_cli.cli import parse_command_line

    parsed = parse_command_line(recipe.command(target))
    assert parsed.command == "build"
    assert parsed.target_platform == target
    assert parsed.python_app_path == "."
    assert parsed.output_dir == f"build/dist/{target}"
    assert parsed.module_name == "main"
    assert parsed.python_version == recipe.PYTHON
    assert parsed.assume_yes
    with pytest.raises(SystemExit):  # the parser is strict: a wrong option would not pass unnoticed
        parse_command_line([*recipe.command(target), "--no-such-option"])


def test_the_installed_flet_cli_is_1_0_5() -> None:
    from importlib.metadata import version

    assert version("flet-cli") == version("flet") == "1.0.5"


@pytest.mark.parametrize("target", ["linux", "macos", "windows"])
def test_the_inputs_are_there_for_each_target(target: str) -> None:
    assert recipe.check_inputs(target) == []


def test_missing_inputs_are_named(tmp_path: Path) -> None:
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copy2(ROOT / "uv.lock", tmp_path / "uv.lock")
    (tmp_path / "main.py").write_text("import flet as ft\nft.run(main)\n", encoding="utf-8")
    problems = recipe.check_inputs("windows", tmp_path)
    assert "assets/strings/zh-CN.json is missing" in problems
    assert any("no_cdn=True" in problem for problem in problems)
    assert any("fonts.json is missing" in problem for problem in problems)
    assert recipe._wheel_problems(ROOT / "uv.lock", "windows", "3.9")  # old Pythons lack binary wheels


def test_flets_packager_keeps_the_assets_and_the_entry_point_and_drops_the_rest() -> None:
    from flet_cli.utils.app_excludes import find_default_excludes
    from flet_cli.utils.pyproject_toml import load_pyproject_toml

    setting = load_pyproject_toml(ROOT)
    app_path = ROOT / str(setting("tool.flet.app.path"))
    assert (app_path / "main.py").is_file()  # flet's own check: <module>.py at the app path
    explicit = ["build", *setting("tool.flet.app.exclude")]  # as flet build composes its excludes
    excluded = set(explicit) | set(find_default_excludes(app_path, [], explicit))
    assert {"tests", "build", ".venv", ".tools"} <= excluded
    kept = [path for path in ("main.py", "app", "views", "sync", "forms", "assets") if path not in excluded]
    assert kept == ["main.py", "app", "views", "sync", "forms", "assets"]
    fonts = app_path / "assets" / "fonts"
    assert (fonts / "wqy-microhei.ttc").is_file()  # copied from fonts-wqy-microhei at install
    assert (fonts / "fonts.json").is_file()


def test_the_recipe_runs_up_to_the_build_and_the_wrappers_are_valid() -> None:
    printed = subprocess.run(
        [sys.executable, "build/flet_recipe.py", "windows", "--print"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.strip().splitlines()[-1].endswith(" ".join(recipe.command("windows")))
    assert subprocess.run(["bash", "-n", str(ROOT / "build" / "package.sh")], check=False).returncode == 0
    for wrapper in ("package.sh", "package.ps1"):
        text = (ROOT / "build" / wrapper).read_text(encoding="utf-8")
        assert "flet_recipe.py" in text
        assert "--group package" in text
