"""The receipt (受理回执): what the founder takes home. Data only: see ``forms.catalog.layout``; what it
says is decided in ``app.services.receipt`` (facts ``receipt.*``: ``forms.receipt_facts``).

It tells the founder when the desk accepted the case and when it should be done, what happens next
for each service and where (or why it was not granted and what to do, or what is done), how the
licence and the seals are handed over (at the accepting desk, or mailed), what is free, which desk
accepted the case and how to rate it (好差评) or complain. Staff check it by its QR code.
"""

from __future__ import annotations

from forms.catalog.layout import (
    Column,
    Field,
    Fields,
    FormSpec,
    QrCode,
    QrRow,
    Signatures,
    SignBox,
    Table,
    Text,
)

RECEIPT = FormSpec(
    "受理回执",
    (
        Fields(
            (
                (Field("案卷编号", "case.id"), Field("申请人", "lr.name")),
                (Field("企业名称", "company.name", span=2),),
            )
        ),
        Fields(
            ((Field("受理时间", "receipt.accepted"), Field("预计办结", "receipt.expected")),),
            unless=("receipt.completed",),
        ),
        Fields(
            ((Field("受理时间", "receipt.accepted"), Field("办结时间", "receipt.expected")),),
            when=("receipt.completed",),
        ),
        Table(
            "receipt_services",
            (
                Column("办理事项", "service", 1.1),
                Column("状态", "status", 0.8),
                Column("下一步、办理地点或办理结果", "detail", 5.2),
            ),
        ),
        Text("{receipt.handover}", size=10, indent=False),
        Text("免费服务：{receipt.free}", size=10, indent=False),
        Fields(
            (
                (Field("受理窗口", "receipt.desk", span=2),),
                (Field("网点地址", "receipt.address"), Field("咨询电话", "receipt.phone")),
                (Field("工作时间", "receipt.hours"), Field("监督电话", "receipt.supervision_phone")),
            )
        ),
        QrRow(
            (
                QrCode(
                    "receipt.rating",
                    "好差评：请扫码为本次服务评价。\n不满意可拨打监督电话 {receipt.supervision_phone}。",
                    when=("receipt.rating",),
                    show_value=False,
                ),
                QrCode("receipt.qr", "窗口工作人员凭此二维码核验本回执。"),
            )
        ),
        Text(
            "好差评：请在窗口评价器上为本次服务评价；不满意可拨打监督电话 {receipt.supervision_phone}。",
            size=10,
            indent=False,
            unless=("receipt.rating",),
        ),
        Signatures((SignBox("受理人签字"), SignBox("申请人签收")), height=56),
    ),
    note="本回执由申请人留存",
)
