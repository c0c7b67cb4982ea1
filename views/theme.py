"""The page theme: the bundled CJK fonts (with rare-character fallbacks) and the desk colours."""

from __future__ import annotations

import flet as ft

from views.fonts import FontPlan, font_plan

SEED_COLOR = ft.Colors.INDIGO
TRAINING_BANNER_COLOR = ft.Colors.AMBER_300

_TEXT_STYLES = [
    f"{group}_{size}"
    for group in ("body", "display", "headline", "label", "title")
    for size in ("large", "medium", "small")
]


def text_theme(fallbacks: list[str]) -> ft.TextTheme | None:
    """Every Material text style falls back to the rare-character fonts (Theme has no such field)."""
    if not fallbacks:
        return None
    return ft.TextTheme(**{name: ft.TextStyle(font_family_fallback=list(fallbacks)) for name in _TEXT_STYLES})


def apply_theme(page: ft.Page, plan: FontPlan | None = None) -> None:
    plan = plan if plan is not None else font_plan()
    if plan.files:
        page.fonts = plan.asset_paths()
    page.theme = ft.Theme(
        color_scheme_seed=SEED_COLOR,
        font_family=plan.primary,
        text_theme=text_theme(plan.fallbacks),
    )
    page.theme_mode = ft.ThemeMode.LIGHT
