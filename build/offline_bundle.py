"""Build the offline install bundle: the locked dependencies as wheels, the bizdesk wheel, the lock.

    python build/offline_bundle.py [--out build/dist/offline] [--platform manylinux_2_28_x86_64 --python 3.11]

Run on a build machine with access to PyPI (or a mirror), from the project's locked environment
(``./dev`` or ``uv sync --frozen --all-groups``). The bundle then installs and starts the desk on a
branch PC without internet: ``./install.sh [VENV]`` (``install.ps1`` on Windows).

Every tool comes from ``uv.lock``, never from whatever the build machine or the branch PC happens to
have: the wheel is built by the locked hatchling (no build isolation, so nothing is fetched for it),
the wheels are downloaded by the locked pip, and the bundle carries that pip: ``install.sh`` creates
the venv without the interpreter's bundled pip and installs the locked one from the wheelhouse first
(pip runs from its own wheel), then everything else with hashes and ``--no-index``.

Contents: ``wheelhouse/`` (every wheel, binary only, flet-desktop of the ``desktop`` extra included),
``requirements.txt`` (exported from uv.lock, with hashes: pip refuses a wheel whose hash differs),
``installer.txt`` (the locked pip, hashed), ``uv.lock``, ``install.sh``/``install.ps1``,
``place_flutter_client.py`` and ``flutter-client/`` (the Flutter desktop client, where the build machine
could fetch it: ``--flutter-client download|FILE``, see build/flutter_client.py) and ``SHA256SUMS``.
Without ``--platform`` the wheels are for this machine's OS and Python.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import flutter_client  # build/flutter_client.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
# The dependency groups of pyproject.toml that pin the bundle's tools (uv.lock holds their versions).
INSTALLER_GROUP = "installer"
INSTALL_SH = """#!/bin/sh
# Install bizdesk from this folder with no network: ./install.sh [VENV_DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
venv=${1:-"$here/venv"}
wheels="$here/wheelhouse"
python3 -m venv --without-pip "$venv"
# the locked pip, run from its own wheel, installs itself (hash-checked): not the interpreter's pip
"$venv/bin/python" "$(ls "$wheels"/pip-*.whl)/pip" install --no-index --find-links "$wheels" \\
    --require-hashes -r "$here/installer.txt"
"$venv/bin/python" -m pip install --no-index --find-links "$wheels" -r "$here/requirements.txt"
"$venv/bin/python" -m pip install --no-index --find-links "$wheels" --no-deps "$wheels"/bizdesk-*.whl
# the Flutter desktop client, if the bundle carries this PC's: where flet-desktop looks before downloading
(cd "$here" && "$venv/bin/python" "$here/place_flutter_client.py" "$here/flutter-client")
"$venv/bin/bizdesk" --version
"""
INSTALL_PS1 = """# Install bizdesk from this folder with no network: .\\install.ps1 [VENV_DIR]
param([string]$Venv = "$PSScriptRoot\\venv")
$ErrorActionPreference = "Stop"
$wheels = "$PSScriptRoot\\wheelhouse"
py -3.11 -m venv --without-pip $Venv
$python = "$Venv\\Scripts\\python.exe"
$pipWheel = Get-ChildItem "$wheels\\pip-*.whl" | Select-Object -First 1
$installer = "$PSScriptRoot\\installer.txt"
& $python "$($pipWheel.FullName)\\pip" install --no-index --find-links $wheels --require-hashes -r $installer
& $python -m pip install --no-index --find-links $wheels -r "$PSScriptRoot\\requirements.txt"
$wheel = Get-ChildItem "$wheels\\bizdesk-*.whl" | Select-Object -First 1
& $python -m pip install --no-index --find-links $wheels --no-deps $wheel.FullName
# the Flutter desktop client, if the bundle carries this PC's: where flet-desktop looks before downloading
Push-Location $PSScriptRoot
& $python "$PSScriptRoot\\place_flutter_client.py" "$PSScriptRoot\\flutter-client"
Pop-Location
& "$Venv\\Scripts\\bizdesk.exe" --version
"""


def uv() -> str:
    """The project's own uv (``./dev`` installs it in .tools), else one on PATH."""
    local = ROOT / ".tools" / "bin" / "uv"
    found = str(local) if local.is_file() else shutil.which("uv")
    if found is None:
        raise SystemExit("uv not found: run ./dev once (it installs .tools/bin/uv) or put uv on PATH")
    return found


def locked_pip(requirements: Path) -> list[str]:
    """``python -m pip`` of this (the project's locked) environment, refused unless it is the pip
    ``requirements`` (exported from the lock) pins: the downloads must not depend on which pip an
    interpreter bundles."""
    pinned = re.search(r"^pip==(\S+)", requirements.read_text(encoding="utf-8"), re.MULTILINE)
    if pinned is None:
        raise SystemExit(
            f"{requirements.name} pins no pip: the '{INSTALLER_GROUP}' group is missing from uv.lock"
        )
    probe = subprocess.run(
        [sys.executable, "-c", "import pip; print(pip.__version__)"],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode != 0 or probe.stdout.strip() != pinned.group(1):
        raise SystemExit(
            f"this environment's pip is {probe.stdout.strip() or 'missing'}, the lock pins "
            f"{pinned.group(1)}: run from the project's environment after "
            "`uv sync --frozen --all-groups` (./dev does it)"
        )
    return [sys.executable, "-m", "pip"]


def run(*command: str | Path) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], cwd=ROOT, check=True)  # noqa: S603 - our own commands


def export(*options: str, to: Path) -> Path:
    run(uv(), "export", "--frozen", "--no-emit-project", "--format", "requirements-txt", *options, "-o", to)
    return to


def build(
    out: Path,
    platform: str | None,
    python_version: str | None,
    client: str | None = None,
    client_from: str | None = None,
) -> Path:
    if out.exists():
        shutil.rmtree(out)
    wheelhouse = out / "wheelhouse"
    wheelhouse.mkdir(parents=True)
    # with flet-desktop (the ``desktop`` extra): it runs the Flutter client where the bundle carries one
    requirements = export("--no-dev", "--extra", "desktop", to=out / "requirements.txt")
    installer = export("--only-group", INSTALLER_GROUP, to=out / "installer.txt")
    pip = locked_pip(installer)
    run(uv(), "build", "--wheel", "--no-build-isolation", "--out-dir", wheelhouse)
    for wanted in (requirements, installer):
        download = [*pip, "download", "--only-binary=:all:", "--dest", wheelhouse, "-r", wanted]
        if platform:
            download += ["--platform", platform, "--python-version", python_version or "3.11"]
        run(*download)
    flutter_client.carry(out, client, client_from, platform)
    shutil.copy2(ROOT / "uv.lock", out / "uv.lock")
    (out / "install.sh").write_text(INSTALL_SH, encoding="utf-8")
    (out / "install.sh").chmod(0o755)
    (out / "install.ps1").write_text(INSTALL_PS1, encoding="utf-8")
    sums = [
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(out).as_posix()}"
        for path in sorted(out.rglob("*"))
        if path.is_file()
    ]
    (out / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "dist" / "offline")
    parser.add_argument("--platform", help="pip platform tag of the target (default: this machine)")
    parser.add_argument("--python", dest="python_version", help="target Python version with --platform")
    parser.add_argument(
        "--flutter-client",
        metavar="download|FILE",
        help="carry the Flutter desktop client: fetch it (download) or take an archive fetched before",
    )
    parser.add_argument(
        "--flutter-client-from",
        metavar="URL",
        help="where download fetches it from (default: Flet's GitHub release of the pinned version)",
    )
    options = parser.parse_args(argv)
    folder = build(
        options.out.resolve(),
        options.platform,
        options.python_version,
        options.flutter_client,
        options.flutter_client_from,
    )
    print(f"offline bundle: {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
