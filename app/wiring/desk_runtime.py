"""The desk process: open the profile, start its syncing, hand its desk to the views, serve them.

``bizdesk run`` and ``main.py`` come here. The views are imported inside the functions that need
them, so the core stays free of the UI toolkit.
"""

from __future__ import annotations

import atexit
import logging
import sys
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__
from app.desklog import log_event, start_desk_log, stop_desk_log
from app.errors import BizdeskError, describe
from app.paths import Profile
from app.store.in_use import hold_for_desk
from app.window.choice import WindowKind, WindowPlan
from app.wiring.browser_window import serve_in_window
from app.wiring.sandbox import start_training_platform
from app.wiring.services import start_syncing
from app.wiring.serving import DEFAULT_PORT, desk_port, plan_window, serve

if TYPE_CHECKING:
    from app.desk.local import LocalDesk
    from app.services.packet import PacketRenderer
    from app.services.sync_centre import SyncCentre
    from app.wiring.desk_operations import SyncPause
    from app.wiring.profile import OpenedProfile
    from app.wiring.recovery import RecoveringDesk


def desk_main(profile: Profile, *, language: str = "zh") -> Callable[[Any], None]:
    """Open ``profile``, start its syncing and return the Flet ``main`` of its desk UI.

    For the packaged app: syncing stops when the process exits.
    """
    hold = hold_for_desk(profile)  # one desk per profile; IT's restore/rekey commands wait for it to close
    try:
        runtime = open_desk_or_recovery(profile, language=language)
    except BaseException:
        hold.release()
        raise
    atexit.register(hold.release)  # after the runtime's close (atexit runs last registered first)
    atexit.register(runtime.close)
    return runtime.main


class DeskRuntime:
    """The opened profile, its syncing (and training sandbox) and the Flet ``main`` over them."""

    def __init__(
        self,
        opened: OpenedProfile,
        syncing: SyncCentre,
        *,
        language: str,
        desk_log: logging.Handler | None = None,
    ) -> None:
        from views.frame.app import build_app

        self.opened, self.syncing, self.desk_log = opened, syncing, desk_log
        tools = desk_tools(opened)
        # one LocalDesk (one sign-in) per page, all sharing the one background sync, reader and renderer
        self.main = build_app(
            lambda: page_desk(opened, pause_sync=syncing.paused, syncing=syncing, **tools),
            language=language,
        )
        self._closed = False

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self.syncing.stop()
            self.opened.close()
            log_event("desk.close")
            if self.desk_log is not None:
                stop_desk_log(self.desk_log)


def page_desk(opened: OpenedProfile, *, pause_sync: SyncPause = nullcontext, **tools: Any) -> LocalDesk:
    """A page's ``LocalDesk`` with its devices (``desk_tools``; ``syncing=`` the process's background
    sync, shared by every page) and the device, update, key and restore operations of 系统管理
    (``pause_sync`` holds the background sync while the store is swapped)."""
    from app.wiring.desk_operations import ProfileOperations

    desk = opened.desk(**tools)
    desk.operations = ProfileOperations(opened, pause_sync=pause_sync)
    return desk


def open_desk(profile: Profile, *, language: str = "zh", passphrase: str | None = None) -> DeskRuntime:
    """Open ``profile`` (with ``passphrase``, else ``BIZDESK_PASSPHRASE`` or the keyring) and start it."""
    from app.services.updates import start_updates
    from app.wiring.profile import open_profile
    from app.wiring.services import app_releases

    opened = open_profile(profile, passphrase=passphrase)
    desk_log = start_desk_log()  # logs/desk.log: rotating, masked; the diagnostics bundle carries it
    log_event("desk.open", app=__version__, profile=profile.name, training=opened.training)
    try:
        if opened.training:  # a working day to teach with, on the first start only
            from app.training.demo import ensure_demo_data

            ensure_demo_data(opened.store.unit_of_work(), training=True, files=opened.files)
        # the installed pack in use; a pack or app now due applied
        installed_app = start_updates(opened.store, app_releases(opened))
        if installed_app is not None:
            opened.close()
            restart_into(installed_app)
        syncing = start_syncing(opened, on_stop=start_training_platform(opened))
    except BaseException:
        opened.close()
        stop_desk_log(desk_log)
        raise
    return DeskRuntime(opened, syncing, language=language, desk_log=desk_log)


def restart_into(version: str) -> None:
    """Replace this process with the same command, which now runs the app version just installed."""
    import os
    import sys

    print(f"已安装软件版本 {version}，正在重新启动。(App {version} installed; restarting.)", flush=True)
    os.execv(sys.executable, [sys.executable, *sys.argv])  # noqa: S606 - this very command, again


def open_desk_or_recovery(profile: Profile, *, language: str = "zh") -> DeskRuntime | RecoveringDesk:
    """The desk on ``profile``, or its IT recovery screen when the key is lost and IT's recovery key can
    mend it (``app.services.key_recovery.lost_key``); any other failure is raised as before."""
    from app.services.key_recovery import lost_key
    from app.wiring.recovery import RecoveringDesk

    try:
        return open_desk(profile, language=language)
    except BizdeskError as error:
        if not lost_key(profile, error):
            raise
        message = describe(error)
        print(
            f"bizdesk: {message.message_zh} 界面显示IT恢复页面。"
            f"({message.message_en} The UI shows IT recovery.)",
            file=sys.stderr,
            flush=True,
        )
        return RecoveringDesk(
            profile,
            error,
            lambda chosen, language, passphrase: open_desk(chosen, language=language, passphrase=passphrase),
            language=language,
        )


def window_main(profile: Profile) -> Callable[[Any], None]:
    """For the packaged app (``main.py``): the desk, or a screen saying why it cannot open."""
    try:
        return desk_main(profile)
    except BizdeskError as error:
        from views.error_screen import error_app

        return error_app(describe(error))


def run_desk(
    profile: Profile,
    *,
    window: WindowKind = WindowKind.AUTO,
    host: str = "127.0.0.1",
    port: int | None = None,
    language: str = "zh",
) -> None:
    """``bizdesk run``: start the desk UI on ``profile`` in ``window`` and block until it is closed."""
    plan = plan_window(window)  # before unlocking the profile: a clear message, nothing opened
    port = desk_port(plan, host, port)
    hold = hold_for_desk(profile)  # one desk per profile; IT's restore/rekey commands wait for it to close
    try:
        runtime = open_desk_or_recovery(profile, language=language)  # a lost key: the IT recovery screen
        try:
            serve_desk(runtime.main, plan, host=host, port=port, browser_profile=profile.browser_profile)
        finally:
            runtime.close()
    finally:
        hold.release()


def serve_desk(
    main: Callable[[Any], None], plan: WindowPlan, *, host: str, port: int | None, browser_profile: Path
) -> None:
    """Serve the desk's ``main`` with the window ``plan`` chose (``port`` from ``desk_port``)."""
    if plan.notice_zh:
        print(f"bizdesk: {plan.notice()}", file=sys.stderr, flush=True)
    if plan.kind is WindowKind.BROWSER and plan.browser is not None:
        serve_in_window(main, plan.browser, browser_profile, host=host, port=port)
        return
    serve(main, web=plan.kind is not WindowKind.FLUTTER, host=host, port=port or DEFAULT_PORT)


def desk_tools(opened: OpenedProfile) -> dict[str, Any]:
    """The desk's devices: the packet renderer (forms/) and, in training, the simulated ID card reader
    and face-check camera (a real desk's adapters are described in docs/id-card-reader.md and
    docs/face-check.md)."""
    tools: dict[str, Any] = {"renderer": packet_renderer(opened)}
    if opened.training:
        from app.facecheck.simulated import SimulatedFaceChecker
        from app.idcard.simulated import SimulatedReader

        tools["reader"] = SimulatedReader()
        tools["face_checker"] = SimulatedFaceChecker()
    return tools


def packet_renderer(opened: OpenedProfile) -> PacketRenderer:
    """The forms' renderer for the desk's print step and reprint (the receipt's codes are signed by the
    core's ``print_packet`` with the desk identity of the unit of work)."""
    from forms.packet import ReportlabPacketRenderer

    return ReportlabPacketRenderer()
