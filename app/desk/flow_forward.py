"""``ForwardedFlow``: a ``CaseFlowApi`` that hands every call to another one (for desk wrappers)."""

from __future__ import annotations

from collections.abc import Sequence

from app.desk.flow_api import (
    CardOutcome,
    CaseFlowApi,
    DivisionOption,
    DraftView,
    FieldChange,
    Grade,
    PacketPreview,
    Receipt,
    SaveOutcome,
    ScopeOption,
    StepKey,
)


class ForwardedFlow:
    """Subclasses say where the flow lives (``_flow``); every method forwards unchanged."""

    def _flow(self) -> CaseFlowApi:
        raise NotImplementedError

    def start_draft(self) -> DraftView:
        return self._flow().start_draft()

    def open_draft(self, case_id: str) -> DraftView:
        return self._flow().open_draft(case_id)

    def change_fields(
        self, case_id: str, changes: Sequence[FieldChange], *, step: StepKey, field: str
    ) -> SaveOutcome:
        return self._flow().change_fields(case_id, changes, step=step, field=field)

    def remember_position(self, case_id: str, step: StepKey, field: str) -> None:
        self._flow().remember_position(case_id, step, field)

    def add_person(self, case_id: str) -> DraftView:
        return self._flow().add_person(case_id)

    def remove_person(self, case_id: str, index: int) -> DraftView:
        return self._flow().remove_person(case_id, index)

    def read_id_card(self, case_id: str, index: int | None) -> CardOutcome:
        return self._flow().read_id_card(case_id, index)

    def reader_modes(self) -> tuple[str, ...]:
        return self._flow().reader_modes()

    def set_reader_mode(self, mode: str) -> None:
        self._flow().set_reader_mode(mode)

    def scope_options(self, query: str, *, limit: int = 8) -> list[ScopeOption]:
        return self._flow().scope_options(query, limit=limit)

    def division_options(self) -> list[DivisionOption]:
        return self._flow().division_options()

    def attach_document(self, case_id: str, kind: str, subject: str, path: str) -> DraftView:
        return self._flow().attach_document(case_id, kind, subject, path)

    def defer_document(self, case_id: str, kind: str, subject: str, due_date: str) -> DraftView:
        return self._flow().defer_document(case_id, kind, subject, due_date)

    def packet_preview(self, case_id: str) -> PacketPreview:
        return self._flow().packet_preview(case_id)

    def save_packet(self, case_id: str, path: str) -> str:
        return self._flow().save_packet(case_id, path)

    def submit_draft(self, case_id: str) -> Receipt:
        return self._flow().submit_draft(case_id)

    def rate_case(self, case_id: str, grade: Grade, comment: str) -> Receipt:
        return self._flow().rate_case(case_id, grade, comment)

    def receipt(self, case_id: str) -> Receipt:
        return self._flow().receipt(case_id)
