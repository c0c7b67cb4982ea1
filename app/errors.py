"""The error tree of bizdesk, and the one place that turns an error into what a person reads.

    BizdeskError                 every expected failure; carries Chinese and English text
    ├── UsageError               the command or input was used wrongly (exit 2)
    ├── NotYetAvailable          the capability arrives with a later release (exit 3)
    ├── InputRejected            input broke the schema or the rules; lists every problem
    ├── NotFound                 a case, user or file that does not exist
    │   └── CaseNotFound
    ├── ProfileError             the local profile cannot be opened (key, version, lock)
    │   └── WrittenByNewerVersion
    ├── AuthError                login refused, account locked, permission denied
    └── PlatformError            the government platform (or sandbox) could not be used

Every message says what to do next, Chinese first. Code raising these errors never
formats text for a screen itself: ``describe`` does, for the CLI and the UI alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_NOT_YET = 3


@dataclass(frozen=True)
class UserMessage:
    """What a clerk, trainer or IT person reads about an error."""

    code: str
    title_zh: str
    message_zh: str
    title_en: str
    message_en: str
    details: tuple[str, ...] = ()

    def sentence(self, language: str = "zh") -> str:
        """One line: Chinese then English (``zh``), or English only (``en``)."""
        if language == "en":
            return self.message_en
        return f"{self.message_zh} ({self.message_en})"


class BizdeskError(Exception):
    """Base of every expected failure."""

    exit_code = EXIT_FAILURE
    code = "error"
    title_zh = "操作失败"
    title_en = "Operation failed"

    def __init__(
        self,
        message_zh: str,
        message_en: str,
        *,
        code: str | None = None,
        details: Sequence[str] = (),
        data: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en
        if code is not None:
            self.code = code
        self.details = tuple(details)
        self.data: dict[str, Any] = dict(data or {})


class UsageError(BizdeskError):
    exit_code = EXIT_USAGE
    code = "usage"
    title_zh = "用法有误"
    title_en = "Wrong usage"


class NotYetAvailable(BizdeskError):
    exit_code = EXIT_NOT_YET
    code = "not_yet_available"
    title_zh = "功能尚未开放"
    title_en = "Not yet available"

    def __init__(self, feature: str) -> None:
        super().__init__(
            f"“{feature}”功能尚未开放，将在后续版本提供。",
            f"'{feature}' is not yet available; it arrives with a later release.",
        )


class InputRejected(BizdeskError):
    code = "input_rejected"
    title_zh = "数据未通过检查"
    title_en = "Input rejected"


class NotFound(BizdeskError):
    code = "not_found"
    title_zh = "未找到"
    title_en = "Not found"


class CaseNotFound(NotFound, KeyError):
    """No case with this id (also a KeyError, for repositories)."""

    code = "case.not_found"

    def __init__(self, case_id: str) -> None:
        super().__init__(
            f"未找到案卷 {case_id}；请在案卷列表中核对编号。",
            f"Case {case_id} was not found; check the number in the case list.",
            data={"case_id": case_id},
        )


class ProfileError(BizdeskError):
    code = "profile"
    title_zh = "无法打开本机数据"
    title_en = "Cannot open the local profile"


class WrittenByNewerVersion(ProfileError):
    """A database whose schema revision this bizdesk does not know: a newer one wrote it."""

    code = "profile.newer_version"

    def __init__(self, revision: str) -> None:
        super().__init__(
            f"本机数据库由更新版本的bizdesk写入（版本 {revision}），本程序不能打开；"
            "请安装最新版本的bizdesk。",
            f"The local database was written by a newer bizdesk (revision {revision}); "
            "install the latest bizdesk to open it.",
            data={"revision": revision},
        )


class AuthError(BizdeskError):
    code = "auth"
    title_zh = "身份验证未通过"
    title_en = "Authentication failed"


class PlatformError(BizdeskError):
    code = "platform"
    title_zh = "政务平台连接问题"
    title_en = "Platform problem"


@dataclass(frozen=True)
class _Unexpected:
    title_zh: str = "程序内部错误"
    title_en: str = "Internal error"
    message_zh: str = "程序遇到意外错误，已记录日志，已保存的数据不受影响；请重试，如仍出现请联系IT支持。"
    message_en: str = (
        "bizdesk hit an unexpected error and logged it; saved data is not affected. "
        "Try again and call IT support if it happens again."
    )
    extra: dict[str, str] = field(default_factory=dict)


def describe(error: BaseException) -> UserMessage:
    """Turn any error into the text shown to people. The only such place in bizdesk."""
    if isinstance(error, BizdeskError):
        return UserMessage(
            code=error.code,
            title_zh=error.title_zh,
            message_zh=error.message_zh,
            title_en=error.title_en,
            message_en=error.message_en,
            details=error.details,
        )
    unexpected = _Unexpected()
    return UserMessage(
        code="internal",
        title_zh=unexpected.title_zh,
        message_zh=unexpected.message_zh,
        title_en=unexpected.title_en,
        message_en=unexpected.message_en,
    )


def exit_code_for(error: BaseException) -> int:
    if isinstance(error, BizdeskError):
        return error.exit_code
    return EXIT_FAILURE
