"""合伙企业's founding documents, filed with its application: the 合伙协议 (合伙企业法 第十八条; a limited
partnership's also 第六十三条) and the 全体合伙人出资确认书 (each partner's subscription, form of
contribution and how a non-money one is valued). Data only: see ``forms.catalog.layout``.

The clauses that depend on the partnership's kind (普通 / 有限 / 特殊普通合伙: the liability, who may
execute, admission and withdrawal of limited partners) come from ``forms.fact_units`` as
``{partnership.*}`` placeholders.
"""

from __future__ import annotations

from forms.catalog.layout import Column, Field, Fields, FormSpec, Heading, Table, Text

_SIGNS = Table("shareholders", (Column("合伙人", "name", 1.0), Column("签字（盖章）", "sign", 2.0)))
_DATED = Text("订立日期：{case.created}", indent=False)

_GENERAL = Text(
    "第一条 为明确合伙人的权利义务，依照《中华人民共和国合伙企业法》（以下简称《合伙企业法》）和有关法律、行"
    "政法规的规定，经全体合伙人协商一致，订立本协议。\n"
    "第二条 合伙企业名称：{company.name}；主要经营场所：{company.domicile}。\n"
    "第三条 本企业为{partnership.kind}。{partnership.liability}\n"
    "第四条 合伙目的：依法经营，为全体合伙人谋取合法收益。合伙经营范围：{company.scope}\n"
    "第五条 合伙期限：{company.term}，自营业执照签发之日起算。"
)
_PARTNERS = Table(
    "shareholders",
    (
        Column("合伙人姓名或名称", "name", 1.4),
        Column("住所", "address", 2.2),
        Column("合伙人类型", "partner", 1.1),
        Column("认缴出资额（万元）", "subscribed", 1.1),
        Column("出资方式", "forms", 1.0),
        Column("缴付期限", "due", 1.3),
    ),
)
_CONTRIBUTIONS = Text("第六条 合伙人的姓名或者名称、住所、类型、出资方式、数额和缴付期限如下表。")
_DUTIES = Text(
    "第七条 合伙人应当按照本协议约定的出资方式、数额和缴付期限履行出资义务。以非货币财产出资的，按《全体合伙"
    "人出资确认书》载明的评估方式作价；以劳务出资的，其评估办法由全体合伙人协商确定（《合伙企业法》第十六条、"
    "第十七条）。"
)
_PROFIT_AND_EXECUTION = Text(
    "第八条 合伙企业的利润分配、亏损分担，按照合伙人实缴出资比例分配、分担；本协议不约定将全部利润分配给部分"
    "合伙人，也不约定由部分合伙人承担全部亏损（《合伙企业法》第三十三条）。\n"
    "第九条 全体合伙人委托{head.name}为执行事务合伙人，对外代表合伙企业，执行合伙事务；其他合伙人不再执行合伙"
    "事务，有权监督执行事务合伙人执行合伙事务的情况（《合伙企业法》第二十六条、第二十七条）。"
    "{partnership.execution}\n"
    "第十条 合伙企业改变名称，改变经营范围、主要经营场所，处分不动产，转让或者处分知识产权和其他财产权利，以"
    "合伙企业名义为他人提供担保，聘任合伙人以外的人担任经营管理人员，应当经全体合伙人一致同意（《合伙企业法》"
    "第三十一条）。"
)
_ADMISSION_AND_END = Text(
    "第十一条 新合伙人入伙，应当经全体合伙人一致同意，并依法订立书面入伙协议；合伙人退伙、转让财产份额，依照"
    "《合伙企业法》第二十二条、第四十五条至第五十四条的规定办理。{partnership.admission}\n"
    "第十二条 合伙人履行本协议发生争议的，应当协商解决；协商不成的，可以向合伙企业主要经营场所所在地有管辖权"
    "的人民法院起诉。\n"
    "第十三条 合伙企业有《合伙企业法》第八十五条规定情形之一的，应当解散，由清算人依法清算。\n"
    "第十四条 合伙人违反本协议的，应当依法承担违约责任；给合伙企业或者其他合伙人造成损失的，依法承担赔偿责任"
    "。\n"
    "第十五条 本协议经全体合伙人签署后生效，合伙人各执一份，并报登记机关备案一份。本协议未尽事宜，依照《合伙"
    "企业法》的规定办理。"
)

PARTNERSHIP_AGREEMENT = FormSpec(
    "合伙协议",
    (
        Heading("第一章 总则"),
        _GENERAL,
        Heading("第二章 合伙人及其出资"),
        _CONTRIBUTIONS,
        _PARTNERS,
        _DUTIES,
        Heading("第三章 利润分配和合伙事务的执行"),
        _PROFIT_AND_EXECUTION,
        Heading("第四章 入伙、退伙、争议解决和解散"),
        _ADMISSION_AND_END,
        _SIGNS,
        _DATED,
    ),
    when=("type.partnership",),
    note="依据《中华人民共和国合伙企业法》第十八条{partnership.agreement_basis}生成，全体合伙人签署",
)

CONTRIBUTION_CONFIRMATION = FormSpec(
    "全体合伙人出资确认书",
    (
        Fields(
            (
                (Field("企业名称", "company.name", span=2),),
                (Field("合伙企业类型", "partnership.kind"), Field("认缴出资总额", "company.capital")),
            )
        ),
        Text("全体合伙人确认，各合伙人认缴的出资数额、出资方式、评估方式和缴付期限如下："),
        Table(
            "shareholders",
            (
                Column("合伙人姓名或名称", "name", 1.4),
                Column("合伙人类型", "partner", 1.1),
                Column("认缴出资额（万元）", "subscribed", 1.1),
                Column("出资方式", "forms", 1.0),
                Column("评估方式", "valuation", 1.4),
                Column("缴付期限", "due", 1.3),
                Column("出资比例", "share", 0.9),
            ),
        ),
        Text(
            "以实物、知识产权、土地使用权或者其他财产权利出资的，按上表的评估方式作价；以劳务出资的，其评估办"
            "法由全体合伙人"
            "协商确定（《合伙企业法》第十六条）。全体合伙人对上述出资的真实性、合法性负责。",
            size=9,
        ),
        _SIGNS,
        _DATED,
    ),
    when=("type.partnership",),
    note="合伙企业设立登记提交材料；本确认书由登记机关留存",
)
