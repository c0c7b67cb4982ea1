"""The IT-operations commands are spelled as documented (docs/updates-and-fleet.md)."""

from __future__ import annotations

import pytest

from app.cli import main


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["update"], ["status", "apply", "rollback"]),
        (["update", "status"], ["--check", "--json"]),
        (["fleet"], ["--json"]),
        (["diagnostics"], ["-o"]),
        (["device", "enroll"], ["--qr", "--platform", "--code", "--ca-file"]),
        (["sandbox"], ["--pack"]),
    ],
)
def test_help_shows_the_commands_and_options(
    capsys: pytest.CaptureFixture[str], words: list[str], expected: list[str]
) -> None:
    assert main([*words, "--help"]) == 0
    text = capsys.readouterr().out
    for word in expected:
        assert word in text


def test_enroll_needs_a_platform_and_code_or_a_qr_payload(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["device", "enroll", "--code", "X"]) == 2
    err = capsys.readouterr().err
    assert "--platform" in err
    assert "--qr" in err


def test_diagnostics_needs_its_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diagnostics"]) == 2
    assert "-o" in capsys.readouterr().err
