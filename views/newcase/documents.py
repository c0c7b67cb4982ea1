"""Step 4, 材料: the derived checklist; attach a scan (image or PDF) or defer a non-key item (容缺受理)."""

from __future__ import annotations

import datetime as dt

import flet as ft

from app.clock import desk_today
from app.desk.flow_api import DocumentView
from views.newcase.fields import StepForm, StepHost
from views.widgets import caption

DEFAULT_DEFERRAL_DAYS = 15


def documents_step(host: StepHost, form: StepForm) -> ft.Control:
    texts, draft = host.texts, host.presenter.draft
    pending = next((d for d in draft.documents if d.status == "missing"), None)
    rows = [_row(host, form, document, first=document is pending) for document in draft.documents]
    hints = [
        caption(texts.t("flow.documents.hint"), size=12),
        caption(texts.t("flow.doc.path_hint"), size=12),
    ]
    return ft.Column([*hints, *rows], spacing=6)


def document_label(host: StepHost, document: DocumentView) -> str:
    t = host.texts.t
    kind = t(f"flow.kind.{document.kind}")
    return t("flow.doc.label", kind=kind, person=document.person_name) if document.person_name else kind


def _row(host: StepHost, form: StepForm, document: DocumentView, *, first: bool) -> ft.Control:
    t = host.texts.t
    label = document_label(host, document)
    status = t(f"flow.doc.{document.status}") + (f" {document.due_date}" if document.due_date else "")
    key = t("flow.doc.key") if document.key else t("flow.doc.deferrable")
    heading = ft.Row([caption(label, weight=ft.FontWeight.BOLD), caption(key, size=12), caption(status)])
    if document.status == "provided":
        return ft.Container(heading, padding=6)
    path = ft.TextField(
        label=t("flow.doc.path", label=label),
        width=420,
        dense=True,
        autofocus=first,  # the first material still missing: attach or defer it next
        on_submit=lambda e: _attach(host, document, e.control.value or ""),
    )
    controls: list[ft.Control] = [
        path,
        ft.OutlinedButton(
            t("flow.doc.attach", label=label),
            icon=ft.Icons.ATTACH_FILE,
            on_click=lambda: _attach(host, document, path.value or ""),
        ),
    ]
    if not document.key and document.status != "deferred":
        due = (desk_today() + dt.timedelta(days=DEFAULT_DEFERRAL_DAYS)).isoformat()
        controls.append(
            ft.OutlinedButton(
                t("flow.doc.defer", label=label, due=due),
                icon=ft.Icons.SCHEDULE,
                on_click=lambda: _defer(host, document, due),
            )
        )
    return ft.Column([heading, ft.Row(controls, wrap=True)], spacing=2)


def _attach(host: StepHost, document: DocumentView, path: str) -> None:
    presenter = host.presenter
    presenter.run(
        lambda: presenter.desk.attach_document(presenter.case_id, document.kind, document.subject, path)
    )
    host.redraw()


def _defer(host: StepHost, document: DocumentView, due: str) -> None:
    presenter = host.presenter
    presenter.run(
        lambda: presenter.desk.defer_document(presenter.case_id, document.kind, document.subject, due)
    )
    host.redraw()
