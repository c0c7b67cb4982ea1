"""``update apply`` that installs the pack and then has the app refused says both (issue 20 §1)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from app.services import updates
from app.updates.documents import UpdateRefused
from tests.fakes import FakeStore


def _waiting(monkeypatch: pytest.MonkeyPatch, *, pack: bool, refusal: UpdateRefused) -> None:
    """A pending pack (or none) and a staged app whose install is refused; no network."""
    monkeypatch.setattr(updates, "check_updates", lambda *_, **__: None)
    monkeypatch.setattr(
        updates, "update_status", lambda _uow: SimpleNamespace(pending_version="2026.5" if pack else None)
    )
    monkeypatch.setattr(updates.app_state, "has_staged_app", lambda _settings: True)
    monkeypatch.setattr(updates, "apply_update", lambda *_, **__: SimpleNamespace(version="2026.5"))

    def refuse(*_: Any, **__: Any) -> str:
        raise refusal

    monkeypatch.setattr(updates, "install_app", refuse)


REFUSAL = UpdateRefused("安装程序不可用。", "No installer.", code="update_refused.no_installer")


def test_a_pack_installed_and_the_app_refused_are_both_said(monkeypatch: pytest.MonkeyPatch) -> None:
    _waiting(monkeypatch, pack=True, refusal=REFUSAL)
    with pytest.raises(UpdateRefused) as refused:
        updates.apply_updates(FakeStore(), object(), object(), by="itadmin")  # type: ignore[arg-type]
    assert refused.value.message_zh == "已安装参考数据 2026.5；软件版本未安装：安装程序不可用。"
    assert refused.value.message_en == "Reference pack 2026.5 installed; the app was not: No installer."
    assert refused.value.code == "update_refused.no_installer"
    assert refused.value.data["pack_installed"] == "2026.5"


def test_the_app_refused_alone_is_the_refusal_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    _waiting(monkeypatch, pack=False, refusal=REFUSAL)
    with pytest.raises(UpdateRefused) as refused:
        updates.apply_updates(FakeStore(), object(), object(), by="itadmin")  # type: ignore[arg-type]
    assert refused.value is REFUSAL
