"""The desk UI entry: ``build_app(desk)`` gives the function Flet runs for each page.

The composition root (``app.wiring.desk_runtime`` or ``main.py``) hands in the ``DeskApi``;
this module only wires a ``DeskSession`` to the page: theme, routes, keyboard
shortcuts, the idle lock, and drawing the screen the session is on.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeAlias

import flet as ft

from app.desk.api import DeskApi
from views.frame.shell import ShellScreen
from views.idle import CHECK_INTERVAL_SECONDS
from views.lock import LockScreen
from views.login import LoginScreen
from views.navigation import HOME, area_for_route, area_for_shortcut
from views.session import DeskSession
from views.setup import SetupScreen
from views.theme import add_fallback_fonts, apply_theme, fallback_fonts_wanted
from views.widgets import Actions, training_banner

DeskSource: TypeAlias = DeskApi | Callable[[], DeskApi]


def build_app(desk: DeskSource, *, language: str = "zh") -> Callable[[ft.Page], None]:
    """The Flet ``main`` of the desk UI; every browser tab or window gets its own ``DeskSession``.

    ``desk`` is one ``DeskApi`` shared by all pages, or a factory called once per page so
    that each tab signs in (and is locked, and signs out) on its own desk object.
    """

    def main(page: ft.Page) -> None:
        page_desk = desk() if callable(desk) else desk
        DeskUi(page, DeskSession(page_desk, language=language)).start()

    return main


class DeskUi:
    def __init__(self, page: ft.Page, session: DeskSession) -> None:
        self.page, self.session = page, session
        self.actions = Actions(rerender=self.render, go=self.go, activity=self.activity)
        self._shown_route: str | None = None
        self._closed = False
        self._fallback_fonts = False  # the rare-character fonts registered yet

    def start(self) -> None:
        page = self.page
        apply_theme(page, fallbacks=False)  # the first screen needs no rare-character font
        page.padding = 0
        page.on_route_change = self._route_changed
        page.on_keyboard_event = self._key_pressed
        page.on_close = self._close
        self.session.start(page.route)
        self.render()
        page.run_task(self._watch_idle)

    def activity(self) -> None:
        self.session.idle.touch()

    def go(self, route: str) -> None:
        self.page.navigate(route)

    def render(self) -> None:
        """Draw the session's current screen (after a screen change or a language switch)."""
        session, texts = self.session, self.session.texts
        self.page.title = texts.t("app.title")
        self.actions.keys.listen(None)  # the screen drawn next registers its own keys
        content = self._screen()
        top: list[ft.Control] = [training_banner(texts)] if session.training else []
        self.page.controls = [ft.Column([*top, ft.Container(content, expand=True)], expand=True, spacing=0)]
        self.page.update()
        if not self._fallback_fonts and fallback_fonts_wanted(session.screen):
            self._fallback_fonts = True
            add_fallback_fonts(self.page)
        if session.screen == "shell" and self.page.route != session.route:
            self.go(session.route)

    def _screen(self) -> ft.Control:
        session = self.session
        if session.screen == "setup":
            return SetupScreen(session, self.actions).control
        if session.screen == "locked":
            return LockScreen(session, self.actions).control
        if session.screen == "login":
            return LoginScreen(session, self.actions).control
        self._shown_route = session.route
        return ShellScreen(session, self.actions, area_for_route(session.route) or HOME).control

    def _route_changed(self, event: ft.RouteChangeEvent) -> None:
        if not self.session.request_route(event.route):
            if self.session.screen == "shell":
                self.go(HOME.route)
            return
        if self.session.screen == "shell" and self._shown_route != self.session.route:
            self.render()

    def _key_pressed(self, event: ft.KeyboardEvent) -> None:
        self.activity()
        if self.session.screen != "shell":
            return
        area = area_for_shortcut(event.key, alt=event.alt, ctrl=event.ctrl, meta=event.meta)
        if area is not None:
            self.go(area.route)
        else:
            self.actions.keys.dispatch(
                event.key, alt=event.alt, ctrl=event.ctrl, shift=event.shift, meta=event.meta
            )

    def _close(self) -> None:
        """The page is gone (tab closed, session expired): stop watching and sign out in the core."""
        self._closed = True
        self.session.sign_out()

    async def _watch_idle(self) -> None:
        while not self._closed:
            await asyncio.sleep(CHECK_INTERVAL_SECONDS)
            if self.session.end_if_replaced() or self.session.lock_if_idle():
                self.render()
