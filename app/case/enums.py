"""The fixed vocabularies of a case: company types, services, statuses, roles, documents.

The values are part of the ``bizdesk.case/1`` format (and of the platform interface): never rename
one, add new values instead. Each enum knows its Chinese label for messages and forms.
"""

from __future__ import annotations

from enum import StrEnum


class _Labelled(StrEnum):
    @property
    def label_zh(self) -> str:
        """The Chinese label; a class-qualified entry wins where two vocabularies share a value."""
        qualified = f"{type(self).__name__}.{self.value}"
        return _LABELS_ZH.get(qualified) or _LABELS_ZH[self.value]


class CompanyType(_Labelled):
    LLC = "llc"  # 有限责任公司, including the one-shareholder company
    JOINT_STOCK = "joint_stock"
    SOLE_PROPRIETORSHIP = "sole_proprietorship"
    PARTNERSHIP = "partnership"

    @property
    def is_company(self) -> bool:
        """True for the two forms governed by the Company Law (2023)."""
        return self in (CompanyType.LLC, CompanyType.JOINT_STOCK)


class ServiceCode(_Labelled):
    """The seven services of one case, in the order the platform processes them."""

    LICENSE = "license"
    SEAL = "seal"
    BANK_ACCOUNT = "bank_account"
    TAX = "tax"
    SOCIAL_SECURITY = "social_security"
    MEDICAL_INSURANCE = "medical_insurance"
    HOUSING_FUND = "housing_fund"


def service_label_zh(service: str) -> str:
    """The Chinese label of a service given by its platform key (e.g. ``"tax"``); an unknown key as is."""
    try:
        return ServiceCode(service).label_zh
    except ValueError:
        return service


class Status(_Labelled):
    """Life-cycle status of a case and of each of its services."""

    DRAFT = "draft"
    READY = "ready"
    QUEUED = "queued"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    NEEDS_CORRECTION = "needs_correction"
    REJECTED = "rejected"
    COMPLETED = "completed"


class IdType(_Labelled):
    RESIDENT_ID = "resident_id"
    PASSPORT = "passport"
    HK_MACAO_PERMIT = "hk_macao_permit"
    TAIWAN_PERMIT = "taiwan_permit"
    HMT_RESIDENCE_PERMIT = "hmt_residence_permit"
    FOREIGN_PERMANENT_RESIDENT_ID = "foreign_permanent_resident_id"


class HolderKind(_Labelled):
    NATURAL = "natural"
    LEGAL = "legal"


class PartnerKind(_Labelled):
    GENERAL = "general"
    LIMITED = "limited"


class ContributionForm(_Labelled):
    MONEY = "money"
    IN_KIND = "in_kind"
    INTELLECTUAL_PROPERTY = "intellectual_property"
    LAND_USE_RIGHT = "land_use_right"
    EQUITY = "equity"
    CREDITOR_RIGHT = "creditor_right"
    LABOUR = "labour"  # general partners of a partnership only


class SoleInvestment(_Labelled):
    """个人独资企业: what the investor declares the contribution is (个人独资企业登记管理办法 第十条)."""

    PERSONAL_PROPERTY = "personal_property"
    FAMILY_PROPERTY = "family_property"  # the family's common property answers for the debts (法 第十八条)


class Valuation(_Labelled):
    """合伙企业: how a partner's non-money contribution is valued (合伙企业法 第十六条)."""

    AGREED = "agreed"  # agreed by all partners (the only way for labour)
    APPRAISED = "appraised"  # appraised by a lawful valuation firm


class Sex(_Labelled):
    MALE = "male"
    FEMALE = "female"


class LegalRepresentativePosition(_Labelled):
    CHAIRMAN = "chairman"
    SOLE_DIRECTOR = "sole_director"
    MANAGER = "manager"
    EXECUTIVE_PARTNER = "executive_partner"
    INVESTOR = "investor"


class BeneficialOwnerBasis(_Labelled):
    EQUITY = "equity"  # holds 25% or more, directly or indirectly
    BENEFIT = "benefit"  # receives 25% or more of the income or profit
    CONTROL = "control"  # controls the company by other means
    SENIOR_MANAGER = "senior_manager"  # nobody meets the above: the person running the company


class SealKind(_Labelled):
    OFFICIAL = "official"
    FINANCE = "finance"
    INVOICE = "invoice"
    LEGAL_REPRESENTATIVE = "legal_representative"
    CONTRACT = "contract"
    CUSTOMS = "customs"


FREE_SEALS: tuple[SealKind, ...] = (
    SealKind.OFFICIAL,
    SealKind.FINANCE,
    SealKind.INVOICE,
    SealKind.LEGAL_REPRESENTATIVE,
)


class Delivery(_Labelled):
    PICKUP = "pickup"
    MAIL = "mail"


class IntentConfirmation(_Labelled):
    FACE_TO_FACE = "face_to_face"
    VIDEO = "video"


class TaxpayerKind(_Labelled):
    SMALL_SCALE = "small_scale"
    GENERAL = "general"


class AccountingStandard(_Labelled):
    SMALL_BUSINESS = "small_business"
    ENTERPRISE = "enterprise"


class InvoiceKind(_Labelled):
    DIGITAL_SPECIAL = "digital_special"
    DIGITAL_ORDINARY = "digital_ordinary"
    PAPER_SPECIAL = "paper_special"
    PAPER_ORDINARY = "paper_ordinary"


class SocialInsurance(_Labelled):
    PENSION = "pension"
    UNEMPLOYMENT = "unemployment"
    WORK_INJURY = "work_injury"


class MedicalInsurance(_Labelled):
    BASIC_MEDICAL = "basic_medical"
    MATERNITY = "maternity"


class DocumentKind(_Labelled):
    APPLICATION_FORM = "application_form"
    ARTICLES_OF_ASSOCIATION = "articles_of_association"
    PARTNERSHIP_AGREEMENT = "partnership_agreement"
    ID_COPY = "id_copy"
    ENTITY_CERTIFICATE = "entity_certificate"
    POWER_OF_ATTORNEY = "power_of_attorney"
    DOMICILE_PROOF = "domicile_proof"
    PRODUCTION_ADDRESS_PROOF = "production_address_proof"
    APPOINTMENT_DOCUMENTS = "appointment_documents"
    BENEFICIAL_OWNER_FORM = "beneficial_owner_form"
    BANK_ACCOUNT_APPLICATION = "bank_account_application"
    TAX_DEBIT_AGREEMENT = "tax_debit_agreement"


class DocumentStatus(_Labelled):
    PROVIDED = "provided"
    DEFERRED = "deferred"  # 容缺受理: accepted now, material promised by a due date
    MISSING = "missing"


_LABELS_ZH = {
    "llc": "有限责任公司",
    "joint_stock": "股份有限公司",
    "sole_proprietorship": "个人独资企业",
    "partnership": "合伙企业",
    "license": "营业执照",
    "seal": "印章刻制",
    "bank_account": "银行开户",
    "tax": "涉税办理",
    "social_security": "社保登记",
    "medical_insurance": "医保登记",
    "housing_fund": "住房公积金开户",
    "draft": "草稿",
    "ready": "待提交",
    "queued": "排队中",
    "submitted": "已提交",
    "accepted": "已受理",
    "needs_correction": "需补正",
    "rejected": "已驳回",
    "completed": "已办结",
    "resident_id": "居民身份证",
    "passport": "护照",
    "hk_macao_permit": "港澳居民来往内地通行证",
    "taiwan_permit": "台湾居民来往大陆通行证",
    "hmt_residence_permit": "港澳台居民居住证",
    "foreign_permanent_resident_id": "外国人永久居留身份证",
    "natural": "自然人",
    "legal": "法人",
    "general": "普通合伙人",
    "limited": "有限合伙人",
    "money": "货币",
    "in_kind": "实物",
    "intellectual_property": "知识产权",
    "land_use_right": "土地使用权",
    "equity": "股权",
    "creditor_right": "债权",
    "labour": "劳务",
    "personal_property": "以个人财产出资",
    "family_property": "以家庭共有财产作为个人出资",
    "agreed": "全体合伙人协商确定",
    "appraised": "委托法定评估机构评估",
    "male": "男",
    "female": "女",
    "chairman": "董事长",
    "sole_director": "董事",
    "manager": "经理",
    "executive_partner": "执行事务合伙人",
    "investor": "投资人",
    "benefit": "收益",
    "control": "控制",
    "senior_manager": "高级管理人员",
    "official": "公章",
    "finance": "财务专用章",
    "invoice": "发票专用章",
    "legal_representative": "法定代表人名章",
    "contract": "合同专用章",
    "customs": "报关专用章",
    "pickup": "窗口领取",
    "mail": "邮寄",
    "face_to_face": "临柜面签",
    "video": "视频核实",
    "small_scale": "小规模纳税人",
    "TaxpayerKind.general": "一般纳税人",
    "BeneficialOwnerBasis.equity": "持股25%以上",
    "BeneficialOwnerBasis.benefit": "收益25%以上",
    "BeneficialOwnerBasis.control": "实际控制",
    "small_business": "小企业会计准则",
    "enterprise": "企业会计准则",
    "digital_special": "电子发票（增值税专用发票）",
    "digital_ordinary": "电子发票（普通发票）",
    "paper_special": "纸质发票（增值税专用发票）",
    "paper_ordinary": "纸质发票（普通发票）",
    "pension": "养老保险",
    "unemployment": "失业保险",
    "work_injury": "工伤保险",
    "basic_medical": "基本医疗保险",
    "maternity": "生育保险",
    "application_form": "登记申请书",
    "articles_of_association": "公司章程",
    "partnership_agreement": "合伙协议",
    "id_copy": "身份证件复印件",
    "entity_certificate": "法人股东主体资格证明",
    "power_of_attorney": "授权委托书",
    "domicile_proof": "住所使用证明",
    "production_address_proof": "生产经营场所使用证明",
    "appointment_documents": "董事、监事、经理任职文件",
    "beneficial_owner_form": "受益所有人信息表",
    "bank_account_application": "开户申请书",
    "tax_debit_agreement": "税库银三方协议",
    "provided": "已提交",
    "deferred": "容缺后补",
    "missing": "未提交",
}
