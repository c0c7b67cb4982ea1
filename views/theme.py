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


def apply_theme(page: ft.Page, plan: FontPlan | None = None, *, fallbacks: bool = True) -> None:
    """The desk's theme and fonts. ``fallbacks=False`` registers the primary font alone: the desk's
    first screen then comes up without waiting for the rare-character fonts (``add_fallback_fonts``
    adds them once it is drawn), which no first screen needs."""
    plan = plan if plan is not None else font_plan()
    if plan.files:
        page.fonts = plan.asset_paths() if fallbacks else dict(list(plan.asset_paths().items())[:1])
    page.theme = ft.Theme(
        color_scheme_seed=SEED_COLOR,
        font_family=plan.primary,
        text_theme=text_theme(plan.fallbacks),
    )
    page.theme_mode = ft.ThemeMode.LIGHT


def fallback_fonts_wanted(screen: str) -> bool:
    """Whether ``screen`` may show rare characters (a founder's or a clerk's name): every screen but
    the sign-in, which shows fixed texts and a typed user name. Registered with the sign-in, the
    fallbacks' 47 MB were fetched while its user-name box waited for the keyboard."""
    return screen != "login"


def add_fallback_fonts(page: ft.Page, plan: FontPlan | None = None) -> None:
    """Register the rare-character fonts (生僻字) too, once a screen wants them
    (``fallback_fonts_wanted``): the sign-in is drawn with the primary font alone. Registered from
    the start, their 47 MB competed with the primary font's 5 MB, and text drawn before it arrived
    made Flutter fetch and decode its own fallback fonts for every character on the screen."""
    plan = plan if plan is not None else font_plan()
    if len(plan.files) > 1:
        page.fonts = plan.asset_paths()
        page.update()
