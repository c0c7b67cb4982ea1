"""Step 1, 企业信息: type, the name from its four parts, domicile, capital, business scope, industry, term.

The boxes are laid out as data (key, label, width), in the order Enter moves through them.
"""

from __future__ import annotations

import flet as ft

from views.newcase.fields import StepForm, StepHost
from views.newcase.scope import ScopePicker
from views.session import attempt
from views.widgets import caption

TYPES = ("llc", "joint_stock", "sole_proprietorship", "partnership")
Box = tuple[str, str, int]  # field key, label string key, width
NAME_ROW: tuple[Box, ...] = (
    ("company.name_parts.division", "flow.f.division", 140),
    ("company.name_parts.trade_name", "flow.f.trade_name", 160),
    ("company.name_parts.industry", "flow.f.industry", 200),
    ("company.name_parts.form", "flow.f.form", 160),
)
ADDRESS_ROW: tuple[Box, ...] = (("company.domicile.address", "flow.f.address", 420),)
SIZE_ROW: tuple[Box, ...] = (
    ("company.registered_capital_wan", "flow.f.capital", 180),
    ("company.employees", "flow.f.employees", 140),
    ("company.operating_term", "flow.f.term", 140),
)
CONTACT_ROW: tuple[Box, ...] = (
    ("company.industry_code", "flow.f.industry_code", 200),
    ("company.phone", "flow.f.phone", 200),
    ("company.postcode", "flow.f.postcode", 140),
)


def company_step(host: StepHost, form: StepForm) -> ft.Control:
    t, values = host.texts.t, host.presenter.draft.values
    if not form.focus_key:
        form.focus_key = "company.name_parts.trade_name"
    kind = ft.RadioGroup(
        value=values.get("company.type", "llc"),
        content=ft.Row([ft.Radio(value=k, label=t(f"flow.type.{k}")) for k in TYPES]),
        on_change=lambda e: _changed(host, "company.type", e.control.value or "llc"),
    )
    name = form.derived(
        t("flow.company.name", value=values.get("company.name") or "—"),
        lambda o: t("flow.company.name", value=o.values.get("company.name") or "—"),
        weight=ft.FontWeight.BOLD,
    )
    return ft.Column(
        [
            caption(t("flow.company.type"), weight=ft.FontWeight.BOLD),
            kind,
            caption(t("flow.company.name_parts"), weight=ft.FontWeight.BOLD),
            _row(host, form, NAME_ROW),
            name,
            _row(host, form, ADDRESS_ROW, first=_division_picker(host)),
            _row(host, form, SIZE_ROW),
            ScopePicker(host, form).control,
            _row(host, form, CONTACT_ROW),
        ],
        spacing=8,
    )


def _row(
    host: StepHost, form: StepForm, boxes: tuple[Box, ...], first: ft.Control | None = None
) -> ft.Control:
    values = host.presenter.draft.values
    controls = [
        form.text(key, host.texts.t(label), values.get(key, ""), width=width) for key, label, width in boxes
    ]
    return ft.Row(
        [first, *controls] if first is not None else controls,
        wrap=True,
        vertical_alignment=ft.CrossAxisAlignment.START,
    )


def _division_picker(host: StepHost) -> ft.Control:
    options, _ = attempt(host.presenter.desk.division_options)
    return ft.Dropdown(
        label=host.texts.t("flow.f.domicile_division"),
        value=host.presenter.draft.values.get("company.domicile.division_code") or None,
        options=[ft.DropdownOption(key=o.code, text=o.name) for o in options or []],
        width=260,
        dense=True,
        on_select=lambda e: _changed(host, "company.domicile.division_code", e.control.value or ""),
    )


def _changed(host: StepHost, key: str, value: str) -> None:
    host.presenter.change(key, value)
    host.presenter.flush()
    host.redraw()
