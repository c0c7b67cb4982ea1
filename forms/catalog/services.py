"""The forms of the six services after the licence: seal, bank account, tax, social security, medical
insurance and housing fund. Data only: see ``forms.catalog.layout``. The USCC and account number print blank
until the licence and the account exist; the agency fills them in from the platform.
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
from forms.catalog.registration import person_rows

_UNIT = (
    (Field("单位名称", "company.name", span=2),),
    (Field("统一社会信用代码", "company.uscc"), Field("单位类型", "company.type")),
    (Field("单位地址", "company.domicile", span=2),),
    (Field("{head.service_title}", "head.name"), Field("证件号码", "lr.id_number")),
)
_UNIT_SIGNS = Signatures(
    (SignBox("单位（盖章）", BoxKind.SEAL), SignBox("{head.signer}签字"), SignBox("经办人签字"))
)


def insured_staff(base_header: str, base_key: str) -> Table:
    """The insured staff with their first month's wage and the base it gives (floor and cap applied)."""
    return Table(
        "staff",
        (
            Column("姓名", "name", 1.0),
            Column("公民身份号码", "id_number", 2.0),
            Column("移动电话", "mobile", 1.4),
            Column("首月工资（元）", "wage", 1.1),
            Column(base_header, base_key, 1.1),
        ),
        min_rows=2,
    )


SEAL_FORM = FormSpec(
    "印章刻制申请表",
    (
        Fields(
            (
                *_UNIT,
                (Field("联系电话", "company.phone"), Field("印章数量", "seal.count")),
                (Field("刻制单位", "seal.engraver", span=2),),
                (Field("经办人", "liaison.name"), Field("经办人电话", "liaison.mobile")),
                (Field("经办人证件类型", "liaison.id_type"), Field("证件号码", "liaison.id_number")),
            )
        ),
        Heading("刻制印章"),
        Table(
            "seals",
            (Column("印章名称", "kind", 1.6), Column("规格", "spec", 2.2), Column("数量", "count", 0.5)),
        ),
        Text(
            "印章名称与营业执照登记的名称一致；发票专用章刻有纳税人识别号（统一社会信用代码）。"
            "由公安机关备案的印章刻制企业刻制，免费刻制公章、财务专用章、发票专用章、{head.seal}各一枚。",
            size=9,
        ),
        Signatures((SignBox("{head.signer}签字", BoxKind.FINGERPRINT), SignBox("经办人签字"))),
    ),
    when=("service.seal",),
    note="公安机关印章治安管理信息系统备案；本表由刻制企业留存",
)

BANK_FORM = FormSpec(
    "银行基本存款账户开户申请书",
    (
        Fields(
            (
                (Field("存款人名称", "company.name", span=2),),
                (Field("存款人类别", "bank.depositor"), Field("账户性质", "bank.kind")),
                (Field("证明文件种类", "licence.proof"), Field("证明文件编号", "company.uscc")),
                (Field("注册地址", "company.domicile", span=2),),
                (Field("地区代码", "company.division_code"), Field("邮政编码", "company.postcode")),
                (Field("行业分类", "company.section"), Field("联系电话", "company.phone")),
                (Field("注册资金", "company.capital"), Field("币种", "company.currency")),
                (Field("经营范围", "company.scope", span=2),),
                (Field("开户银行", "bank.branch"), Field("联行号", "bank.branch_code")),
                (Field("预留印鉴", "bank.seals"), Field("网上银行", "bank.online")),
                (Field("授权办理人", "bank.signers"), Field("开户意愿核实", "bank.intent")),
            )
        ),
        Heading("{head.service_title}"),
        Fields(((Field("{head.service_title}", "head.name", span=2),),), when=("head.delegated",)),
        Fields(person_rows("lr")),
        Heading("财务负责人"),
        Fields(((Field("姓名", "finance.name"), Field("移动电话", "finance.mobile")),)),
        Heading("受益所有人", when=("bo.listed",)),
        Table(
            "beneficial_owners",
            (
                Column("姓名", "name", 1.0),
                Column("证件号码", "id_number", 2.0),
                Column("判定依据", "bases", 1.3),
                Column("持股或表决权比例", "share", 1.1),
                Column("经常居住地", "address", 2.0),
            ),
            when=("bo.listed",),
        ),
        Text("本单位已承诺免报受益所有人信息（见《受益所有人信息承诺免报表》）。", when=("bo.exempt",)),
        Text(
            "本存款人申请开立基本存款账户，承诺所提供的开户资料真实、有效，遵守《人民币银行结算账户管理办法》，"
            "不出租、出借账户，不利用账户从事违法犯罪活动。开户意愿已由{head.signer}当面或视频确认。",
            size=9,
        ),
        Signatures(
            (
                SignBox("存款人（盖章）", BoxKind.SEAL),
                SignBox("{head.signer}签字", BoxKind.FINGERPRINT),
                SignBox("银行经办人"),
            )
        ),
    ),
    when=("service.bank_account",),
    note="基本存款账户实行备案制（银发〔2019〕41号）；本表由开户银行留存",
)

TAX_FORM = FormSpec(
    "新办纳税人信息确认表",
    (
        Fields(
            (
                (Field("纳税人名称", "company.name", span=2),),
                (Field("纳税人识别号", "company.uscc"), Field("登记注册类型", "tax.registration_type")),
                (Field("生产经营地址", "company.domicile", span=2),),
                (Field("国民经济行业", "company.industry", span=2),),
                (Field("纳税人类型", "tax.kind"), Field("会计制度", "tax.standard")),
                (Field("发票种类", "tax.invoices", span=2),),
                (Field("发票额度", "tax.quota", span=2),),
                (Field("税库银三方协议", "tax.debit"), Field("开户银行", "bank.branch")),
                (Field("基本存款账户", "bank.account", span=2),),
            )
        ),
        Heading("{head.service_title}、财务负责人、办税人"),
        Table(
            "tax_people",
            (
                Column("身份", "role", 1.1),
                Column("姓名", "name", 1.0),
                Column("证件号码", "id_number", 2.0),
                Column("移动电话", "mobile", 1.4),
            ),
        ),
        Text(
            "新办纳税人套餐：登记信息确认、财务会计制度备案、存款账户账号报告、{tax.package}、电子税务局开户、"
            "实名采集。本纳税人确认以上信息真实、准确、完整。",
            size=9,
        ),
        Signatures(
            (
                SignBox("纳税人（盖章）", BoxKind.SEAL),
                SignBox("{head.signer}签字", BoxKind.FINGERPRINT),
                SignBox("办税人签字"),
            )
        ),
    ),
    when=("service.tax",),
    note="本表由主管税务机关留存",
)

SOCIAL_FORM = FormSpec(
    "社会保险单位登记表",
    (
        Fields(
            (
                *_UNIT,
                (Field("参保险种", "ss.insurances", span=2),),
                (Field("工伤风险类别", "ss.risk"), Field("参保起始年月", "ss.start")),
                (Field("缴费基数下限", "ss.floor"), Field("缴费基数上限", "ss.cap")),
                (Field("缴费开户银行", "bank.branch"), Field("缴费账号", "bank.account")),
                (Field("联系人", "liaison.name"), Field("联系电话", "liaison.mobile")),
                (Field("参保职工人数", "staff.count"), Field("从业人数", "company.employees")),
            )
        ),
        Heading("参保职工"),
        insured_staff("缴费基数（元）", "ss_base"),
        Text(
            "新参保职工以入职首月工资为缴费基数，低于下限的按下限、高于上限的按上限缴费（{ss.basis}，{ss.limits}）。"
            "单位应自成立之日起三十日内办理社会保险登记，按月足额申报缴纳社会保险费。",
            size=9,
        ),
        _UNIT_SIGNS,
    ),
    when=("service.social_security",),
    note="本表由社会保险经办机构留存",
)

MEDICAL_FORM = FormSpec(
    "医疗保险单位登记表",
    (
        Fields(
            (
                *_UNIT,
                (Field("参保险种", "mi.insurances", span=2),),
                (Field("参保起始年月", "mi.start"), Field("参保职工人数", "staff.count")),
                (Field("缴费基数下限", "mi.floor"), Field("缴费基数上限", "mi.cap")),
                (Field("缴费开户银行", "bank.branch"), Field("缴费账号", "bank.account")),
                (Field("联系人", "liaison.name"), Field("联系电话", "liaison.mobile")),
            )
        ),
        Heading("参保职工"),
        insured_staff("缴费基数（元）", "mi_base"),
        Text(
            "新参保职工以入职首月工资为缴费基数，低于下限的按下限、高于上限的按上限缴费（{mi.basis}，{mi.limits}）。",
            size=9,
        ),
        _UNIT_SIGNS,
    ),
    when=("service.medical_insurance",),
    note="本表由医疗保障经办机构留存",
)

HOUSING_FORM = FormSpec(
    "住房公积金单位登记表",
    (
        Fields(
            (
                *_UNIT,
                (Field("单位缴存比例", "hf.employer_rate"), Field("个人缴存比例", "hf.employee_rate")),
                (Field("首次缴存年月", "hf.start"), Field("缴存基数下限", "hf.floor")),
                (Field("缴存基数上限", "hf.cap"), Field("缴存银行", "bank.branch")),
                (Field("扣款账号", "bank.account", span=2),),
                (Field("经办人", "liaison.name"), Field("经办人电话", "liaison.mobile")),
            )
        ),
        Heading("缴存职工清册"),
        Table(
            "staff",
            (
                Column("姓名", "name", 1.0),
                Column("公民身份号码", "id_number", 2.0),
                Column("首月工资（元）", "wage", 1.1),
                Column("缴存基数（元）", "base", 1.1),
                Column("单位月缴额（元）", "employer", 1.1),
                Column("个人月缴额（元）", "employee", 1.1),
            ),
            min_rows=2,
        ),
        Text(
            "新参加工作或新调入的职工以其入职当月工资为缴存基数，不低于下限、不高于上限（{hf.basis}，{hf.limits}）；"
            "缴存比例为5%至12%。单位应自设立之日起三十日内办理缴存登记。",
            size=9,
        ),
        _UNIT_SIGNS,
    ),
    when=("service.housing_fund",),
    note="本表由住房公积金管理中心留存",
)
