"""Build the offline install bundle: the locked dependencies as wheels, the bizdesk wheel, the lock.

    python build/offline_bundle.py [--out build/dist/offline] [--platform manylinux_2_28_x86_64 --python 3.11]

Run on a build machine with access to PyPI (or a mirror). The bundle then installs and starts the
desk on a branch PC without internet::

    python -m venv bizdesk-venv
    bizdesk-venv/bin/pip install --no-index --find-links wheelhouse -r requirements.txt
    bizdesk-venv/bin/pip install --no-index --find-links wheelhouse --no-deps wheelhouse/bizdesk-*.whl

Contents: ``wheelhouse/`` (every wheel, binary only), ``requirements.txt`` (exported from uv.lock,
with hashes: pip refuses a wheel whose hash differs), ``uv.lock``, ``install.sh``/``install.ps1``
and ``SHA256SUMS``. Without ``--platform`` the wheels are for this machine's OS and Python.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INSTALL_SH = """#!/bin/sh
# Install bizdesk from this folder with no network: ./install.sh [VENV_DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
venv=${1:-"$here/venv"}
python3 -m venv "$venv"
"$venv/bin/pip" install --no-index --find-links "$here/wheelhouse" -r "$here/requirements.txt"
"$venv/bin/pip" install --no-index --find-links "$here/wheelhouse" --no-deps "$here"/wheelhouse/bizdesk-*.whl
"$venv/bin/bizdesk" --version
"""
INSTALL_PS1 = """# Install bizdesk from this folder with no network: .\\install.ps1 [VENV_DIR]
param([string]$Venv = "$PSScriptRoot\\venv")
$ErrorActionPreference = "Stop"
py -3.11 -m venv $Venv
$pip = "$Venv\\Scripts\\pip.exe"
$wheels = "$PSScriptRoot\\wheelhouse"
& $pip install --no-index --find-links $wheels -r "$PSScriptRoot\\requirements.txt"
$wheel = Get-ChildItem "$wheels\\bizdesk-*.whl" | Select-Object -First 1
& $pip install --no-index --find-links $wheels --no-deps $wheel.FullName
& "$Venv\\Scripts\\bizdesk.exe" --version
"""


def uv() -> str:
    """The project's own uv (``./dev`` installs it in .tools), else one on PATH."""
    local = ROOT / ".tools" / "bin" / "uv"
    found = str(local) if local.is_file() else shutil.which("uv")
    if found is None:
        raise SystemExit("uv not found: run ./dev once (it installs .tools/bin/uv) or put uv on PATH")
    return found


def pip_python(scratch: Path) -> str:
    """A Python that has pip: this one, or a throw-away venv (uv's venvs have no pip)."""
    probe = subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True, check=False)
    if probe.returncode == 0:
        return sys.executable
    venv.create(scratch, with_pip=True)
    return str(scratch / ("Scripts" if sys.platform == "win32" else "bin") / "python")


def run(*command: str | Path) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], cwd=ROOT, check=True)  # noqa: S603 - our own commands


def build(out: Path, platform: str | None, python_version: str | None) -> Path:
    if out.exists():
        shutil.rmtree(out)
    wheelhouse = out / "wheelhouse"
    wheelhouse.mkdir(parents=True)
    requirements = out / "requirements.txt"
    run(
        uv(),
        "export",
        "--frozen",
        "--no-dev",
        "--no-emit-project",
        "--format",
        "requirements-txt",
        "-o",
        requirements,
    )
    run(uv(), "build", "--wheel", "--out-dir", wheelhouse)
    scratch = out.parent / f".{out.name}-pip-venv"
    download = [pip_python(scratch), "-m", "pip", "download", "--only-binary=:all:"]
    download += ["--dest", wheelhouse, "-r", requirements]
    if platform:
        download += ["--platform", platform, "--python-version", python_version or "3.11"]
    run(*download)
    shutil.rmtree(scratch, ignore_errors=True)
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
    options = parser.parse_args(argv)
    folder = build(options.out.resolve(), options.platform, options.python_version)
    print(f"offline bundle: {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
