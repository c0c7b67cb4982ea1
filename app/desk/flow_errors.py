"""The refusal of one field's text by the 新办企业 flow (see ``app.desk.flow_edit``)."""

from __future__ import annotations

from app.errors import InputRejected


class FieldUnreadable(InputRejected):
    """The text of one field cannot be stored in the case as it is (kept aside as typed)."""

    code = "flow.field_unreadable"
    title_zh = "内容格式不对"
    title_en = "Unreadable entry"

    def __init__(self, key: str, zh: str, en: str) -> None:
        super().__init__(zh, en, code="flow.field_unreadable", data={"field": key})
        self.key = key
