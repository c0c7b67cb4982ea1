"""How the client turns what went wrong on the wire into ``app.syncing.ports`` errors, with text that
says what to do next (Chinese first)."""

from __future__ import annotations

import json

import httpx

from app.errors import PlatformError
from app.syncing.ports import BatchRefused, ClockSkew, EnrollmentRefused, PlatformUnavailable


def unreachable(url: str, error: Exception) -> PlatformUnavailable:
    return PlatformUnavailable(
        "暂时连不上政务平台（网络中断或平台繁忙）。数据已安全保存在本机，将自动重试，无需重复录入。",
        f"The platform is not reachable ({type(error).__name__}); the data is kept safely on this PC and "
        "will be sent automatically; nothing needs to be typed again.",
        data={"url": url},
    )


def malformed(what: str) -> PlatformUnavailable:
    return PlatformUnavailable(
        "政务平台返回了无法识别的应答，已按未送达处理，将自动重试。",
        f"The platform answered something unreadable ({what}); retried automatically.",
    )


def skew(detail: str) -> ClockSkew:
    return ClockSkew(
        "本机时间与政务平台相差超过5分钟，平台拒收。请校准本机日期和时间（或联系IT），然后重新同步。",
        f"This PC's clock differs from the platform's by more than 5 minutes ({detail}); set the date and "
        "time (or call IT), then sync again.",
    )


def wrong_mode(expected: str, actual: str) -> PlatformError:
    return PlatformError(
        "培训模式只能连接培训平台（沙箱），正式模式只能连接正式平台；本次未发送任何数据。请联系IT核对平台地址。",
        f"A {expected} desk may only talk to a {expected} platform; this one is {actual}. Nothing was sent; "
        "call IT to check the platform URL.",
        code="platform.mode_mismatch",
    )


def _problem(response: httpx.Response) -> tuple[str, str, str]:
    try:
        body = json.loads(response.content)
    except ValueError:
        return "", "", ""
    if not isinstance(body, dict):
        return "", "", ""
    return str(body.get("code", "")), str(body.get("detail", "")), str(body.get("detail_zh", ""))


def refusal(response: httpx.Response, *, enrolling: bool = False) -> PlatformError:
    """The error for a non-2xx answer."""
    status = response.status_code
    code, detail, detail_zh = _problem(response)
    if status >= 500 or status in (408, 429):
        return PlatformUnavailable(
            "政务平台暂时不可用，数据已保存在本机，将自动重试。",
            f"The platform is unavailable for now (HTTP {status}); the data is kept and sent later.",
            data={"status": status},
        )
    if code == "clock_skew":
        return skew(detail)
    if enrolling:
        return EnrollmentRefused(
            f"政务平台拒绝注册：{detail_zh or detail or status}。请向IT确认注册码和平台地址。",
            f"The platform refused the enrollment: {detail or status}. Check the code and URL with IT.",
            code=f"enrollment_refused.{code or status}",
        )
    if status in (401, 403):
        return PlatformError(
            f"政务平台拒绝了本设备（{detail_zh or code}）。请联系IT检查设备注册（bizdesk device enroll）。",
            f"The platform refused this desk ({code or status}: {detail}); call IT to check the enrollment "
            "(bizdesk device enroll).",
            code=f"platform.{code or status}",
        )
    return BatchRefused(
        f"政务平台拒收本次请求（{detail_zh or code or status}）。",
        f"The platform refused the request (HTTP {status} {code}: {detail}).",
        data={"status": status, "code": code},
    )
