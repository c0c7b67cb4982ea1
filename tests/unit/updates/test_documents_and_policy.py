"""Release verification against the pinned key, version order, rollout buckets and binding deadlines."""

from __future__ import annotations

import datetime as dt

import pytest

from app.updates.documents import Rollout, UpdateRefused, verify_app, verify_pack
from app.updates.policy import binding_deadline, in_rollout, is_newer, is_overdue, rollout_bucket
from tests.unit.updates.support import T0, Platform


def test_a_signed_pack_verifies_against_the_pinned_key() -> None:
    platform = Platform()
    release = verify_pack(platform.pack("2026.5"), platform.public)
    assert release.version == "2026.5"
    assert release.form_versions == {"SQ-01": "2026.5"}
    assert set(release.packs) == {
        "divisions",
        "industries",
        "scope_catalogue",
        "service_guides",
        "wage_standards",
    }


def test_a_guide_of_the_gift_pack_is_covered_by_the_signature() -> None:
    platform = Platform()
    document = platform.pack("2026.5")
    document["packs"]["service_guides"]["items"][0]["title"] = "篡改的口袋书"
    with pytest.raises(UpdateRefused) as refused:
        verify_pack(document, platform.public)
    assert refused.value.code == "update_refused.signature"


def test_a_tampered_pack_is_refused_with_a_clear_message() -> None:
    platform = Platform()
    document = platform.pack("2026.5")
    document["packs"]["divisions"]["items"][0]["name"] = "篡改市"
    with pytest.raises(UpdateRefused) as refused:
        verify_pack(document, platform.public)
    assert refused.value.code == "update_refused.signature"
    assert "篡改" in refused.value.message_zh
    assert "keeps the version it runs" in refused.value.message_en


def test_a_pack_signed_by_another_platform_is_refused() -> None:
    with pytest.raises(UpdateRefused, match="not valid"):
        verify_pack(Platform().pack("2026.5"), Platform().public)


def test_a_signed_but_malformed_pack_names_the_field() -> None:
    platform = Platform()
    with pytest.raises(UpdateRefused) as refused:
        verify_pack(platform.pack("latest"), platform.public)
    assert refused.value.code == "update_refused.malformed"
    assert "version" in refused.value.message_zh


def test_an_unsigned_document_and_a_manifest_posing_as_a_pack_are_refused() -> None:
    platform = Platform()
    unsigned = platform.pack("2026.5")
    del unsigned["signature"]
    with pytest.raises(UpdateRefused):
        verify_pack(unsigned, platform.public)
    with pytest.raises(UpdateRefused, match="malformed"):
        verify_pack(platform.app("0.2.0"), platform.public)
    assert verify_app(platform.app("0.2.0"), platform.public).version == "0.2.0"


@pytest.mark.parametrize(
    ("offered", "running", "newer"),
    [
        ("2026.10", "2026.9", True),
        ("2026.9", "2026.10", False),
        ("2026.1", "2026.1", False),
        ("0.10.0", "0.9.3", True),
        ("0.1.0", "0.1.0.dev2", False),
    ],
)
def test_versions_compare_by_their_numbers(offered: str, running: str, newer: bool) -> None:
    assert is_newer(offered, running) is newer


def test_a_canary_list_admits_only_its_branches() -> None:
    canary = Rollout(branches=("0101", "0102"), percent=0)
    assert in_rollout(canary, "2026.5", "0101")
    assert not in_rollout(canary, "2026.5", "0199")
    assert in_rollout(Rollout(), "2026.5", "0199")  # the default is everyone


def test_a_percentage_rollout_admits_about_that_share_and_widens_monotonically() -> None:
    branches = [f"{n:04d}" for n in range(1, 401)]
    at_20 = {b for b in branches if in_rollout(Rollout(percent=20), "2026.5", b)}
    at_50 = {b for b in branches if in_rollout(Rollout(percent=50), "2026.5", b)}
    assert 40 <= len(at_20) <= 120
    assert at_20 < at_50  # widening a rollout keeps the branches already in it
    assert rollout_bucket("2026.5", "0001") == rollout_bucket("2026.5", "0001")


def test_the_binding_deadline_gives_late_desks_their_grace_days() -> None:
    must = T0 + dt.timedelta(days=3)
    assert binding_deadline(must, 2, T0) == must  # seen early: the release's date binds
    late = T0 + dt.timedelta(days=7)  # first seen after a week offline
    assert binding_deadline(must, 2, late) == late + dt.timedelta(days=2)
    assert binding_deadline(None, 2, T0) is None
    assert not is_overdue(None, late)
    assert is_overdue(must, must)
