"""App releases on an opened profile: receive and stage, install, roll back, install when due.

    stage_app(opened, document, client, ...)  verify the signed release; download and check its wheels
    install_app(opened, by=...)               install the staged release into this environment (no network)
    rollback_app(opened, by=...)              back to the version installed before
    install_due_app(opened)                   at start: install a staged release whose deadline passed

The wheels wait in ``<profile>/updates/app/<version>/``; the version running before an install is
kept there as a wheel too (``PipInstaller.keep_running``), which is what a rollback installs. The
new version runs from the next start of the desk. A refused release is recorded (the status shows
why) and raised; nothing installed changes.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.paths import private_folder
from app.updates import app_state
from app.updates.app_release import check_download, check_staged
from app.updates.documents import AppRelease, UpdateRefused
from app.updates.policy import is_newer
from app.wiring.app_install import PipInstaller

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile
    from sync.client.operations import OperationsClient


def releases_folder(opened: OpenedProfile) -> Path:
    return opened.profile.root / "updates" / "app"


def stage_app(
    opened: OpenedProfile,
    document: Mapping[str, Any],
    client: OperationsClient,
    *,
    platform_key: str,
    branch: str,
    running: str,
) -> app_state.AppCheck:
    """Keep a verified release for this branch and download its wheels (checked) unless staged already."""
    with opened.unit_of_work() as uow:
        try:
            outcome, release = app_state.receive_app(
                uow.settings,
                document,
                platform_key=platform_key,
                branch_code=branch,
                running=running,
                now=opened.clock(),
            )
        except UpdateRefused as refused:  # recorded by receive_app: kept, with the audit entry
            uow.audit.append("update.refused", actor=None, details={"code": refused.code, "what": "app"})
            uow.commit()
            raise
        uow.commit()
    if outcome != "offered":
        return outcome
    if _staged_intact(opened, release):
        return outcome
    try:
        _download(opened, release, client)
    except UpdateRefused as refused:
        _record_refused(opened, refused)
        raise
    with opened.unit_of_work() as uow:
        app_state.mark_staged(uow.settings, release.version)
        uow.audit.append("update.app_staged", actor=None, details={"version": release.version})
        uow.commit()
    return outcome


def _staged_intact(opened: OpenedProfile, release: AppRelease) -> bool:
    """Staged already and unchanged on disk (a staged copy that changed is downloaded again)."""
    with opened.read_unit_of_work() as uow:
        if not app_state.has_staged_app(uow.settings):
            return False
    try:
        check_staged(release, releases_folder(opened) / release.version)
    except UpdateRefused:
        return False
    return True


def _download(opened: OpenedProfile, release: AppRelease, client: OperationsClient) -> None:
    folder = private_folder(releases_folder(opened)) / release.version
    partial = folder.with_name(f".{release.version}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    private_folder(partial)
    for wheel in release.wheels:
        data = client.app_file(wheel.name)
        check_download(wheel, data)
        (partial / wheel.name).write_bytes(data)
    check_staged(release, partial)
    shutil.rmtree(folder, ignore_errors=True)
    partial.replace(folder)


def install_app(opened: OpenedProfile, *, by: str | None, installer: PipInstaller | None = None) -> str:
    """Install the staged release (files checked again first); the version installed.

    The running version is kept as a wheel for ``rollback_app``. Raises ``UpdateRefused`` (recorded)
    when nothing is staged, a file changed, the release is not newer, or the installer fails.
    """
    installer = installer or PipInstaller()
    with opened.read_unit_of_work() as uow:
        release = app_state.staged_app(uow.settings)
    running = installer.running_version()
    try:
        check_staged(release, releases_folder(opened) / release.version)
        if not is_newer(release.version, running):
            raise app_state.older_app(release.version, running)
        installer.check_usable()
        installer.keep_running(releases_folder(opened) / running)
        installer.install(release.version, releases_folder(opened) / release.version)
    except UpdateRefused as refused:
        _record_refused(opened, refused)
        raise
    with opened.unit_of_work() as uow:
        app_state.record_installed(uow.settings, release.version, running)
        uow.audit.append(
            "update.app_install", actor=by, details={"version": release.version, "from": running}
        )
        uow.commit()
    return release.version


def rollback_app(opened: OpenedProfile, *, by: str | None, installer: PipInstaller | None = None) -> str:
    """Install the version that ran before the last app install again; the version now installed."""
    installer = installer or PipInstaller()
    with opened.read_unit_of_work() as uow:
        installed, previous = app_state.rollback_target(uow.settings)
    installer.check_usable()
    installer.install(previous, releases_folder(opened) / previous)
    with opened.unit_of_work() as uow:
        app_state.record_rolled_back(uow.settings, rolled_from=installed, running=previous)
        uow.audit.append("update.app_rollback", actor=by, details={"version": previous, "from": installed})
        uow.commit()
    return previous


def install_due_app(opened: OpenedProfile, installer: PipInstaller | None = None) -> str | None:
    """Install a staged release whose binding deadline has passed (no network); None when none is due."""
    with opened.read_unit_of_work() as uow:
        due = app_state.due_app(uow.settings, now=opened.clock())
    return install_app(opened, by=None, installer=installer) if due is not None else None


def has_staged_app(opened: OpenedProfile) -> bool:
    with opened.read_unit_of_work() as uow:
        return app_state.has_staged_app(uow.settings)


def _record_refused(opened: OpenedProfile, refused: UpdateRefused) -> None:
    with opened.unit_of_work() as uow:
        app_state.record_refused(uow.settings, refused)
        uow.audit.append("update.refused", actor=None, details={"code": refused.code, "what": "app"})
        uow.commit()
