"""Step 2, 人员与职务: each person once (read from the ID card or typed), then their roles and shares."""

from __future__ import annotations

import flet as ft

from app.desk.flow_api import CardOutcome, PersonView, SaveOutcome
from app.desk.flow_edit import ROLE_KEYS
from app.errors import BizdeskError
from views.newcase.fields import StepForm, StepHost
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
    cards = [_person_card(host, form, person) for person in draft.people]
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


def _person_card(host: StepHost, form: StepForm, person: PersonView) -> ft.Control:
    t, i = host.texts.t, person.index

    def from_id(sex: str, born: str, age: str) -> str:
        return t("flow.people.derived", sex=sex or "—", born=born or "—", age=age or "—")

    def refreshed(outcome: SaveOutcome) -> str | None:
        prefix = f"people[{i}]."
        if prefix + "birth_date" not in outcome.values:
            return None
        values = outcome.values
        return from_id(values[prefix + "sex_zh"], values[prefix + "birth_date"], values[prefix + "age"])

    derived = form.derived(
        from_id(person.sex_zh, person.birth_date, str(person.age) if person.age is not None else ""),
        refreshed,
    )
    heading = t("flow.people.heading", number=i + 1, name=person.name or t("flow.people.unnamed"))
    field = form.text
    fields = ft.Row(
        [
            field(f"people[{i}].name", t("flow.f.person_name", number=i + 1), person.name, width=150),
            field(f"people[{i}].id_number", t("flow.f.id_number", number=i + 1), person.id_number, width=230),
            field(f"people[{i}].mobile", t("flow.f.mobile", number=i + 1), person.mobile, width=170),
            field(f"people[{i}].email", t("flow.f.email", number=i + 1), person.email, width=200),
            field(
                f"people[{i}].subscribed_wan",
                t("flow.f.subscribed", number=i + 1),
                person.subscribed_wan,
                width=170,
            ),
            field(
                f"people[{i}].address", t("flow.f.person_address", number=i + 1), person.address, width=380
            ),
        ],
        wrap=True,
        vertical_alignment=ft.CrossAxisAlignment.START,
    )
    roles = ft.Row(
        [
            ft.Container(
                form.tick(
                    f"people[{i}].role.{role}",
                    t(f"flow.role.{role}"),
                    role in person.roles,
                    after=lambda _: _reload(host),
                ),
                width=130,  # side by side: a tick alone would take the whole line
            )
            for role in ROLE_KEYS
        ],
        wrap=True,
    )
    actions = ft.Row(
        [
            ft.TextButton(
                t("flow.people.read_into", number=i + 1),
                icon=ft.Icons.CONTACTLESS,
                on_click=lambda: read_card(host, i),
            ),
            ft.TextButton(
                t("flow.people.remove", number=i + 1),
                icon=ft.Icons.DELETE_OUTLINE,
                on_click=lambda: _remove(host, i),
            ),
        ]
    )
    photo = ft.Icon(ft.Icons.BADGE if person.has_photo else ft.Icons.PERSON_OUTLINE)
    body = ft.Column(
        [
            ft.Row([photo, caption(heading, weight=ft.FontWeight.BOLD), derived]),
            fields,
            roles,
            actions,
        ],
        spacing=6,
    )
    return ft.Card(content=ft.Container(body, padding=12))


def read_card(host: StepHost, index: int | None) -> None:
    """读身份证 (F2 or the button): one action fills a person; failures are said in words."""
    presenter = host.presenter

    def work() -> None:
        outcome = presenter.run(lambda: presenter.desk.read_id_card(presenter.case_id, index))
        if isinstance(outcome, CardOutcome):
            presenter.draft = outcome.draft
            presenter.field = f"people[{outcome.person_index}].mobile"
            if outcome.warnings:
                presenter.say(BizdeskError(outcome.warnings[0].message_zh, outcome.warnings[0].message_en))
        host.redraw()

    host.run_in_worker(work)


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


def _add(host: StepHost) -> None:
    presenter = host.presenter
    presenter.run(lambda: presenter.desk.add_person(presenter.case_id))
    presenter.field = f"people[{len(presenter.draft.people) - 1}].name"
    host.redraw()


def _remove(host: StepHost, index: int) -> None:
    presenter = host.presenter
    presenter.field = ""
    presenter.run(lambda: presenter.desk.remove_person(presenter.case_id, index))
    host.redraw()


def _reload(host: StepHost) -> None:
    """A role moved: other people's ticks may change (one legal representative), so draw again."""
    host.presenter.reload()
    host.redraw()
