"""Step 6, 打印: the packet (申请材料) previewed, saved where the clerk says, or handed to the browser.

- preview: page count, the forms' titles, and the first page as an image (rendered in memory);
- 保存: the PDF is written to the full path the clerk types (never the system temp folder);
- 下载并打印: the PDF goes to the browser (web mode: the browser saves or opens it, and prints it
  from its PDF viewer) or to the save dialog of the desktop window.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import flet as ft

from app.desk.flow_api import PacketPreview
from views.newcase.fields import StepForm, StepHost
from views.session import attempt
from views.widgets import caption


def print_step(host: StepHost, form: StepForm) -> ft.Control:
    t, presenter = host.texts.t, host.presenter
    preview_box = ft.Column([caption(t("flow.print.loading"))], spacing=4)
    suggestion = str(Path.home() / "Documents" / "bizdesk" / f"{presenter.case_id}.pdf")
    path = ft.TextField(
        label=t("flow.print.path"),
        value=suggestion,
        width=520,
        dense=True,
        on_submit=lambda e: _save(host, e.control.value or ""),
    )
    done = ft.Text("")

    def load() -> None:
        preview, notice = attempt(lambda: presenter.desk.packet_preview(presenter.case_id))
        preview_box.controls = (
            _preview(host, preview)
            if preview
            else [ft.Text(notice.text(host.texts) if notice else "", color=ft.Colors.ERROR)]
        )
        preview_box.update()

    host.run_in_worker(load)

    def _save(host: StepHost, where: str) -> None:
        written = presenter.run(lambda: presenter.desk.save_packet(presenter.case_id, where))
        done.value = t("flow.print.saved", path=written) if written else ""
        host.show_notice()
        host.redraw() if not written else done.update()

    return ft.Column(
        [
            caption(t("flow.print.hint"), size=12),
            preview_box,
            ft.Row(
                [
                    path,
                    ft.FilledButton(
                        t("flow.print.save"),
                        icon=ft.Icons.SAVE,
                        on_click=lambda: _save(host, path.value or ""),
                    ),
                ],
                wrap=True,
            ),
            ft.OutlinedButton(t("flow.print.browser"), icon=ft.Icons.PRINT, on_click=_browser_handler(host)),
            ft.Semantics(content=done, live_region=True),
        ],
        spacing=8,
    )


def _preview(host: StepHost, preview: PacketPreview) -> list[ft.Control]:
    t = host.texts.t
    lines: list[ft.Control] = [
        caption(
            t("flow.print.pages", pages=preview.pages, forms="、".join(preview.forms)),
            weight=ft.FontWeight.BOLD,
        )
    ]
    if preview.first_page_png:
        encoded = base64.b64encode(preview.first_page_png).decode()
        lines.append(
            ft.Image(src=f"data:image/png;base64,{encoded}", width=300, semantics_label=t("flow.print.image"))
        )
    return lines


def _browser_handler(host: StepHost) -> Callable[[], Coroutine[Any, Any, None]]:
    async def clicked() -> None:  # async: Flet awaits it, and the save dialog with it
        await _to_browser(host)

    return clicked


async def _to_browser(host: StepHost) -> None:
    presenter = host.presenter
    packet, notice = attempt(lambda: presenter.desk.case_packet(presenter.case_id))
    if packet is None:
        presenter.notice = notice
        host.show_notice()
        host.redraw()
        return
    picker = ft.FilePicker()
    page = host.page()
    page.services.append(picker)
    saved = await picker.save_file(
        file_name=f"{presenter.case_id}.pdf", src_bytes=packet.pdf, allowed_extensions=["pdf"]
    )
    if saved and not page.web:  # the desktop dialog gives a path: write the PDF there
        attempt(lambda: presenter.desk.save_packet(presenter.case_id, saved))
