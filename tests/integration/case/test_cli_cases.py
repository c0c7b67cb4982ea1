"""``bizdesk seed`` and ``bizdesk case ...`` on real SQLCipher profiles: round trip and refusal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.paths import profile
from tests.cli_accounts import (
    DESK_CLERK,
    DESK_IT,
    TRAINING_CLERK,
    TRAINING_TRAINER,
    desk_as_clerk,
)
from tests.unit.case.builders import llc_document

PASSPHRASE = "case cli passphrase 2026"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    yield from desk_as_clerk(monkeypatch, tmp_path / "home", PASSPHRASE)  # tests/cli_accounts.py


@pytest.fixture
def run(capsysbinary: pytest.CaptureFixture[bytes]):  # type: ignore[no-untyped-def]
    def invoke(*args: str, login: dict[str, str] | None = None) -> tuple[int, str, str]:
        saved = {name: os.environ.get(name) for name in login or {}}
        os.environ.update(login or {})
        try:
            code = main(list(args))
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        captured = capsysbinary.readouterr()
        return code, captured.out.decode("utf-8"), captured.err.decode("utf-8")

    return invoke


def _write(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def test_import_then_export_gives_back_the_same_document(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = _write(tmp_path / "case.json", llc_document())
    code, out, err = run("case", "import", str(source))
    assert code == 0, err
    case_id = out.strip()
    assert case_id == "SG20261126-TEST0001"
    assert "name.duplicate_unchecked" not in err
    assert "名称需联网查重" in err
    code, out, _ = run("case", "export", case_id)
    assert code == 0
    assert json.loads(out) == llc_document()
    assert out == json.dumps(llc_document(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    target = tmp_path / "out.json"
    assert run("case", "export", case_id, "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == out
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600


def test_a_wrong_check_character_refuses_the_whole_file(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = llc_document()
    document["status"] = "ready"
    for request in document["services"].values():
        request["status"] = "ready"
    number = document["people"][1]["id_number"]
    document["people"][1]["id_number"] = number[:-1] + ("0" if number[-1] != "0" else "1")
    code, out, err = run("case", "import", str(_write(tmp_path / "bad.json", document)))
    assert code == 1
    assert out == ""
    assert "people[1].id_number" in err
    assert "校验位" in err
    assert "Traceback" not in err
    code, out, _ = run("case", "list", "--json")
    assert code == 0
    assert json.loads(out) == []


def test_a_file_breaking_the_schema_lists_every_problem(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = llc_document()
    document["company"]["registered_capital_wan"] = 100
    document["people"][0]["nickname"] = "老王"
    code, _, err = run("case", "import", str(_write(tmp_path / "bad.json", document)))
    assert code == 1
    assert "company.registered_capital_wan" in err
    assert "people[0].nickname" in err
    (tmp_path / "junk.json").write_text("{not json", encoding="utf-8")
    code, _, err = run("case", "import", str(tmp_path / "junk.json"))
    assert code == 1
    assert "第1行" in err


def test_seed_in_training_list_show_and_round_trip(run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("seed", "--cases", "3")
    assert code == 2
    assert "培训" in err
    code, out, err = run("--training", "seed", "--cases", "16", "--seed", "7", login=TRAINING_TRAINER)
    assert code == 0, err
    code, out, _ = run("--training", "case", "list", "--json", login=TRAINING_TRAINER)
    summaries = json.loads(out)
    assert len(summaries) == 16
    assert all(s["fictitious"] for s in summaries)
    assert len({s["status"] for s in summaries}) == 8
    case_id = summaries[0]["case_id"]
    code, out, _ = run("--training", "case", "show", case_id, "--json", login=TRAINING_TRAINER)
    view = json.loads(out)
    assert view["case_id"] == case_id
    assert "*" in view["people"][0]["id_number_masked"]
    code, exported, _ = run("--training", "case", "export", case_id, login=TRAINING_CLERK)
    assert json.loads(exported)["fictitious"] is True
    code, _, err = run("case", "list", "--json")
    assert code == 0


@pytest.mark.slow
def test_the_installed_command_round_trips(tmp_path: Path) -> None:
    env = dict(
        os.environ,
        BIZDESK_HOME=str(tmp_path / "home"),
        BIZDESK_PASSPHRASE=PASSPHRASE,
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        **DESK_CLERK,
    )
    source = _write(tmp_path / "case.json", llc_document())
    command = [sys.executable, "-m", "app"]
    imported = subprocess.run(
        [*command, "case", "import", str(source)], env=env, capture_output=True, check=False
    )
    assert imported.returncode == 0, imported.stderr.decode()
    exported = subprocess.run(
        [*command, "case", "export", imported.stdout.decode().strip()],
        env=env,
        capture_output=True,
        check=True,
    )
    assert json.loads(exported.stdout.decode("utf-8")) == llc_document()


def test_case_commands_sign_a_user_in_and_check_the_role(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Issue 13, point 4: the profile key alone opens no case; the audit records who signed in."""
    source = _write(tmp_path / "case.json", llc_document())
    assert run("case", "import", str(source))[0] == 0
    for args in (
        ("case", "list"),
        ("case", "show", "SG20261126-TEST0001"),
        ("case", "export", "SG20261126-TEST0001"),
    ):
        code, out, err = run(*args, login={"BIZDESK_USER": "anyone", "BIZDESK_USER_PASSWORD": "x"})
        assert (code, out) == (1, ""), args
        assert "用户名或密码不正确" in err
        code, out, err = run(*args, login=DESK_IT)  # IT does no case work
        assert (code, out) == (1, ""), args
        assert "无权" in err
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("BIZDESK_USER")
        code, _, err = run("case", "list")
    assert code == 2
    assert "BIZDESK_USER" in err
    from app.wiring.profile import open_profile

    with open_profile(profile(training=False)) as opened, opened.store.read_unit_of_work() as uow:
        actors = {e.actor for e in uow.audit_trail.entries() if e.action == "case.import"}
    assert actors == {"deskclerk"}


def test_several_ready_cases_are_submitted_at_once_and_a_bad_one_stops_with_the_reason(run) -> None:  # type: ignore[no-untyped-def]
    assert run("--training", "seed", "--cases", "16", "--seed", "7", login=TRAINING_TRAINER)[0] == 0
    code, out, _ = run("--training", "case", "list", "--json", login=TRAINING_TRAINER)
    listed = {s["case_id"]: s["status"] for s in json.loads(out)}
    ready = [case_id for case_id, status in listed.items() if status == "ready"]
    draft = next(case_id for case_id, status in listed.items() if status == "draft")
    assert ready
    code, out, err = run(
        "--training", "case", "submit", *ready, draft, "missing-case", login=TRAINING_TRAINER
    )
    assert code == 1
    assert out.split() == ready  # queued in order before the draft stopped the command
    assert draft in err
    code, out, _ = run("--training", "case", "list", "--json", login=TRAINING_TRAINER)
    after = {s["case_id"]: s["status"] for s in json.loads(out)}
    assert {after[case_id] for case_id in ready} == {"queued"}
    assert after[draft] == "draft"  # nothing else changed
