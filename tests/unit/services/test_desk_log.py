"""The desk's own log: logs/desk.log in the data folder, rotating, masked, carried by the diagnostics
bundle."""

from __future__ import annotations

import logging
import os
import zipfile
from pathlib import Path

import pytest

from app import desklog
from app.desklog import DESK_LOG, LOG_FOLDER, log_event, start_desk_log, stop_desk_log
from app.errors import InputRejected, describe
from app.services.diagnostics import write_diagnostics

ID_NUMBER, MOBILE = "370783199001011234", "13805361234"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BIZDESK_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_the_desk_log_is_written_masked_into_the_data_folders_logs_and_the_bundle_carries_it(
    home: Path, tmp_path: Path
) -> None:
    handler = start_desk_log()
    try:
        log_event("desk.open", app="0.1.0", training=True)
        logging.getLogger("bizdesk.sync").info("sync.pass sent=%d", 3)
        log_event("careless", detail=f"{ID_NUMBER} {MOBILE}")  # a careless writer: masked all the same
        describe(InputRejected("不对", "wrong", code="case.example"))  # the code only
    finally:
        stop_desk_log(handler)
    path = home / LOG_FOLDER / DESK_LOG
    text = path.read_text(encoding="utf-8")
    assert "INFO bizdesk desk.open app=0.1.0 training=True" in text
    assert "bizdesk.sync sync.pass sent=3" in text
    assert "error.described code=case.example" in text
    assert "不对" not in text
    assert ID_NUMBER not in text
    assert MOBILE not in text
    assert "370783********1234 138****1234" in text
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600

    bundle = write_diagnostics(tmp_path / "diag.zip", {})
    with zipfile.ZipFile(bundle) as opened:
        carried = opened.read(f"logs/{DESK_LOG}").decode("utf-8")
    assert "desk.open app=0.1.0" in carried
    assert ID_NUMBER not in carried


def test_the_log_rotates_and_keeps_a_bounded_number_of_files(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(desklog, "MAX_BYTES", 4_000)
    handler = start_desk_log()
    try:
        for n in range(2_000):
            log_event("sync.pass", sent=n, events=0)
    finally:
        stop_desk_log(handler)
    names = sorted(p.name for p in (home / LOG_FOLDER).iterdir())
    assert names == [DESK_LOG, f"{DESK_LOG}.1", f"{DESK_LOG}.2", f"{DESK_LOG}.3"]
    assert all(p.stat().st_size <= 4_000 for p in (home / LOG_FOLDER).iterdir())
    assert "sent=1999" in (home / LOG_FOLDER / DESK_LOG).read_text(encoding="utf-8")
