"""Every bad input of issue 13 (points 8, 9, 10) answers one sentence naming the problem, with exit 2 for
a usage error and 1 for a refused input, never the generic internal error; nothing stored changes."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.cli import main
from tests.cli_accounts import desk_as_clerk
from tests.unit.case.builders import llc_document

PASSPHRASE = "bad input passphrase 2026"
INTERNAL = "意外错误"
Setup = Callable[[Path], list[str]]


@pytest.fixture(autouse=True)
def _desk(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    yield from desk_as_clerk(monkeypatch, tmp_path / "home", PASSPHRASE)  # tests/cli_accounts.py


def _file(tmp: Path, text: str | bytes, name: str = "case.json") -> Path:
    path = tmp / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def _case(**changes: object) -> str:
    return json.dumps({**llc_document(), **changes}, ensure_ascii=False)


def _person_named(name: str) -> str:
    document = llc_document()
    document["people"][0]["name"] = name
    return json.dumps(document, ensure_ascii=False)


def _busy_port() -> int:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    _BUSY.append(listener)
    return int(listener.getsockname()[1])


_BUSY: list[socket.socket] = []


def _impossible_kdf(tmp: Path) -> list[str]:
    keys = tmp / "home" / "desk" / "keys.json"
    data = json.loads(keys.read_text(encoding="utf-8"))
    for wrap in data["wraps"]:
        if wrap.get("method") == "passphrase":
            wrap["kdf"]["m"] = 2**40
    keys.write_text(json.dumps(data), encoding="utf-8")
    return ["case", "list"]


def _home_is_a_file(tmp: Path) -> list[str]:
    os.environ["BIZDESK_HOME"] = str(_file(tmp, "x", "home-file"))
    return ["case", "list"]


def _fifo(tmp: Path) -> list[str]:
    os.mkfifo(tmp / "pipe")
    return ["case", "export", "SG20261126-TEST0001", "-o", str(tmp / "pipe")]


CASES: dict[str, tuple[Setup, int, str]] = {
    # point 8
    "import deep JSON": (
        lambda t: ["case", "import", str(_file(t, "[" * 100_000 + "]" * 100_000))],
        1,
        "嵌套",
    ),
    "import a 5000-digit number": (
        lambda t: ["case", "import", str(_file(t, '{"a": 1' + "0" * 5000 + "}"))],
        1,
        "位的数字",
    ),
    "import a folder": (lambda t: ["case", "import", str(t)], 2, "是文件夹"),
    "import a missing file": (lambda t: ["case", "import", str(t / "nope.json")], 2, "找不到文件"),
    "export -o a folder": (lambda t: ["case", "export", "SG20261126-TEST0001", "-o", str(t)], 2, "是文件夹"),
    "export -o a missing folder": (
        lambda t: ["case", "export", "SG20261126-TEST0001", "-o", str(t / "no" / "x.json")],
        2,
        "不存在",
    ),
    "list --limit past 64 bits": (lambda t: ["case", "list", "--limit", str(2**70)], 2, "--limit"),
    "enroll with a missing --ca-file": (
        lambda t: [
            "device",
            "enroll",
            "--platform",
            "https://p.example",
            "--code",
            "x",
            "--ca-file",
            str(t / "ca.pem"),
        ],
        2,
        "找不到文件",
    ),
    "sandbox port 99999": (lambda t: ["sandbox", "--port", "99999", "--data", str(t / "sb")], 2, "--port"),
    "sandbox port in use": (
        lambda t: ["sandbox", "--port", str(_busy_port()), "--data", str(t / "sb")],
        1,
        "监听",
    ),
    "sandbox bad host": (
        lambda t: ["sandbox", "--host", "bad host!", "--port", "0", "--data", str(t / "sb")],
        2,
        "--host",
    ),
    "sandbox --data on a file": (
        lambda t: ["sandbox", "--data", str(_file(t, "x", "f")), "--port", "0"],
        2,
        "是文件",
    ),
    "sandbox bad --database-url": (
        lambda t: ["sandbox", "--database-url", "nonsense://x", "--port", "0", "--data", str(t / "sb")],
        2,
        "--database-url",
    ),
    "sandbox bad --public-url": (
        lambda t: ["sandbox", "--public-url", "10.1.2.3:8443", "--port", "0", "--data", str(t / "sb")],
        2,
        "--public-url",
    ),
    "restore a folder": (lambda t: ["restore", str(t)], 2, "是文件夹"),
    "restore a missing file": (lambda t: ["restore", str(t / "b.bin")], 2, "找不到文件"),
    "BIZDESK_HOME is a file": (_home_is_a_file, 2, "BIZDESK_HOME"),
    "key file with impossible KDF parameters": (_impossible_kdf, 1, "派生参数"),
    # point 9
    "import /dev/zero": (lambda t: ["case", "import", "/dev/zero"], 2, "不是普通文件"),
    "import a 5 MB file": (lambda t: ["case", "import", str(_file(t, " " * 5_000_000 + "{}"))], 1, "过大"),
    "a 10 MB note": (lambda t: ["case", "import", str(_file(t, _case(note="x" * 10_000_000)))], 1, "过大"),
    "a 3000-character note": (lambda t: ["case", "import", str(_file(t, _case(note="x" * 3000)))], 1, "note"),
    "a 3.5-million-character name": (
        lambda t: ["case", "import", str(_file(t, _person_named("王" * 1_000_000)))],
        1,
        "people[0].name",
    ),
    "22,000 people": (
        lambda t: [
            "case",
            "import",
            str(_file(t, _case(people=[{"person_id": f"p{i}", "name": "王"} for i in range(22_000)]))),
        ],
        1,
        "最多200项",
    ),
    # point 10
    "export -o a FIFO": (_fifo, 2, "不是普通文件"),
    "duplicate JSON keys": (
        lambda t: ["case", "import", str(_file(t, _case()[:-1] + ', "note": "a", "note": "b"}'))],
        1,
        "出现了两次",
    ),
    # issue 20 §1: "still the generic error"
    "import /proc/self/mem": (lambda t: ["case", "import", "/proc/self/mem"], 2, "无法读取"),
    "created_at in 9999": (
        lambda t: ["case", "import", str(_file(t, _case(created_at="9999-12-31T23:59:59Z")))],
        1,
        "created_at",
    ),
    "created_at at +14:00": (
        lambda t: ["case", "import", str(_file(t, _case(created_at="9999-12-31T23:59:59+14:00")))],
        1,
        "created_at",
    ),
    "created_at in year 1": (
        lambda t: ["case", "import", str(_file(t, _case(created_at="0001-01-01T00:00:00Z")))],
        1,
        "created_at",
    ),
    "created_at in year 1 at +14:00": (
        lambda t: ["case", "import", str(_file(t, _case(created_at="0001-01-01T00:00:00+14:00")))],
        1,
        "created_at",
    ),
    "a NUL inside a name": (
        lambda t: ["case", "import", str(_file(t, _person_named("王\u0000五")))],
        1,
        "控制字符",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_answers_one_sentence(
    name: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    setup, expected_code, words = CASES[name]
    if name.startswith("export"):
        assert main(["case", "import", str(_file(tmp_path, _case(), "good.json"))]) == 0
        capsysbinary.readouterr()
    monkeypatch.setenv("BIZDESK_HOME", os.environ["BIZDESK_HOME"])  # restored after the test
    code = main(setup(tmp_path))
    err = capsysbinary.readouterr().err.decode("utf-8")
    for listener in _BUSY:
        listener.close()
    _BUSY.clear()
    assert code == expected_code, err
    assert words in err, err
    assert INTERNAL not in err
    assert "Traceback" not in err
    # one sentence, not a dump: its length counted with the test's own (machine-dependent) folder cut out
    first_line = err.strip().splitlines()[0].replace(str(tmp_path), "…")
    assert len(first_line) < 400, first_line
