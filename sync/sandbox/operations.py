"""Routes for IT operations: signed update releases and fleet health (``register(app, platform)``)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Path, Request
from fastapi.responses import FileResponse, JSONResponse, Response

from sync.protocol.operations import FleetAck, FleetListing, FleetReport, SignedRelease
from sync.sandbox import fleet, releases
from sync.sandbox.platform import DeviceContext, Platform
from sync.sandbox.problems import ApiProblem, forbidden

IT_ONLY: dict[int | str, dict[str, Any]] = {
    403: {
        "description": "`it_device_required`: the signing desk was not enrolled with an IT enrolment code",
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
}

# served as signed, byte for byte in meaning: never re-serialised through a model that could drop fields
SIGNED: dict[int | str, dict[str, Any]] = {
    200: {"model": SignedRelease, "description": "The signed release, with its kind-specific fields"}
}


def _device(request: Request) -> DeviceContext:
    device = getattr(request.state, "device", None)
    if not isinstance(device, DeviceContext):  # pragma: no cover - the signature gate always sets it
        raise ApiProblem(401, "signature_missing", "Unsigned", "The request is not signed.")
    return device


def register(app: FastAPI, platform: Platform) -> None:
    @app.get("/v1/updates/reference-pack", tags=["updates"], response_model=None, responses=SIGNED)
    def reference_pack(request: Request) -> Response:
        """The newest reference-pack release (the desk checks rollout, version and signature)."""
        _device(request)
        return JSONResponse(releases.latest_pack(platform))

    @app.get("/v1/updates/app-manifest", tags=["updates"], response_model=None, responses=SIGNED)
    def app_manifest(request: Request) -> Response:
        """The app-version manifest: the version to run, by when, for which branches."""
        _device(request)
        return JSONResponse(releases.app_manifest(platform))

    @app.get(
        "/v1/updates/app-files/{name}",
        tags=["updates"],
        response_class=FileResponse,
        responses={200: {"content": {"application/octet-stream": {}}, "description": "The wheel's bytes"}},
    )
    def app_file(
        request: Request,
        name: str = Path(pattern=r"^[A-Za-z0-9_.+]+-[A-Za-z0-9_.+!-]+\.whl$", max_length=200),
    ) -> FileResponse:
        """A wheel the current app release names (the desk checks its size and SHA-256 against it)."""
        _device(request)
        return FileResponse(releases.app_file(platform, name), media_type="application/octet-stream")

    @app.post("/v1/fleet/reports", tags=["fleet"])
    def report(request: Request, body: FleetReport) -> FleetAck:
        """A desk's health with its sync pass; the latest one per device is kept."""
        return fleet.record_report(platform, _device(request), body)

    @app.get("/v1/fleet", tags=["fleet"], responses=IT_ONLY)
    def listing(request: Request) -> FleetListing:
        """Every enrolled desk with its latest report. IT devices only: a desk enrolled with one of the
        platform operator's IT enrolment codes; any other desk is refused with 403 `it_device_required`."""
        if not _device(request).is_it:
            raise forbidden(
                "it_device_required",
                "Only IT devices may list the fleet: this desk was enrolled with a branch enrolment code. "
                "Enrol IT's own PC with an IT enrolment code from the platform operator.",
                "只有IT设备可以查看网点设备状态：本设备是用网点注册码注册的。"
                "请在IT专用电脑上使用政务平台运营方发放的IT注册码注册。",
            )
        return fleet.listing(platform)
