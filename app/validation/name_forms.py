"""The 组织形式 (organisation form) at the end of an enterprise name, checked against the company type.

- Company Law art. 7: an LLC name contains 有限责任公司 or 有限公司, a joint-stock company's name
  股份有限公司 or 股份公司.
- Partnership Enterprise Law arts. 15, 56, 62: the name shows 普通合伙, 特殊普通合伙 or 有限合伙.
- Sole proprietorships and partnerships may not use 有限, 有限责任 or 公司; a sole proprietorship has
  no fixed form, but its name usually ends in 厂, 店, 经营部, 中心, 工作室 and the like.
"""

from __future__ import annotations

from app.validation.name_words import COMPANY_FORMS, PARTNERSHIP_MARKERS, SOLE_PROPRIETORSHIP_ENDINGS
from app.validation.problems import Problem, error, warning

# What a clerk should write at the end of the name, per company type.
_EXPECTED = {
    "llc": ("「有限责任公司」或「有限公司」", "有限责任公司 or 有限公司", "有限责任公司"),
    "joint_stock": ("「股份有限公司」或「股份公司」", "股份有限公司 or 股份公司", "股份有限公司"),
}
_TYPE_NAMES = {
    "llc": ("有限责任公司", "a limited liability company"),
    "joint_stock": ("股份有限公司", "a joint-stock company"),
    "sole_proprietorship": ("个人独资企业", "a sole proprietorship"),
    "partnership": ("合伙企业", "a partnership"),
}
_PARTNERSHIP_ENDINGS = ("合伙企业", *SOLE_PROPRIETORSHIP_ENDINGS)


def form_problems(name: str, company_type: str) -> tuple[list[Problem], str | None]:
    """Problems of the organisation form, and the name without it (None when no form was found)."""
    if company_type in _EXPECTED:
        return _company_form(name, company_type)
    if company_type == "partnership":
        return _partnership_form(name)
    return _sole_proprietorship_form(name)


def _company_form(name: str, company_type: str) -> tuple[list[Problem], str | None]:
    suffix, kind = next(((s, k) for s, k in COMPANY_FORMS if name.endswith(s)), ("", ""))
    if kind == company_type:
        return [], name[: -len(suffix)]
    expected_zh, expected_en, _ = _EXPECTED[company_type]
    type_zh, type_en = _TYPE_NAMES[company_type]
    if kind == "invalid":
        problem = error(
            "name.form_invalid",
            "",
            f"「{suffix}」不是法定的组织形式，{type_zh}的名称应以{expected_zh}结尾。",
            f"'{suffix}' is not a legal organisation form; {type_en} ends its name with {expected_en}.",
        )
    elif kind:
        problem = _mismatch(company_type, suffix)
    else:
        problem = error(
            "name.form_missing",
            "",
            f"{type_zh}的名称必须以组织形式{expected_zh}结尾，请补上。",
            f"The name of {type_en} must end with its organisation form, {expected_en}; add it.",
        )
    return [problem], None


def _mismatch(company_type: str, used: str) -> Problem:
    type_zh, type_en = _TYPE_NAMES[company_type]
    if company_type in _EXPECTED:
        expected_zh, expected_en, _ = _EXPECTED[company_type]
        fix_zh, fix_en = f"应以{expected_zh}结尾", f"it must end with {expected_en}"
    else:
        fix_zh, fix_en = "不得使用「有限」「有限责任」「公司」字样", "it may not use 有限, 有限责任 or 公司"
    return error(
        "name.form_mismatch",
        "",
        f"名称中的「{used}」与企业类型不符：{type_zh}的名称{fix_zh}。请修改名称或企业类型。",
        f"'{used}' in the name does not match the company type: {type_en}'s name — {fix_en}. "
        "Change the name or the company type.",
    )


def _forbidden_company_words(text: str, company_type: str) -> list[Problem]:
    """Sole proprietorships and partnerships may not look like companies."""
    used = next((word for word in ("有限责任", "公司", "有限") if word in text), None)
    return [] if used is None else [_mismatch(company_type, used)]


def _partnership_form(name: str) -> tuple[list[Problem], str | None]:
    marker = next((m for m in PARTNERSHIP_MARKERS if m in name), None)
    if marker is None:
        problems = [
            error(
                "name.partnership_marker",
                "",
                "合伙企业的名称必须标明「普通合伙」「特殊普通合伙」或「有限合伙」，"
                "通常写在名称末尾的括号内，如「（普通合伙）」。",
                "A partnership's name must show 普通合伙, 特殊普通合伙 or 有限合伙, usually in brackets "
                "at the end, e.g. （普通合伙）.",
            )
        ]
        return problems + _forbidden_company_words(name, "partnership"), None
    body = name.replace(f"（{marker}）", "").replace(marker, "")
    problems = _forbidden_company_words(body, "partnership")
    if problems:
        return problems, None
    return [], _strip_ending(body, _PARTNERSHIP_ENDINGS)


def _sole_proprietorship_form(name: str) -> tuple[list[Problem], str | None]:
    problems = _forbidden_company_words(name, "sole_proprietorship")
    marker = next((m for m in (*PARTNERSHIP_MARKERS, "合伙企业") if m in name), None)
    if marker is not None:
        problems.append(
            error(
                "name.form_mismatch",
                "",
                f"名称中的「{marker}」表示合伙企业，与个人独资企业不符。请修改名称或企业类型。",
                f"'{marker}' in the name marks a partnership, not a sole proprietorship. "
                "Change the name or the company type.",
            )
        )
    if problems:
        return problems, None
    if not name.endswith(SOLE_PROPRIETORSHIP_ENDINGS):
        return [
            warning(
                "name.form_unrecognised",
                "",
                "未识别出个人独资企业常用的名称结尾（如「厂」「店」「经营部」「中心」「工作室」），"
                "请确认名称能体现企业的经营特点。",
                "The name has none of the usual endings of a sole proprietorship (厂, 店, 经营部, 中心, "
                "工作室...); confirm that it shows the kind of business.",
            )
        ], None
    return [], _strip_ending(name, SOLE_PROPRIETORSHIP_ENDINGS)


def _strip_ending(body: str, endings: tuple[str, ...]) -> str:
    ending = next((e for e in endings if body.endswith(e) and len(e) < len(body)), "")
    return body[: len(body) - len(ending)]
