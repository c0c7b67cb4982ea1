"""The case page's actions: the 补正 form of one service, reprinting the packet (or only the receipt with
the 服务大礼包's guides, for the founder), exporting the case behind the password. Each shows a progress
bar while it runs and its outcome on a line below."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.services.packet import FORMS_AND_RECEIPT, TAKE_HOME, PacketParts
from views.case_page_state import CasePagePresenter, ServiceSection
from views.case_texts import Said, service_text
from views.session import DeskSession
from views.widgets import caption, clear_when_edited


class OutcomeLine:
    """A progress bar while an action runs, then what came of it (red when refused)."""

    def __init__(self) -> None:
        self.progress = ft.ProgressBar(visible=False)
        self.text = ft.Text("")
        self.line = ft.Semantics(content=self.text, live_region=True, visible=False)
        self.control = ft.Column([self.progress, self.line], spacing=4, tight=True)

    def running(self) -> None:
        self.progress.visible, self.line.visible = True, False
        self.control.update()

    def hide(self) -> None:
        """The person typed again: the last outcome is no longer news."""
        if self.line.visible:
            self.line.visible = False
            self.control.update()

    def show(self, said: Said, session: DeskSession, *, update: bool = True) -> None:
        self.progress.visible = False
        self.text.value = said.text(session.texts)
        self.text.color = None if said.ok else ft.Colors.ERROR
        self.line.visible = True
        if update:
            self.control.update()


class CorrectionForm:
    def __init__(
        self,
        session: DeskSession,
        presenter: CasePagePresenter,
        section: ServiceSection,
        on_done: Callable[[], None],
    ) -> None:
        self.session, self.presenter, self.section, self.on_done = session, presenter, section, on_done
        texts = session.texts
        fields = presenter.lines.correction_fields if presenter.lines else ()
        self.boxes = {
            key: ft.TextField(label=label, value=value, on_submit=self._submit)
            for key, label, value in fields
        }
        self.outcome = OutcomeLine()
        clear_when_edited(self.boxes.values(), self.outcome.hide)
        title = texts.t("case.correction.title", service=service_text(section.code, texts))
        self.control = ft.Container(
            ft.Column(
                [
                    caption(title, weight=ft.FontWeight.BOLD),
                    caption(texts.t("case.correction.hint"), size=12),
                    *self.boxes.values(),
                    ft.FilledButton(
                        texts.t("case.correction.submit"), icon=ft.Icons.SEND, on_click=self._submit
                    ),
                    self.outcome.control,
                ],
                spacing=8,
            ),
            padding=12,
            border_radius=8,
            bgcolor=ft.Colors.SURFACE_CONTAINER_HIGH,
        )

    def _submit(self) -> None:
        self.outcome.running()
        values = {key: box.value or "" for key, box in self.boxes.items()}
        said = self.presenter.resubmit(self.section.code, values)
        if said.ok:
            self.on_done()  # drawn afresh: the service is queued, this form is gone, the notice on top
            return
        self.outcome.show(said, self.session)


class ReprintPanel:
    def __init__(self, session: DeskSession, presenter: CasePagePresenter) -> None:
        self.session, self.presenter = session, presenter
        texts = session.texts
        self.path = ft.TextField(
            label=texts.t("case.reprint.path"),
            value=presenter.default_path(".pdf"),
            expand=True,
            on_submit=self._save,  # Enter in the box saves, as the button does
        )
        self.save = ft.OutlinedButton(
            texts.t("case.reprint.save"), icon=ft.Icons.SAVE, on_click=self._save, visible=False
        )
        self.outcome = OutcomeLine()
        self.path_row = ft.Row([self.path, self.save], visible=False)
        forms = ft.OutlinedButton(texts.t("case.reprint"), icon=ft.Icons.PRINT, on_click=self._reprint)
        take_home = ft.OutlinedButton(
            texts.t("case.reprint.take_home"), icon=ft.Icons.CARD_GIFTCARD, on_click=self._take_home
        )
        self.control = ft.Column([ft.Row([forms, take_home], wrap=True), self.outcome.control, self.path_row])

    def _reprint(self) -> None:
        self._print(FORMS_AND_RECEIPT)

    def _take_home(self) -> None:
        self._print(TAKE_HOME)

    def _print(self, parts: PacketParts) -> None:
        self.outcome.running()
        said = self.presenter.reprint(parts)
        self.path_row.visible = self.save.visible = said.ok
        self.outcome.show(said, self.session, update=False)
        self.control.update()

    def _save(self) -> None:
        self.outcome.running()
        self.outcome.show(self.presenter.save_packet(self.path.value or ""), self.session)


class ExportPanel:
    def __init__(self, session: DeskSession, presenter: CasePagePresenter) -> None:
        self.session, self.presenter = session, presenter
        texts = session.texts
        self.password = ft.TextField(
            label=texts.t("case.export.password"),
            password=True,
            can_reveal_password=True,
            on_submit=self._export,
        )
        self.path = ft.TextField(
            label=texts.t("case.export.path"), value=presenter.default_path(".json"), expand=True
        )
        self.outcome = OutcomeLine()
        clear_when_edited((self.password, self.path), self.outcome.hide)
        self.form = ft.Column(
            [
                caption(texts.t("case.export.hint"), size=12),
                self.password,
                self.path,
                ft.FilledButton(texts.t("case.export.submit"), icon=ft.Icons.LOCK, on_click=self._export),
                self.outcome.control,
            ],
            spacing=8,
            visible=False,
        )
        button = ft.OutlinedButton(texts.t("case.export"), icon=ft.Icons.DOWNLOAD, on_click=self._open)
        self.control = ft.Column([button, self.form], spacing=8)

    async def _open(self) -> None:
        self.form.visible = True
        self.form.update()
        await self.password.focus()  # type: ignore[no-untyped-call]

    def _export(self) -> None:
        self.outcome.running()
        said = self.presenter.export(self.password.value or "", self.path.value or "")
        self.password.value = ""
        self.password.update()
        self.outcome.show(said, self.session)
