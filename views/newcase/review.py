"""Step 5, 检查: every finding of the rules, errors and warnings apart, each jumping to its field; the
开户意愿 双人核实 (``views.newcase.intent``) is confirmed here."""

from __future__ import annotations

import flet as ft

from app.desk.flow_api import Feedback
from views.newcase.fields import StepForm, StepHost
from views.newcase.intent import intent_panel
from views.widgets import caption


def review_step(host: StepHost, form: StepForm) -> ft.Control:
    texts, draft = host.texts, host.presenter.draft
    host.presenter.reload()
    draft = host.presenter.draft
    summary = (
        texts.t("flow.review.ready")
        if draft.ready
        else texts.t("flow.review.errors", count=len(draft.errors))
    )
    blocks: list[ft.Control] = [
        caption(
            summary, weight=ft.FontWeight.BOLD, color=ft.Colors.PRIMARY if draft.ready else ft.Colors.ERROR
        )
    ]
    intent = intent_panel(host, draft)
    if intent is not None:
        blocks.append(intent)
    waiting = intent is not None and not draft.intent_confirmed_by  # its box takes the focus first
    for title, found in (
        (texts.t("flow.review.error_list"), draft.errors),
        (texts.t("flow.review.warning_list"), draft.warnings),
    ):
        if found:
            blocks.append(caption(title, theme_style=ft.TextThemeStyle.TITLE_SMALL))
            blocks += [
                _finding(host, item, first=i == 0 and item.severity == "error" and not waiting)
                for i, item in enumerate(found)
            ]
    return ft.Column(blocks, spacing=4)


def _finding(host: StepHost, item: Feedback, *, first: bool) -> ft.Control:
    texts = host.texts
    message = item.message_en if texts.language == "en" else item.message_zh
    where = texts.t(f"flow.step.{item.step}")
    return ft.TextButton(
        texts.t("flow.review.jump", where=where, message=message),
        icon=ft.Icons.ERROR_OUTLINE if item.severity == "error" else ft.Icons.WARNING_AMBER,
        autofocus=first,
        on_click=lambda: host.go(item.step, item.field),
    )
