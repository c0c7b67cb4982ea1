"""First run on a new profile: IT staff create the first administrator account."""

from __future__ import annotations

import flet as ft

from views.session import DeskSession
from views.widgets import Actions, NoticeLine, caption, clear_when_edited, form_card, language_toggle


class SetupScreen:
    def __init__(self, session: DeskSession, actions: Actions) -> None:
        self.session, self.actions = session, actions
        texts = session.texts

        def field(key: str, *, secret: bool = False) -> ft.TextField:
            return ft.TextField(
                label=texts.t(key),
                password=secret,
                can_reveal_password=secret,
                on_submit=self.submit,
                on_change=actions.activity,
            )

        self.username = field("setup.username")
        self.username.autofocus = True
        self.display_name = field("setup.display_name")
        self.password = field("setup.password", secret=True)
        self.confirm = field("setup.confirm", secret=True)
        self.message = NoticeLine(session)
        boxes = (self.username, self.display_name, self.password, self.confirm)
        clear_when_edited(boxes, self.message.hide)
        controls: list[ft.Control] = [
            caption(texts.t("setup.intro")),
            self.username,
            self.display_name,
            self.password,
            self.confirm,
            ft.FilledButton(texts.t("setup.submit"), icon=ft.Icons.PERSON_ADD, on_click=self.submit),
            self.message.control,
        ]
        header = ft.Row([language_toggle(session, actions)], alignment=ft.MainAxisAlignment.END)
        self.control = form_card(texts.t("setup.title"), controls, header=header)

    def submit(self) -> None:
        self.actions.activity()
        created = self.session.create_first_account(
            self.username.value or "",
            self.display_name.value or "",
            self.password.value or "",
            self.confirm.value or "",
        )
        if created:
            self.actions.rerender()
            return
        self.message.show()
