"""营业执照: the registration application (公司登记（备案）申请书) and its sheets, with the
sole-proprietorship and partnership variants. Data only: see ``forms.catalog.layout``.
"""

from __future__ import annotations

from forms.catalog.layout import (
    BoxKind,
    Column,
    Field,
    Fields,
    FormSpec,
    Heading,
    Signatures,
    SignBox,
    Table,
    Text,
)

_KEPT = "本表由登记机关留存"
_PERSON = (
    (Field("姓名", "{p}.name"), Field("证件类型", "{p}.id_type")),
    (Field("证件号码", "{p}.id_number"), Field("移动电话", "{p}.mobile")),
    (Field("住址", "{p}.address", span=2),),
)


def person_rows(prefix: str) -> tuple[tuple[Field, ...], ...]:
    """The five fields of a person in a role (``lr``, ``finance``, ``investor``...), as field rows."""
    return tuple(tuple(Field(f.label, f.key.format(p=prefix), f.span) for f in row) for row in _PERSON)


def named_rows(prefix: str) -> tuple[tuple[Field, ...], ...]:
    """A person on a registration document: name and document type only. The ID number, address and
    mobile go to the separate 自然人身份信息 page (经营主体登记文书规范 2026年版)."""
    return ((Field("姓名", f"{prefix}.name"), Field("证件类型", f"{prefix}.id_type")),)


_LICENCE = (
    (Field("营业执照副本", "license.copies"), Field("领取方式", "license.delivery")),
    (Field("电子营业执照", "license.electronic"), Field("邮寄地址", "license.mail")),
)
_DECLARATION = Text(
    "本企业依照《中华人民共和国公司法》《中华人民共和国市场主体登记管理条例》申请登记（备案），"
    "提交材料真实有效，复印件与原件一致，并对申请材料的真实性、合法性、有效性负责。"
    "通过联络员报送、公示的企业信息为本企业提供、发布的信息，信息真实、有效。"
)
_LR_SIGNS = Signatures((SignBox("法定代表人签字", BoxKind.FINGERPRINT),))

COMPANY_APPLICATION = FormSpec(
    "公司登记（备案）申请书",
    (
        Fields(((Field("申请类型", "application.kind", span=2),),), unless=("type.joint_stock",), gap=False),
        Fields(
            ((Field("申请类型", "application.kind"), Field("设立方式", "company.establishment")),),
            when=("type.joint_stock",),
            gap=False,
        ),
        Fields(
            (
                (Field("名称", "company.name", span=2),),
                (Field("公司类型", "company.type", span=2),),
                (Field("住所", "company.domicile", span=2),),
                (Field("生产经营地", "company.production", span=2),),
                (Field("联系电话", "company.phone"), Field("邮政编码", "company.postcode")),
                (Field("法定代表人", "lr.name"), Field("职务", "lr.position")),
                (Field("注册资本", "company.capital"), Field("币种", "company.currency")),
                (Field("营业期限", "company.term"), Field("从业人数", "company.employees")),
                (Field("国民经济行业", "company.industry", span=2),),
                (Field("经营范围", "company.scope", span=2),),
                *_LICENCE,
            )
        ),
        _DECLARATION,
        _LR_SIGNS,
    ),
    when=("company",),
    note=_KEPT,
)

LEGAL_REPRESENTATIVE_SHEET = FormSpec(
    "法定代表人信息",
    (
        Fields(
            (
                (Field("企业名称", "company.name", span=2),),
                (Field("职务", "lr.position"), Field("产生方式", "gov.lr_chosen")),
            )
        ),
        Fields(named_rows("lr")),
        Text(
            "本人符合《公司法》第一百七十八条关于任职资格的规定，不存在不得担任法定代表人的情形；所填信息真实有效。"
        ),
        _LR_SIGNS,
    ),
    when=("company",),
    note=_KEPT,
)

OFFICERS_SHEET = FormSpec(
    "董事、监事、经理信息",
    (
        Fields(((Field("企业名称", "company.name", span=2),),)),
        Table(
            "officers",
            (
                Column("职务", "title", 1.4),
                Column("姓名", "name", 1.0),
                Column("证件类型", "id_type", 1.2),
                Column("产生方式", "appointed", 1.5),
            ),
            min_rows=3,
        ),
        Text("上述人员符合《公司法》规定的任职资格；董事、高级管理人员未兼任监事。"),
        Signatures((SignBox("法定代表人签字", BoxKind.FINGERPRINT),)),
    ),
    when=("company",),
    note=_KEPT,
)

_HOLDERS = Table(
    "shareholders",
    (
        Column("股东名称或姓名", "name", 1.6),
        Column("证件类型", "id_type", 1.2),
        Column("证件号码", "public_id", 2.0),
        Column("认缴出资额（万元）", "subscribed", 1.1),
        Column("出资方式", "forms", 0.9),
        Column("出资期限", "due", 1.3),
        Column("出资比例", "share", 0.9),
    ),
    min_rows=2,
    when=("type.llc",),
)
_PROMOTERS = Table(
    "shareholders",
    (
        Column("发起人名称或姓名", "name", 1.6),
        Column("证件类型", "id_type", 1.2),
        Column("证件号码", "public_id", 2.0),
        Column("认购股份数（万股）", "shares", 1.1),
        Column("出资方式", "forms", 0.9),
        Column("出资时间", "due", 1.3),
        Column("持股比例", "share", 0.9),
    ),
    min_rows=2,
    when=("type.joint_stock",),
)
_HOLDER_SIGNS = Table(
    "shareholders", (Column("股东（发起人）", "name", 1.0), Column("签字（盖章）", "sign", 2.0))
)

SHAREHOLDERS_SHEET = FormSpec(
    "股东（发起人）出资情况",
    (
        Fields(((Field("企业名称", "company.name"), Field("注册资本", "company.capital")),)),
        _HOLDERS,
        _PROMOTERS,
        Text(
            "有限责任公司全体股东认缴的出资额应当自公司成立之日起五年内缴足（《公司法》第四十七条）。",
            size=9,
            when=("type.llc",),
        ),
        Text(
            "股份有限公司发起人应当在公司成立前按照其认购的股份全额缴纳股款（《公司法》第九十八条）；"
            "每股面额人民币一元，股份总数{company.shares}。",
            size=9,
            when=("type.joint_stock",),
        ),
        _HOLDER_SIGNS,
    ),
    when=("company",),
    note=_KEPT,
)

CONTACTS_SHEET = FormSpec(
    "财务负责人、联络员信息",
    (
        Fields(((Field("企业名称", "company.name", span=2),),)),
        Heading("财务负责人"),
        Fields(named_rows("finance")),
        Heading("联络员"),
        Fields(named_rows("liaison")),
        Text(
            "联络员负责本企业与登记机关的联系沟通，以本人个人信息登录企业信用信息公示系统报送、公示企业信息。"
        ),
        Signatures((SignBox("财务负责人签字"), SignBox("联络员签字"))),
    ),
    unless=("type.sole_proprietorship",),
    note=_KEPT,
)

AGENT_SHEET = FormSpec(
    "指定代表或者共同委托代理人授权委托书",
    (
        Fields(((Field("企业名称", "company.name", span=2),),)),
        Fields(named_rows("agent")),
        Text(
            "兹指定（委托）上述人员办理本企业设立登记及相关事项：核对登记材料中的复印件并签署核对意见，"
            "修改有关表格的填写错误，领取营业执照和有关文书。委托期限：自签署之日起至上述事项办结之日止。"
        ),
        Signatures(
            (SignBox("委托人签字（盖章）", BoxKind.FINGERPRINT), SignBox("受托人签字", BoxKind.FINGERPRINT))
        ),
    ),
    when=("agent",),
    note=_KEPT,
)

SOLE_PROPRIETORSHIP_APPLICATION = FormSpec(
    "个人独资企业登记（备案）申请书",
    (
        Fields(
            (
                (Field("申请类型", "application.kind"), Field("企业类型", "company.type")),
                (Field("企业名称", "company.name", span=2),),
                (Field("企业住所", "company.domicile", span=2),),
                (Field("生产经营地", "company.production", span=2),),
                (Field("联系电话", "company.phone"), Field("邮政编码", "company.postcode")),
                (Field("出资额", "company.capital"), Field("出资方式", "holder.forms")),
                (Field("从业人数", "company.employees"), Field("经营期限", "company.term")),
                (Field("国民经济行业", "company.industry", span=2),),
                (Field("经营范围", "company.scope", span=2),),
                *_LICENCE,
            )
        ),
        Heading("投资人"),
        Fields(named_rows("investor")),
        Heading("{head.title}", when=("head.hired",)),
        Fields(named_rows("lr"), when=("head.hired",)),
        Heading("联络员"),
        Fields(named_rows("liaison")),
        Text(
            "本人依照《中华人民共和国个人独资企业法》申请设立登记，申报{holder.forms}，{holder.liability}；"
            "提交材料真实有效，复印件与原件一致。"
        ),
        Signatures((SignBox("投资人签字", BoxKind.FINGERPRINT),)),
    ),
    when=("type.sole_proprietorship",),
    note=_KEPT,
)

_PARTNERS = Table(
    "shareholders",
    (
        Column("合伙人名称或姓名", "name", 1.6),
        Column("合伙人类型", "partner", 1.1),
        Column("承担责任方式", "liability", 1.2),
        Column("证件类型", "id_type", 1.3),
        Column("证件号码", "public_id", 2.1),
    ),
    min_rows=2,
)
_CONTRIBUTIONS = Table(
    "shareholders",
    (
        Column("合伙人名称或姓名", "name", 1.6),
        Column("认缴出资额（万元）", "subscribed", 1.1),
        Column("出资方式", "forms", 1.1),
        Column("评估方式", "valuation", 1.5),
        Column("缴付期限", "due", 1.3),
        Column("出资比例", "share", 0.9),
    ),
    min_rows=2,
)
_PARTNER_SIGNS = Table("shareholders", (Column("合伙人", "name", 1.0), Column("签字（盖章）", "sign", 2.0)))

PARTNERSHIP_APPLICATION = FormSpec(
    "合伙企业登记（备案）申请书",
    (
        Fields(
            (
                (Field("申请类型", "application.kind"), Field("合伙企业类型", "partnership.kind")),
                (Field("企业名称", "company.name", span=2),),
                (Field("主要经营场所", "company.domicile", span=2),),
                (Field("联系电话", "company.phone"), Field("邮政编码", "company.postcode")),
            ),
            gap=False,
        ),
        Fields(
            ((Field("执行事务合伙人", "head.name"), Field("证件类型", "lr.id_type")),),
            unless=("head.delegated",),
            gap=False,
        ),
        Fields(
            (
                (Field("执行事务合伙人", "head.name", span=2),),
                (Field("委派代表", "head.delegate"), Field("证件类型", "lr.id_type")),
            ),
            when=("head.delegated",),
            gap=False,
        ),
        Fields(
            (
                (Field("认缴出资总额", "company.capital"), Field("币种", "company.currency")),
                (Field("从业人数", "company.employees"), Field("合伙期限", "company.term")),
                (Field("国民经济行业", "company.industry", span=2),),
                (Field("经营范围", "company.scope", span=2),),
                *_LICENCE,
            )
        ),
        Heading("全体合伙人"),
        _PARTNERS,
        Heading("合伙人出资情况"),
        _CONTRIBUTIONS,
        Text(
            "全体合伙人依照《中华人民共和国合伙企业法》申请设立登记，提交材料真实有效；{partnership.liability}",
            size=9,
        ),
        _PARTNER_SIGNS,
    ),
    when=("type.partnership",),
    note=_KEPT,
)
