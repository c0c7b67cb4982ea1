"""One person's card in the people step: the fields, the derived line, the role ticks, read and remove.

The boxes are laid out as data (field, label, width) in the order Enter moves through them.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.desk.flow_api import CardOutcome, FaceCheckOutcome, PersonView, SaveOutcome
from app.desk.flow_edit import ROLE_KEYS
from app.errors import BizdeskError
from views.newcase.fields import StepForm, StepHost

BOXES: tuple[tuple[str, str, int], ...] = (
    ("name", "flow.f.person_name", 150),
    ("id_number", "flow.f.id_number", 230),
    ("mobile", "flow.f.mobile", 170),
    ("email", "flow.f.email", 200),
    ("subscribed_wan", "flow.f.subscribed", 170),
    ("due_date", "flow.f.due_date", 250),
    ("address", "flow.f.person_address", 380),
    ("id_valid_until", "flow.f.id_valid_until", 250),
)
PARTNER_KINDS = ("general", "limited")
VALUATIONS = ("agreed", "appraised")
SOLE_INVESTMENTS = ("personal_property", "family_property")
OWNER_BASES = ("none", "equity", "benefit", "control", "senior_manager")  # none: not a beneficial owner
FORMS = ("money", "in_kind", "intellectual_property", "land_use_right", "equity", "creditor_right", "labour")


def person_card(host: StepHost, form: StepForm, person: PersonView) -> ft.Control:
    photo = ft.Icon(ft.Icons.BADGE if person.has_photo else ft.Icons.PERSON_OUTLINE)
    title = ft.Row([photo, _heading(host, form, person), _derived_line(host, form, person)])
    face = host.texts.t(f"flow.face.{person.face_check or 'none'}")
    face_line = ft.Text(face, size=12, color=None if person.face_check == "match" else ft.Colors.ERROR)
    body = ft.Column(
        [
            title,
            _boxes(host, form, person),
            _roles(host, form, person),
            face_line,
            _actions(host, person.index),
        ],
        spacing=6,
    )
    return ft.Card(content=ft.Container(body, padding=12))


def _heading(host: StepHost, form: StepForm, person: PersonView) -> ft.Control:
    """人员N：name, following the name as it is typed (redrawn when a save changes the name)."""
    t, i = host.texts.t, person.index

    def text(name: str) -> str:
        return t("flow.people.heading", number=i + 1, name=name or t("flow.people.unnamed"))

    def refreshed(outcome: SaveOutcome) -> str | None:
        name = outcome.values.get(f"people[{i}].name")
        return None if name is None else text(name)

    return form.derived(text(person.name), refreshed, weight=ft.FontWeight.BOLD)


def _derived_line(host: StepHost, form: StepForm, person: PersonView) -> ft.Control:
    """Sex, birth date and age read from the ID number; redrawn when a save changes the number."""
    t, prefix = host.texts.t, f"people[{person.index}]."

    def text(sex: str, born: str, age: str) -> str:
        return t("flow.people.derived", sex=sex or "—", born=born or "—", age=age or "—")

    def refreshed(outcome: SaveOutcome) -> str | None:
        values = outcome.values
        if prefix + "birth_date" not in values:
            return None
        return text(values[prefix + "sex_zh"], values[prefix + "birth_date"], values[prefix + "age"])

    age = str(person.age) if person.age is not None else ""
    return form.derived(text(person.sex_zh, person.birth_date, age), refreshed)


def _boxes(host: StepHost, form: StepForm, person: PersonView) -> ft.Control:
    t, i = host.texts.t, person.index
    boxes = [
        form.text(f"people[{i}].{name}", t(label, number=i + 1), getattr(person, name), width=width)
        for name, label, width in BOXES
    ]
    if person.sole_investment is not None:  # a sole proprietor declares personal or family property
        boxes.append(_listed(host, person, "sole_investment", SOLE_INVESTMENTS, person.sole_investment))
    else:
        boxes.append(_contribution_form(host, person))  # with the due date: used once there is a subscription
    if person.partner_kind is not None:  # a partnership: general or limited partner
        boxes.append(_partner_kind(host, person))
    if person.valuation is not None:  # a partner's contribution other than money: how it is valued
        boxes.append(_listed(host, person, "valuation", VALUATIONS, person.valuation))
    if person.owner is not None:
        boxes += _owner_boxes(host, form, person)
    return ft.Row(boxes, wrap=True, vertical_alignment=ft.CrossAxisAlignment.START)


def _listed(
    host: StepHost,
    person: PersonView,
    name: str,
    choices: tuple[str, ...],
    value: str,
    *,
    redraw: bool = False,
) -> ft.Control:
    """A dropdown of ``flow.<name>.<choice>`` labels for ``people[i].<name>`` ("" unset); ``redraw`` when
    the choice shows or hides other boxes of the card."""
    label = host.texts.t(f"flow.f.{name}", number=person.index + 1)
    options = {choice: host.texts.t(f"flow.{name}.{choice}") for choice in choices}
    key = f"people[{person.index}].{name}"
    return _choice(host, key, label, value or None, options, after=_reload if redraw else None)


def _owner_boxes(host: StepHost, form: StepForm, person: PersonView) -> list[ft.Control]:
    """受益所有人: the grounds (none: not an owner), then the share or how control is exercised."""
    owner, t, i = person.owner, host.texts.t, person.index
    assert owner is not None
    boxes = [_listed(host, person, "bo_basis", OWNER_BASES, owner.basis or "none", redraw=True)]
    if owner.basis in ("equity", "benefit"):
        boxes.append(form.text(f"people[{i}].bo_share", t("flow.f.bo_share", number=i + 1), owner.share))
    if owner.basis == "control":
        label = t("flow.f.bo_control", number=i + 1)
        boxes.append(form.text(f"people[{i}].bo_control", label, owner.control, width=380))
    return boxes


def _partner_kind(host: StepHost, person: PersonView) -> ft.Control:
    """合伙人类别 (a partnership needs at least one general partner)."""
    label = host.texts.t("flow.f.partner_kind", number=person.index + 1)
    options = {kind: host.texts.t(f"flow.partner.{kind}") for kind in PARTNER_KINDS}
    return _choice(host, f"people[{person.index}].partner_kind", label, person.partner_kind or None, options)


def _contribution_form(host: StepHost, person: PersonView) -> ft.Control:
    """出资方式 (money by default)."""
    label = host.texts.t("flow.f.contribution_form", number=person.index + 1)
    options = {form: host.texts.t(f"flow.form.{form}") for form in FORMS}
    value = person.contribution_form or "money"
    key = f"people[{person.index}].contribution_form"
    # A partner's contribution other than money asks how it is valued: the card shows that box.
    after = _reload if person.partner_kind is not None else None
    return _choice(host, key, label, value, options, unset="money", after=after)


def _choice(
    host: StepHost,
    key: str,
    label: str,
    value: str | None,
    options: dict[str, str],
    unset: str = "",
    after: Callable[[StepHost], None] | None = None,
) -> ft.Control:
    """A dropdown saved at once; ``unset`` is what no choice saves; ``after`` runs once it is saved."""

    def chosen(event: ft.Event[ft.Dropdown]) -> None:
        host.presenter.change(key, event.control.value or unset)
        host.presenter.flush()
        if after is not None:
            after(host)

    return ft.Dropdown(
        label=label,
        value=value,
        options=[ft.DropdownOption(key=k, text=text) for k, text in options.items()],
        width=200,
        dense=True,
        on_select=chosen,
    )


def _roles(host: StepHost, form: StepForm, person: PersonView) -> ft.Control:
    ticks: list[ft.Control] = [
        ft.Container(
            form.tick(
                f"people[{person.index}].role.{role}",
                host.texts.t(f"flow.role.{role}"),
                role in person.roles,
                after=lambda _: _reload(host),
            ),
            width=130,  # side by side: a tick alone would take the whole line
        )
        for role in ROLE_KEYS
    ]
    return ft.Row(ticks, wrap=True)


def _actions(host: StepHost, index: int) -> ft.Control:
    t = host.texts.t
    read = ft.TextButton(
        t("flow.people.read_into", number=index + 1),
        icon=ft.Icons.CONTACTLESS,
        on_click=lambda: read_card(host, index),
    )
    remove = ft.TextButton(
        t("flow.people.remove", number=index + 1),
        icon=ft.Icons.DELETE_OUTLINE,
        on_click=lambda: _remove(host, index),
    )
    face = ft.TextButton(
        t("flow.face.check", number=index + 1),
        icon=ft.Icons.FACE,
        on_click=lambda: check_face(host, index),
    )
    return ft.Row([read, face, remove])


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


def check_face(host: StepHost, index: int) -> None:
    """人证核验 again (after a failed check, or a camera that was missing): the outcome is recorded."""
    presenter = host.presenter

    def work() -> None:
        outcome = presenter.run(lambda: presenter.desk.check_face(presenter.case_id, index))
        if isinstance(outcome, FaceCheckOutcome):
            presenter.draft = outcome.draft
        host.redraw()

    host.run_in_worker(work)


def _remove(host: StepHost, index: int) -> None:
    presenter = host.presenter
    presenter.field = ""
    presenter.run(lambda: presenter.desk.remove_person(presenter.case_id, index))
    host.redraw()


def _reload(host: StepHost) -> None:
    """A role moved: other people's ticks may change (one legal representative), so draw again."""
    host.presenter.reload()
    host.redraw()
