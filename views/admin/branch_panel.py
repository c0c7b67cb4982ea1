"""本网点信息: the desk's branch as the receipt prints it (name, address, phone, supervision phone) and the
defaults of new cases (联行号, usual engraver). Enter in any box saves."""

from __future__ import annotations

import flet as ft

from app.services.branch import BRANCH_FIELDS
from views.admin.common import OutcomeLine, section
from views.admin.presenter import AdminPresenter
from views.widgets import caption


class BranchPanel:
    def __init__(self, presenter: AdminPresenter) -> None:
        self.presenter = presenter
        t = presenter.session.texts.t
        values, failure = presenter.branch_values()
        self.boxes = {
            field: ft.TextField(
                label=t(f"admin.branch.{field}"),
                value=values.get(field, ""),
                width=480 if field in ("name", "address") else 220,
                dense=True,
                on_submit=self._save,
            )
            for field in BRANCH_FIELDS
        }
        self.outcome = OutcomeLine()
        save = ft.OutlinedButton(t("admin.branch.save"), icon=ft.Icons.SAVE, on_click=self._save)
        shown: list[ft.Control] = [caption(t("admin.branch.hint"), color=ft.Colors.ON_SURFACE_VARIANT)]
        if failure:
            shown.append(caption(failure, color=ft.Colors.ERROR))
        self.control = section(
            t("admin.branch"),
            [*shown, ft.Row(list(self.boxes.values()), wrap=True), save, self.outcome.control],
        )

    def _save(self) -> None:
        values = {field: box.value or "" for field, box in self.boxes.items()}
        self.outcome.show(self.presenter.save_branch(values))
        self.control.update()
