"""Step 7, 提交: queue the case for the platform, then the founder's 好差评, the printed receipt (受理回执,
now with its acceptance time) with the 服务大礼包, and the receipt on screen."""

from __future__ import annotations

import flet as ft

from app.desk.flow_api import Grade, Receipt
from app.services.packet import TAKE_HOME
from views.newcase.fields import StepForm, StepHost
from views.newcase.print_step import browser_handler
from views.session import attempt
from views.widgets import caption

GRADES: tuple[Grade, ...] = ("good", "average", "poor")


def submit_step(host: StepHost, form: StepForm) -> ft.Control:
    t, presenter = host.texts.t, host.presenter
    presenter.reload()
    draft = presenter.draft
    if not draft.editable:
        receipt, notice = attempt(lambda: presenter.desk.receipt(presenter.case_id))
        presenter.notice = presenter.notice or notice
        return _after_submit(host, receipt) if receipt else ft.Column([])
    if not draft.ready:
        return ft.Column(
            [
                caption(t("flow.submit.blocked", count=len(draft.errors)), color=ft.Colors.ERROR),
                ft.FilledButton(
                    t("flow.submit.to_review"),
                    icon=ft.Icons.CHECKLIST,
                    autofocus=True,
                    on_click=lambda: host.go("review"),
                ),
            ]
        )

    def submit() -> None:
        host.presenter.submit()
        host.redraw()

    return ft.Column(
        [
            caption(t("flow.submit.ready", services=len([s for s in draft.services if s.requested]))),
            ft.FilledButton(t("flow.submit.button"), icon=ft.Icons.SEND, autofocus=True, on_click=submit),
        ],
        spacing=8,
    )


def _after_submit(host: StepHost, receipt: Receipt) -> ft.Control:
    t = host.texts.t
    take_home = ft.FilledTonalButton(
        t("flow.submit.print_receipt"), icon=ft.Icons.PRINT, on_click=browser_handler(host, lambda: TAKE_HOME)
    )
    printing = ft.Column([caption(t("flow.submit.print_hint"), size=12), take_home], spacing=4)
    return ft.Column(
        [_rating(host, receipt), ft.Divider(), printing, ft.Divider(), _receipt(host, receipt)], spacing=8
    )


def _rating(host: StepHost, receipt: Receipt) -> ft.Control:
    t, presenter = host.texts.t, host.presenter
    if receipt.rating is not None:
        return caption(
            t("flow.rating.done", grade=t(f"flow.rating.{receipt.rating}")), weight=ft.FontWeight.BOLD
        )
    grades = ft.RadioGroup(
        value="good",
        content=ft.Row(
            [ft.Radio(value=g, label=t(f"flow.rating.{g}"), autofocus=g == "good") for g in GRADES]
        ),
    )
    comment = ft.TextField(label=t("flow.rating.comment"), width=420, dense=True)

    def rate() -> None:
        grade: Grade = next((g for g in GRADES if g == grades.value), "good")
        presenter.run(lambda: presenter.desk.rate_case(presenter.case_id, grade, comment.value or ""))
        host.redraw()

    comment.on_submit = rate
    return ft.Column(
        [
            caption(t("flow.rating.ask"), theme_style=ft.TextThemeStyle.TITLE_SMALL),
            grades,
            comment,
            ft.FilledButton(t("flow.rating.submit"), icon=ft.Icons.THUMB_UP, on_click=rate),
        ],
        spacing=6,
    )


def _receipt(host: StepHost, receipt: Receipt) -> ft.Control:
    t = host.texts.t
    lines: list[ft.Control] = [
        caption(t("flow.receipt.title"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        caption(
            t(
                "flow.receipt.case",
                case_id=receipt.case_id,
                status=t(f"flow.status.{receipt.status}") if receipt.status else receipt.status_zh,
            )
        ),
        caption(t("flow.receipt.company", name=receipt.company_name)),
        caption(
            t("flow.receipt.when", when=receipt.submitted_at, clerk=receipt.clerk, branch=receipt.branch)
        ),
    ]
    lines += [
        caption(t("flow.receipt.service", label=s.label_zh, status=s.status_zh)) for s in receipt.services
    ]
    lines += [
        caption(t("flow.receipt.deferred", label=d.label_zh, due=d.status_zh)) for d in receipt.deferred
    ]
    return ft.Column(lines, spacing=2)
