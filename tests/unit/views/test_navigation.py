"""Areas, routes and keyboard shortcuts of the shell."""

from __future__ import annotations

import pytest

from views.navigation import AREAS, HOME, area_for_route, area_for_shortcut, index_of, route_after_login


def test_six_areas_with_distinct_routes_and_shortcuts() -> None:
    assert [area.route for area in AREAS] == ["/today", "/new", "/cases", "/sync", "/training", "/admin"]
    assert [area.shortcut for area in AREAS] == ["1", "2", "3", "4", "5", "6"]
    assert HOME.route == "/today"
    assert [index_of(area) for area in AREAS] == list(range(6))


@pytest.mark.parametrize(
    ("route", "key"),
    [
        ("/cases", "cases"),
        ("/cases/", "cases"),
        ("/cases/SG-1", "cases"),
        ("/cases?status=draft", "cases"),
        ("/admin", "admin"),
        ("/today", "today"),
    ],
)
def test_area_for_route(route: str, key: str) -> None:
    area = area_for_route(route)
    assert area is not None
    assert area.key == key


@pytest.mark.parametrize("route", ["/", "", None, "/casesX", "/unknown", "/login"])
def test_unknown_routes_have_no_area(route: str | None) -> None:
    assert area_for_route(route) is None


def test_route_after_login_keeps_a_deep_link_else_goes_home() -> None:
    assert route_after_login("/cases/SG-1") == "/cases/SG-1"
    assert route_after_login("/") == "/today"
    assert route_after_login(None) == "/today"
    assert route_after_login("/nowhere") == "/today"


@pytest.mark.parametrize(
    ("key", "expected"), [("1", "today"), ("3", "cases"), ("6", "admin"), ("Digit2", "new")]
)
def test_alt_digit_picks_an_area(key: str, expected: str) -> None:
    area = area_for_shortcut(key, alt=True)
    assert area is not None
    assert area.key == expected


def test_other_keys_are_not_shortcuts() -> None:
    assert area_for_shortcut("3", alt=False) is None
    assert area_for_shortcut("3", alt=True, ctrl=True) is None
    assert area_for_shortcut("3", alt=True, meta=True) is None
    assert area_for_shortcut("7", alt=True) is None
    assert area_for_shortcut("A", alt=True) is None
