"""No personal data in plaintext anywhere under BIZDESK_HOME, and no database opens without its key.

Runs ``bizdesk --training seed --cases 50``, adds a scan per case, a backup, a pre-migration copy, a key
rotation, a crash log and a masked log line, then reads every file under the data root
(databases, -wal, -shm, journals, key file, backups, attachments, logs) looking for every
ID number, mobile number and person's name of those cases.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.case.interchange import parse_case
from app.cli import main
from app.crashlog import record_crash
from app.masking import MaskingFilter
from app.paths import Profile
from app.security.attachments import save_attachment
from app.services.backup import write_backup
from app.services.rotation import rotate_data_key
from app.store import migrate
from app.wiring.profile import OpenedProfile, open_profile
from tests.cli_accounts import TRAINING_TRAINER, use_login

CASES = 50


def _seed(opened: OpenedProfile) -> list[Any]:
    """``bizdesk --training seed --cases 50``, then a scan per case; returns the stored cases."""
    with pytest.MonkeyPatch.context() as patch:
        use_login(patch, TRAINING_TRAINER)
        assert main(["--training", "seed", "--cases", str(CASES)]) == 0
    files = opened.files
    with opened.store.unit_of_work() as uow:
        summaries = uow.cases.list(limit=CASES * 2)
        cases = [parse_case(uow.cases.get(s.case_id).document) for s in summaries]  # type: ignore[union-attr]
        for case in cases:
            person = case.people[0]
            scan = f"ID card scan: {person.name} {person.id_number} {person.mobile}".encode()
            save_attachment(uow, files, case.case_id, "id_front", scan * 20, "image/png")
            uow.audit.append(
                "case.create", actor="clerk", subject=case.case_id, details={"id": person.id_number or ""}
            )
        uow.commit()
    assert len(cases) == CASES
    return cases


def _secrets(cases: list[Any]) -> set[str]:
    found: set[str] = set()
    for case in cases:
        for person in case.people:
            found.update(v for v in (person.name, person.id_number, person.mobile) if v)
    assert len(found) > CASES * 2
    return found


def _leave_every_kind_of_file(opened: OpenedProfile, cases: list[Any], profile: Profile) -> None:
    write_backup(opened, profile.backups / "manual.bizdesk-backup", "backup passphrase 2026", actor="itadmin")
    person = cases[0].people[0]
    logger = logging.getLogger("bizdesk.test.pii")
    handler = logging.FileHandler(profile.logs / "bizdesk.log", encoding="utf-8")
    handler.addFilter(MaskingFilter())
    logger.addHandler(handler)
    try:
        logger.warning("lookup by %s and %s", person.id_number, person.mobile)
    finally:
        logger.removeHandler(handler)
        handler.close()
    try:
        raise ValueError(f"boom {person.name} {person.id_number}")
    except ValueError as error:
        record_crash(error)
    migrate.downgrade(opened.engine, "0003_attachments")  # the next open copies the db before upgrading
    rotate_data_key(opened, by="itadmin")


def _all_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


@pytest.mark.slow
def test_no_personal_data_in_plaintext_under_the_data_root(training_profile: Profile) -> None:
    with open_profile(training_profile) as opened:
        cases = _seed(opened)
        _leave_every_kind_of_file(opened, cases, training_profile)
        with opened.store.unit_of_work() as uow:  # leave the WAL with recent writes in it
            uow.audit.append("case.print", actor="clerk", subject=cases[1].case_id)
            uow.commit()
        files = _all_files(training_profile.root.parent)
        names = {p.name for p in files}
        assert {"bizdesk.db", "bizdesk.db-wal", "keys.json", "manual.bizdesk-backup", "crash.log"} <= names
        checked: set[str] = set()
        _assert_clean(files, _secrets(cases), checked)
    with open_profile(training_profile) as reopened:
        assert list(training_profile.backups.glob("bizdesk-0003_attachments-*.db"))
        with reopened.store.read_unit_of_work() as uow:
            assert uow.cases.count() == CASES
    _assert_clean(_all_files(training_profile.root.parent), _secrets(cases), checked)


def _assert_clean(files: list[Path], secrets: set[str], checked: set[str] | None = None) -> None:
    """Fail if any file holds any of ``secrets`` in UTF-8 or UTF-16.

    ``checked`` collects the digests of contents found clean: a later call with the same set and the
    same secrets skips files that did not change since (the search is most of this module's time).
    """
    # A needle of 4 bytes turns up by chance in megabytes of ciphertext (a 2-character name in UTF-16
    # matches random bytes about once in 2^32 positions): UTF-16 needles need 6 bytes or more to mean
    # a leak. Every value is still searched in UTF-8, where even a 2-character name is 6 bytes.
    needles = [(s, s.encode("utf-8")) for s in secrets]
    needles += [(s, s.encode("utf-16-le")) for s in secrets if len(s.encode("utf-16-le")) >= 6]
    for path in files:
        blob = path.read_bytes()
        digest = hashlib.sha256(blob).hexdigest()
        if checked is not None and digest in checked:
            continue
        leaked = sorted({text for text, needle in needles if needle in blob})
        assert not leaked, f"{path} holds {len(leaked)} personal values in plaintext"
        if checked is not None:
            checked.add(digest)


def test_no_database_under_the_data_root_opens_without_its_key(training_profile: Profile) -> None:
    with open_profile(training_profile) as opened:
        _seed(opened)
        write_backup(opened, training_profile.backups / "b.bin", "backup passphrase 2026", actor=None)
    databases = [p for p in _all_files(training_profile.root) if p.suffix == ".db"]
    assert databases
    for path in databases:
        with pytest.raises(sqlite3.DatabaseError):
            sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_the_scan_would_catch_a_plaintext_leak(tmp_path: Path) -> None:
    planted = tmp_path / "leak.txt"
    planted.write_text("founder 王小明 phone", encoding="utf-16-le")
    with pytest.raises(AssertionError, match="1 personal values"):
        _assert_clean([planted], {"王小明", "11010519491231002X"})
