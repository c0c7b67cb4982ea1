"""Reference packs: contents that matter at a Shouguang desk, and a loader that refuses broken packs."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from app.reference import ReferenceDataError, load_reference, reference_data
from app.reference.data import PACK_FILES, SHIPPED_PACKS, reference_from_documents


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


def test_every_catalogue_class_has_its_gbt4754_name() -> None:
    ref = reference_data()
    cold = ref.industry_class("5930")
    assert cold is not None
    assert cold.name == "低温仓储"  # not the division's name 装卸搬运和仓储业
    for item in ref.scope.values():
        found = ref.industry_class(item.industry_class)
        assert found is not None, item
        assert found.division == item.industry_class[:2]
    tobacco = next(i for i in ref.scope.values() if i.wording == "烟草制品零售")
    assert ref.industry_class(tobacco.industry_class).name == "烟草制品零售"  # type: ignore[union-attr]


def _wage_pack(items: list[dict[str, object]]) -> dict[str, object]:
    return {"pack": "wage_standards", "version": "2027.1", "source": "test", "items": items}


def _figure(kind: str, region: str, start: str, floor: str, cap: str | None = None) -> dict[str, object]:
    return {
        "kind": kind,
        "region": region,
        "effective_from": start,
        "floor_yuan": floor,
        "cap_yuan": cap,
        "basis_zh": "测试",
        "source": "test",
    }


def test_the_wage_standard_in_force_is_the_newest_started_of_the_nearest_region(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED_PACKS, tmp_path / "packs")
    items = [
        _figure("social_insurance", "370000", "2025-01-01", "4000", "20000"),
        _figure("social_insurance", "370000", "2026-01-01", "4500", "22500"),
        _figure("social_insurance", "370000", "2027-01-01", "5000", "25000"),
        _figure("housing_fund", "370000", "2026-01-01", "1900", "20000"),
        _figure("housing_fund", "370700", "2026-07-01", "2100", "24000"),
    ]
    path = tmp_path / "packs" / "wage_standards.json"
    path.write_text(json.dumps(_wage_pack(items)), encoding="utf-8")
    ref = load_reference(tmp_path / "packs")
    found = ref.wage_standard("social_insurance", "370783", dt.date(2026, 12, 7))
    assert found is not None
    assert (found.floor, found.cap, found.starts) == (4500, 22500, dt.date(2026, 1, 1))
    assert ref.wage_standard("social_insurance", "370783", dt.date(2024, 12, 31)) is None
    city = ref.wage_standard("housing_fund", "370783", dt.date(2026, 8, 1))
    assert city is not None
    assert city.cap == 24000  # Weifang's own figure wins over the province's
    before = ref.wage_standard("housing_fund", "370783", dt.date(2026, 6, 30))
    assert before is not None
    assert before.cap == 20000
    assert ref.wage_standard("housing_fund", "110101", dt.date(2026, 8, 1)) is None  # not Shandong


def test_the_shipped_wage_standards_cover_shouguang_today() -> None:
    ref = reference_data()
    today = dt.date(2026, 12, 7)
    for kind in ("minimum_wage", "social_insurance", "medical_insurance", "housing_fund"):
        found = ref.wage_standard(kind, "370783", today)  # type: ignore[arg-type]
        assert found is not None, kind
        assert found.basis_zh
        assert found.source
        assert (found.cap is None) == (kind == "minimum_wage"), kind


def test_a_release_made_before_the_wage_pack_keeps_the_shipped_one() -> None:
    documents = {
        name: json.loads((SHIPPED_PACKS / file).read_text(encoding="utf-8"))
        for name, file in PACK_FILES.items()
        if name != "wage_standards"
    }
    ref = reference_from_documents(documents, origin=Path("release-2026.3"))
    assert ref.wages == reference_data().wages


def test_a_wage_figure_without_a_date_is_refused(tmp_path: Path) -> None:
    shutil.copytree(SHIPPED_PACKS, tmp_path / "packs")
    path = tmp_path / "packs" / "wage_standards.json"
    figure = _figure("social_insurance", "370000", "2026-13-01", "4500", "22500")
    path.write_text(json.dumps(_wage_pack([figure])), encoding="utf-8")
    with pytest.raises(ReferenceDataError) as refused:
        load_reference(tmp_path / "packs")
    assert "wage_standards.json" in refused.value.message_zh
