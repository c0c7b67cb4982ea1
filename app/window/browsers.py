"""Which Chromium-family browser shows the desk: Edge, Chrome or Chromium, at their standard places.

The search asks the PC through ``Machine`` (the port), so every platform's search is tested on any
machine with a fake one. ``BIZDESK_BROWSER`` (a path or a command name) overrides the search, for IT
where a browser lives somewhere unusual.

- Windows: Microsoft Edge (on every Windows 10/11 PC), then Google Chrome; each at its installation
  folders under Program Files (x86), Program Files and the user's LocalAppData, then where the
  registry's App Paths say, then on PATH.
- Linux: ``chromium``, ``chromium-browser``, ``google-chrome(-stable)``, ``microsoft-edge(-stable)`` on PATH.
- macOS: the Google Chrome, Microsoft Edge and Chromium ``.app`` bundles in /Applications or ~/Applications.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import Protocol

from app.errors import UsageError

BROWSER_VARIABLE = "BIZDESK_BROWSER"

# (name, the executable's file name, its path below a Program Files / LocalAppData folder)
_WINDOWS_BROWSERS = (
    ("Microsoft Edge", "msedge.exe", r"Microsoft\Edge\Application\msedge.exe"),
    ("Google Chrome", "chrome.exe", r"Google\Chrome\Application\chrome.exe"),
)
# the environment variables naming the folders browsers install into, in the order they are tried
_WINDOWS_ROOTS = ("ProgramFiles(x86)", "ProgramFiles", "ProgramW6432", "LOCALAPPDATA")
_LINUX_COMMANDS = (
    ("Chromium", "chromium"),
    ("Chromium", "chromium-browser"),
    ("Google Chrome", "google-chrome"),
    ("Google Chrome", "google-chrome-stable"),
    ("Microsoft Edge", "microsoft-edge"),
    ("Microsoft Edge", "microsoft-edge-stable"),
)
_MACOS_BUNDLES = ("Google Chrome", "Microsoft Edge", "Chromium")


@dataclass(frozen=True)
class Browser:
    """A browser that can show the desk in an app window: its name (for messages) and executable."""

    name: str
    path: str


class Machine(Protocol):
    """What the search asks of the PC."""

    @property
    def system(self) -> str:
        """``windows``, ``macos`` or ``linux`` (any other POSIX system is searched like Linux)."""
        ...

    def env(self, name: str) -> str | None: ...

    def which(self, command: str) -> str | None: ...

    def is_file(self, path: str) -> bool: ...

    def app_path(self, executable: str) -> str | None:
        """Windows: the registry's App Paths entry of ``executable`` (HKCU, then HKLM); else None."""
        ...


class BrowserNotFound(UsageError):
    code = "window.browser_not_found"
    title_zh = "找不到浏览器"
    title_en = "Browser not found"


def find_browser(machine: Machine) -> Browser | None:
    """The browser to open the desk in, or None where the PC has none of the Chromium family."""
    chosen = (machine.env(BROWSER_VARIABLE) or "").strip()
    if chosen:
        return _chosen_browser(machine, chosen)
    if machine.system == "windows":
        return _windows_browser(machine)
    if machine.system == "macos":
        return _macos_browser(machine)
    for name, command in _LINUX_COMMANDS:
        found = machine.which(command)
        if found:
            return Browser(name, found)
    return None


def _chosen_browser(machine: Machine, chosen: str) -> Browser:
    path = chosen if machine.is_file(chosen) else machine.which(chosen)
    if path is None:
        raise BrowserNotFound(
            f"{BROWSER_VARIABLE} 指定的浏览器 {chosen} 不存在；请改为 Edge、Chrome 或 Chromium 的程序路径，"
            "或删除该变量。",
            f"The browser {chosen} named by {BROWSER_VARIABLE} does not exist; set it to the path of Edge, "
            "Chrome or Chromium, or remove the variable.",
        )
    return Browser(_name_of(path), path)


def _name_of(path: str) -> str:
    stem = PureWindowsPath(path).stem if "\\" in path else PurePosixPath(path).stem
    lowered = stem.lower()
    if "edge" in lowered:
        return "Microsoft Edge"
    if "chrome" in lowered and "chromium" not in lowered:
        return "Google Chrome"
    return "Chromium" if "chromium" in lowered else stem


def _windows_browser(machine: Machine) -> Browser | None:
    for name, executable, below in _WINDOWS_BROWSERS:
        for path in _windows_candidates(machine, executable, below):
            if machine.is_file(path):
                return Browser(name, path)
    return None


def _windows_candidates(machine: Machine, executable: str, below: str) -> list[str]:
    candidates = [str(PureWindowsPath(root) / below) for root in _windows_roots(machine)]
    registered = machine.app_path(executable)
    if registered:
        candidates.append(registered.strip('"'))
    on_path = machine.which(executable)
    if on_path:
        candidates.append(on_path)
    return candidates


def _windows_roots(machine: Machine) -> list[str]:
    roots: list[str] = []
    for variable in _WINDOWS_ROOTS:
        value = machine.env(variable)
        if value and value not in roots:
            roots.append(value)
    return roots


def _macos_browser(machine: Machine) -> Browser | None:
    folders = ["/Applications"]
    home = machine.env("HOME")
    if home:
        folders.append(str(PurePosixPath(home) / "Applications"))
    for name in _MACOS_BUNDLES:
        for folder in folders:
            path = str(PurePosixPath(folder) / f"{name}.app" / "Contents" / "MacOS" / name)
            if machine.is_file(path):
                return Browser(name, path)
    return None


class LocalMachine:
    """This PC, as the search sees it."""

    @property
    def system(self) -> str:
        if sys.platform == "win32":
            return "windows"
        return "macos" if sys.platform == "darwin" else "linux"

    def env(self, name: str) -> str | None:
        return os.environ.get(name)

    def which(self, command: str) -> str | None:
        return shutil.which(command)

    def is_file(self, path: str) -> bool:
        return os.path.isfile(path)

    def app_path(self, executable: str) -> str | None:
        if sys.platform != "win32":
            return None
        import winreg

        key = rf"SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\{executable}"
        for hive in (winreg.HKEY_CURRENT_USER, winreg.HKEY_LOCAL_MACHINE):
            try:
                with winreg.OpenKey(hive, key) as opened:
                    value, _ = winreg.QueryValueEx(opened, None)
            except OSError:
                continue
            if isinstance(value, str) and value:
                return value
        return None
