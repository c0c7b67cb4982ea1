"""What every field change of the 新办企业 flow shares: the refusal of an unreadable text, and setting one
field of a model through the model's own checks (``app.desk.flow_edit``, ``app.desk.flow_services``)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from app.errors import InputRejected


class FieldUnreadable(InputRejected):
    """The text of one field cannot be stored in the case as it is (kept aside as typed)."""

    code = "flow.field_unreadable"
    title_zh = "内容格式不对"
    title_en = "Unreadable entry"

    def __init__(self, key: str, zh: str, en: str) -> None:
        super().__init__(zh, en, code="flow.field_unreadable", data={"field": key})
        self.key = key


def unknown_field(key: str) -> FieldUnreadable:
    return FieldUnreadable(key, f"未知字段：{key}", f"Unknown field: {key}")


def model_update(model: Any, name: str, value: Any, key: str) -> Any:
    """``model`` with ``name`` set to ``value``, checked by the model (strict JSON rules)."""
    if name not in type(model).model_fields:
        raise unknown_field(key)
    data = model.model_dump(mode="json", by_alias=True)
    data[name] = value
    try:
        return type(model).model_validate_json(json.dumps(data, default=str))
    except ValidationError as exc:
        raise _unreadable(key, exc) from None


def flag(text: str) -> bool:
    return text.lower() in ("1", "true", "yes", "on", "是")


def _unreadable(key: str, exc: ValidationError) -> FieldUnreadable:
    first = exc.errors()[0]
    context = first.get("ctx") or {}
    zh = str(context.get("zh") or "格式不对，请按提示重新填写。")
    en = str(context.get("en") or f"Not a valid value: {first.get('msg', '')}")
    return FieldUnreadable(key, zh, en)
