"""审计校验: verify the hash-chained audit trail and show the result."""

from __future__ import annotations

import flet as ft

from views.admin.common import OutcomeLine, section
from views.admin.presenter import AdminPresenter
from views.widgets import caption


class AuditPanel:
    def __init__(self, presenter: AdminPresenter) -> None:
        self.presenter = presenter
        t = presenter.session.texts.t
        self.outcome = OutcomeLine()
        verify = ft.OutlinedButton(
            t("admin.audit.verify"), icon=ft.Icons.VERIFIED_USER, on_click=self._verify
        )
        self.control = section(
            t("admin.audit"),
            [
                caption(t("admin.audit.hint"), color=ft.Colors.ON_SURFACE_VARIANT),
                verify,
                self.outcome.control,
            ],
        )

    def _verify(self) -> None:
        self.outcome.show(self.presenter.verify_audit())
        self.control.update()
