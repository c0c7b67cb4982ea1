"""The bundle's shape, and the masking of logs written by a careless writer."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

from app.services.diagnostics import MAX_LOG_BYTES, DiagnosticFacts, build_bundle, scrub_log


def test_logs_are_masked_and_cut_to_their_tail() -> None:
    text = scrub_log(b"x" * (MAX_LOG_BYTES + 10) + b" 370783199001011234 13812345678 ")
    assert "370783199001011234" not in text
    assert "13812345678" not in text
    assert "3707" in text  # masked, not dropped: IT still sees which kind of value was there
    assert len(text.encode()) <= MAX_LOG_BYTES


def test_the_bundle_lists_its_files_and_names_a_failed_opening() -> None:
    facts = DiagnosticFacts(
        generated_at=dt.datetime(2026, 11, 2, tzinfo=dt.UTC),
        versions={"app": "0.1.0"},
        profile_error="profile.locked",
        logs={"crash.log": b"boom\n"},
    )
    with zipfile.ZipFile(io.BytesIO(build_bundle(facts))) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        sync = json.loads(bundle.read("sync.json"))
    assert manifest["kind"] == "bizdesk.diagnostics/1"
    assert "logs/crash.log" in manifest["files"]
    assert sync == {"profile_error": "profile.locked"}
