"""Guided training scenarios: data files (``assets/scenarios/*.json``), read and validated here.

A scenario file holds (zh with English)::

    {"id": "llc-two-shareholders", "order": 1,
     "title": {"zh": "...", "en": "..."}, "summary": {...},
     "steps": [{"zh": "...", "en": "..."}], "hints": [{...}],
     "checks": [{"kind": "company_type", "value": "llc", "label": {"zh": "...", "en": "..."}}]}

``checks`` are what ``app.training.checker`` verifies on the trainee's case, one point each (the kinds
are the ``Check`` union below). A trainer adds a scenario by adding a file: no code. A file that does
not fit is refused with ``ScenarioFileInvalid`` naming the file and the field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.case.enums import CompanyType, DocumentKind, ServiceCode, Status
from app.errors import InputRejected

SCENARIOS_DIR = Path(__file__).resolve().parents[2] / "assets" / "scenarios"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(_Strict):
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class _Check(_Strict):
    label: Bilingual  # what the point is, as the trainee reads it


class CompanyTypeCheck(_Check):
    kind: Literal["company_type"]
    value: CompanyType


class ServicesCheck(_Check):
    """Each of ``values`` requested (``exactly``: and no other)."""

    kind: Literal["services"]
    values: tuple[ServiceCode, ...] = Field(min_length=1)
    exactly: bool = False


class CountCheck(_Check):
    """How many ``people`` (persons entered) or ``shareholders`` the case holds."""

    kind: Literal["people", "shareholders"]
    min: int = Field(ge=0)
    max: int | None = None


class NoErrorsCheck(_Check):
    kind: Literal["no_errors"]


class ProblemFixedCheck(_Check):
    """``validate_case`` no longer reports ``code`` (the trap was seen and fixed)."""

    kind: Literal["problem_fixed"]
    code: str = Field(min_length=3)


class StatusCheck(_Check):
    kind: Literal["status_in"]
    values: tuple[Status, ...] = Field(min_length=1)


class DeferredCheck(_Check):
    """A document of ``document`` kind is deferred (容缺受理) with a due date."""

    kind: Literal["deferred"]
    document: DocumentKind


class ResubmittedCheck(_Check):
    """The trainee answered a 补正: corrected a service the agency sent back and queued it again
    (read from the audit trail and the outbox, not from the case status)."""

    kind: Literal["resubmitted"]


class SentCheck(_Check):
    """The case's queued submissions reached the platform: at least one did and none is left
    waiting to be sent (a submission waiting for another agency's result is not the network's)."""

    kind: Literal["sent"]


Check = Annotated[
    CompanyTypeCheck
    | ServicesCheck
    | CountCheck
    | NoErrorsCheck
    | ProblemFixedCheck
    | StatusCheck
    | DeferredCheck
    | ResubmittedCheck
    | SentCheck,
    Field(discriminator="kind"),
]


class Scenario(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,47}$")
    order: int = 100
    title: Bilingual
    summary: Bilingual
    starts_at: Literal["new", "cases", "sync"] = "new"  # the area the scenario opens
    offline: bool = False  # 开始练习 cuts the training desk's network (app.syncing.outage)
    steps: tuple[Bilingual, ...] = Field(min_length=1)
    hints: tuple[Bilingual, ...] = ()
    checks: tuple[Check, ...] = Field(min_length=1)


class ScenarioFileInvalid(InputRejected):
    code = "training.scenario_invalid"


def load_scenario(path: Path) -> Scenario:
    """One scenario file, or ``ScenarioFileInvalid`` naming the file and the first wrong field."""
    try:
        return Scenario.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except json.JSONDecodeError as error:
        raise ScenarioFileInvalid(
            f"培训场景文件 {path.name} 不是有效的JSON（第{error.lineno}行）；请修正该文件。",
            f"Scenario file {path.name} is not valid JSON (line {error.lineno}); fix the file.",
        ) from error
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ScenarioFileInvalid(
            f"培训场景文件 {path.name} 的字段 {where} 有误：{first['msg']}；请修正该文件。",
            f"Scenario file {path.name}: field {where} is wrong ({first['msg']}); fix the file.",
        ) from error


def load_scenarios(folder: Path = SCENARIOS_DIR) -> list[Scenario]:
    """Every ``*.json`` scenario of ``folder``, in their ``order``; two files with one id are refused."""
    found = [load_scenario(path) for path in sorted(folder.glob("*.json"))]
    ids = [scenario.id for scenario in found]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ScenarioFileInvalid(
            f"培训场景编号重复：{', '.join(twice)}；每个场景须有自己的编号。",
            f"Scenario ids used twice: {', '.join(twice)}; give each scenario its own id.",
        )
    return sorted(found, key=lambda s: (s.order, s.id))


def scenario_by_id(scenario_id: str, folder: Path = SCENARIOS_DIR) -> Scenario:
    for scenario in load_scenarios(folder):
        if scenario.id == scenario_id:
            return scenario
    raise ScenarioFileInvalid(
        f"没有编号为 {scenario_id} 的培训场景；请从列表中选择。",
        f"No training scenario {scenario_id}; choose one from the list.",
    )
