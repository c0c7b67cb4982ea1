"""The receipt (受理回执): what the founder takes home, with its QR code.
Data only: see ``forms.catalog.layout``.
"""

from __future__ import annotations

from forms.catalog.layout import Column, Field, Fields, FormSpec, QrCode, Signatures, SignBox, Table

RECEIPT = FormSpec(
    "受理回执",
    (
        Fields(
            (
                (Field("案卷编号", "case.id"), Field("受理时间", "receipt.issued")),
                (Field("企业名称", "company.name", span=2),),
                (Field("申请人", "lr.name"), Field("预计办结", "receipt.expected")),
                (Field("受理网点", "receipt.branch", span=2),),
            )
        ),
        Table("services", (Column("办理事项", "service", 2.0), Column("当前状态", "status", 1.0))),
        QrCode(
            "receipt.qr",
            "扫描二维码或在案卷页核验本回执（bizdesk case verify-receipt）。"
            "营业执照、印章、银行账户等办结后凭本回执领取。",
        ),
        Signatures((SignBox("受理人签字"), SignBox("申请人签收"))),
    ),
    note="本回执由申请人留存",
)
