"""The sandbox's HTTP API: ``create_app(config)`` builds the FastAPI (ASGI) app of platform API v1."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Body, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from app.clock import Clock, utc_now
from sync.protocol.models import (
    MAX_ATTACHMENT_BYTES,
    AppManifest,
    AttachmentBatchResponse,
    AttachmentCreate,
    AttachmentStatus,
    AuditCheckpoint,
    CheckpointReceipt,
    EnrollRequest,
    EnrollResponse,
    FieldProblem,
    Health,
    Receipt,
    ReferencePack,
    SandboxStats,
    StatusPage,
    SubmitBatchRequest,
    SubmitBatchResponse,
)
from sync.sandbox import attachments, documents, feed, operations, submissions
from sync.sandbox.config import SandboxConfig
from sync.sandbox.middleware import FaultInjector, SignatureGate
from sync.sandbox.openapi_doc import build_openapi
from sync.sandbox.platform import DeviceContext, Platform
from sync.sandbox.problems import ApiProblem

Sha256Path = Annotated[
    str, Path(pattern=r"^[0-9a-f]{64}$", description="lowercase hex SHA-256 of the content")
]
RawChunk = Body(media_type="application/octet-stream")
BATCH_BODY = (
    "Several attachment chunks in one request: a 4-byte big-endian length N, N bytes of UTF-8 JSON "
    "(AttachmentBatchManifest: the parts, in order), then the bytes of each part, in the same order. "
    "Each part is stored like a PATCH of it alone (at offset 0 it announces the attachment) and "
    "answered on its own, in order."
)


def _device(request: Request) -> DeviceContext:
    device = getattr(request.state, "device", None)
    if not isinstance(device, DeviceContext):  # pragma: no cover - the gate always sets it
        raise ApiProblem(401, "signature_missing", "Unsigned", "The request is not signed.")
    return device


def create_app(config: SandboxConfig, *, clock: Clock = utc_now) -> FastAPI:
    platform = Platform(config, clock)
    app = FastAPI(
        title="bizdesk platform API",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.platform = platform
    _install_error_handlers(app)
    _routes(app, platform)
    operations.register(app, platform)
    app.openapi = lambda: build_openapi(app)  # type: ignore[method-assign]
    app.add_middleware(SignatureGate, platform=platform)
    app.add_middleware(FaultInjector, platform=platform)
    return app


def _install_error_handlers(app: FastAPI) -> None:
    async def on_problem(_request: Request, problem: Exception) -> Response:
        assert isinstance(problem, ApiProblem)
        return problem.response()

    async def on_invalid(_request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        found = tuple(
            FieldProblem(
                field=".".join(str(part) for part in item.get("loc", ()))[:200],
                code=str(item.get("type", "invalid"))[:200],
                message_zh="该字段不符合接口要求。",
                message_en=str(item.get("msg", "invalid")),
            )
            for item in error.errors()[:50]
        )
        return ApiProblem(
            422,
            "invalid_request",
            "Invalid request",
            "The request does not match the API schema.",
            title_zh="请求不符合接口规范",
            detail_zh="请求内容不符合接口规范。",
            problems=found,
        ).response()

    async def on_http(_request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "http_error")
        zh = {404: "接口地址不存在。", 405: "该接口不支持此请求方法。"}.get(
            error.status_code, "请求无法处理。"
        )
        headers = dict(error.headers or {})  # 405 carries Allow
        return ApiProblem(
            error.status_code, code, str(error.detail), str(error.detail), detail_zh=zh, headers=headers
        ).response()

    app.add_exception_handler(ApiProblem, on_problem)
    app.add_exception_handler(RequestValidationError, on_invalid)
    app.add_exception_handler(StarletteHTTPException, on_http)


def _routes(app: FastAPI, platform: Platform) -> None:
    @app.get("/v1/health", tags=["platform"])
    def health() -> Health:
        return Health(mode=platform.config.mode, server_time=platform.now(), platform_key_id=platform.key_id)

    @app.post("/v1/enroll", tags=["devices"])
    def enroll(body: EnrollRequest) -> EnrollResponse:
        return platform.enroll(body)

    @app.post("/v1/submissions/batch", tags=["submissions"])
    def submit(request: Request, body: SubmitBatchRequest) -> SubmitBatchResponse:
        return submissions.submit_batch(platform, _device(request), body)

    @app.get("/v1/status", tags=["status"])
    def status(
        request: Request,
        cursor: Annotated[str, Query(max_length=20, description="next_cursor of the previous page")] = "",
        limit: Annotated[int, Query(ge=1, le=feed.MAX_PAGE)] = 500,
    ) -> StatusPage:
        return feed.status_page(platform, _device(request), cursor, limit)

    @app.get("/v1/receipts/{receipt_id}", tags=["submissions"])
    def receipt(request: Request, receipt_id: Annotated[str, Path(max_length=40)]) -> Receipt:
        return feed.receipt(platform, _device(request), receipt_id)

    @app.post(
        "/v1/attachments/batch",
        tags=["attachments"],
        openapi_extra={
            "requestBody": {
                "required": True,
                "description": BATCH_BODY,
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            }
        },
    )
    async def append_batch(request: Request) -> AttachmentBatchResponse:
        device = _device(request)
        body = await request.body()
        return await run_in_threadpool(attachments.append_batch, platform, device, body)

    @app.get("/v1/attachments/{sha256}", tags=["attachments"])
    def attachment_status(request: Request, sha256: Sha256Path) -> AttachmentStatus:
        return attachments.get_status(platform, _device(request), sha256)

    @app.put("/v1/attachments/{sha256}", tags=["attachments"])
    def announce(request: Request, sha256: Sha256Path, body: AttachmentCreate) -> AttachmentStatus:
        return attachments.announce(platform, _device(request), sha256, body)

    @app.patch("/v1/attachments/{sha256}", tags=["attachments"])
    async def append(
        request: Request,
        sha256: Sha256Path,
        upload_offset: Annotated[int, Header(alias="Upload-Offset", ge=0, le=2**40)],
        chunk: Annotated[bytes, RawChunk],
        upload_length: Annotated[
            int | None,
            Header(
                alias="Upload-Length",
                ge=0,
                le=MAX_ATTACHMENT_BYTES,
                description="Total size: with offset 0, announces an attachment the platform does not hold",
            ),
        ] = None,
        upload_media_type: Annotated[
            str | None,
            Header(alias="Upload-Media-Type", pattern=r"^[a-z0-9.+\-]+/[a-z0-9.+\-]+$", max_length=100),
        ] = None,
    ) -> AttachmentStatus:
        device = _device(request)
        announce = (
            None
            if upload_length is None
            else AttachmentCreate(
                size=upload_length, media_type=upload_media_type or "application/octet-stream"
            )
        )
        return await run_in_threadpool(
            attachments.append_chunk, platform, device, sha256, upload_offset, chunk, announce
        )

    @app.get("/v1/reference-data", tags=["platform"])
    def reference_data(request: Request) -> ReferencePack:
        _device(request)
        return documents.reference_pack(platform)

    @app.get("/v1/app-version", tags=["platform"])
    def app_version(request: Request) -> AppManifest:
        _device(request)
        return documents.app_manifest(platform)

    @app.post("/v1/audit-checkpoints", tags=["devices"])
    def checkpoint(request: Request, body: AuditCheckpoint) -> CheckpointReceipt:
        return documents.record_checkpoint(platform, _device(request), body)

    @app.get(
        "/v1/audit-checkpoints/last",
        tags=["devices"],
        responses={404: {"description": "no_checkpoint: the platform keeps no checkpoint of this device"}},
    )
    def last_checkpoint(request: Request) -> CheckpointReceipt:
        """The signed receipt of this device's last checkpoint: what the desk's trail must still hold."""
        return documents.last_checkpoint(platform, _device(request))

    @app.get("/sandbox/stats", tags=["sandbox"])
    def sandbox_stats() -> SandboxStats:
        return feed.stats(platform)


def platform_of(app: Any) -> Platform:
    """The sandbox platform behind an app made by ``create_app`` (tests inspect its database)."""
    platform = app.state.platform
    assert isinstance(platform, Platform)
    return platform
