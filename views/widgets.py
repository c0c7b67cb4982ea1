"""Small pieces every screen uses: the callbacks into the app, the training banner, the toggle."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import flet as ft

from views.i18n import Strings
from views.keys import KeyRouter
from views.session import DeskSession
from views.theme import TRAINING_BANNER_COLOR


@dataclass(frozen=True)
class Actions:
    """What a screen may ask of the app around it."""

    rerender: Callable[[], None]  # the session changed screen or language: draw it again
    go: Callable[[str], None]  # navigate to a route (the URL changes, the shell follows)
    activity: Callable[[], None]  # the person did something: restart the idle timer
    keys: KeyRouter = field(default_factory=KeyRouter)  # the shown screen's arrow keys, Enter, Esc


def training_banner(texts: Strings) -> ft.Control:
    """Shown on every screen of the training profile, so nobody mistakes it for the real desk."""
    return ft.Semantics(
        identifier="training-banner",
        content=ft.Container(
            content=ft.Row(
                [
                    ft.Icon(ft.Icons.SCHOOL, color=ft.Colors.BLACK_87),
                    ft.Text(texts.t("banner.training"), weight=ft.FontWeight.BOLD, color=ft.Colors.BLACK_87),
                ],
                alignment=ft.MainAxisAlignment.CENTER,
            ),
            bgcolor=TRAINING_BANNER_COLOR,
            padding=ft.Padding.symmetric(vertical=6, horizontal=12),
        ),
    )


def language_toggle(session: DeskSession, actions: Actions) -> ft.Control:
    """The 中文/English switch: its label names the language it switches to."""

    def toggle() -> None:
        session.toggle_language()
        actions.rerender()

    texts = session.texts
    return ft.TextButton(
        texts.t("lang.switch"), icon=ft.Icons.TRANSLATE, tooltip=texts.t("lang.switch_hint"), on_click=toggle
    )


def caption(text: str, **style: Any) -> ft.Control:
    """A static text in its own semantics node (Flutter would merge loose texts into a nearby field)."""
    return ft.Semantics(container=True, content=ft.Text(text, **style))


class NoticeLine:
    """The line under a form that says what went wrong (or, for an ``info`` notice, what happened);
    hidden when there is nothing to say, read out when shown."""

    def __init__(self, session: DeskSession) -> None:
        self.session = session
        self.text = ft.Text("", color=ft.Colors.ERROR)
        self.control = ft.Semantics(content=self.text, live_region=True)
        self.show(update=False)

    def show(self, *, update: bool = True) -> None:
        """Put the session's current notice, in the current language, on the line."""
        notice = self.session.notice
        self.text.value = notice.text(self.session.texts) if notice else ""
        self.text.color = ft.Colors.PRIMARY if notice is not None and notice.info else ft.Colors.ERROR
        self.control.visible = bool(self.text.value)  # hide the wrapper: Semantics needs visible content
        if update:
            self.control.update()

    def hide(self) -> None:
        """The person typed again: what was said about the last try no longer applies."""
        if self.control.visible:
            self.session.notice = None
            self.show()


def clear_when_edited(fields: Iterable[ft.TextField | ft.Checkbox], hide: Callable[[], None]) -> None:
    """Hide a form's notice as soon as any of ``fields`` changes, before the field's own change handler.

    The person sees that the notice about their last try is gone once they type again, and whoever
    watches the screen (a browser test, a screen reader) sees the desk acknowledge that the typed text
    reached it: the notice goes only when the desk received the change."""
    for box in fields:
        box.on_change = _after(hide, box.on_change)


def _after(first: Callable[[], None], handler: Any) -> Callable[[ft.Event[Any]], None]:
    takes_event = handler is not None and bool(inspect.signature(handler).parameters)

    def changed(event: ft.Event[Any]) -> None:
        first()
        if handler is None:
            return
        if takes_event:
            handler(event)
        else:
            handler()

    return changed


def form_card(title: str, controls: list[ft.Control], *, header: ft.Control | None = None) -> ft.Control:
    """A centred card holding one small form (login, set-up, unlock)."""
    column = ft.Column(
        [caption(title, theme_style=ft.TextThemeStyle.HEADLINE_SMALL), *controls],
        spacing=14,
        tight=True,
        width=380,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )
    card = ft.Card(content=ft.Container(column, padding=28))
    body = ft.Column(
        [card],
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        alignment=ft.MainAxisAlignment.CENTER,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
    )
    top = header if header is not None else ft.Container()
    return ft.Column([top, ft.Container(body, expand=True, alignment=ft.Alignment.CENTER)], expand=True)
