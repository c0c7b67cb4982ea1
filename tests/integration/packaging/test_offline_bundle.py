"""The offline install bundle (build/offline_bundle.py) installs with its own ``install.sh`` into a fresh
venv with the network off, and the installed desk starts: ``bizdesk --version`` and ``bizdesk --training
case list``. The bundle carries a Flutter desktop client (a stand-in fetched from a mirror on loopback:
the real one cannot be fetched here) and the install puts it where flet-desktop finds it.

Building the bundle needs PyPI (or a mirror) like any build; the install runs in a new network
namespace (``unshare -rn``: no interface but loopback), so a missing wheel cannot be fetched. Every tool
comes from the lock: the venv's pip is the locked one the bundle carries, whatever pip the interpreter
bundles.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.integration.packaging.mirror import release_mirror

ROOT = Path(__file__).resolve().parents[3]


def _offline(command: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["unshare", "-rn", *command], capture_output=True, text=True, env=env, check=False, timeout=900
    )


def _locked_version(name: str) -> str:
    """The version uv.lock pins for package ``name``."""
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    return str(next(package["version"] for package in lock["package"] if package["name"] == name))


def _network_is_off() -> bool:
    probe = "import socket; socket.create_connection(('pypi.org', 443), timeout=5)"
    return _offline([sys.executable, "-c", probe]).returncode != 0


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare to cut the network")
def test_the_bundle_installs_and_starts_without_network(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    with release_mirror() as mirror:  # the Flutter client, "downloaded" from a mirror on loopback
        build = ["build/offline_bundle.py", "--out", str(bundle), "--flutter-client", "download"]
        build += ["--flutter-client-from", mirror.url]
        subprocess.run([sys.executable, *build], cwd=ROOT, check=True)
    (archive,) = (bundle / "flutter-client").iterdir()
    assert mirror.asked == [f"/v1.0.5/{archive.name}"]
    assert f"  flutter-client/{archive.name}" in (bundle / "SHA256SUMS").read_text(encoding="utf-8")
    wheel = next((bundle / "wheelhouse").glob("bizdesk-*.whl"))
    with zipfile.ZipFile(wheel) as packed:
        names = packed.namelist()
    assert "assets/fonts/wqy-microhei.ttc" in names  # the UI's CJK font travels with the app
    assert "app/reference/packs/divisions.json" in names
    assert (bundle / "uv.lock").is_file()
    assert "--hash=sha256:" in (bundle / "requirements.txt").read_text(encoding="utf-8")
    assert _network_is_off()

    assert "pip==" in (bundle / "installer.txt").read_text(encoding="utf-8")

    target = tmp_path / "venv"
    installed = _offline([str(bundle / "install.sh"), str(target)])
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-2000:]
    assert installed.stdout.strip().splitlines()[-1].startswith("bizdesk 0.")
    assert "Flutter desktop client installed:" in installed.stdout  # where flet-desktop looks for it
    pip = _offline([str(target / "bin" / "python"), "-c", "import pip; print(pip.__version__)"])
    assert pip.stdout.strip() == _locked_version("pip"), pip.stderr

    env = {
        **os.environ,
        "BIZDESK_HOME": str(tmp_path / "home"),
        "BIZDESK_PASSPHRASE": "离线安装测试 correct horse battery",
        "BIZDESK_USER": "trainer",
        "BIZDESK_USER_PASSWORD": "peixun2026",
        "PYTHONPATH": "",
    }
    bizdesk = str(target / "bin" / "bizdesk")
    version = _offline([bizdesk, "--version"], env)
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("bizdesk 0.")
    listed = _offline([bizdesk, "--training", "case", "list"], env)
    assert listed.returncode == 0, listed.stderr[-2000:]
    fonts = _offline(
        [
            str(target / "bin" / "python"),
            "-c",
            "from views.fonts import font_plan; print(len(font_plan().files))",
        ],
        env,
    )
    assert fonts.returncode == 0, fonts.stderr[-2000:]
    assert int(fonts.stdout.strip()) >= 1
    # With a display, `bizdesk run` would take the Flutter client the install placed (never downloading it)
    client = _offline(
        [
            str(target / "bin" / "python"),
            "-c",
            "from app.wiring.serving import flutter_client_installed; print(flutter_client_installed())",
        ],
        env,
    )
    assert client.stdout.strip() == "True", client.stderr[-2000:]
