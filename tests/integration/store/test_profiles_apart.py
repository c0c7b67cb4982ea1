"""Training and desk data never mix (issue 13, points 1 and 2): backups, imports, saves, submissions."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import text

from app.case.interchange import dump_case
from app.errors import InputRejected
from app.paths import Profile
from app.ports import CaseSummary
from app.security.profile_fit import DataOutsideItsProfile
from app.seed.generator import generate_cases
from app.services.backup import BackupKeySource, BackupOfAnotherProfile, write_backup
from app.services.cases import import_case, save_case
from app.services.submission import submit_case
from app.wiring.profile import open_profile
from app.wiring.restore import restore_profile
from tests.integration.store.conftest import PASSPHRASE
from tests.unit.case.builders import llc_document

BACKUP_PASSPHRASE = "backup passphrase 2026"


def _backup_of(profile: Profile, target: Path) -> Path:
    with open_profile(profile, passphrase=PASSPHRASE) as opened:
        write_backup(opened, target, BACKUP_PASSPHRASE, actor="boss")
    return target


def _restore(profile: Profile, backup: Path) -> None:
    restore_profile(  # from another PC too: what is tested here is the profile's kind
        profile,
        backup,
        BackupKeySource(passphrase=BACKUP_PASSPHRASE),
        passphrase=PASSPHRASE,
        replace_device=True,
    )


def test_a_training_backup_never_restores_into_the_desk(
    training_profile: Profile, desk_profile: Profile, tmp_path: Path
) -> None:
    backup = _backup_of(training_profile, tmp_path / "training.bak")
    with pytest.raises(BackupOfAnotherProfile) as refused:
        _restore(desk_profile, backup)
    assert "培训环境的备份，不能恢复到正式环境" in refused.value.message_zh
    assert not desk_profile.root.exists() or not (desk_profile.root / "bizdesk.db").exists()
    new_machine = Profile("desk", tmp_path / "other-pc" / "desk")
    with pytest.raises(BackupOfAnotherProfile):
        _restore(new_machine, backup)
    assert not new_machine.root.exists()


def test_a_desk_backup_never_restores_into_the_training_profile(
    training_profile: Profile, desk_profile: Profile, tmp_path: Path
) -> None:
    backup = _backup_of(desk_profile, tmp_path / "desk.bak")
    with pytest.raises(BackupOfAnotherProfile) as refused:
        _restore(training_profile, backup)
    assert "正式环境的备份，不能恢复到培训环境" in refused.value.message_zh
    assert not training_profile.root.exists()
    _restore(Profile("desk", tmp_path / "pc2" / "desk"), backup)  # its own profile still restores


def test_a_training_backup_holding_a_real_case_is_refused(training_profile: Profile, tmp_path: Path) -> None:
    """A backup taken before the store checked marks: the restore looks at every case."""
    backup = _backup_of(training_profile, tmp_path / "t.bak")
    with open_profile(training_profile, passphrase=PASSPHRASE) as opened, opened.store.unit_of_work() as uow:
        uow.session.execute(  # what an older bizdesk let in: a real case in training
            text(
                "INSERT INTO cases (case_id, document, revision, company_name, company_type, status, "
                "services, created_at, updated_at, created_by, fictitious) VALUES ('SG-REAL', '{}', 1, "
                "'x', 'llc', 'draft', '{}', '2026-11-26 00:00:00', '2026-11-26 00:00:00', NULL, 0)"
            )
        )
        uow.commit()
    _backup_of(training_profile, backup)
    with pytest.raises(DataOutsideItsProfile):
        _restore(Profile("training", tmp_path / "pc2" / "training"), backup)
    assert not (tmp_path / "pc2" / "training").exists()


def test_training_takes_fictitious_cases_only_at_every_entry(training_profile: Profile) -> None:
    real = llc_document()
    assert real.get("fictitious", False) is False
    with open_profile(training_profile, passphrase=PASSPHRASE) as opened:
        with opened.store.unit_of_work() as uow, pytest.raises(DataOutsideItsProfile) as refused:
            import_case(uow, real, by="clerk", training=True)
        assert "培训环境只接受虚构数据" in refused.value.message_zh
        with opened.store.unit_of_work() as uow, pytest.raises(DataOutsideItsProfile):
            save_case(uow, real, by="clerk")  # the UI's case creation
        with opened.store.unit_of_work() as uow, pytest.raises(DataOutsideItsProfile):
            uow.cases.add(real, CaseSummary(real["case_id"], "x", "llc", "draft"), [])
        with opened.store.read_unit_of_work() as uow:
            assert uow.cases.count() == 0
        labelled = dict(real, fictitious=True)  # a real case labelled fictitious (issue 20): its numbers tell
        with opened.store.unit_of_work() as uow, pytest.raises(InputRejected) as unmarked:
            import_case(uow, labelled, by="clerk", training=True)
        assert unmarked.value.code == "case.not_training_data"
        seeded = dump_case(next(iter(generate_cases(1, seed=3))))
        with opened.store.unit_of_work() as uow:
            assert import_case(uow, seeded, by="clerk", training=True).case_id == seeded["case_id"]


def test_the_desk_refuses_to_store_or_queue_a_fictitious_case(desk_profile: Profile) -> None:
    fictitious = dict(llc_document(), fictitious=True)
    with open_profile(desk_profile, passphrase=PASSPHRASE) as opened:
        with opened.store.unit_of_work() as uow, pytest.raises(DataOutsideItsProfile):
            save_case(uow, fictitious, by="clerk")
        with opened.store.unit_of_work() as uow:  # what an older bizdesk let in (a restored training backup)
            uow.session.execute(
                text(
                    "INSERT INTO cases (case_id, document, revision, company_name, company_type, status, "
                    "services, created_at, updated_at, created_by, fictitious) VALUES (:id, :doc, 1, 'x', "
                    "'llc', 'ready', '{}', '2026-11-26 00:00:00', '2026-11-26 00:00:00', NULL, 1)"
                ),
                {"id": fictitious["case_id"], "doc": json.dumps(dict(fictitious, status="ready"))},
            )
            uow.commit()
        with opened.store.unit_of_work() as uow, pytest.raises(DataOutsideItsProfile) as refused:
            submit_case(uow, fictitious["case_id"], by="clerk")
        assert "不能进入正式环境，也不能报送政务平台" in refused.value.message_zh
        with opened.store.read_unit_of_work() as uow:
            assert uow.session.execute(text("SELECT count(*) FROM sync_outbox")).scalar() == 0


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_the_built_in_training_sandbox_keeps_its_files_private(training_profile: Profile) -> None:
    from app.wiring.sandbox import start_embedded_sandbox

    with open_profile(training_profile, passphrase=PASSPHRASE) as opened:
        _, stop = start_embedded_sandbox(opened)
        stop()
    folder = training_profile.root / "sandbox"
    assert folder.stat().st_mode & 0o777 == 0o700
    files = list(folder.glob("sandbox.db*"))
    assert files
    assert {path.name: path.stat().st_mode & 0o777 for path in files} == {path.name: 0o600 for path in files}


def test_the_cli_refuses_both_ways(
    desk_profile: Profile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``bizdesk restore`` across profiles and a real case imported into training: one sentence, exit 1."""
    from app.cli import main
    from tests.cli_accounts import DESK_IT, TRAINING_IT, TRAINING_TRAINER, create_desk_accounts, use_login

    monkeypatch.setenv("BIZDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("BIZDESK_BACKUP_PASSPHRASE", BACKUP_PASSPHRASE)
    create_desk_accounts(desk_profile)
    use_login(monkeypatch, DESK_IT)
    assert main(["backup", str(tmp_path / "desk.bak")]) == 0
    use_login(monkeypatch, TRAINING_IT)
    assert main(["--training", "backup", str(tmp_path / "training.bak")]) == 0
    capsys.readouterr()
    assert main(["--training", "restore", str(tmp_path / "desk.bak")]) == 1
    assert "正式环境的备份，不能恢复到培训环境" in capsys.readouterr().err
    use_login(monkeypatch, DESK_IT)
    assert main(["restore", str(tmp_path / "training.bak")]) == 1
    assert "培训环境的备份，不能恢复到正式环境" in capsys.readouterr().err
    source = tmp_path / "real.json"
    source.write_text(json.dumps(llc_document(), ensure_ascii=False), encoding="utf-8")
    use_login(monkeypatch, TRAINING_TRAINER)
    assert main(["--training", "case", "import", str(source)]) == 1
    assert "培训环境只接受虚构数据" in capsys.readouterr().err
    assert main(["--training", "case", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
