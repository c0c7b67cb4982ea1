"""Reference packs: contents that matter at a Shouguang desk, and a loader that refuses broken packs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.reference import ReferenceDataError, load_reference, reference_data
from app.reference.data import PACK_FILES, SHIPPED_PACKS


def test_shouguang_and_its_parents() -> None:
    ref = reference_data()
    assert ref.full_division_name("370783") == "山东省潍坊市寿光市"
    assert [d.code for d in ref.division_path("370783")] == ["370000", "370700", "370783"]
    assert ref.is_current_division("370783")


def test_every_province_and_all_of_shandong_to_county_level() -> None:
    ref = reference_data()
    provinces = [d for d in ref.divisions.values() if d.level == "province"]
    assert len(provinces) == 34
    prefectures = ref.children("370000")
    assert len(prefectures) == 16
    assert "莱芜市" not in {d.name for d in prefectures}
    assert len(ref.children("370700")) == 12
    counties = [
        d for d in ref.divisions.values() if d.level == "county" and d.current and d.code.startswith("37")
    ]
    assert len(counties) == 136
    laiwu = ref.division("370116")
    assert laiwu is not None
    assert laiwu.name == "莱芜区"


def test_historical_codes_are_known_but_not_current() -> None:
    ref = reference_data()
    for code in ("372223", "370723", "371200", "370181"):
        assert ref.is_known_division(code)
        assert not ref.is_current_division(code)


def test_gbt4754_sections_and_97_divisions() -> None:
    ref = reference_data()
    assert sorted(ref.sections) == [chr(c) for c in range(ord("A"), ord("T") + 1)]
    assert sorted(ref.industry_divisions) == [f"{n:02d}" for n in range(1, 98)]
    farming, trade, catering = ref.industry_division("0141"), ref.section_of("5123"), ref.section_of("6210")
    assert farming is not None
    assert farming.name == "农业"
    assert trade is not None
    assert trade.code == "F"
    assert catering is not None
    assert catering.name == "住宿和餐饮业"


def test_scope_catalogue_covers_the_regions_businesses() -> None:
    ref = reference_data()
    items = list(ref.scope.values())
    assert 80 <= len(items) <= 150
    assert len({i.wording for i in items}) == len(items)
    assert {i.group for i in items} == {
        "agriculture",
        "trade",
        "catering",
        "logistics",
        "processing",
        "services",
    }
    wordings = {i.wording: i for i in items}
    assert not wordings["蔬菜种植"].licensed
    assert wordings["蔬菜种植"].industry_class == "0141"
    assert wordings["餐饮服务"].licensed
    assert wordings["餐饮服务"].permit == "食品经营许可证"
    assert wordings["道路货物运输（不含危险货物）"].licensed
    for item in items:
        assert ref.industry_division(item.industry_class) is not None, item
        assert item.licensed == (item.permit is not None), item
    assert ref.scope_items(group="catering", licensed=True)


def test_a_directory_override_is_loaded(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED_PACKS, tmp_path / "packs")
    path = tmp_path / "packs" / "scope_catalogue.json"
    pack = json.loads(path.read_text(encoding="utf-8"))
    pack["version"] = "2027.3"
    pack["items"] = pack["items"][:5]
    path.write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")
    ref = load_reference(tmp_path / "packs")
    assert ref.versions["scope_catalogue"] == "2027.3"
    assert len(ref.scope) == 5


@pytest.mark.parametrize(
    ("pack", "breakage"),
    [
        ("divisions.json", lambda p: p.update(version="latest")),
        ("divisions.json", lambda p: p["items"].append(dict(p["items"][0]))),
        ("industries.json", lambda p: p.update(pack="divisions")),
        ("scope_catalogue.json", lambda p: p["items"][0].update(licensed="yes")),
    ],
)
def test_broken_packs_are_refused_with_a_message(tmp_path: Path, pack: str, breakage: object) -> None:
    shutil.copytree(SHIPPED_PACKS, tmp_path / "packs")
    path = tmp_path / "packs" / pack
    content = json.loads(path.read_text(encoding="utf-8"))
    breakage(content)  # type: ignore[operator]
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReferenceDataError) as refused:
        load_reference(tmp_path / "packs")
    assert pack in refused.value.message_zh
    assert "IT" in refused.value.message_zh


def test_a_missing_pack_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError):
        load_reference(tmp_path)


def test_the_gift_pack_guides_go_with_the_services_of_a_case() -> None:
    ref = reference_data()
    assert ref.versions["service_guides"] == "2026.1"
    assert [g.code for g in ref.guides_for(())] == ["pocket_book"]
    everything = ("license", "seal", "bank_account", "tax", "social_security", "medical_insurance")
    assert [g.code for g in ref.guides_for((*everything, "housing_fund"))] == [
        "pocket_book",
        "tax_leaflet",
        "social_insurance_flow",
        "housing_fund_flow",
    ]
    assert [g.code for g in ref.guides_for(["medical_insurance"])] == ["pocket_book", "social_insurance_flow"]


def test_a_guide_naming_an_unknown_placeholder_or_twice_the_same_code_is_refused(tmp_path: Path) -> None:
    for file in PACK_FILES.values():
        shutil.copy(SHIPPED_PACKS / file, tmp_path / file)
    guides = json.loads((tmp_path / "service_guides.json").read_text(encoding="utf-8"))
    guides["items"][0]["sections"][0]["blocks"][0]["text"] = "请致电 {desk.fax}"
    (tmp_path / "service_guides.json").write_text(json.dumps(guides, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"desk\.fax"):
        load_reference(tmp_path)
    guides["items"][0]["sections"][0]["blocks"][0]["text"] = "{company.name}"
    guides["items"][1]["code"] = guides["items"][0]["code"]
    (tmp_path / "service_guides.json").write_text(json.dumps(guides, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="appears twice"):
        load_reference(tmp_path)
