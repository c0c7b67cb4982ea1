"""补正: the corrected service goes out again as a new submission; the old one and its reasons stay."""

from __future__ import annotations

import pytest

from app.case.lifecycle import NotReady
from app.case.model import Case
from app.case.service_models import Correction
from app.errors import InputRejected
from app.ports import StoredCase
from app.reference import reference_data
from app.services.case_page import case_page
from app.services.corrections import flagged_fields, resubmit_correction
from tests.integration.sync.support import DeskStore
from tests.unit.casework.support import REASON, licence_needing_correction, load


def test_resubmission_queues_a_new_submission_and_keeps_the_old_one(store: DeskStore) -> None:
    case = licence_needing_correction(store)
    with store.outbox() as (uow, outbox):
        old = outbox.latest(case.case_id, "license")
        page = case_page(uow, outbox, case.case_id)
    assert old is not None
    assert old.state == "needs_correction"
    licence = next(s for s in page.services if s.code == "license")
    assert licence.correctable
    assert licence.reasons == (REASON,)
    assert page.correction_values["domicile_address"]

    with store.outbox() as (uow, outbox):
        result = resubmit_correction(
            uow,
            case.case_id,
            "license",
            by="clerk1",
            changes={"domicile_address": "圣城街道文圣街99号"},
        )
    assert result.queued == ("license",)
    (new_key,) = result.submissions
    assert new_key != old.idempotency_key
    with store.outbox() as (uow, outbox):
        history = [e for e in outbox.for_case(case.case_id) if e.service == "license"]
        page = case_page(uow, outbox, case.case_id)
        actions = [entry.action for entry in uow.audit_trail.entries()]  # type: ignore[attr-defined]
    assert [(e.idempotency_key, e.state) for e in history] == [
        (old.idempotency_key, "needs_correction"),
        (new_key, "pending"),
    ]
    assert history[0].reasons == (REASON,)
    assert load(store, case.case_id).company.domicile.address == "圣城街道文圣街99号"  # type: ignore[union-attr]
    licence = next(s for s in page.services if s.code == "license")
    assert licence.status == "queued"
    assert not licence.correctable
    assert licence.submissions == 2
    assert [(step.submission, step.event) for step in licence.timeline][-2:] == [
        (1, "needs_correction"),
        (2, "queued"),
    ]
    assert "case.correction" in actions
    assert actions[-1] == "case.submit"


def test_a_service_not_awaiting_correction_is_refused_and_nothing_changes(store: DeskStore) -> None:
    case = licence_needing_correction(store)
    with store.outbox() as (uow, _):
        before = uow.cases.get(case.case_id)
        with pytest.raises(InputRejected, match="does not await a correction"):
            resubmit_correction(uow, case.case_id, "tax", by="clerk1")
        with pytest.raises(InputRejected, match="cannot be changed in a correction"):
            resubmit_correction(uow, case.case_id, "license", by="c", changes={"name": "x"})
    _nothing_changed(store, case, before)


def test_a_correction_that_breaks_a_rule_is_refused_with_the_problems(store: DeskStore) -> None:
    case = licence_needing_correction(store)
    with store.outbox() as (uow, _), pytest.raises(NotReady):
        resubmit_correction(uow, case.case_id, "license", by="c", changes={"domicile_address": ""})
    assert load(store, case.case_id).services.license.status.value == "needs_correction"  # type: ignore[union-attr]


def test_a_scope_correction_is_written_in_standard_wordings_and_split_by_the_catalogue(
    store: DeskStore,
) -> None:
    """The sandbox's commonest 补正 reason is the business scope: it must be correctable here."""
    case = licence_needing_correction(store)
    catalog = reference_data().scope.values()
    general = next(i for i in catalog if not i.licensed and "、" in i.wording)  # 、 inside one item
    licensed = next(i for i in catalog if i.licensed)
    with store.outbox() as (uow, outbox):
        shown = case_page(uow, outbox, case.case_id).correction_values["business_scope"]
    assert shown  # the current scope, in wordings the clerk can read and edit
    with store.outbox() as (uow, _):
        resubmit_correction(
            uow,
            case.case_id,
            "license",
            by="clerk1",
            changes={
                "business_scope": f"{licensed.wording}；{general.code.lower()}；{general.wording}",
                "domicile_address": "圣城街道文圣街99号",  # what the opinion (REASON) asks for
            },
        )
    scope = load(store, case.case_id).company.scope
    assert (scope.general, scope.licensed) == ([general.code], [licensed.code])


def test_a_scope_item_outside_the_catalogue_is_named_and_nothing_changes(store: DeskStore) -> None:
    case = licence_needing_correction(store)
    with store.outbox() as (uow, _):
        before = uow.cases.get(case.case_id)
        with pytest.raises(InputRejected, match="卖蔬菜 is not in the standard wording") as refused:
            resubmit_correction(uow, case.case_id, "license", by="c", changes={"business_scope": "卖蔬菜"})
        with pytest.raises(InputRejected, match="cannot be empty"):
            resubmit_correction(uow, case.case_id, "license", by="c", changes={"business_scope": " ；"})
    assert "“卖蔬菜”不是" in refused.value.message_zh
    assert refused.value.data["field"] == "business_scope"
    with store.outbox() as (uow, _):
        after = uow.cases.get(case.case_id)
    assert before is not None
    assert after is not None
    assert after.document == before.document


def test_a_resubmission_leaving_the_flagged_field_unchanged_is_refused_and_nothing_changes(
    store: DeskStore,
) -> None:
    """The opinion (REASON) names the domicile: sending it back unchanged, or changing only the phone,
    would only be sent back again."""
    case = licence_needing_correction(store)
    with store.outbox() as (uow, outbox):
        before = uow.cases.get(case.case_id)
        values = case_page(uow, outbox, case.case_id).correction_values
        for changes in ({}, dict(values), {**values, "company_phone": "0536-5212345"}):
            with pytest.raises(InputRejected, match="asked to correct Domicile") as refused:
                resubmit_correction(uow, case.case_id, "license", by="clerk1", changes=changes)
            assert "“住所（详细地址）”，但该项未作修改" in refused.value.message_zh
            assert refused.value.data["field"] == "domicile_address"
    _nothing_changed(store, case, before)


def test_the_fields_an_opinion_names_come_from_its_field_or_else_its_words() -> None:
    def named(field: str | None, message: str) -> list[str]:
        return flagged_fields([Correction(field=field, message_zh=message)])

    assert named("company.domicile.address", "请核对") == ["domicile_address"]
    assert named("company.scope.general", "请核对") == ["business_scope"]
    assert named(None, "经营范围表述不规范，企业联系电话无法接通") == ["company_phone", "business_scope"]
    assert named(None, "请补充股东会决议") == []  # nothing the correction form holds: the clerk decides
    assert named("people.0.mobile", "住所不符") == []  # a field outside the form, even if words match


def _nothing_changed(store: DeskStore, case: Case, before: StoredCase | None) -> None:
    """The case is stored as ``before`` and no submission was added."""
    with store.outbox() as (uow, outbox):
        after = uow.cases.get(case.case_id)
        count = len(outbox.for_case(case.case_id))
    assert before is not None
    assert after is not None
    assert after.revision == before.revision
    assert after.document == before.document
    assert count == len(list(case.services.requested()))


def test_the_agencys_outcome_carries_the_time_the_desk_recorded_it(store: DeskStore) -> None:
    case = licence_needing_correction(store)
    with store.outbox() as (uow, outbox):
        page = case_page(uow, outbox, case.case_id)
        recorded = outbox.latest(case.case_id, "license")
    licence = next(s for s in page.services if s.code == "license")
    outcome = licence.timeline[-1]
    assert outcome.event == "needs_correction"
    assert recorded is not None
    assert outcome.at is not None  # "部门要求补正 · —" showed no time
    assert outcome.at == recorded.updated_at
