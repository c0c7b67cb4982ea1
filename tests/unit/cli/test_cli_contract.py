"""The CLI spellings are a contract with IT staff and outside tests."""

from __future__ import annotations

import subprocess
import sys

import pytest

from app.cli import main

TOP_LEVEL = ["run", "seed", "case", "sync", "user", "device", "backup", "restore", "audit", "db", "sandbox"]
GROUPS = {
    "case": ["list", "show", "export", "import", "submit", "pdf", "verify-receipt"],
    "user": ["add", "list", "unlock", "passwd"],
    "device": ["enroll"],
    "audit": ["verify"],
    "db": ["upgrade", "status"],
}
OPTIONS = {
    ("run",): ["--web", "--host", "--port"],
    ("seed",): ["--cases"],
    ("sync",): ["--once", "--json"],
    ("case", "list"): ["--json"],
    ("case", "show"): ["--json"],
    ("case", "export"): ["-o"],
    ("case", "pdf"): ["-o"],
    ("device", "enroll"): ["--platform", "--code"],
    ("sandbox",): [
        "--host",
        "--port",
        "--data",
        "--mode",
        "--enroll-code",
        "--fail-rate",
        "--drop-rate",
        "--latency-ms",
    ],
}


def _help(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    assert main([*words, "--help"]) == 0
    return capsys.readouterr().out


def _commands_listed(help_text: str) -> set[str]:
    section = help_text.split("Commands:", 1)[1]
    return {line.split()[0] for line in section.splitlines() if line.startswith("  ") and line.split()}


def test_top_level_help_lists_the_whole_contract(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(capsys)
    assert set(TOP_LEVEL) <= _commands_listed(text)
    assert "--training" in text


@pytest.mark.parametrize(("group", "commands"), GROUPS.items())
def test_groups_list_their_commands(
    capsys: pytest.CaptureFixture[str], group: str, commands: list[str]
) -> None:
    assert set(commands) <= _commands_listed(_help(capsys, group))


@pytest.mark.parametrize(("words", "options"), OPTIONS.items(), ids=lambda v: " ".join(v))
def test_commands_take_the_contract_options(
    capsys: pytest.CaptureFixture[str], words: tuple[str, ...], options: list[str]
) -> None:
    text = _help(capsys, *words)
    for option in options:
        assert option in text, f"{' '.join(words)} lacks {option}"


def test_usage_errors_exit_2_with_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["case", "no-such-command"]) == 2
    err = capsys.readouterr().err
    assert "用法有误" in err
    assert "Traceback" not in err


def test_missing_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["device", "enroll", "--code", "X"]) == 2
    assert "--platform" in capsys.readouterr().err


def test_not_yet_available_exits_3_on_stderr(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.wiring.profile
    from app.errors import NotYetAvailable

    def not_yet(*args: object, **kwargs: object) -> None:
        raise NotYetAvailable("case pdf")

    monkeypatch.setattr(app.wiring.profile, "open_profile", not_yet)  # every command is available today
    assert main(["case", "pdf", "SG-1", "-o", "x.pdf"]) == 3
    captured = capsys.readouterr()
    assert "尚未开放" in captured.err
    assert "not yet available" in captured.err
    assert captured.out == ""


def test_console_entry_points_agree() -> None:
    """``python -m app`` is the same program as the ``bizdesk`` script."""
    done = subprocess.run(
        [sys.executable, "-m", "app", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert set(TOP_LEVEL) <= _commands_listed(done.stdout)


def test_unexpected_error_is_one_sentence_and_logs_no_personal_data(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    import app.cli as cli_module

    secret = "11010519491231002X"

    def explode(*args: object, **kwargs: object) -> None:
        raise ValueError(f"bad id {secret}")

    monkeypatch.setenv("BIZDESK_HOME", str(tmp_path))
    monkeypatch.setattr(cli_module, "cli", explode)
    assert main(["case", "list"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert secret not in err
    assert len(err.strip().splitlines()) == 1
    log = (tmp_path / "logs" / "crash.log").read_text(encoding="utf-8")  # type: ignore[operator]
    assert "ValueError" in log
    assert secret not in log


def test_version_is_the_one_in_pyproject(capsys: pytest.CaptureFixture[str]) -> None:
    import tomllib
    from pathlib import Path

    import app
    from sync.sandbox.documents import APP_LATEST

    pyproject = Path(__file__).resolve().parents[3] / "pyproject.toml"
    declared = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"bizdesk {declared}"
    assert app.__version__ == APP_LATEST == declared
