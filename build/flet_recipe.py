"""The `flet build windows|macos|linux` recipe: check its inputs, then run Flet 1.0.5's build.

    python build/flet_recipe.py linux|macos|windows [--fonts DIR] [--print]

1. Copies the CJK fonts into ``assets/fonts/`` (``scripts/install_fonts.py``; ``--fonts DIR`` names a
   folder holding wqy-microhei.ttc, wqy-zenhei.ttc and HanaMinB.ttf on machines without Debian's
   font packages, e.g. the ``assets/fonts`` of a Linux checkout).
2. Checks what the package is made of (``check_inputs``): the entry point ``main.py``, the assets
   (fonts with their manifest, UI strings, scenarios), the ``[tool.flet]`` metadata, and that every
   locked runtime dependency has a wheel for the target, so ``flet build`` installs nothing from
   source.
3. Runs ``flet build <target>`` (``command``) from the project root: output in ``build/dist/<target>``.

``--print`` stops after the checks and prints the command. Steps 1 and 2 run anywhere; step 3 needs
the Flutter SDK, which ``flet build`` downloads with the build template and the bundled Python on
first use (a build machine with internet access, never a branch PC). Standard library only, except
that ``flet build`` itself comes from the locked ``package`` dependency group (flet-cli 1.0.5).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = ("linux", "macos", "windows")
PYTHON = "3.12"  # the Python bundled into the package; every locked binary dependency has cp312 wheels
# wheel platform tags each target can install (the build runs on the target's own OS)
PLATFORM_TAGS = {
    "linux": ("manylinux", "linux_x86_64"),
    "macos": ("macosx",),
    "windows": ("win_amd64",),
}
NEEDED = ("main.py", "assets/strings/zh-CN.json", "assets/strings/en.json", "assets/scenarios")


def command(target: str, *, python: str = PYTHON) -> list[str]:
    """The ``flet build`` arguments (after ``flet``) for ``target``, run from the project root."""
    if target not in TARGETS:
        raise ValueError(f"target must be one of {', '.join(TARGETS)}, not {target!r}")
    return [
        "build",
        target,
        ".",
        "--output",
        f"build/dist/{target}",
        "--module-name",
        "main",
        "--python-version",
        python,
        "--no-rich-output",
        "--yes",
    ]


def check_inputs(target: str, root: Path = ROOT) -> list[str]:
    """What is wrong with the recipe's inputs (empty: ready for ``flet build``)."""
    problems = [f"{needed} is missing" for needed in NEEDED if not (root / needed).exists()]
    entry = (root / "main.py").read_text(encoding="utf-8") if (root / "main.py").is_file() else ""
    if "ft.run(" not in entry or "no_cdn=True" not in entry:
        problems.append("main.py must start the desk with ft.run(..., no_cdn=True) (nothing from a CDN)")
    problems += _font_problems(root / "assets" / "fonts")
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    flet = project.get("tool", {}).get("flet", {})
    problems += [
        f"[tool.flet] {key} is not set" for key in ("org", "product", "company") if not flet.get(key)
    ]
    excluded = set(flet.get("app", {}).get("exclude", []))
    for name in ("assets", "app"):
        if name in excluded:
            problems.append(f"[tool.flet.app] exclude must not drop {name}")
    for name in ("tests", ".venv"):
        if name not in excluded:
            problems.append(f"[tool.flet.app] exclude should drop {name}")
    problems += _wheel_problems(root / "uv.lock", target)
    return problems


def _font_problems(fonts: Path) -> list[str]:
    manifest = fonts / "fonts.json"
    if not manifest.is_file():
        return ["assets/fonts/fonts.json is missing: run scripts/install_fonts.py (./dev does)"]
    listed = json.loads(manifest.read_text(encoding="utf-8")).get("fonts", [])
    problems = [
        f"assets/fonts/{font['file']} is missing" for font in listed if not (fonts / font["file"]).is_file()
    ]
    if not any(font.get("role") == "primary" for font in listed):
        problems.append("assets/fonts has no primary CJK font")
    return problems


def _wheel_problems(lock_file: Path, target: str, python: str = PYTHON) -> list[str]:
    """Locked runtime packages without a wheel ``flet build`` could install on ``target``."""
    lock = tomllib.loads(lock_file.read_text(encoding="utf-8"))
    packages = {package["name"]: package for package in lock["package"]}
    cpython = "cp" + python.replace(".", "")
    problems = []
    for name in sorted(_runtime_closure(packages)):
        wheels = [Path(wheel["url"]).name for wheel in packages[name].get("wheels", [])]
        if not any(_installs(wheel, cpython, PLATFORM_TAGS[target]) for wheel in wheels):
            problems.append(f"{name} has no wheel for {target} and Python {python} in uv.lock")
    return problems


def _runtime_closure(packages: dict[str, dict[str, object]]) -> set[str]:
    """bizdesk's locked runtime dependencies, all the way down (no dev or package groups, no extras)."""
    seen: set[str] = set()
    todo = [dep["name"] for dep in packages["bizdesk"].get("dependencies", [])]  # type: ignore[attr-defined]
    while todo:
        name = todo.pop()
        if name in seen or name not in packages:
            continue
        seen.add(name)
        todo += [dep["name"] for dep in packages[name].get("dependencies", [])]  # type: ignore[attr-defined]
    return seen


def _installs(wheel: str, cpython: str, platforms: tuple[str, ...]) -> bool:
    python_tag, abi_tag, platform_tag = wheel[:-4].split("-")[-3:]
    if platform_tag == "any":
        return True
    fits_python = cpython in python_tag.split(".") or (abi_tag == "abi3" and python_tag <= cpython)
    return fits_python and any(re.search(tag, platform_tag) for tag in platforms)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("target", choices=TARGETS)
    parser.add_argument("--fonts", type=Path, help="folder holding the CJK font files (default: Debian's)")
    parser.add_argument("--print", dest="dry_run", action="store_true", help="check and print, do not build")
    options = parser.parse_args(argv)
    fonts = ["--source-root", str(options.fonts)] if options.fonts else []
    subprocess.run([sys.executable, str(ROOT / "scripts" / "install_fonts.py"), *fonts], check=True)  # noqa: S603
    problems = check_inputs(options.target)
    if problems:
        print("the package cannot be built:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    flet = [sys.executable, "-m", "flet_cli.cli", *command(options.target)]
    print(" ".join(flet), flush=True)
    if options.dry_run:
        return 0
    return subprocess.run(flet, cwd=ROOT, check=False).returncode  # noqa: S603 - our own command


if __name__ == "__main__":
    sys.exit(main())
