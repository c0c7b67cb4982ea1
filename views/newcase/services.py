"""Step 3, 办理事项: the seven services on or off, each asking only its own extra data (defaults filled)."""

from __future__ import annotations

import flet as ft

from app.desk.flow_api import ServiceView
from views.newcase.fields import StepForm, StepHost
from views.widgets import caption

# The data each service asks the clerk for (the rest is derived from the case or fixed by the desk).
ASKED: dict[str, tuple[str, ...]] = {
    "license": ("copies",),
    "seal": ("engraver",),
    "bank_account": ("branch_code", "branch_name", "ukey_count"),
    "tax": ("taxpayer_kind",),  # 数电发票: no monthly limit to ask (the tax system sets a total amount)
    "social_security": ("risk_class", "start_month"),
    "medical_insurance": ("start_month",),
    "housing_fund": ("employer_rate_percent", "employee_rate_percent", "start_month"),
}
SHOWN: dict[str, tuple[str, ...]] = {"seal": ("seals",), "tax": ("invoice_kinds",)}


def services_step(host: StepHost, form: StepForm) -> ft.Control:
    draft = host.presenter.draft
    if not form.focus_key:
        missing = next((f.field for f in draft.errors if f.field.startswith("services.")), "")
        form.focus_key = missing or "services.license.data.copies"
    rows = [_service(host, form, service) for service in draft.services]
    return ft.Column([caption(host.texts.t("flow.services.hint"), size=12), *rows], spacing=8)


def _service(host: StepHost, form: StepForm, service: ServiceView) -> ft.Control:
    t = host.texts.t
    label = t(f"flow.service.{service.code}")
    switch = form.tick(f"services.{service.code}.requested", label, service.requested)
    fields: list[ft.Control] = (
        [
            form.text(
                f"services.{service.code}.data.{name}",
                t(f"flow.sf.{name}", service=label),
                service.data.get(name, ""),
                width=220,
            )
            for name in ASKED[service.code]
        ]
        if service.requested
        else []
    )
    fixed = [
        caption(t(f"flow.sf.{name}.shown", value=_labels(host, service.data.get(name, ""))), size=12)
        for name in SHOWN.get(service.code, ())
        if service.requested
    ]
    if service.code == "license" and service.requested:
        fixed += _delivery(host, form, service)
    body = ft.Column(
        [switch, ft.Row(fields, wrap=True, vertical_alignment=ft.CrossAxisAlignment.START), *fixed], spacing=4
    )
    return ft.Card(content=ft.Container(body, padding=10))


def _delivery(host: StepHost, form: StepForm, licence: ServiceView) -> list[ft.Control]:
    """免费邮寄: ticked, the licence and the seals are mailed to the address (recipient: the liaison)."""
    t, mailed = host.texts.t, licence.data.get("delivery") == "mail"
    key = "services.license.data"
    tick = form.tick(
        f"{key}.delivery",
        t("flow.sf.delivery"),
        mailed,
        after=lambda _: _reload(host),
        values=("mail", "pickup"),
    )
    if not mailed:
        return [tick]
    address = form.text(
        f"{key}.mail_to.address",
        t("flow.sf.mail_address"),
        licence.data.get("mail_to.address", ""),
        width=420,
    )
    postcode = form.text(
        f"{key}.mail_to.postcode",
        t("flow.sf.mail_postcode"),
        licence.data.get("mail_to.postcode", ""),
        width=140,
    )
    recipient = caption(t("flow.sf.mail_recipient", name=licence.recipient or "—"), size=12)
    return [
        tick,
        ft.Row([address, postcode], wrap=True, vertical_alignment=ft.CrossAxisAlignment.START),
        recipient,
    ]


def _reload(host: StepHost) -> None:
    """Mailing switched: the address boxes appear or go, so the step is drawn again."""
    host.presenter.reload()
    host.redraw()


def _labels(host: StepHost, codes: str) -> str:
    texts = host.texts
    return "、".join(texts.t(f"flow.value.{code}") for code in codes.split(",") if code)
