"""The scenario files: every shipped one loads; a wrong file is refused naming the file and the field."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.training import checker
from app.training.scenario import SCENARIOS_DIR, ScenarioFileInvalid, load_scenarios, scenario_by_id

REQUIRED = {
    "llc-two-shareholders",
    "llc-one-person",
    "sole-proprietorship",
    "partnership",
    "deferred-lease",
    "validation-traps",
    "correction-resubmit",
    "offline-day-sync",
}


def test_the_shipped_scenarios_cover_the_brief_and_each_has_steps_hints_and_checks() -> None:
    scenarios = load_scenarios()
    assert {s.id for s in scenarios} >= REQUIRED
    assert all(s.steps and s.hints and s.checks for s in scenarios)
    assert [s.order for s in scenarios] == sorted(s.order for s in scenarios)


def test_the_trap_scenario_checks_the_four_traps() -> None:
    codes = {getattr(c, "code", None) for c in scenario_by_id("validation-traps").checks}
    assert {
        "resident_id.check",
        "company_law.subscription_sum",
        "name.forbidden",
        "roles.legal_representative_age",
    } <= codes


def _write(folder: Path, name: str, data: object) -> None:
    (folder / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_an_unknown_check_kind_is_refused_naming_the_file_and_field(tmp_path: Path) -> None:
    good = json.loads((SCENARIOS_DIR / "03-sole-proprietorship.json").read_text(encoding="utf-8"))
    good["checks"][0]["kind"] = "colour"
    _write(tmp_path, "bad.json", good)
    with pytest.raises(ScenarioFileInvalid) as refused:
        load_scenarios(tmp_path)
    assert "bad.json" in refused.value.message_zh
    assert "checks.0" in refused.value.message_en


def test_broken_json_and_a_repeated_id_are_refused(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    with pytest.raises(ScenarioFileInvalid, match=r"broken\.json"):
        load_scenarios(tmp_path)
    (tmp_path / "broken.json").unlink()
    good = json.loads((SCENARIOS_DIR / "04-partnership.json").read_text(encoding="utf-8"))
    _write(tmp_path, "a.json", good)
    _write(tmp_path, "b.json", good)
    with pytest.raises(ScenarioFileInvalid, match="partnership"):
        load_scenarios(tmp_path)


def test_an_unknown_scenario_id_is_refused() -> None:
    with pytest.raises(ScenarioFileInvalid):
        scenario_by_id("no-such-scenario")


def test_every_button_a_scenario_or_the_check_names_is_a_button_the_desk_shows() -> None:
    """点“…” in a scenario's texts (and in the check's advice) is a label the desk draws, word for word."""
    strings_dir = Path(__file__).resolve().parents[3] / "assets" / "strings"
    labels = {
        value
        for path in strings_dir.glob("zh-CN*.json")
        for value in json.loads(path.read_text(encoding="utf-8")).values()
    }
    texts = [t.zh for s in load_scenarios() for t in (s.summary, *s.steps, *s.hints)]
    texts += [Path(checker.__file__).read_text(encoding="utf-8")]
    named = {match for text in texts for match in re.findall(r"点“([^”]+)”", text)}
    assert named >= {"修改并重新提交", "检查结果", "恢复网络", "立即同步", "开始练习"}
    assert named <= labels, named - labels


def test_the_correction_scenario_offers_every_case_awaiting_correction() -> None:
    scenario = scenario_by_id("correction-resubmit")
    assert [status.value for status in scenario.cases] == ["needs_correction"]
    assert "有一个" not in scenario.summary.zh  # the demo day holds several
