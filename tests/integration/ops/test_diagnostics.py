"""The diagnostics bundle of a desk with seeded, synced cases holds no ID number, mobile nor name of them."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.paths import profile
from app.services.submission import submit_all_ready
from app.training.seeding import seed_cases
from app.wiring.profile import open_profile
from app.wiring.sandbox import start_embedded_sandbox
from app.wiring.services import desk_sync
from tests.cli_accounts import TRAINING_CLERK, TRAINING_IT, use_login

PERSONAL_KEYS = {"name", "id_number", "mobile", "legal_name"}


def _personal_values(value: Any) -> Iterator[str]:
    """Every name, ID number and mobile in a case dump (walked recursively)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in PERSONAL_KEYS and isinstance(inner, str) and len(inner) >= 2:
                yield inner
            else:
                yield from _personal_values(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _personal_values(inner)


def _bundle_text(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as bundle:
        return {name: bundle.read(name).decode("utf-8") for name in bundle.namelist()}


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BIZDESK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BIZDESK_PASSPHRASE", "培训口令 correct horse battery staple")
    return tmp_path / "home"


def test_the_bundle_of_a_working_desk_has_no_personal_data(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_profile(profile(True)) as opened:
        _url, stop = start_embedded_sandbox(opened, decision_delay_s=0.0, correction_rate=0.0)
        try:
            with opened.store.unit_of_work() as uow:
                seed_cases(uow, 12, training=True, seed=11)
            with opened.store.unit_of_work() as uow:
                submit_all_ready(uow, by="trainer")
            assert desk_sync(opened).run_once().ok
        finally:
            stop()
        with opened.store.read_unit_of_work() as uow:
            cases = [uow.cases.get(s.case_id) for s in uow.cases.list()]
        needles = {v for c in cases if c is not None for v in _personal_values(dict(c.document))}
    ids = [n for n in needles if len(n) == 18 and n[:17].isdigit()]
    mobiles = [n for n in needles if len(n) == 11 and n.startswith("1") and n.isdigit()]
    assert ids
    assert mobiles
    assert len(needles) > len(ids) + len(mobiles)
    (home / "logs").mkdir(parents=True, exist_ok=True)
    (home / "logs" / "crash.log").write_text(f"careless writer: {ids[0]} {mobiles[0]}\n", encoding="utf-8")

    target = tmp_path / "diag.zip"
    assert main(["--training", "diagnostics", "-o", str(target)]) == 2  # IT signs in
    use_login(monkeypatch, TRAINING_CLERK)
    assert main(["--training", "diagnostics", "-o", str(target)]) == 1  # IT only
    assert not target.exists()
    use_login(monkeypatch, TRAINING_IT)
    assert main(["--training", "diagnostics", "-o", str(target)]) == 0
    files = _bundle_text(target)
    assert {
        "manifest.json",
        "versions.json",
        "sync.json",
        "updates.json",
        "errors.json",
        "audit.json",
    } <= set(files)
    assert "logs/crash.log" in files
    everything = "\n".join(files.values())
    leaked = sorted(n for n in needles if n in everything)
    assert not leaked, leaked
    sync = json.loads(files["sync.json"])
    assert sync["enrolled"]
    assert sync["last_success_at"]
    assert sync["counts"]["completed"] > 0
    assert json.loads(files["versions.json"])["reference_pack"] == "2026.1"
    audit = json.loads(files["audit.json"])
    assert audit
    assert all(set(entry) == {"action", "at"} for entry in audit)  # no actor, subject nor details


def test_a_profile_that_cannot_be_opened_still_gives_a_bundle(home: Path, tmp_path: Path) -> None:
    with open_profile(profile(True)) as opened:
        database = opened.profile.database
    database.write_bytes(b"not a database at all" * 100)  # a desk broken beyond opening
    target = tmp_path / "diag.zip"
    assert main(["--training", "diagnostics", "-o", str(target)]) == 0
    files = _bundle_text(target)
    manifest = json.loads(files["manifest.json"])
    assert manifest["profile_error"]
    assert json.loads(files["versions.json"])["app"]
