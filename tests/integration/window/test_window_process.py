"""``bizdesk --training run --window browser`` with a stand-in browser: what the browser is given, and
the desk ending with the window (0 when closed, 1 with the reason when it ended abnormally).

The stand-in (``BIZDESK_BROWSER``) records its command line, fetches the address it was given (the
desk must be listening before it opens the window) and ends with the code it is told: the window
being closed. No display is needed beyond DISPLAY being set; the real window is tests/e2e/test_desk_window.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.harness import ROOT, server_env

STAND_IN = f"""#!{sys.executable}
import json, os, sys, urllib.request
app = next(arg for arg in sys.argv if arg.startswith("--app="))[len("--app="):]
with urllib.request.urlopen(app) as answer:
    status = answer.status
with open(os.environ["STAND_IN_RECORD"], "w", encoding="utf-8") as record:
    json.dump({{"argv": sys.argv[1:], "status": status}}, record)
sys.exit(int(os.environ["STAND_IN_EXIT"]))
"""


def _run_with_stand_in(
    tmp_path: Path, code: int
) -> tuple[subprocess.CompletedProcess[str], dict[str, object]]:
    stand_in = tmp_path / "chromium-stand-in"
    stand_in.write_text(STAND_IN, encoding="utf-8")
    stand_in.chmod(0o755)
    record = tmp_path / "argv.json"
    env = server_env(
        tmp_path / "home",
        DISPLAY=":99",  # a display is said to exist; the stand-in draws nothing
        BIZDESK_BROWSER=str(stand_in),
        STAND_IN_RECORD=str(record),
        STAND_IN_EXIT=str(code),
    )
    env.pop("BIZDESK_WINDOW_FLAGS", None)
    done = subprocess.run(
        [sys.executable, "-m", "app", "--training", "run", "--window", "browser"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,  # no timeout: a busy machine may take minutes (pytest-timeout guards a hang)
    )
    return done, json.loads(record.read_text(encoding="utf-8"))


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a POSIX script")
def test_the_window_gets_the_served_address_and_its_profile_and_closing_it_ends_the_desk(
    tmp_path: Path,
) -> None:
    done, seen = _run_with_stand_in(tmp_path, 0)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    argv = seen["argv"]
    assert isinstance(argv, list)
    address = next(arg for arg in argv if arg.startswith("--app=")).removeprefix("--app=")
    assert address.startswith("http://127.0.0.1:")
    assert f"bizdesk 已启动: {address}" in done.stdout
    assert seen["status"] == 200  # the desk answered before its window opened
    assert f"--user-data-dir={tmp_path / 'home' / 'browser-profile-training'}" in argv
    assert "--disable-background-networking" in argv
    preferences = tmp_path / "home" / "browser-profile-training" / "Default" / "Preferences"
    assert json.loads(preferences.read_text(encoding="utf-8"))["credentials_enable_service"] is False
    if os.name == "posix":
        assert (tmp_path / "home" / "browser-profile-training").stat().st_mode & 0o777 == 0o700


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a POSIX script")
def test_a_window_that_ends_abnormally_stops_the_desk_with_the_reason(tmp_path: Path) -> None:
    done, _ = _run_with_stand_in(tmp_path, 3)
    assert done.returncode == 1
    assert "窗口意外关闭（退出码 3）" in done.stderr
    assert "exit code 3" in done.stderr
    assert "Traceback" not in done.stderr
