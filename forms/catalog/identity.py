"""The two pages the 2026 registration documents add (经营主体登记文书规范 2026年版, 国市监注发〔2026〕5号,
in force from 2026-05-01): the natural persons' ID numbers, addresses and mobiles on a page of their own,
kept apart from the documents the public may see; and the real-name confirmation (实名登记确认) of the
people verified before registration (市场监管总局令第88号). Data only: see ``forms.catalog.layout``.
"""

from __future__ import annotations

from forms.catalog.layout import BoxKind, Column, Field, Fields, FormSpec, Signatures, SignBox, Table, Text

_UNIT = Fields(((Field("企业名称", "company.name", span=2),),))

IDENTITY_PAGE = FormSpec(
    "自然人身份信息",
    (
        _UNIT,
        Table(
            "registration_people",
            (
                Column("姓名", "name", 0.9),
                Column("在本企业的职务或身份", "posts", 1.5),
                Column("证件类型", "id_type", 1.1),
                Column("证件号码", "id_number", 2.0),
                Column("住所", "address", 2.2),
                Column("移动电话", "mobile", 1.4),
            ),
        ),
        Text(
            "本页所列身份证件号码、住所、移动电话为个人敏感信息，单独列页，仅供登记机关核验身份和联系使用，不予公示。",
            size=9,
        ),
    ),
    when=("service.license",),
    note="个人敏感信息单独列页；本页由登记机关留存",
)

REAL_NAME_CONFIRMATION = FormSpec(
    "实名登记确认表",
    (
        _UNIT,
        Text(
            "依照《防范和查处假冒企业登记违法行为规定》（市场监管总局令第88号），下列人员已通过实名认证系统核验身份，"
            "确认本人知悉并同意以本人身份参与本次{application.kind}登记，所担任的职务或身份与登记申请一致。"
        ),
        Table(
            "real_name_people",
            (
                Column("姓名", "name", 1.0),
                Column("职务或身份", "posts", 1.6),
                Column("证件类型", "id_type", 1.1),
                Column("核验方式", "check", 1.2),
                Column("本人签字", "sign", 1.6),
            ),
        ),
        Signatures((SignBox("{head.signer}签字", BoxKind.FINGERPRINT), SignBox("登记窗口核验人"))),
    ),
    when=("service.license",),
    note="实名登记确认；本表由登记机关留存",
)
