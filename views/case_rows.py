"""Case summaries as list rows (plain data): which cases an area shows and how a row reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from app.ports import CaseSummary
from views.i18n import Strings


@dataclass(frozen=True)
class CaseRow:
    case_id: str
    title: str
    subtitle: str
    fictitious: bool


def local_time(moment: dt.datetime) -> dt.datetime:
    """Stored times are aware (UTC); naive ones are taken as UTC. Shown in the desk's local time."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone()


def updated_on(summaries: Iterable[CaseSummary], day: dt.date) -> list[CaseSummary]:
    """The cases updated on ``day`` (local calendar), in the order given."""
    return [summary for summary in summaries if local_time(summary.updated_at).date() == day]


def case_row(summary: CaseSummary, texts: Strings) -> CaseRow:
    when = local_time(summary.updated_at).strftime("%Y-%m-%d %H:%M")
    parts = [summary.case_id, summary.company_type, summary.status, when]
    if summary.fictitious:
        parts.append(texts.t("cases.fictitious"))
    title = summary.company_name.strip() or summary.case_id
    return CaseRow(summary.case_id, title, " · ".join(part for part in parts if part), summary.fictitious)
