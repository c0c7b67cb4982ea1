"""同步状态 inside 系统管理: the sync centre's status, counts and times (read once when shown)."""

from __future__ import annotations

import flet as ft

from views.admin.common import section, text_lines
from views.admin.presenter import AdminPresenter


def health_panel(presenter: AdminPresenter) -> ft.Control:
    session = presenter.session
    lines, failure = session.sync_lines()
    texts: list[str] = []
    if lines is not None:
        texts = [lines.status, *(line.text for line in lines.counts), *lines.times]
        if lines.problem:
            texts.append(lines.problem)
    return section(
        session.texts.t("admin.health"), text_lines(texts, failure.text(session.texts) if failure else None)
    )
