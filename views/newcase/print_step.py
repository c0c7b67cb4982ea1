"""Step 6, 打印: the packet (申请材料) previewed, saved where the clerk says, or handed to the browser.

- 附服务大礼包 (ticked by default): the guides that go with the case's services follow the receipt;
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
from app.services.packet import FORMS_AND_RECEIPT, WITH_GUIDES, PacketParts
from views.newcase.fields import StepForm, StepHost
from views.session import attempt
from views.widgets import caption


def print_step(host: StepHost, form: StepForm) -> ft.Control:
    return PrintStep(host).control


class PrintStep:
    def __init__(self, host: StepHost) -> None:
        self.host, t = host, host.texts.t
        case_id = host.presenter.case_id
        self.preview = ft.Column([caption(t("flow.print.loading"))], spacing=4)
        suggestion = str(Path.home() / "Documents" / "bizdesk" / f"{case_id}.pdf")  # shown, saved on request
        self.path = ft.TextField(
            label=t("flow.print.path"), value=suggestion, width=520, dense=True, on_submit=self.save
        )
        self.done = ft.Text("")
        self.guides = ft.Checkbox(label=t("flow.print.guides"), value=True, on_change=self.guides_changed)
        save = ft.FilledButton(t("flow.print.save"), icon=ft.Icons.SAVE, on_click=self.save)
        browser = ft.OutlinedButton(
            t("flow.print.browser"), icon=ft.Icons.PRINT, on_click=browser_handler(host, lambda: self.parts)
        )
        self.control = ft.Column(
            [
                caption(t("flow.print.hint"), size=12),
                self.guides,
                self.preview,
                ft.Row([self.path, save], wrap=True),
                browser,
                ft.Semantics(content=self.done, live_region=True),
            ],
            spacing=8,
        )
        host.run_in_worker(self.load)

    @property
    def parts(self) -> PacketParts:
        return WITH_GUIDES if self.guides.value else FORMS_AND_RECEIPT

    def guides_changed(self) -> None:
        self.preview.controls = [caption(self.host.texts.t("flow.print.loading"))]
        self.preview.update()
        self.host.run_in_worker(self.load)

    def load(self) -> None:
        presenter, parts = self.host.presenter, self.parts
        preview, notice = attempt(lambda: presenter.desk.packet_preview(presenter.case_id, parts))
        if preview is not None:
            self.preview.controls = _preview(self.host, preview)
        else:
            self.preview.controls = [
                ft.Text(notice.text(self.host.texts) if notice else "", color=ft.Colors.ERROR)
            ]
        self.preview.update()

    def save(self) -> None:
        presenter, where, parts = self.host.presenter, self.path.value or "", self.parts
        written = presenter.run(lambda: presenter.desk.save_packet(presenter.case_id, where, parts))
        self.done.value = self.host.texts.t("flow.print.saved", path=written) if written else ""
        self.done.update()
        if not written:
            self.host.redraw()  # shows why (the notice line)


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


def browser_handler(
    host: StepHost, parts: Callable[[], PacketParts]
) -> Callable[[], Coroutine[Any, Any, None]]:
    """下载并打印: the packet of ``parts()`` to the browser (also the receipt after submitting)."""

    async def clicked() -> None:  # async: Flet awaits it, and the save dialog with it
        await _to_browser(host, parts())

    return clicked


async def _to_browser(host: StepHost, parts: PacketParts) -> None:
    presenter = host.presenter
    packet, notice = attempt(lambda: presenter.desk.case_packet(presenter.case_id, parts))
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
        attempt(lambda: presenter.desk.save_packet(presenter.case_id, saved, parts))
