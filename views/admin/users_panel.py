"""用户与角色: the accounts with their state, add a user, unlock, reset a password."""

from __future__ import annotations

from typing import cast

import flet as ft

from app.accounts.model import Role
from views.admin.common import OutcomeLine, section, text_lines
from views.admin.presenter import AdminPresenter, Outcome, UserLine
from views.widgets import clear_when_edited


class UsersPanel:
    def __init__(self, presenter: AdminPresenter) -> None:
        self.presenter = presenter
        t = presenter.session.texts.t
        self.username = ft.TextField(label=t("admin.users.new_username"), width=200)
        self.display_name = ft.TextField(label=t("admin.users.display_name"), width=200)
        self.password = ft.TextField(
            label=t("admin.users.password"), password=True, width=200, on_submit=self._add
        )
        self.role = ft.RadioGroup(
            value="clerk",
            content=ft.Row([ft.Radio(value=role, label=name) for role, name in presenter.role_names()]),
        )
        self.new_password = ft.TextField(label=t("admin.users.new_password"), password=True, width=260)
        self.rows = ft.Column(spacing=4)
        self.outcome = OutcomeLine()
        clear_when_edited(
            (self.username, self.display_name, self.password, self.new_password), self.outcome.hide
        )
        add = ft.FilledButton(t("admin.users.add"), icon=ft.Icons.PERSON_ADD, on_click=self._add)
        self.control = section(
            t("admin.users"),
            [
                ft.Row([self.username, self.display_name, self.password], wrap=True),
                ft.Row([self.role, add], wrap=True),
                self.outcome.control,
                ft.Divider(),
                self.new_password,
                self.rows,
            ],
        )
        self.refresh()

    def refresh(self) -> None:
        lines, failure = self.presenter.users()
        self.rows.controls = [self._row(line) for line in lines] + text_lines([], failure)

    def _row(self, line: UserLine) -> ft.Control:
        t = self.presenter.session.texts.t
        buttons: list[ft.Control] = [
            ft.TextButton(
                t("admin.users.reset", username=line.username),
                icon=ft.Icons.PASSWORD,
                on_click=lambda _, name=line.username: self._reset(name),
            )
        ]
        toggle = (
            ft.TextButton(
                t("admin.users.enable", username=line.username),
                icon=ft.Icons.PERSON,
                on_click=lambda _, name=line.username: self._done(self.presenter.enable(name)),
            )
            if line.disabled
            else ft.TextButton(
                t("admin.users.disable", username=line.username),
                icon=ft.Icons.PERSON_OFF,
                on_click=lambda _, name=line.username: self._done(self.presenter.disable(name)),
            )
        )
        buttons.append(toggle)
        if line.locked:
            buttons.insert(
                0,
                ft.FilledTonalButton(
                    t("admin.users.unlock", username=line.username),
                    icon=ft.Icons.LOCK_OPEN,
                    on_click=lambda _, name=line.username: self._unlock(name),
                ),
            )
        return ft.Row([ft.Semantics(container=True, content=ft.Text(line.text), expand=True), *buttons])

    def _add(self) -> None:
        role = cast("Role", self.role.value or "clerk")
        outcome = self.presenter.add_user(
            self.username.value or "", self.display_name.value or "", role, self.password.value or ""
        )
        if outcome.ok:
            self.username.value = self.display_name.value = self.password.value = ""
        self._done(outcome)

    def _unlock(self, username: str) -> None:
        self._done(self.presenter.unlock(username))

    def _reset(self, username: str) -> None:
        outcome = self.presenter.reset_password(username, self.new_password.value or "")
        if outcome.ok:
            self.new_password.value = ""
        self._done(outcome)

    def _done(self, outcome: Outcome) -> None:
        self.outcome.show(outcome)
        self.refresh()
        self.control.update()
