"""The beneficial owners as the 新办企业 flow edits them: on each person's card, not as a separate list.

``owner_change(case, person_id, what, text)`` sets one thing of the person as a beneficial owner:
``basis`` (equity, benefit, control, senior_manager; "" takes the person off the list), ``share``
(percent of equity, votes or benefit), ``control`` (how control is exercised), ``since`` (a date).
Listing an owner drops the exemption declaration (承诺免报): the two exclude each other.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.case.enums import BeneficialOwnerBasis
from app.case.model import BeneficialOwner, Case, Roles
from app.desk.flow_values import FieldUnreadable, model_update, unknown_field

_FIELDS = {"share": "share_percent", "control": "control", "since": "since"}


def owner_change(case: Case, person_id: str, what: str, text: str, key: str) -> Case:
    owners = list(case.roles.beneficial_owners)
    index = next((i for i, o in enumerate(owners) if o.person_id == person_id), None)
    if what == "basis":
        if text in ("", "none"):
            return _with_owners(case, [o for o in owners if o.person_id != person_id])
        basis = _basis(text, key)
        if index is None:
            owners.append(BeneficialOwner(person_id=person_id, bases=[basis]))
        else:
            owners[index] = owners[index].model_copy(update={"bases": [basis]})
        return _with_owners(case, owners, listed=True)
    if what not in _FIELDS:
        raise unknown_field(key)
    if index is None:
        raise FieldUnreadable(key, "请先选择受益所有人的认定依据。", "Choose the owner's grounds first.")
    owners[index] = model_update(owners[index], _FIELDS[what], _value(what, text, key), key)
    return _with_owners(case, owners)


def _with_owners(case: Case, owners: list[BeneficialOwner], *, listed: bool = False) -> Case:
    update: dict[str, Any] = {"beneficial_owners": owners}
    if listed:
        update["beneficial_owner_exemption"] = None
    roles: Roles = case.roles.model_copy(update=update)
    return case.model_copy(update={"roles": roles})


def _basis(text: str, key: str) -> BeneficialOwnerBasis:
    try:
        return BeneficialOwnerBasis(text)
    except ValueError:
        raise FieldUnreadable(key, "请从列表中选择。", "Choose one of the listed values.") from None


def _value(what: str, text: str, key: str) -> str | None:
    if not text:
        return None
    if what == "since":
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise FieldUnreadable(key, "日期格式应为 2026-11-28。", "Write the date as 2026-11-28.") from None
    return text.rstrip("%％") if what == "share" else text
