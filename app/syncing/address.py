"""Which platform addresses a profile may enrol with, each refusal in words that name the fix.

The desk profile enrols with https platforms only: plain http to a local "platform" would capture
every later submission while the clerk reads 已受理. The training profile may use http (a trainer's
own sandbox on the network, the embedded one on loopback). Loopback http on the desk profile is the
tests' local sandbox: allowed only where the caller says so explicitly (``loopback_http``).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from app.errors import UsageError

_EXAMPLE = "https://平台地址[:端口]"


def _malformed(url: str, why_zh: str, why_en: str) -> UsageError:
    shown = url if len(url) <= 200 else url[:200] + "…"
    return UsageError(
        f"平台地址 --platform 无效：{shown}（{why_zh}）。应形如 {_EXAMPLE}，例如 https://zwfw.example.cn。",
        f"--platform {shown} is not a platform URL ({why_en}); use one like https://zwfw.example.cn.",
        code="usage.platform_url",
    )


def loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_enrollment_address(url: str, *, training: bool, loopback_http: bool = False) -> str:
    """The base URL without a trailing slash, or ``UsageError`` naming what is wrong and the fix."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a port out of range or not a number
    except ValueError:
        raise _malformed(
            url, "括号不成对或端口不是0-65535的数字", "unbalanced brackets, or a port that is not 0-65535"
        ) from None
    if parts.scheme not in ("https", "http") or not host:
        raise _malformed(url, "缺少 https:// 或主机名", "no https:// or no host name")
    if parts.scheme == "http" and not training and not (loopback_http and loopback(host)):
        raise UsageError(
            f"正式模式只能注册到 https 平台地址，{url} 是明文 http。请改用 https:// 地址；"
            "明文 http 只用于培训模式（bizdesk --training）。",
            f"The desk profile enrols only with an https platform; {url} is plain http. Use an https:// "
            "address; plain http is for the training profile only (bizdesk --training).",
            code="usage.platform_https",
        )
    return url.strip().rstrip("/")
