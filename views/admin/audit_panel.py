"""审计与诊断: verify the hash-chained audit trail; write a diagnostics bundle for IT support."""

from __future__ import annotations

import flet as ft

from views.admin.common import OutcomeLine, section
from views.admin.presenter import AdminPresenter
from views.widgets import caption, clear_when_edited


class AuditPanel:
    def __init__(self, presenter: AdminPresenter) -> None:
        self.presenter = presenter
        t = presenter.session.texts.t
        self.outcome = OutcomeLine()
        verify = ft.OutlinedButton(
            t("admin.audit.verify"), icon=ft.Icons.VERIFIED_USER, on_click=self._verify
        )
        self.target = ft.TextField(label=t("admin.diagnostics.target"), width=320)
        clear_when_edited((self.target,), self.outcome.hide)
        bundle = ft.OutlinedButton(
            t("admin.diagnostics.run"), icon=ft.Icons.MEDICAL_INFORMATION, on_click=self._bundle
        )
        self.control = section(
            t("admin.audit"),
            [
                caption(t("admin.audit.hint"), color=ft.Colors.ON_SURFACE_VARIANT),
                verify,
                ft.Row([self.target, bundle], wrap=True),
                self.outcome.control,
            ],
        )

    def _verify(self) -> None:
        self.outcome.show(self.presenter.verify_audit())
        self.control.update()

    def _bundle(self) -> None:
        self.outcome.show(self.presenter.diagnostics(self.target.value or ""))
        self.control.update()
