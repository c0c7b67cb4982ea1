"""App releases: receive and stage, install, roll back, install when due.

    stage_app(units, document, operations, apps, ...)  verify the release; download and check its wheels
    install_app(units, apps, by=...)                   install the staged release into this environment
    rollback_app(units, apps, by=...)                  back to the version installed before
    install_due_app(units, apps)                       at start: install a staged release now due

The wheels wait in the profile's ``updates/app/<version>/`` (``AppReleases.folder``); the version
running before an install is kept there as a wheel too (``AppInstaller.keep_running``), which is what
a rollback installs. The new version runs from the next start of the desk. A refused release is
recorded (the status shows why) and raised; nothing installed changes.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.paths import private_folder
from app.security.atomic import write_atomic
from app.unit_of_work import UnitsOfWork
from app.updates import app_state
from app.updates.app_release import check_download, check_staged
from app.updates.documents import AppRelease, UpdateRefused
from app.updates.policy import is_newer
from app.updates.ports import AppInstaller, PlatformOperations


@dataclass(frozen=True)
class AppReleases:
    """Where app releases wait (``<profile>/updates/app``) and what installs them."""

    folder: Path
    installer: AppInstaller


def stage_app(
    units: UnitsOfWork,
    document: Mapping[str, Any],
    operations: PlatformOperations,
    apps: AppReleases,
    *,
    platform_key: str,
    branch: str,
    running: str,
) -> app_state.AppCheck:
    """Keep a verified release for this branch and download its wheels (checked) unless staged already."""
    with units.unit_of_work() as uow:
        try:
            outcome, release = app_state.receive_app(
                uow.settings,
                document,
                platform_key=platform_key,
                branch_code=branch,
                running=running,
                now=uow.clock(),
            )
        except UpdateRefused as refused:  # recorded by receive_app: kept, with the audit entry
            uow.audit.append("update.refused", actor=None, details={"code": refused.code, "what": "app"})
            uow.commit()
            raise
        uow.commit()
    if outcome != "offered" or _staged_intact(units, apps, release):
        return outcome
    try:
        _download(apps, release, operations)
    except UpdateRefused as refused:
        _record_refused(units, refused)
        raise
    with units.unit_of_work() as uow:
        app_state.mark_staged(uow.settings, release.version)
        uow.audit.append("update.app_staged", actor=None, details={"version": release.version})
        uow.commit()
    return outcome


def _staged_intact(units: UnitsOfWork, apps: AppReleases, release: AppRelease) -> bool:
    """Staged already and unchanged on disk (a staged copy that changed is downloaded again)."""
    with units.read_unit_of_work() as uow:
        if not app_state.has_staged_app(uow.settings):
            return False
    try:
        check_staged(release, apps.folder / release.version)
    except UpdateRefused:
        return False
    return True


def _download(apps: AppReleases, release: AppRelease, operations: PlatformOperations) -> None:
    private_folder(apps.folder.parent)  # <profile>/updates: 0700 too, not the umask's 0755
    folder = private_folder(apps.folder) / release.version
    partial = folder.with_name(f".{release.version}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    private_folder(partial)
    for wheel in release.wheels:
        data = operations.app_file(wheel.name, size=wheel.size)  # a longer answer is refused at the size
        check_download(wheel, data)
        write_atomic(partial / wheel.name, data)  # 0600, as the folder is the owner's only
    check_staged(release, partial)
    shutil.rmtree(folder, ignore_errors=True)
    partial.replace(folder)


def install_app(units: UnitsOfWork, apps: AppReleases, *, by: str | None) -> str:
    """Install the staged release (files checked again first); the version installed.

    The running version is kept as a wheel for ``rollback_app``. Raises ``UpdateRefused`` (recorded)
    when nothing is staged, a file changed, the release is not newer, or the installer fails.
    """
    installer = apps.installer
    with units.read_unit_of_work() as uow:
        release = app_state.staged_app(uow.settings)
    running = installer.running_version()
    try:
        check_staged(release, apps.folder / release.version)
        if not is_newer(release.version, running):
            raise app_state.older_app(release.version, running)
        installer.check_usable()
        installer.keep_running(apps.folder / running)
        installer.install(release.version, apps.folder / release.version)
    except UpdateRefused as refused:
        _record_refused(units, refused)
        raise
    with units.unit_of_work() as uow:
        app_state.record_installed(uow.settings, release.version, running)
        uow.audit.append(
            "update.app_install", actor=by, details={"version": release.version, "from": running}
        )
        uow.commit()
    return release.version


def rollback_app(units: UnitsOfWork, apps: AppReleases, *, by: str | None) -> str:
    """Install the version that ran before the last app install again; the version now installed."""
    with units.read_unit_of_work() as uow:
        installed, previous = app_state.rollback_target(uow.settings)
    apps.installer.check_usable()
    apps.installer.install(previous, apps.folder / previous)
    with units.unit_of_work() as uow:
        app_state.record_rolled_back(uow.settings, rolled_from=installed, running=previous)
        uow.audit.append("update.app_rollback", actor=by, details={"version": previous, "from": installed})
        uow.commit()
    return previous


def install_due_app(units: UnitsOfWork, apps: AppReleases) -> str | None:
    """Install a staged release whose binding deadline has passed (no network); None when none is due."""
    with units.read_unit_of_work() as uow:
        due = app_state.due_app(uow.settings, now=uow.clock())
    return install_app(units, apps, by=None) if due is not None else None


def _record_refused(units: UnitsOfWork, refused: UpdateRefused) -> None:
    with units.unit_of_work() as uow:
        app_state.record_refused(uow.settings, refused)
        uow.audit.append("update.refused", actor=None, details={"code": refused.code, "what": "app"})
        uow.commit()
