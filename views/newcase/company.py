"""Step 1, 企业信息: type, the name from its four parts, domicile, capital, business scope, industry, term."""

from __future__ import annotations

import flet as ft

from app.desk.flow_api import ScopeOption
from views.newcase.fields import StepForm, StepHost
from views.session import attempt
from views.widgets import caption

TYPES = ("llc", "joint_stock", "sole_proprietorship", "partnership")


def company_step(host: StepHost, form: StepForm) -> ft.Control:
    texts, values = host.texts, host.presenter.draft.values
    if not form.focus_key:
        form.focus_key = "company.name_parts.trade_name"
    kind = ft.RadioGroup(
        value=values.get("company.type", "llc"),
        content=ft.Row([ft.Radio(value=t, label=texts.t(f"flow.type.{t}")) for t in TYPES]),
        on_change=lambda e: _changed(host, "company.type", e.control.value or "llc"),
    )
    t = texts.t
    field = form.text
    return ft.Column(
        [
            caption(t("flow.company.type"), weight=ft.FontWeight.BOLD),
            kind,
            caption(t("flow.company.name_parts"), weight=ft.FontWeight.BOLD),
            ft.Row(
                [
                    field(
                        "company.name_parts.division",
                        t("flow.f.division"),
                        values["company.name_parts.division"],
                        width=140,
                    ),
                    field(
                        "company.name_parts.trade_name",
                        t("flow.f.trade_name"),
                        values["company.name_parts.trade_name"],
                        width=160,
                    ),
                    field(
                        "company.name_parts.industry",
                        t("flow.f.industry"),
                        values["company.name_parts.industry"],
                        width=200,
                    ),
                    field(
                        "company.name_parts.form",
                        t("flow.f.form"),
                        values["company.name_parts.form"],
                        width=160,
                    ),
                ],
                wrap=True,
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            form.derived(
                t("flow.company.name", value=values.get("company.name") or "—"),
                lambda o: t("flow.company.name", value=o.values.get("company.name") or "—"),
                weight=ft.FontWeight.BOLD,
            ),
            ft.Row(
                [
                    _division_picker(host),
                    field(
                        "company.domicile.address",
                        t("flow.f.address"),
                        values["company.domicile.address"],
                        width=420,
                    ),
                ],
                wrap=True,
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            ft.Row(
                [
                    field(
                        "company.registered_capital_wan",
                        t("flow.f.capital"),
                        values["company.registered_capital_wan"],
                        width=180,
                    ),
                    field("company.employees", t("flow.f.employees"), values["company.employees"], width=140),
                    field(
                        "company.operating_term",
                        t("flow.f.term"),
                        values["company.operating_term"],
                        width=140,
                    ),
                ],
                wrap=True,
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            ScopePicker(host, form).control,
            ft.Row(
                [
                    field(
                        "company.industry_code",
                        t("flow.f.industry_code"),
                        values["company.industry_code"],
                        width=200,
                    ),
                    field("company.phone", t("flow.f.phone"), values["company.phone"], width=200),
                    field("company.postcode", t("flow.f.postcode"), values["company.postcode"], width=140),
                ],
                wrap=True,
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
        ],
        spacing=8,
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


class ScopePicker:
    """经营范围: search the catalogue, Enter adds the first match; general and licensed items apart."""

    def __init__(self, host: StepHost, form: StepForm) -> None:
        self.host, self.texts = host, host.texts
        self.matches: list[ScopeOption] = []
        self.search = ft.TextField(
            label=self.texts.t("flow.f.scope_search"),
            width=420,
            dense=True,
            autofocus=form.focus_key == "scope.search",
            on_change=lambda e: self._search(e.control.value or ""),
            on_submit=lambda e: self._add_first(e.control.value or ""),
        )
        form.order.append("scope.search")
        form.boxes["scope.search"] = self.search
        self.results = ft.Column(spacing=0)
        self.chosen = ft.Column(spacing=2)
        self._show_chosen()
        self.control = ft.Column(
            [
                caption(self.texts.t("flow.company.scope"), weight=ft.FontWeight.BOLD),
                self.search,
                self.results,
                self.chosen,
            ],
            spacing=4,
        )

    def _codes(self, kind: str) -> list[str]:
        text = self.host.presenter.draft.values.get(f"company.scope.{kind}", "")
        return [c for c in text.split(",") if c]

    def _find(self, query: str) -> list[ScopeOption]:
        found, _ = attempt(lambda: self.host.presenter.desk.scope_options(query))
        return found or []

    def _search(self, query: str) -> None:
        self.matches = self._find(query)
        self.results.controls = [
            ft.TextButton(self._label(o), on_click=lambda _, o=o: self._add(o)) for o in self.matches
        ]
        self.results.update()

    def _label(self, option: ScopeOption) -> str:
        wording = option.wording_en if self.texts.language == "en" else option.wording
        tag = self.texts.t("flow.scope.licensed" if option.licensed else "flow.scope.general")
        return f"{tag} {option.code} {wording}"

    def _add_first(self, query: str) -> None:
        """Enter adds the first match of what is in the box now (not of a search still under way)."""
        matches = self._find(query)
        if matches:
            self._add(matches[0])

    def _add(self, option: ScopeOption) -> None:
        kind = "licensed" if option.licensed else "general"
        codes = [*dict.fromkeys([*self._codes(kind), option.code])]
        self._save(kind, codes)

    def _remove(self, kind: str, code: str) -> None:
        self._save(kind, [c for c in self._codes(kind) if c != code])

    def _save(self, kind: str, codes: list[str]) -> None:
        presenter = self.host.presenter
        presenter.change(f"company.scope.{kind}", ",".join(codes))
        presenter.flush()
        presenter.reload()
        presenter.focus("scope.search")  # the search box keeps the focus for the next item
        self.host.redraw()

    def _show_chosen(self) -> None:
        rows: list[ft.Control] = []
        for kind in ("general", "licensed"):
            for code in self._codes(kind):
                rows.append(
                    ft.Row(
                        [
                            ft.Text(
                                self.texts.t(f"flow.scope.{kind}") + f" {code} {_wording(self.host, code)}"
                            ),
                            ft.IconButton(
                                ft.Icons.CLOSE,
                                tooltip=self.texts.t("flow.scope.remove", code=code),
                                on_click=lambda _, k=kind, c=code: self._remove(k, c),
                            ),
                        ]
                    )
                )
        self.chosen.controls = rows or [ft.Text(self.texts.t("flow.scope.none"), color=ft.Colors.ERROR)]


def _wording(host: StepHost, code: str) -> str:
    found, _ = attempt(lambda: host.presenter.desk.scope_options(code, limit=1))
    return found[0].wording if found else ""
