"""A real app update: the sandbox serves a signed release of the next bizdesk version (a wheel built from
this tree with the version bumped); a training desk downloads, verifies and stages it; then
``bizdesk update apply`` installs it into a scratch venv with the network off (``unshare -rn``),
``bizdesk --version`` says the new version, and ``bizdesk update rollback --app`` returns.

To keep it quick, the wheels leave out the CJK fonts (the offline-bundle test covers them) and the
scratch venv borrows the locked dependencies of the project's .venv through a folder of links on
its path, so only the two bizdesk wheels are built and installed.

On the SQLite sandbox only: what is tested here is the desk's side (verify, stage, pip install
offline, roll back); the platform's side is two signed GETs, which test_updates_against_sandbox.py
and the sync folder run on both backends. Twice over it would cost the suite minutes for nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import venv
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import __version__
from app.paths import Profile
from app.reference.data import use_reference
from app.services.enrollment import BRANCH_SETTING
from app.updates.documents import UpdateRefused
from app.wiring.enrollment import enroll
from app.wiring.profile import open_profile
from sync.sandbox.releases import write_app_release
from tests.cli_accounts import TRAINING_IT
from tests.integration.updates.support import Fleet, check_updates, fleet, update_status

ROOT = Path(__file__).resolve().parents[3]
PASSPHRASE = "软件更新测试 correct horse battery staple"
NEXT = ".".join([*__version__.split(".")[:2], str(int(__version__.split(".")[2]) + 1)])
UV = ROOT / ".tools" / "bin" / "uv"

pytestmark = pytest.mark.parametrize("sandbox_backend", ["sqlite"], indirect=True)

needs_tools = pytest.mark.skipif(
    shutil.which("unshare") is None or not (UV.is_file() or shutil.which("uv")),
    reason="needs unshare (to cut the network) and uv (to build the wheels)",
)


def _wheel(version: str, out: Path, scratch: Path) -> Path:
    """A wheel of this tree at ``version``, without the fonts."""
    tree = scratch / f"src-{version}"
    ignore = shutil.ignore_patterns("__pycache__", "fonts")
    for package in ("app", "views", "sync", "forms", "assets"):
        shutil.copytree(ROOT / package, tree / package, ignore=ignore)
    shutil.copy2(ROOT / "README.md", tree / "README.md")
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (tree / "pyproject.toml").write_text(
        project.replace(f'version = "{__version__}"', f'version = "{version}"', 1), encoding="utf-8"
    )
    uv = str(UV) if UV.is_file() else str(shutil.which("uv"))
    subprocess.run(
        [uv, "build", "--wheel", "--out-dir", str(out), str(tree)], check=True, capture_output=True
    )
    return next(out.glob(f"bizdesk-{version}-*.whl"))


def _scratch_venv(target: Path) -> Path:
    """A venv with pip whose path also reaches the project's locked dependencies (not its bizdesk)."""
    venv.create(target, with_pip=True)
    site = next((ROOT / ".venv" / "lib").glob("python3*/site-packages"))
    links = target / "borrowed"
    links.mkdir()
    for entry in site.iterdir():
        if (
            entry.name.startswith(("bizdesk", "_editable", "__editable__", "_virtualenv"))
            or entry.suffix == ".pth"
        ):
            continue
        (links / entry.name).symlink_to(entry)
    own_site = next((target / "lib").glob("python3*/site-packages"))
    (own_site / "_borrowed_dependencies.pth").write_text(f"{links}\n", encoding="utf-8")
    return target / "bin"


def _offline(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["unshare", "-rn", *command], capture_output=True, text=True, env=env, cwd=cwd, check=False
    )


@pytest.fixture
def platform(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Fleet]:
    monkeypatch.setenv("BIZDESK_PASSPHRASE", PASSPHRASE)
    with fleet(tmp_path / "platform") as running:
        yield running
    use_reference(None)


def _stage(home: Path, platform: Fleet, *, enrol: bool = False) -> None:
    """The desk asks the platform (network on): the release is verified, its wheel downloaded and staged."""
    with open_profile(Profile("training", home / "training")) as desk:
        if enrol:
            with desk.store.unit_of_work() as uow:
                uow.settings.set_json(BRANCH_SETTING, "0101")
                uow.commit()
            enroll(desk, platform.sandbox.url, "itops-code-0")
        check_updates(desk)
        assert update_status(desk).app_staged


@needs_tools
def test_an_app_release_installs_offline_and_rolls_back(tmp_path: Path, platform: Fleet) -> None:
    wheels, scratch = tmp_path / "wheels", tmp_path / "scratch"
    scratch.mkdir()
    running_wheel, next_wheel = _wheel(__version__, wheels, scratch), _wheel(NEXT, wheels, scratch)
    bin_ = _scratch_venv(tmp_path / "desk-venv")
    env = {
        **os.environ,
        "BIZDESK_HOME": str(tmp_path / "home"),
        "BIZDESK_PASSPHRASE": PASSPHRASE,
        **TRAINING_IT,
    }
    env["PYTHONPATH"] = ""
    pip = [str(bin_ / "python"), "-m", "pip", "install", "--no-index", "--disable-pip-version-check"]
    assert _offline([*pip, str(running_wheel)], env, tmp_path).returncode == 0
    bizdesk = str(bin_ / "bizdesk")

    def version() -> str:
        return _offline([bizdesk, "--version"], env, tmp_path).stdout.strip()

    assert version() == f"bizdesk {__version__}"
    write_app_release(platform.packs, NEXT, [next_wheel], notes_zh="测试版本", notes_en="test release")
    _stage(tmp_path / "home", platform, enrol=True)

    staged = tmp_path / "home" / "training" / "updates" / "app" / NEXT / next_wheel.name
    original = staged.read_bytes()
    staged.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))  # altered while it waited
    tampered = _offline([bizdesk, "--training", "update", "apply"], env, tmp_path)
    assert tampered.returncode == 1
    assert "SHA-256" in tampered.stderr
    assert "继续使用现有版本" in tampered.stderr
    assert version() == f"bizdesk {__version__}"  # the running version keeps working
    _stage(tmp_path / "home", platform)  # the altered copy is downloaded again
    assert staged.read_bytes() == original

    applied = _offline([bizdesk, "--training", "update", "apply"], env, tmp_path)
    assert applied.returncode == 0, applied.stderr[-2000:]
    assert f"已安装软件版本 {NEXT}" in applied.stdout
    assert version() == f"bizdesk {NEXT}"
    status = _offline([bizdesk, "--training", "update", "status", "--json"], env, tmp_path)
    facts = json.loads(status.stdout)
    assert (facts["app_version"], facts["app_previous"], facts["app_offered"]) == (NEXT, __version__, None)

    rolled = _offline([bizdesk, "--training", "update", "rollback", "--app"], env, tmp_path)
    assert rolled.returncode == 0, rolled.stderr[-2000:]
    assert version() == f"bizdesk {__version__}"
    with open_profile(Profile("training", tmp_path / "home" / "training")) as desk:
        assert check_updates(desk) is None  # no pack on offer; the app rolled back from is not offered again
        assert update_status(desk).app_offered is None

    # a release past its must-update-by is installed at the desk's next start, offline, from the staged copy
    later = ".".join([*NEXT.split(".")[:2], str(int(NEXT.split(".")[2]) + 1)])
    past = "2026-01-01T00:00:00+00:00"
    write_app_release(
        platform.packs, later, [_wheel(later, wheels, scratch)], must_update_by=past, grace_days=0
    )
    _stage(tmp_path / "home", platform)
    start = (
        "from app.paths import Profile; from app.wiring.profile import open_profile; "
        "from app.services.updates import start_updates; from app.wiring.services import app_releases; "
        "import os, pathlib; "
        "opened = open_profile(Profile('training', pathlib.Path(os.environ['BIZDESK_HOME'], 'training'))); "
        "print(start_updates(opened.store, app_releases(opened))); opened.close()"
    )
    started = _offline([str(bin_ / "python"), "-c", start], env, tmp_path)
    assert started.returncode == 0, started.stderr[-2000:]
    assert started.stdout.strip() == later
    assert version() == f"bizdesk {later}"


def test_tampered_older_and_unsigned_app_releases_are_refused(tmp_path: Path, platform: Fleet) -> None:
    desk = platform.desk("a", "0101")
    signed_bytes = b"the wheel the platform signed"
    wheel = {"name": f"bizdesk-{NEXT}-py3-none-any.whl", "sha256": hashlib.sha256(signed_bytes).hexdigest()}
    (platform.packs / wheel["name"]).write_bytes(b"another file swapped in after signing")
    manifest = platform.packs / "app-manifest.json"
    manifest.write_text(json.dumps({"version": NEXT, "wheels": [{**wheel, "size": len(signed_bytes)}]}))
    with pytest.raises(UpdateRefused) as swapped:
        check_updates(desk)
    assert swapped.value.code == "update_refused.files"
    assert not update_status(desk).app_staged
    manifest.write_text(json.dumps({"version": NEXT, "wheels": [wheel], "signature": "A" * 86 + "=="}))
    with pytest.raises(UpdateRefused) as unsigned:
        check_updates(desk)
    assert unsigned.value.code == "update_refused.signature"
    (platform.packs / "bizdesk-0.0.1-py3-none-any.whl").write_bytes(b"old")
    write_app_release(platform.packs, "0.0.1", [platform.packs / "bizdesk-0.0.1-py3-none-any.whl"])
    with pytest.raises(UpdateRefused) as older:
        check_updates(desk)
    assert older.value.code == "update_refused.older"
    status = update_status(desk)
    # still offered (its document verified) but never staged: nothing that differs from it is installed
    assert (status.app_version, status.app_offered, status.app_staged) == (__version__, NEXT, False)
    assert status.app_refused_en is not None
    assert "older" in status.app_refused_en
