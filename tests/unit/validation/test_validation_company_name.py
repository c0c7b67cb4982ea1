"""企业名称 (国务院令第734号, 总局令第82号)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.validation import COMPANY_TYPES, Problem, is_valid, validate_company_name
from app.validation.name_words import FORBIDDEN_CATEGORIES

DUPLICATE = "name.duplicate_unchecked"


def codes(problems: list[Problem]) -> list[str]:
    """Problem codes without the warning every name carries."""
    return [p.code for p in problems if p.code != DUPLICATE]


@pytest.mark.parametrize(
    ("name", "company_type"),
    [
        ("寿光市金丰农业有限公司", "llc"),
        ("寿光金丰农业有限责任公司", "llc"),
        ("潍坊市金丰科技有限公司", "llc"),
        ("山东省金丰农业发展有限公司", "llc"),
        ("金丰（寿光）农业有限公司", "llc"),
        ("金丰（北京）信息技术有限公司", "llc"),
        ("寿光市华美国际贸易有限公司", "llc"),
        ("寿光市安泰国际贸易有限公司", "llc"),
        ("山东盟鑫农业有限公司", "llc"),
        ("寿光市兴华国防水材料有限公司", "llc"),
        ("寿光市华奥运输有限公司", "llc"),
        ("寿光市江南非遗文化有限公司", "llc"),
        ("寿光市华博彩印有限公司", "llc"),
        ("寿光市祥瑞典雅家居有限公司", "llc"),
        ("寿光市旭日本草堂", "sole_proprietorship"),
        ("寿光市金丰淫羊藿种植场", "sole_proprietorship"),
        ("寿光市金丰农业股份有限公司", "joint_stock"),
        ("山东金丰农业股份公司", "joint_stock"),
        ("寿光市金丰蔬菜店", "sole_proprietorship"),
        ("寿光市金丰荷兰豆种植场", "sole_proprietorship"),
        ("寿光市金丰农资经营部", "sole_proprietorship"),
        ("寿光市金丰设计工作室", "sole_proprietorship"),
        ("寿光市金丰农业合伙企业（普通合伙）", "partnership"),
        ("寿光市金丰投资中心（有限合伙）", "partnership"),
        ("寿光金丰会计师事务所（特殊普通合伙）", "partnership"),
    ],
)
def test_valid_names(name: str, company_type: str) -> None:
    problems = validate_company_name(name, company_type)
    assert codes(problems) == []
    assert is_valid(problems)


def test_every_name_needs_the_online_duplicate_check() -> None:
    problems = validate_company_name("寿光市金丰农业有限公司", "llc")
    assert problems == [p for p in problems if p.code == DUPLICATE]
    assert len(problems) == 1
    assert problems[0].severity == "warning"
    assert "名称需联网查重" in problems[0].message_zh
    assert problems[0].field == ""


def test_input_is_normalised() -> None:
    assert codes(validate_company_name("\u3000金丰(寿光)农业有限公司 ", "llc")) == []


@pytest.mark.parametrize("company_type", ["", "LLC", "gmbh", None, 3])
def test_unknown_company_type(company_type: object) -> None:
    problems = validate_company_name("寿光市金丰农业有限公司", company_type)
    assert [(p.code, p.field, p.severity) for p in problems if p.code != DUPLICATE] == [
        ("name.company_type", "company_type", "error")
    ]


@pytest.mark.parametrize("value", [None, 12345, ["寿光"]])
def test_non_text_name(value: object) -> None:
    problems = validate_company_name(value, "llc")
    assert codes(problems) in (["name.empty"], ["name.type"])
    assert not is_valid(problems)


def test_empty_name() -> None:
    assert codes(validate_company_name(" \u3000", "llc")) == ["name.empty"]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("寿光市ABC农业有限公司", "name.latin"),
        ("寿光市ＡＢＣ农业有限公司", "name.latin"),
        ("寿光市jīnfēng农业有限公司", "name.latin"),
        ("寿光市金丰1号农业有限公司", "name.digits"),
        ("寿光市金丰１号农业有限公司", "name.digits"),
        ("寿光市金丰①号农业有限公司", "name.charset"),
        ("寿光市金丰·农业有限公司", "name.charset"),
        ("寿光市金丰&农业有限公司", "name.charset"),
        ("寿光市金丰、农业有限公司", "name.charset"),
        ("寿光市金丰【寿光】农业有限公司", "name.charset"),
        ("寿光市金丰 农业有限公司", "name.whitespace"),
        ("寿光市金丰\u3000农业有限公司", "name.whitespace"),
        ("寿光市華豐农业有限公司", "name.traditional"),
        ("寿光市金丰（农业有限公司", "name.brackets"),
        ("寿光市金丰（）农业有限公司", "name.brackets"),
        ("寿光市金丰（（寿光））农业有限公司", "name.brackets"),
    ],
)
def test_character_errors(name: str, code: str) -> None:
    problems = validate_company_name(name, "llc")
    assert codes(problems) == [code]
    assert not is_valid(problems)


def test_traditional_characters_get_their_standard_form() -> None:
    problems = validate_company_name("寿光市華豐农业有限公司", "llc")
    assert "「華」改为「华」" in problems[0].message_zh


def test_rare_characters_only_warn() -> None:
    problems = validate_company_name("寿光市金\u3400农业有限公司", "llc")
    assert codes(problems) == ["name.rare_char"]
    assert is_valid(problems)


def test_length_limits() -> None:
    assert codes(validate_company_name("金丰", "sole_proprietorship"))[0] == "name.too_short"
    long_name = "寿光市" + "金丰" * 22 + "农业有限公司"
    assert codes(validate_company_name(long_name, "llc")) == ["name.too_long"]


@pytest.mark.parametrize(
    ("name", "term"),
    [
        ("寿光市共产党农业有限公司", "共产党"),
        ("寿光市解放军农业有限公司", "解放军"),
        ("寿光市八一农业有限公司", "八一"),
        ("寿光市国防科技有限公司", "国防"),
        ("寿光市武警农业有限公司", "武警"),
        ("寿光市美国农业有限公司", "美国"),
        ("寿光市日本料理店", "日本"),
        ("寿光市联合国农业有限公司", "联合国"),
        ("寿光市红十字医药有限公司", "红十字"),
        ("寿光市色情文化有限公司", "色情"),
        ("寿光市博彩科技有限公司", "博彩"),
        ("寿光市算命咨询有限公司", "算命"),
        ("寿光市圣战文化有限公司", "圣战"),
        ("寿光市支那贸易有限公司", "支那"),
    ],
)
def test_forbidden_words(name: str, term: str) -> None:
    company_type = "sole_proprietorship" if name.endswith("店") else "llc"
    problems = validate_company_name(name, company_type)
    forbidden = [p for p in problems if p.code == "name.forbidden"]
    assert len(forbidden) == 1
    assert term in forbidden[0].message_zh
    assert not is_valid(problems)


@pytest.mark.parametrize("term", [term.text for category in FORBIDDEN_CATEGORIES for term in category.terms])
def test_every_forbidden_term_is_found_between_neutral_characters(term: str) -> None:
    problems = validate_company_name(f"寿光市金丰{term}科技有限公司", "llc")
    assert "name.forbidden" in codes(problems)


@pytest.mark.parametrize("prefix", ["中国", "中华", "中央", "全国", "国家"])
def test_national_words_at_the_start_need_state_council_approval(prefix: str) -> None:
    problems = validate_company_name(f"{prefix}金丰农业有限公司", "llc")
    assert "name.state_council" in codes(problems)
    state = next(p for p in problems if p.code == "name.state_council")
    assert "国务院批准" in state.message_zh
    assert "State Council" in state.message_en


def test_national_word_inside_only_warns() -> None:
    problems = validate_company_name("寿光市金丰中国农业有限公司", "llc")
    assert codes(problems) == ["name.national_word"]
    assert is_valid(problems)


@pytest.mark.parametrize(
    ("name", "company_type", "code"),
    [
        ("寿光市金丰农业股份有限公司", "llc", "name.form_mismatch"),
        ("寿光市金丰农业股份公司", "llc", "name.form_mismatch"),
        ("寿光市金丰农业有限公司", "joint_stock", "name.form_mismatch"),
        ("寿光市金丰农业有限责任公司", "joint_stock", "name.form_mismatch"),
        ("寿光市金丰农业公司", "llc", "name.form_missing"),
        ("寿光市金丰农业公司", "joint_stock", "name.form_missing"),
        ("寿光市金丰农业中心", "llc", "name.form_missing"),
        ("寿光市金丰农业股份有限责任公司", "llc", "name.form_invalid"),
        ("寿光市金丰农业股份有限责任公司", "joint_stock", "name.form_invalid"),
        ("寿光市金丰蔬菜有限公司", "sole_proprietorship", "name.form_mismatch"),
        ("寿光市金丰有限蔬菜店", "sole_proprietorship", "name.form_mismatch"),
        ("寿光市金丰农业合伙企业（普通合伙）", "sole_proprietorship", "name.form_mismatch"),
        ("寿光市金丰农业合伙企业", "partnership", "name.partnership_marker"),
        ("寿光市金丰投资有限公司（有限合伙）", "partnership", "name.form_mismatch"),
    ],
)
def test_organisation_form_must_match_the_type(name: str, company_type: str, code: str) -> None:
    problems = validate_company_name(name, company_type)
    assert codes(problems) == [code]
    assert not is_valid(problems)


def test_sole_proprietorship_without_a_usual_ending_only_warns() -> None:
    problems = validate_company_name("寿光市金丰蔬菜专业户", "sole_proprietorship")
    assert codes(problems) == ["name.form_unrecognised"]
    assert is_valid(problems)


@pytest.mark.parametrize("name", ["寿光市华农业有限公司", "寿光市农业有限公司", "寿光市有限公司"])
def test_trade_name_needs_two_characters(name: str) -> None:
    assert codes(validate_company_name(name, "llc")) == ["name.trade_name_short"]


def test_trade_name_that_is_a_place_or_an_industry_only_warns() -> None:
    place = validate_company_name("寿光市潍坊农业有限公司", "llc")
    assert codes(place) == ["name.trade_name_place"]
    industry = validate_company_name("寿光市科技农业有限公司", "llc")
    assert codes(industry) == ["name.trade_name_industry"]
    assert is_valid(place)
    assert is_valid(industry)


def test_missing_division_only_warns() -> None:
    problems = validate_company_name("金丰农业有限公司", "llc")
    assert codes(problems) == ["name.division_missing"]
    assert is_valid(problems)


def test_extra_division_names_from_the_reference_pack() -> None:
    assert codes(validate_company_name("临淄金丰农业有限公司", "llc")) == ["name.division_missing"]
    assert codes(validate_company_name("临淄金丰农业有限公司", "llc", division_names={"临淄"})) == []
    assert codes(validate_company_name("金丰（临淄）农业有限公司", "llc", division_names=["临淄"])) == []


def test_errors_come_first_and_messages_are_bilingual() -> None:
    problems = validate_company_name("中国ABC農业公司", "llc")
    severities = [p.severity for p in problems]
    assert severities == sorted(severities)
    for problem in problems:
        assert problem.message_zh
        assert problem.message_en
        assert problem.message_en != problem.message_zh


# --- property-based -----------------------------------------------------------------------------------

# Trade-name characters that form no division, industry or forbidden word with their neighbours.
_TRADE_CHARS = "金丰瑞祥鑫源恒达宏盛和润福禄康乐嘉信诚博远鸿晟辉"
_FORMS = {
    "llc": ["有限公司", "有限责任公司"],
    "joint_stock": ["股份有限公司", "股份公司"],
    "sole_proprietorship": ["店", "厂", "经营部", "工作室", "商行"],
    "partnership": ["合伙企业（普通合伙）", "中心（有限合伙）", "事务所（特殊普通合伙）"],
}

well_formed_names = st.sampled_from(COMPANY_TYPES).flatmap(
    lambda company_type: st.tuples(
        st.just(company_type),
        st.sampled_from(["寿光市", "寿光", "潍坊市", "山东省", "青州市", "济南"]),
        st.text(_TRADE_CHARS, min_size=2, max_size=6),
        st.sampled_from(["农业", "蔬菜", "科技", "商贸", "物流", "食品", "种植"]),
        st.sampled_from(_FORMS[company_type]),
    )
)


@settings(max_examples=300, deadline=None)
@given(well_formed_names)
def test_well_formed_names_are_valid(parts: tuple[str, str, str, str, str]) -> None:
    company_type, division, trade_name, industry, form = parts
    name = division + trade_name + industry + form
    assert codes(validate_company_name(name, company_type)) == []
    bracketed = trade_name + "（" + division + "）" + industry + form
    assert codes(validate_company_name(bracketed, company_type)) == []


@settings(max_examples=300, deadline=None)
@given(well_formed_names, st.sampled_from("ABCxyz0123456789·&@#-_"))
def test_a_foreign_character_anywhere_is_an_error(parts: tuple[str, str, str, str, str], char: str) -> None:
    company_type, division, trade_name, industry, form = parts
    name = division + trade_name[:1] + char + trade_name[1:] + industry + form
    assert not is_valid(validate_company_name(name, company_type))


@settings(max_examples=500, deadline=None)
@given(st.text(), st.sampled_from([*COMPANY_TYPES, "bad"]))
def test_random_text_never_raises(name: str, company_type: str) -> None:
    problems = validate_company_name(name, company_type)
    assert problems
    assert all(p.message_zh and p.message_en for p in problems)


@settings(max_examples=300, deadline=None)
@given(st.text("寿光市金丰农业有限公司股份合伙普通（）()中国美国际华 1Ａ", max_size=30))
def test_random_name_like_text_never_raises(name: str) -> None:
    for company_type in COMPANY_TYPES:
        assert isinstance(validate_company_name(name, company_type), list)
