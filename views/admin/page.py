"""The 系统管理 area: the panels for an IT account, a locked note for anyone else."""

from __future__ import annotations

import flet as ft

from views.admin.audit_panel import AuditPanel
from views.admin.backup_panel import BackupPanel
from views.admin.branch_panel import BranchPanel
from views.admin.device_panel import DevicePanel
from views.admin.health_panel import health_panel
from views.admin.presenter import AdminPresenter
from views.admin.restore_panel import RestorePanel
from views.admin.updates_panel import UpdatesPanel
from views.admin.users_panel import UsersPanel
from views.session import DeskSession
from views.widgets import Actions


def admin_area(session: DeskSession, actions: Actions) -> ft.Control:
    presenter = AdminPresenter(session)
    if not presenter.allowed:
        return ft.Container(
            ft.Row([ft.Icon(ft.Icons.LOCK), ft.Text(session.texts.t("admin.locked"))]),
            padding=16,
            border_radius=8,
            bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
        )
    panels = [
        UsersPanel(presenter).control,
        DevicePanel(presenter).control,
        BranchPanel(presenter).control,
        health_panel(presenter),
        UpdatesPanel(presenter).control,
        BackupPanel(presenter).control,
        RestorePanel(presenter, actions.rerender).control,
        AuditPanel(presenter).control,
    ]
    return ft.Column(panels, spacing=12, expand=True, scroll=ft.ScrollMode.AUTO)
