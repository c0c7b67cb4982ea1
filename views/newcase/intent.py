"""开户意愿 双人核实 on the 检查 step: the second bank staff member signs in here with their own account
(user name, Enter, password, Enter); once confirmed the line names both staff."""

from __future__ import annotations

import flet as ft

from app.desk.flow_api import DraftView
from views.newcase.fields import StepHost
from views.widgets import caption


def intent_panel(host: StepHost, draft: DraftView) -> ft.Control | None:
    """None when the bank account is not requested."""
    t = host.texts.t
    if not any(s.code == "bank_account" and s.requested for s in draft.services):
        return None
    title = caption(t("flow.intent.title"), weight=ft.FontWeight.BOLD)
    if draft.intent_confirmed_by:
        first, second = draft.intent_confirmed_by
        return ft.Column([title, caption(t("flow.intent.done", first=first, second=second))], spacing=4)
    username = ft.TextField(label=t("flow.intent.username"), width=260, dense=True, autofocus=True)
    password = ft.TextField(label=t("flow.intent.password"), width=260, dense=True, password=True)

    async def next_box() -> None:  # an async handler: Flet awaits it, so the focus really moves
        await password.focus()  # type: ignore[no-untyped-call]

    def confirm() -> None:
        presenter = host.presenter
        presenter.run(
            lambda: presenter.desk.confirm_account_intent(
                presenter.case_id, username.value or "", password.value or ""
            )
        )
        password.value = ""
        host.redraw()

    username.on_submit = next_box
    password.on_submit = confirm
    button = ft.OutlinedButton(t("flow.intent.confirm"), icon=ft.Icons.HOW_TO_REG, on_click=confirm)
    hint = caption(t("flow.intent.hint"), size=12)
    return ft.Column([title, hint, ft.Row([username, password, button], wrap=True)], spacing=4)
