"""Finding the PC's Chromium-family browser, on every platform, through a fake ``Machine``."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from app.window.browsers import Browser, BrowserNotFound, LocalMachine, find_browser

WINDOWS_ENV = {
    "ProgramFiles(x86)": r"C:\Program Files (x86)",
    "ProgramFiles": r"C:\Program Files",
    "LOCALAPPDATA": r"C:\Users\clerk\AppData\Local",
}
EDGE_X86 = r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe"
EDGE_USER = r"C:\Users\clerk\AppData\Local\Microsoft\Edge\Application\msedge.exe"
CHROME = r"C:\Program Files\Google\Chrome\Application\chrome.exe"


@dataclass
class FakeMachine:
    system: str
    files: set[str] = field(default_factory=set)
    commands: dict[str, str] = field(default_factory=dict)
    environ: dict[str, str] = field(default_factory=dict)
    registry: dict[str, str] = field(default_factory=dict)

    def env(self, name: str) -> str | None:
        return self.environ.get(name)

    def which(self, command: str) -> str | None:
        return self.commands.get(command)

    def is_file(self, path: str) -> bool:
        return path in self.files

    def app_path(self, executable: str) -> str | None:
        return self.registry.get(executable)


def windows(**kwargs: object) -> FakeMachine:
    return FakeMachine("windows", environ=dict(WINDOWS_ENV), **kwargs)  # type: ignore[arg-type]


def test_windows_prefers_edge_in_program_files() -> None:
    assert find_browser(windows(files={EDGE_X86, CHROME})) == Browser("Microsoft Edge", EDGE_X86)


def test_windows_finds_a_per_user_edge() -> None:
    assert find_browser(windows(files={EDGE_USER})) == Browser("Microsoft Edge", EDGE_USER)


def test_windows_follows_the_registrys_app_paths() -> None:
    elsewhere = r"D:\Apps\Edge\msedge.exe"
    machine = windows(files={elsewhere}, registry={"msedge.exe": f'"{elsewhere}"'})
    assert find_browser(machine) == Browser("Microsoft Edge", elsewhere)


def test_windows_takes_chrome_without_edge() -> None:
    assert find_browser(windows(files={CHROME})) == Browser("Google Chrome", CHROME)


def test_windows_without_either_has_none() -> None:
    assert find_browser(windows(files={r"C:\Program Files\Mozilla Firefox\firefox.exe"})) is None


def test_windows_registry_entry_of_a_removed_browser_is_not_taken() -> None:
    assert find_browser(windows(registry={"msedge.exe": r"D:\gone\msedge.exe"})) is None


@pytest.mark.parametrize(
    ("commands", "expected"),
    [
        ({"chromium": "/usr/bin/chromium", "google-chrome": "/usr/bin/google-chrome"}, "/usr/bin/chromium"),
        ({"chromium-browser": "/usr/bin/chromium-browser"}, "/usr/bin/chromium-browser"),
        ({"google-chrome-stable": "/opt/google/chrome/chrome"}, "/opt/google/chrome/chrome"),
        ({"microsoft-edge": "/usr/bin/microsoft-edge"}, "/usr/bin/microsoft-edge"),
    ],
)
def test_linux_searches_path_in_order(commands: dict[str, str], expected: str) -> None:
    found = find_browser(FakeMachine("linux", commands=commands))
    assert found is not None
    assert found.path == expected


def test_linux_without_a_chromium_browser_has_none() -> None:
    assert find_browser(FakeMachine("linux", commands={"firefox": "/usr/bin/firefox"})) is None


def test_macos_finds_app_bundles_also_in_the_users_applications() -> None:
    edge = "/Users/clerk/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"
    machine = FakeMachine("macos", files={edge}, environ={"HOME": "/Users/clerk"})
    assert find_browser(machine) == Browser("Microsoft Edge", edge)
    chrome = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
    machine.files.add(chrome)
    assert find_browser(machine) == Browser("Google Chrome", chrome)


def test_bizdesk_browser_overrides_the_search() -> None:
    portable = r"E:\Portable\chrome.exe"
    machine = windows(files={EDGE_X86, portable})
    machine.environ["BIZDESK_BROWSER"] = portable
    assert find_browser(machine) == Browser("Google Chrome", portable)
    on_path = FakeMachine(
        "linux", commands={"chromium": "/usr/bin/chromium"}, environ={"BIZDESK_BROWSER": "chromium"}
    )
    assert find_browser(on_path) == Browser("Chromium", "/usr/bin/chromium")


def test_bizdesk_browser_naming_nothing_is_an_error_not_a_silent_fallback() -> None:
    machine = FakeMachine(
        "linux", commands={"chromium": "/usr/bin/chromium"}, environ={"BIZDESK_BROWSER": "/opt/none"}
    )
    with pytest.raises(BrowserNotFound) as refused:
        find_browser(machine)
    assert "BIZDESK_BROWSER" in refused.value.message_zh
    assert "/opt/none" in refused.value.message_en


def test_the_local_machine_answers_for_this_pc(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    local = LocalMachine()
    assert local.system in {"windows", "macos", "linux"}
    monkeypatch.setenv("BIZDESK_TEST_VARIABLE", "set")
    assert local.env("BIZDESK_TEST_VARIABLE") == "set"
    assert local.is_file(__file__)
    assert local.which("python3") or local.which("python")
    if local.system != "windows":
        assert local.app_path("msedge.exe") is None
