"""The Flutter desktop client in the offline bundle, where the build machine can fetch it.

flet-desktop 1.0.5 runs its Flutter client from, in order: a ``flet build`` output in the working
folder, ``FLET_VIEW_PATH``, its cache ``~/.flet/client/flet-desktop-<flavor>-<version>[-<hash>]``,
which it fills from an archive in its own package folder (``flet_desktop/app/<archive>``) or, failing
that, by downloading the archive from Flet's GitHub release. Branch PCs cannot download, so the bundle
carries the archive in ``flutter-client/`` and the install puts it into the package folder
(``place_flutter_client.py``, run by install.sh/ps1): flet-desktop unpacks it from there at the first
start, offline. The archive is the one for the target: ``flet-windows.zip``, ``flet-macos.tar.gz`` or
``flet-linux-<distro>-light-<arch>.tar.gz`` (named by flet-desktop itself from the PC's glibc).

``--flutter-client FILE`` carries an archive fetched beforehand; ``--flutter-client download`` fetches
it from ``--flutter-client-from`` (Flet's release, or a mirror of it). Where neither works the bundle
is built without it and the builder prints how to add it later.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import urllib.request
from pathlib import Path

FOLDER = "flutter-client"
RELEASES = "https://github.com/flet-dev/flet/releases/download/v{version}"
PLACE_SCRIPT = '''"""Put the Flutter desktop client this bundle carries where flet-desktop looks for it (offline)."""
import shutil
import sys
from pathlib import Path

import flet_desktop

carried = Path(sys.argv[1])
wanted = flet_desktop.get_artifact_filename()  # this PC's archive, as flet-desktop names it
archive = carried / wanted
if not archive.is_file():
    print(
        f"Flutter desktop client: the bundle carries none for this PC ({wanted}); the desk opens in an app "
        "window of Edge, Chrome or Chromium (build/README.md says how to add the client)."
    )
    sys.exit(0)
target = Path(flet_desktop.get_package_bin_dir())
target.mkdir(parents=True, exist_ok=True)
shutil.copyfile(archive, target / wanted)
print(f"Flutter desktop client installed: {target / wanted}")
'''


def flet_desktop_version(wheelhouse: Path) -> str:
    """The flet-desktop version the bundle carries (its wheel's name)."""
    wheel = next(wheelhouse.glob("flet_desktop-*.whl"), None)
    if wheel is None:
        raise SystemExit("no flet-desktop wheel in the wheelhouse: the 'desktop' extra is missing from uv.lock")
    return wheel.name.split("-")[1]


def artifact_for(platform: str | None, wheelhouse: Path) -> str:
    """The client archive's name for the target ``platform`` (a pip platform tag; None: this machine)."""
    target = platform or sysconfig.get_platform()
    if target.startswith("win"):
        return "flet-windows.zip"
    if target.startswith("macosx"):
        return "flet-macos.tar.gz"
    if not sys.platform.startswith("linux"):
        raise SystemExit("a Linux client is named on a Linux build machine; or pass --flutter-client FILE")
    return _this_linux_machines_artifact(next(wheelhouse.glob("flet_desktop-*.whl")))


def _this_linux_machines_artifact(wheel: Path) -> str:
    """flet-desktop's own answer for this machine (glibc, architecture), from the wheel the bundle carries."""
    probe = (
        f"import sys; sys.path.insert(0, {str(wheel)!r}); import flet_desktop; "
        "print(flet_desktop.get_artifact_filename())"
    )
    named = subprocess.run(  # noqa: S603 - this interpreter, our own probe
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=wheel.parent
    )
    return named.stdout.strip()


def carry(out: Path, choice: str | None, source: str | None, platform: str | None) -> Path | None:
    """Put the client archive into ``out/flutter-client`` (``choice``: a file, ``download`` or None) and
    write the install's placing script; None, with how to add the client printed, where it cannot."""
    (out / "place_flutter_client.py").write_text(PLACE_SCRIPT, encoding="utf-8")
    wheelhouse = out / "wheelhouse"
    artifact = artifact_for(platform, wheelhouse) if choice == "download" else None
    base = (source or RELEASES.format(version=flet_desktop_version(wheelhouse))).rstrip("/")
    url = f"{base}/{artifact}" if artifact else f"{base}/<archive>"
    folder = out / FOLDER
    if choice not in (None, "download"):
        given = Path(choice)
        if not given.is_file():
            raise SystemExit(f"--flutter-client {choice}: no such file")
        folder.mkdir(exist_ok=True)
        return Path(shutil.copy2(given, folder / given.name))
    if artifact is not None and fetch(url, folder / artifact):
        return folder / artifact
    print(how_to_add(out, url), flush=True)
    return None


def fetch(url: str, destination: Path) -> bool:
    """Download ``url`` to ``destination``; False (nothing left behind) where it cannot be reached."""
    destination.parent.mkdir(exist_ok=True)
    partial = destination.with_name(destination.name + ".part")
    print(f"+ fetch {url}", flush=True)
    try:
        with urllib.request.urlopen(url, timeout=60) as answer, partial.open("wb") as written:  # noqa: S310
            shutil.copyfileobj(answer, written)
    except OSError as error:
        print(f"cannot fetch the Flutter desktop client: {error}", flush=True)
        partial.unlink(missing_ok=True)
        if not any(destination.parent.iterdir()):
            destination.parent.rmdir()
        return False
    partial.replace(destination)
    return True


def how_to_add(out: Path, url: str) -> str:
    return (
        "The bundle carries no Flutter desktop client: the desk will open in an app window of Edge, Chrome "
        "or Chromium.\nTo add the client later: on a machine with internet, download\n"
        f"  {url}\n"
        "(the archive for the branch PCs: flet-windows.zip, flet-macos.tar.gz or flet-linux-<distro>-light-"
        f"<arch>.tar.gz), put it into\n  {out / FOLDER}/\n"
        "and run install.sh / install.ps1 again (or rebuild with --flutter-client FILE); add its line to "
        "SHA256SUMS if the copy is checked."
    )
