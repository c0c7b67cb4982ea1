"""Step 2, 人员与职务: each person once (read from the ID card or typed), then their roles and shares."""

from __future__ import annotations

import flet as ft

from views.newcase.fields import StepForm, StepHost
from views.newcase.person_card import person_card, read_card
from views.session import attempt
from views.widgets import caption


def people_step(host: StepHost, form: StepForm) -> ft.Control:
    texts, draft = host.texts, host.presenter.draft
    if not form.focus_key:
        empty = next((p for p in draft.people if not p.mobile), None)
        form.focus_key = f"people[{empty.index}].mobile" if empty else ""
    top: list[ft.Control] = [
        ft.FilledButton(
            texts.t("flow.people.read"),
            icon=ft.Icons.CONTACTLESS,
            on_click=lambda: read_card(host, None),
            autofocus=not form.focus_key,
        ),
        ft.OutlinedButton(texts.t("flow.people.add"), icon=ft.Icons.PERSON_ADD, on_click=lambda: _add(host)),
    ]
    modes, _ = attempt(host.presenter.desk.reader_modes)
    if modes:
        top.append(_reader_modes(host, modes))
    cameras, _ = attempt(host.presenter.desk.face_check_modes)
    if cameras:
        top.append(_camera_modes(host, cameras))
    cards = [person_card(host, form, person) for person in draft.people]
    t = texts.t
    total = form.derived(
        t("flow.people.total", total=draft.subscribed_total_wan or "0", capital=draft.capital_wan or "—"),
        lambda o: t("flow.people.total", total=o.subscribed_total_wan or "0", capital=o.capital_wan or "—"),
        weight=ft.FontWeight.BOLD,
    )
    exemption = form.tick(
        "roles.beneficial_owner_exemption",
        texts.t("flow.people.exemption"),
        draft.values.get("roles.beneficial_owner_exemption") == "1",
    )
    hint = texts.t("flow.people.empty") if not cards else texts.t("flow.people.roles_hint")
    return ft.Column([ft.Row(top, wrap=True), caption(hint, size=12), *cards, total, exemption], spacing=10)


def _reader_modes(host: StepHost, modes: tuple[str, ...]) -> ft.Control:
    def chosen(event: ft.Event[ft.Dropdown]) -> None:
        attempt(lambda: host.presenter.desk.set_reader_mode(event.control.value or "card"))

    return ft.Dropdown(
        label=host.texts.t("flow.reader.mode"),
        value="card",
        options=[ft.DropdownOption(key=m, text=host.texts.t(f"flow.reader.{m}")) for m in modes],
        width=220,
        dense=True,
        on_select=chosen,
    )


def _camera_modes(host: StepHost, modes: tuple[str, ...]) -> ft.Control:
    """Training only: what the simulated face-check camera answers next (match, no match, no face,
    camera missing)."""

    def chosen(event: ft.Event[ft.Dropdown]) -> None:
        attempt(lambda: host.presenter.desk.set_face_check_mode(event.control.value or "match"))

    return ft.Dropdown(
        label=host.texts.t("flow.facemode.label"),
        value="match",
        options=[ft.DropdownOption(key=m, text=host.texts.t(f"flow.facemode.{m}")) for m in modes],
        width=220,
        dense=True,
        on_select=chosen,
    )


def _add(host: StepHost) -> None:
    presenter = host.presenter
    presenter.run(lambda: presenter.desk.add_person(presenter.case_id))
    presenter.field = key = f"people[{len(presenter.draft.people) - 1}].name"
    host.redraw()
    host.focus_box(key)  # the clerk types the new person's name next
