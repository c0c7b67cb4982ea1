"""The lock screen: the work is hidden until the same person types the password again."""

from __future__ import annotations

import flet as ft

from views.i18n import duration_text
from views.session import DeskSession
from views.widgets import Actions, NoticeLine, caption, clear_when_edited, form_card, language_toggle


class LockScreen:
    def __init__(self, session: DeskSession, actions: Actions) -> None:
        self.session, self.actions = session, actions
        texts = session.texts
        name = session.user.display_name if session.user else ""
        if session.locked_by_idle:
            reason = texts.t("lock.reason", wait=duration_text(session.idle.limit_seconds, texts))
        else:
            reason = texts.t("lock.manual")
        self.password = ft.TextField(
            label=texts.t("lock.password"),
            password=True,
            can_reveal_password=True,
            autofocus=True,
            on_submit=self.submit,
            on_change=actions.activity,
        )
        self.message = NoticeLine(session)
        clear_when_edited((self.password,), self.message.hide)
        controls: list[ft.Control] = [
            caption(reason),
            caption(texts.t("lock.prompt", name=name)),
            self.password,
            ft.Row(
                [
                    ft.FilledButton(texts.t("lock.unlock"), icon=ft.Icons.LOCK_OPEN, on_click=self.submit),
                    ft.TextButton(
                        texts.t("lock.switch_user"), icon=ft.Icons.SWITCH_ACCOUNT, on_click=self.switch
                    ),
                ]
            ),
            self.message.control,
        ]
        header = ft.Row([language_toggle(session, actions)], alignment=ft.MainAxisAlignment.END)
        self.control = form_card(texts.t("lock.title"), controls, header=header)

    def submit(self) -> None:
        # Refused or not, the screen is drawn afresh: a refusal shows with a new, empty password box
        # that has the focus. (Emptying the old box from here raced with the clerk typing again:
        # Flet applied the emptying after the first new keystroke and ate it; and Enter had ended
        # the old box's editing, so the next keystrokes went nowhere.)
        self.session.unlock(self.password.value or "")
        self.actions.rerender()

    def switch(self) -> None:
        self.session.sign_out()
        self.actions.rerender()
