"""Declarations and notices: beneficial owners or the exemption, 容缺受理 commitment, and the one-time
notice of what is still missing (the receipt is ``forms.catalog.receipt``).
Data only: see ``forms.catalog.layout``.
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

_COMPANY = Fields(
    (
        (Field("企业名称", "company.name", span=2),),
        (Field("统一社会信用代码", "company.uscc"), Field("企业类型", "company.type")),
    )
)
_LR_SIGNS = Signatures((SignBox("{head.signer}签字", BoxKind.FINGERPRINT),))

BENEFICIAL_OWNERS = FormSpec(
    "受益所有人信息表",
    (
        _COMPANY,
        Heading("受益所有人身份信息"),
        Table(
            "beneficial_owners",
            (
                Column("姓名", "name", 1.0),
                Column("性别", "sex", 0.5),
                Column("国籍", "nationality", 0.6),
                Column("出生日期", "born", 1.3),
                Column("证件类型", "id_type", 1.1),
                Column("证件号码", "id_number", 2.0),
                Column("证件有效期限", "valid", 1.3),
            ),
            min_rows=1,
        ),
        Heading("联系方式"),
        Table(
            "beneficial_owners",
            (
                Column("姓名", "name", 1.0),
                Column("经常居住地或工作单位地址", "address", 3.2),
                Column("联系电话", "mobile", 1.4),
            ),
            min_rows=1,
        ),
        Heading("受益所有权"),
        Table(
            "beneficial_owners",
            (
                Column("姓名", "name", 1.0),
                Column("受益所有权关系类型", "bases", 1.5),
                Column("形成日期", "since", 1.3),
                Column("持股或表决权比例", "share", 1.1),
                Column("控制方式", "control", 2.0),
            ),
            min_rows=1,
        ),
        Text(
            "依照《受益所有人信息管理办法》，本企业如实备案受益所有人信息：直接或间接拥有25%以上股权、股份或合伙权益，"
            "或享有25%以上收益权、表决权，或单独、共同对本企业实施实际控制的自然人；均不符合时，为负责日常经营管理的人员。"
            "信息发生变化的，自变化之日起30日内办理变更备案。",
            size=9,
        ),
        _LR_SIGNS,
    ),
    when=("bo.listed",),
    note="受益所有人信息通过登记注册系统备案，由中国人民银行管理",
)

BENEFICIAL_OWNER_EXEMPTION = FormSpec(
    "受益所有人信息承诺免报表",
    (
        _COMPANY,
        Text(
            "本企业注册资本（出资额）为人民币{company.capital}，不超过人民币一千万元；全部股东（合伙人）均为自然人；"
            "不存在股东（合伙人）以外的自然人对本企业进行控制或者从本企业获取收益的情形。\n"
            "依照《受益所有人信息管理办法》第三条，本企业承诺免于备案受益所有人信息。上述情况发生变化、不再符合承诺免报条件的，"
            "本企业将自变化之日起30日内办理受益所有人信息备案。"
        ),
        _LR_SIGNS,
    ),
    when=("bo.exempt",),
    note="承诺免报自2024年11月1日起施行",
)

DEFERRAL_COMMITMENT = FormSpec(
    "容缺受理承诺书",
    (
        _COMPANY,
        Text(
            "本企业申请企业开办事项，下列非关键材料暂缺，申请容缺受理。本企业承诺在约定期限内补齐材料；"
            "逾期未补齐或所补材料与承诺不符的，自愿承担相应后果，相关事项按规定终止办理。"
        ),
        Table(
            "deferred_docs",
            (
                Column("容缺材料", "material", 1.6),
                Column("涉及人员或单位", "subject", 1.2),
                Column("所属事项", "service", 1.0),
                Column("承诺补齐日期", "due", 1.3),
                Column("承诺内容", "commitment", 1.8),
            ),
        ),
        Signatures((SignBox("承诺人签字", BoxKind.FINGERPRINT), SignBox("受理人签字"))),
    ),
    when=("docs.deferred",),
    note="本承诺书一式两份，企业开办专区与申请人各执一份",
)

ONE_TIME_NOTICE = FormSpec(
    "一次性告知单",
    (
        Fields(((Field("企业名称", "company.name"), Field("案卷编号", "case.id")),)),
        Text("经审核，您申请的企业开办事项尚缺下列材料。请按本告知单一次性补齐，补齐后即可继续办理："),
        Table(
            "pending_docs",
            (
                Column("所缺材料", "material", 1.6),
                Column("涉及人员或单位", "subject", 1.2),
                Column("所属事项", "service", 1.0),
                Column("当前状态", "status", 0.9),
                Column("补齐期限", "due", 1.3),
            ),
        ),
        Text("材料可交至任一企业开办专区窗口，由窗口扫描后并入本案卷。", size=9),
        Signatures((SignBox("告知人（窗口工作人员）"), SignBox("申请人签收"))),
    ),
    when=("docs.pending",),
    note="本告知单一式两份，企业开办专区与申请人各执一份",
)
