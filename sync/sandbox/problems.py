"""Refusals of the sandbox as RFC 9457 problem details, Chinese and English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from starlette.responses import JSONResponse

from sync.protocol.models import FieldProblem, Problem

PROBLEM_MEDIA_TYPE = "application/problem+json"


class ApiProblem(Exception):
    """A refused request: raised anywhere in the sandbox, answered by one handler."""

    def __init__(
        self,
        status: int,
        code: str,
        title: str,
        detail: str,
        *,
        title_zh: str = "",
        detail_zh: str = "",
        retryable: bool = False,
        problems: tuple[FieldProblem, ...] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.body = Problem(
            type=f"https://bizdesk.invalid/problems/{code}",
            title=title,
            status=status,
            detail=detail,
            code=code,
            title_zh=title_zh,
            detail_zh=detail_zh,
            retryable=retryable,
            server_time=dt.datetime.now(dt.UTC),
            problems=list(problems),
        )
        self.headers = dict(headers or {})

    def response(self) -> JSONResponse:
        return JSONResponse(
            self.body.model_dump(mode="json"),
            status_code=self.status,
            media_type=PROBLEM_MEDIA_TYPE,
            headers=self.headers,
        )


def unauthorized(code: str, detail: str) -> ApiProblem:
    if code == "clock_skew":
        return ApiProblem(
            401,
            code,
            "Clock skew",
            detail,
            title_zh="本机时间不准",
            detail_zh="本机时钟与平台相差超过5分钟，请校准电脑时间后重试。",
        )
    if code == "replay":
        return ApiProblem(
            401,
            code,
            "Replayed request",
            detail,
            title_zh="重复的请求",
            detail_zh="该请求已被处理过，拒绝重放。",
        )
    if code == "unknown_device":
        return ApiProblem(
            401,
            code,
            "Unknown device",
            detail,
            title_zh="设备未注册",
            detail_zh="平台不认识本设备，请重新注册。",
        )
    return ApiProblem(
        401, code, "Signature refused", detail, title_zh="签名无效", detail_zh="请求签名未通过校验。"
    )


def forbidden(code: str, detail: str, detail_zh: str) -> ApiProblem:
    return ApiProblem(403, code, "Forbidden", detail, title_zh="拒绝访问", detail_zh=detail_zh)


def unavailable(detail: str) -> ApiProblem:
    return ApiProblem(
        503,
        "unavailable",
        "Service unavailable",
        detail,
        title_zh="平台暂时不可用",
        detail_zh="平台暂时不可用，请稍后重试。",
        retryable=True,
        headers={"Retry-After": "1"},
    )
