"""The desk's own branch (本网点): who accepted the case, where, how to reach it, and whom to complain to.

Every desk sits in a bank branch. IT sets the branch once per desk, in 系统管理 → 本网点信息 or with
``bizdesk db set branch.<field> VALUE``; the settings store keeps it as one JSON object under
``desk_branch``::

    {"name": "寿光农村商业银行圣城支行", "address": "寿光市圣城街道…", "phone": "0536-…",
     "supervision_phone": "12345", "bank_code": "314458500011", "engraver": "寿光市圣城印章刻制服务部"}

``name``, ``address``, ``phone`` and ``supervision_phone`` (监督电话 of the 好差评 system) are printed on
the receipt (受理回执); ``bank_code`` (联行号) and ``engraver`` are the defaults of a new case's bank
account and seals, never printed as the desk's identity. A training profile fills what IT left empty
with the fictitious ``TRAINING_BRANCH``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from app.errors import InputRejected
from app.ports import SettingsStore
from app.unit_of_work import UnitOfWork

BRANCH_SETTING = "desk_branch"
_PHONE = re.compile(r"^[0-9][0-9-]{2,19}$")
_BANK_CODE = re.compile(r"^[0-9]{12}$")
_MAX_TEXT = 100


@dataclass(frozen=True)
class DeskBranch:
    """The desk's branch: its identity on the receipt and the defaults every case of it shares."""

    branch_name: str = ""  # 寿光农村商业银行圣城支行
    bank_code: str = ""  # 联行号 of this branch, 12 digits: the bank-account default, never on the receipt
    engraver: str = ""  # the police-designated engraver founders here usually choose
    address: str = ""
    phone: str = ""
    supervision_phone: str = ""  # 监督电话 for the 好差评 system

    @classmethod
    def from_setting(cls, value: object) -> DeskBranch:
        if not isinstance(value, dict):
            return cls()
        return cls(**{field: str(value.get(key) or "") for key, field in _KEYS.items()})

    def as_setting(self) -> dict[str, str]:
        return {key: getattr(self, field) for key, field in _KEYS.items()}


# setting key (also ``bizdesk db set branch.<key>``) -> attribute
_KEYS = {
    "name": "branch_name",
    "bank_code": "bank_code",
    "engraver": "engraver",
    "address": "address",
    "phone": "phone",
    "supervision_phone": "supervision_phone",
}
BRANCH_FIELDS: tuple[str, ...] = tuple(_KEYS)
_LABELS = {
    "name": ("网点名称", "branch name"),
    "bank_code": ("联行号", "bank code"),
    "engraver": ("常用刻章单位", "usual engraver"),
    "address": ("网点地址", "address"),
    "phone": ("咨询电话", "phone"),
    "supervision_phone": ("监督电话", "supervision phone"),
}

TRAINING_BRANCH = DeskBranch(
    branch_name="寿光农村商业银行圣城支行",
    bank_code="314458500011",
    engraver="寿光市圣城印章刻制服务部",
    address="寿光市圣城街道培训路1号（培训网点）",
    phone="0536-0000000",
    supervision_phone="12345",
)


def desk_branch(setting: object, *, training: bool) -> DeskBranch:
    """The branch from the ``desk_branch`` setting; in training, unset fields from ``TRAINING_BRANCH``."""
    configured = DeskBranch.from_setting(setting)
    if not training:
        return configured
    filled = {
        field: getattr(configured, field) or getattr(TRAINING_BRANCH, field) for field in _KEYS.values()
    }
    return DeskBranch(**filled)


def read_branch(settings: SettingsStore, *, training: bool) -> DeskBranch:
    return desk_branch(settings.get_json(BRANCH_SETTING), training=training)


def set_branch(uow: UnitOfWork, changes: Mapping[str, str], *, by: str | None) -> DeskBranch:
    """Change fields of the branch (keys of ``BRANCH_FIELDS``), checked, audited, committed.

    Raises ``InputRejected`` naming the field for an unknown key or an unusable value; nothing is
    changed then. Returns the branch as stored (training defaults not filled in).
    """
    stored = DeskBranch.from_setting(uow.settings.get_json(BRANCH_SETTING)).as_setting()
    for key, value in changes.items():
        stored[key] = _checked(key, value)
    uow.settings.set_json(BRANCH_SETTING, stored)
    uow.audit.append("settings.branch", actor=by, details={"fields": sorted(changes)})
    uow.commit()
    return DeskBranch.from_setting(stored)


def _checked(key: str, value: str) -> str:
    if key not in _KEYS:
        raise InputRejected(
            f"未知的网点信息项 {key}；可用：{'、'.join(BRANCH_FIELDS)}。",
            f"Unknown branch field {key}; use one of {', '.join(BRANCH_FIELDS)}.",
            code="branch.unknown_field",
            data={"field": key},
        )
    text = value.strip()
    zh, en = _LABELS[key]
    if len(text) > _MAX_TEXT:
        raise _refused(
            key, f"{zh}过长（最多{_MAX_TEXT}个字）。", f"The {en} is too long (at most {_MAX_TEXT})."
        )
    if key in ("phone", "supervision_phone") and text and not _PHONE.match(text):
        raise _refused(
            key,
            f"{zh}“{text}”格式不对：请只用数字和连字符，例如 0536-5201234 或 12345。",
            f"The {en} '{text}' is not a phone number: digits and hyphens only, e.g. 0536-5201234.",
        )
    if key == "bank_code" and text and not _BANK_CODE.match(text):
        raise _refused(key, f"联行号“{text}”应为12位数字。", f"The bank code '{text}' must be 12 digits.")
    return text


def _refused(key: str, zh: str, en: str) -> InputRejected:
    return InputRejected(zh, en, code="branch.invalid", data={"field": key})


__all__ = [
    "BRANCH_FIELDS",
    "BRANCH_SETTING",
    "TRAINING_BRANCH",
    "DeskBranch",
    "desk_branch",
    "read_branch",
    "set_branch",
]
