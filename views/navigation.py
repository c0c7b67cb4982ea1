"""The desk areas, their routes and keyboard shortcuts (plain data, no Flet)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Area:
    key: str  # also the strings key suffix: area.<key>, area.<key>.intro
    route: str
    shortcut: str  # Alt+<shortcut>


AREAS: tuple[Area, ...] = (
    Area("today", "/today", "1"),
    Area("new", "/new", "2"),
    Area("cases", "/cases", "3"),
    Area("sync", "/sync", "4"),
    Area("training", "/training", "5"),
    Area("admin", "/admin", "6"),
)
HOME = AREAS[0]


def area_for_route(route: str | None) -> Area | None:
    """The area a route belongs to: ``/cases``, ``/cases/`` and ``/cases/X?y=1`` all -> cases."""
    path = urlsplit(route or "").path.rstrip("/")
    for area in AREAS:
        if path == area.route or path.startswith(area.route + "/"):
            return area
    return None


def route_after_login(requested: str | None) -> str:
    """Go where the clerk was headed (a deep link typed before login), else the home area."""
    area = area_for_route(requested)
    return (requested or HOME.route) if area is not None else HOME.route


def area_for_shortcut(key: str, *, alt: bool, ctrl: bool = False, meta: bool = False) -> Area | None:
    """Alt+1 ... Alt+6 (no Ctrl/Meta) picks an area; anything else is not a shortcut."""
    if not alt or ctrl or meta:
        return None
    pressed = key.strip().removeprefix("Digit").removeprefix("Numpad ")
    for area in AREAS:
        if pressed == area.shortcut:
            return area
    return None


def index_of(area: Area) -> int:
    return AREAS.index(area)
