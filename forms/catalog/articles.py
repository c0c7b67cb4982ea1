"""公司章程: the articles of association of an LLC or a joint-stock company under the Company Law 2023.

The clauses that follow the case's choices (board, supervision, manager, legal representative, a
one-shareholder company) come from ``forms.governance`` as ``{gov.*}`` placeholders; the capital and
its five-year payment (LLC, Art. 47) or full payment before founding (joint-stock, Art. 98) from the
shareholders' table.
"""

from __future__ import annotations

from forms.catalog.layout import Column, FormSpec, Heading, Table, Text


def holders_table(name: str, amount_key: str, amount: str, due: str, share: str) -> Table:
    """The shareholders' subscriptions (万元) or the promoters' shares (万股), with each form's headings."""
    return Table(
        "shareholders",
        (
            Column(name, "name", 1.5),
            Column(amount, amount_key, 1.2),
            Column("出资方式", "forms", 1.0),
            Column(due, "due", 1.4),
            Column(share, "share", 1.0),
        ),
    )


_GENERAL = Text(
    "第一条 为规范公司的组织和行为，保护公司、股东、职工和债权人的合法权益，根据《中华人民共和国公司法》"
    "（以下简称《公司法》）和有关法律、行政法规的规定，制定本章程。\n"
    "第二条 公司名称：{company.name}。\n"
    "第三条 公司住所：{company.domicile}。\n"
    "第四条 公司营业期限：{company.term}。\n"
    "第五条 {gov.lr}\n"
    "第六条 公司经营范围：{company.scope}"
)

_LLC_CAPITAL = Text(
    "第七条 公司注册资本为人民币{company.capital}。\n"
    "第八条 股东的姓名或者名称、认缴的出资额、出资方式和出资日期如下表。"
    "全体股东认缴的出资额由股东按照本章程的规定自公司成立之日起五年内缴足。"
    "股东未按期足额缴纳出资的，除应当向公司足额缴纳外，还应当对给公司造成的损失承担赔偿责任。"
)

_LLC_TABLE = holders_table("股东姓名或名称", "subscribed", "认缴出资额（万元）", "出资日期", "出资比例")

_LLC_ORGANS = Text(
    "第九条 {gov.profit}\n"
    "第十条 {gov.meeting}\n"
    "第十一条 {gov.board}\n"
    "第十二条 {gov.manager}\n"
    "第十三条 {gov.supervision}\n"
    "第十四条 {gov.transfer}"
)

_JSC_CAPITAL = Text(
    "第七条 公司注册资本为人民币{company.capital}，公司股份总数为{company.shares}，每股面额人民币一元，"
    "均为普通股。公司采取发起设立方式设立。\n"
    "第八条 发起人的姓名或者名称、认购的股份数、出资方式和出资时间如下表。发起人应当在公司成立前按照其认购的"
    "股份全额缴纳股款。"
)

_JSC_TABLE = holders_table("发起人姓名或名称", "shares", "认购的股份数（万股）", "出资时间", "持股比例")

_JSC_ORGANS = Text(
    "第九条 公司的股份采取股票的形式，同类别的每一股份具有同等权利。"
    "股东出席股东会会议，所持每一股份有一表决权。\n"
    "第十条 {gov.meeting}\n"
    "第十一条 {gov.board}\n"
    "第十二条 {gov.manager}\n"
    "第十三条 {gov.supervision}\n"
    "第十四条 公司的股份可以依法转让。"
    "公司董事、监事、高级管理人员应当向公司申报所持有的本公司的股份及其变动情况。"
)

_CLOSING = Text(
    "第十五条 公司的财务会计制度依照法律、行政法规和国务院财政部门的规定建立。"
    "公司分配当年税后利润时，应当提取利润的百分之十列入公司法定公积金。\n"
    "第十六条 公司因本章程规定的营业期限届满、{gov.dissolve}或者依法被吊销营业执照、责令关闭或者被撤销等原因"
    "解散的，应当依照《公司法》的规定进行清算。\n"
    "第十七条 本章程与法律、行政法规不一致的，以法律、行政法规为准。本章程自公司设立登记之日起生效，"
    "一式两份，公司留存一份，登记机关备案一份。"
)
_SIGNS = Table("shareholders", (Column("股东（发起人）", "name", 1.0), Column("签字（盖章）", "sign", 2.0)))
_DATED = Text("订立日期：{case.created}", indent=False)

LLC_ARTICLES = FormSpec(
    "有限责任公司章程",
    (
        Heading("第一章 总则"),
        _GENERAL,
        Heading("第二章 注册资本和股东出资"),
        _LLC_CAPITAL,
        _LLC_TABLE,
        Heading("第三章 组织机构"),
        _LLC_ORGANS,
        Heading("第四章 财务、解散和附则"),
        _CLOSING,
        _SIGNS,
        _DATED,
    ),
    when=("type.llc",),
    note="依据《中华人民共和国公司法》（2023年修订）生成，{articles.signers}签署",
)

JOINT_STOCK_ARTICLES = FormSpec(
    "股份有限公司章程",
    (
        Heading("第一章 总则"),
        _GENERAL,
        Heading("第二章 股份和发起人"),
        _JSC_CAPITAL,
        _JSC_TABLE,
        Heading("第三章 组织机构"),
        _JSC_ORGANS,
        Heading("第四章 财务、解散和附则"),
        _CLOSING,
        _SIGNS,
        _DATED,
    ),
    when=("type.joint_stock",),
    note="依据《中华人民共和国公司法》（2023年修订）生成，{articles.promoters}签署",
)
