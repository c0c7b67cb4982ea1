"""经营范围: search the business-scope catalogue, Enter adds the first match; general and licensed apart.
The first search proposes the industry words of the name (typed once, not twice)."""

from __future__ import annotations

import flet as ft

from app.desk.flow_api import ScopeOption
from views.newcase.fields import StepForm, StepHost
from views.session import attempt
from views.widgets import caption

INDUSTRY = "company.name_parts.industry"


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
            on_focus=lambda: self._propose(form),
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

    def _propose(self, form: StepForm) -> None:
        """The first scope item is searched with the industry words the clerk typed for the name (蔬菜种植):
        the box holds them, selected, with their matches; Enter takes the first, typing replaces them."""
        industry = form.boxes.get(INDUSTRY)
        words = (industry.value or "").strip() if industry is not None else ""
        if self.search.value or not words or self._codes("general") or self._codes("licensed"):
            return
        self.search.value = words
        self.search.selection = ft.TextSelection(base_offset=0, extent_offset=len(words))
        self.search.update()
        self._search(words)

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
