"""Installing an app release into the desk's own Python environment, with no network.

    PipInstaller().running_version()       the bizdesk version installed in this environment
    PipInstaller().keep_running(folder)    the installed version as a wheel in ``folder`` (for rollback)
    PipInstaller().install(version, folder) ``pip install --no-index --find-links folder bizdesk==version``

The environment is the one this process runs in (``sys.executable``): the venv the offline bundle
created on the branch PC (it has pip). pip resolves before it touches anything and puts back what it
removed when an install fails, so a failed install leaves the running version in place. A
development checkout (an editable install) is refused: its code is the source tree, not a release.
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import importlib.metadata as metadata
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from app.updates.documents import APP_DISTRIBUTION, UpdateRefused

_NOT_REPACKED = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}


class PipInstaller:
    """pip of this interpreter's environment, told never to use an index."""

    def __init__(self, python: str = sys.executable) -> None:
        self.python = python

    def running_version(self) -> str:
        importlib.invalidate_caches()
        return metadata.version(APP_DISTRIBUTION)

    def installed_version(self) -> str:
        """The version a new process of this environment would run."""
        probe = f"import importlib.metadata as m; print(m.version({APP_DISTRIBUTION!r}))"
        done = self._run([self.python, "-c", probe])
        return done.stdout.strip()

    def check_usable(self) -> None:
        """Refuse a development checkout and an environment without pip, before anything changes."""
        direct = metadata.distribution(APP_DISTRIBUTION).read_text("direct_url.json")
        if direct and json.loads(direct).get("dir_info", {}).get("editable"):
            raise UpdateRefused(
                "这是开发环境（源码目录的可编辑安装），软件更新只安装到打包安装的桌面端；请用 git 更新源码。",
                "This is a development checkout (an editable install): app releases install only into a "
                "packaged desk; update the source tree with git.",
                code="update_refused.development",
            )
        if self._run([self.python, "-m", "pip", "--version"], check=False).returncode != 0:
            raise UpdateRefused(
                "本机的软件环境没有 pip，无法安装软件更新；请用离线安装包重新安装（build/README.md）。",
                "This desk's Python environment has no pip, so app releases cannot be installed; reinstall "
                "it from the offline install bundle (build/README.md).",
                code="update_refused.no_installer",
            )

    def keep_running(self, folder: Path) -> Path:
        """The running version as a wheel in ``folder`` (made once from its installed files)."""
        version = self.running_version()
        name = f"{APP_DISTRIBUTION}-{version}-py3-none-any.whl"
        kept = folder / name
        if not kept.is_file():
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            partial = _repack(metadata.distribution(APP_DISTRIBUTION), folder / f".{name}.partial")
            partial.chmod(0o600)  # staged files are the owner's only, like the downloaded ones
            partial.replace(kept)
        return kept

    def install(self, version: str, folder: Path) -> None:
        """Install ``bizdesk==version`` from the wheels in ``folder`` only; ``UpdateRefused`` on failure."""
        done = self._run(
            [
                self.python,
                "-m",
                "pip",
                "install",
                "--no-index",
                "--no-input",
                "--disable-pip-version-check",
                "--find-links",
                str(folder),
                f"{APP_DISTRIBUTION}=={version}",
            ],
            check=False,
        )
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["?"])[-1][:300]
            raise UpdateRefused(
                f"安装软件版本 {version} 失败（{last}）；本机继续使用现有版本。请联系IT支持。",
                f"Installing app version {version} failed ({last}); the desk keeps the version it runs. "
                "Contact IT support.",
                code="update_refused.install",
            )
        found = self.installed_version()
        if found != version:
            raise UpdateRefused(
                f"安装后软件版本是 {found}，不是 {version}；请联系IT支持。",
                f"After the install the app version is {found}, not {version}; contact IT support.",
                code="update_refused.install",
            )

    def _run(self, command: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
        # our own interpreter and pip, arguments we built: no shell, no user text
        done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
        if check and done.returncode != 0:
            raise UpdateRefused(
                "无法读取本机的软件环境；请联系IT支持。",
                f"The desk's Python environment cannot be read ({done.stderr.strip()[-200:]}).",
                code="update_refused.install",
            )
        return done


def _repack(dist: metadata.Distribution, target: Path) -> Path:
    """A wheel of an installed pure-Python distribution: its files under site-packages and a new RECORD.

    Scripts outside site-packages are left out: pip writes them again from ``entry_points.txt``.
    """
    info = f"{dist.metadata['Name']}-{dist.version}.dist-info"
    records: list[str] = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as wheel:
        for file in dist.files or ():
            parts = file.parts
            if (
                parts[0] == ".."
                or "__pycache__" in parts
                or (parts[0].endswith(".dist-info") and file.name in _NOT_REPACKED)
            ):
                continue
            data = Path(str(dist.locate_file(file))).read_bytes()
            wheel.writestr(file.as_posix(), data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            records.append(f"{file.as_posix()},sha256={digest},{len(data)}")
        records.append(f"{info}/RECORD,,")
        wheel.writestr(f"{info}/RECORD", "\n".join(records) + "\n")
    return target
