"""One change of the services step (办理事项) applied to a case, for ``app.desk.flow_edit.apply_change``:

    services.<code>.requested        "1"/"0"
    services.<code>.data.<f>         one field of the service's own data
    services.<code>.data.<f>.<g>     one field of a part of it: the licence's ``mail_to.address`` and
                                     ``mail_to.postcode``

Choosing the licence's delivery ``mail`` (免费邮寄: the licence and the seals are mailed) fills what
the clerk would type: the recipient (the liaison, else the legal representative) and the postcode
(the company's), unless already there.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from app.case.enums import Delivery, ServiceCode
from app.case.model import Case
from app.case.service_models import LicenseData, MailTo
from app.desk.flow_defaults import default_request
from app.desk.flow_values import FieldUnreadable, flag, model_update, unknown_field


def service_change(case: Case, key: str, text: str) -> Case:
    parts = key.split(".")
    try:
        code = ServiceCode(parts[1])
    except (IndexError, ValueError):
        raise FieldUnreadable(key, f"未知业务：{key}", f"Unknown service: {key}") from None
    request = case.services.get(code)
    if request is None:
        request = default_request(code, case)
    if parts[2:] == ["requested"]:
        request = request.model_copy(update={"requested": flag(text)})
    elif len(parts) == 4 and parts[2] == "data":
        data = model_update(request.data, parts[3], _typed(request.data, parts[3], text), key)
        request = request.model_copy(update={"data": _with_mail_defaults(case, data)})
    elif len(parts) == 5 and parts[2] == "data":
        data = _part_update(request.data, parts[3], parts[4], text, key)
        request = request.model_copy(update={"data": data})
    else:
        raise unknown_field(key)
    return case.model_copy(update={"services": case.services.replaced(code, request)})


def _typed(data: BaseModel, name: str, text: str) -> Any:
    """The text as the JSON value the data field holds: numbers, lists, booleans, or text."""
    current = getattr(data, name, None)
    if isinstance(current, bool):
        return flag(text)
    if isinstance(current, list):
        return [item for item in re.split(r"[,，\s]+", text) if item]
    if not text:
        return "" if isinstance(current, str) and type(data).model_fields[name].default == "" else None
    if isinstance(current, int) or name.endswith(("_percent", "_count", "copies", "risk_class")):
        return int(text) if text.isascii() and text.isdigit() else text
    return text


def _part_update(data: BaseModel, part: str, name: str, text: str, key: str) -> Any:
    """``data`` with field ``name`` of its part ``part`` (``mail_to``) set from ``text``."""
    fields = type(data).model_fields
    current = getattr(data, part, None) if part in fields else None
    model = current if isinstance(current, BaseModel) else _blank_part(data, part)
    if model is None:
        raise unknown_field(key)
    updated = model_update(model, name, _typed(model, name, text), key)
    return model_update(data, part, updated.model_dump(mode="json"), key)


def _blank_part(data: BaseModel, part: str) -> BaseModel | None:
    """A blank instance of the model a part of ``data`` holds (``MailTo`` for ``mail_to``), if any."""
    field = type(data).model_fields.get(part)
    for kind in getattr(field.annotation, "__args__", ()) if field else ():
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            return kind()
    return None


def _with_mail_defaults(case: Case, data: Any) -> Any:
    """Mailing chosen: the recipient and the postcode the clerk would type, unless already there."""
    if not isinstance(data, LicenseData) or data.delivery is not Delivery.MAIL:
        return data
    mail = data.mail_to or MailTo()
    lr = case.roles.legal_representative
    recipient = mail.recipient_person_id or case.roles.liaison or (lr.person_id if lr else None)
    postcode = mail.postcode or case.company.postcode
    return data.model_copy(
        update={"mail_to": mail.model_copy(update={"recipient_person_id": recipient, "postcode": postcode})}
    )
