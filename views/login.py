"""The login screen: username, password, 登录; in training, the ready-made accounts to pick."""

from __future__ import annotations

import flet as ft

from app.desk.api import TrainingAccount
from views.session import DeskSession
from views.widgets import Actions, NoticeLine, caption, clear_when_edited, form_card, language_toggle


class LoginScreen:
    def __init__(self, session: DeskSession, actions: Actions) -> None:
        self.session, self.actions = session, actions
        texts = session.texts
        known = bool(session.last_username)  # typed before (a refused try, a sign-out): the password next
        self.username = ft.TextField(
            label=texts.t("login.username"),
            value=session.last_username,
            autofocus=not known,
            on_submit=self._username_entered,
            on_change=actions.activity,
        )
        self.password = ft.TextField(
            label=texts.t("login.password"),
            password=True,
            can_reveal_password=True,
            autofocus=known,
            on_submit=self.submit,
            on_change=actions.activity,
        )
        self.message = NoticeLine(session)
        clear_when_edited((self.username, self.password), self.message.hide)
        controls: list[ft.Control] = [
            caption(texts.t("app.subtitle"), color=ft.Colors.ON_SURFACE_VARIANT),
            self.username,
            self.password,
            ft.FilledButton(texts.t("login.submit"), icon=ft.Icons.LOGIN, on_click=self.submit),
            self.message.control,
            caption(texts.t("login.keyboard_hint"), size=12, color=ft.Colors.ON_SURFACE_VARIANT),
        ]
        controls += self._training_accounts(session.training_accounts())
        header = ft.Row([language_toggle(session, actions)], alignment=ft.MainAxisAlignment.END)
        self.control = form_card(texts.t("login.title"), controls, header=header)

    async def _username_entered(self) -> None:
        """Enter in the username box moves on to the password, or signs in when both are filled."""
        if self.password.value:
            self.submit()
        else:
            await self.password.focus()  # type: ignore[no-untyped-call]

    def submit(self) -> None:
        # Signed in or refused, the screen is drawn afresh: a refusal shows with the user name kept,
        # a new empty password box, and the focus where the clerk types next. (Emptying the old box
        # from here raced with typing again: Flet applied the emptying after the first new keystroke
        # and ate it; and Enter had ended the old box's editing, so keystrokes went nowhere.)
        self.actions.activity()
        self.session.sign_in(self.username.value or "", self.password.value or "")
        self.actions.rerender()

    def _training_accounts(self, accounts: list[TrainingAccount]) -> list[ft.Control]:
        if not accounts:
            return []
        texts = self.session.texts
        rows: list[ft.Control] = [
            ft.Row([self._account_button(account, texts.t(f"role.{account.role}"))]) for account in accounts
        ]
        return [ft.Divider(), caption(texts.t("login.training_accounts"), weight=ft.FontWeight.BOLD), *rows]

    def _account_button(self, account: TrainingAccount, role: str) -> ft.Control:
        label = self.session.texts.t(
            "login.training_account", username=account.username, password=account.password, role=role
        )
        return ft.TextButton(label, icon=ft.Icons.PERSON_OUTLINE, on_click=lambda: self._fill(account))

    def _fill(self, account: TrainingAccount) -> None:
        self.actions.activity()
        self.username.value, self.password.value = account.username, account.password
        self.username.update()
        self.password.update()
