"""Routes for IT operations: signed update releases and fleet health (``register(app, platform)``)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from sync.protocol.operations import FleetAck, FleetListing, FleetReport, SignedRelease
from sync.sandbox import fleet, releases
from sync.sandbox.platform import DeviceContext, Platform
from sync.sandbox.problems import ApiProblem

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

    @app.post("/v1/fleet/reports", tags=["fleet"])
    def report(request: Request, body: FleetReport) -> FleetAck:
        """A desk's health with its sync pass; the latest one per device is kept."""
        return fleet.record_report(platform, _device(request), body)

    @app.get("/v1/fleet", tags=["fleet"])
    def listing(request: Request) -> FleetListing:
        """Every enrolled desk with its latest report (IT)."""
        _device(request)
        return fleet.listing(platform)
