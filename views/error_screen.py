"""Shown instead of the desk when the profile cannot be opened (packaged app: no console to read)."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.errors import UserMessage
from views.theme import apply_theme


def error_app(message: UserMessage) -> Callable[[ft.Page], None]:
    """A Flet ``main`` that shows one error, Chinese first, and what to do next."""

    def main(page: ft.Page) -> None:
        apply_theme(page)
        page.title = message.title_zh
        page.add(
            ft.Container(
                ft.Column(
                    [
                        ft.Icon(ft.Icons.ERROR_OUTLINE, color=ft.Colors.ERROR, size=48),
                        ft.Text(message.title_zh, theme_style=ft.TextThemeStyle.HEADLINE_SMALL),
                        ft.Text(message.message_zh),
                        ft.Text(
                            f"{message.title_en}: {message.message_en}", color=ft.Colors.ON_SURFACE_VARIANT
                        ),
                    ],
                    horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                    tight=True,
                    width=520,
                ),
                alignment=ft.Alignment.CENTER,
                expand=True,
            )
        )

    return main
