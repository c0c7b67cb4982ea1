"""设备与注册: the enrollment, the platform address, the pinned CA; enroll by pasting a QR payload."""

from __future__ import annotations

import flet as ft

from views.admin.common import OutcomeLine, section, text_lines
from views.admin.presenter import AdminPresenter
from views.widgets import clear_when_edited


class DevicePanel:
    def __init__(self, presenter: AdminPresenter) -> None:
        self.presenter = presenter
        t = presenter.session.texts.t
        self.facts = ft.Column(spacing=2)
        self.payload = ft.TextField(
            label=t("admin.device.qr"), multiline=True, min_lines=1, max_lines=3, expand=True
        )
        self.outcome = OutcomeLine()
        clear_when_edited((self.payload,), self.outcome.hide)
        enroll = ft.FilledTonalButton(t("admin.device.enroll"), icon=ft.Icons.QR_CODE, on_click=self._enroll)
        self.control = section(
            t("admin.device"), [self.facts, ft.Row([self.payload, enroll]), self.outcome.control]
        )
        self.refresh()

    def refresh(self) -> None:
        self.facts.controls = text_lines(*self.presenter.device_lines())

    def _enroll(self) -> None:
        outcome = self.presenter.enroll(self.payload.value or "")
        if outcome.ok:
            self.payload.value = ""
        self.outcome.show(outcome)
        self.refresh()
        self.control.update()
