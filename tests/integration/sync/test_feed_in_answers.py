"""Results carried in batch answers: when the agencies decide at once, the whole round trip (send,
results back, dependent services built and sent) needs no separate feed request but the last."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import httpx

from tests.integration.sync.support import DeskStore, engine, enroll, gateway, new_device, sandbox


class CountingTransport(httpx.HTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.requests: Counter[str] = Counter()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests[f"{request.method} {request.url.path}"] += 1
        return super().handle_request(request)


def _run(tmp_path: Path, name: str, *, feed_in_answers: bool) -> tuple[Counter[str], dict[str, int]]:
    platform = sandbox()
    device = new_device()
    store = DeskStore(tmp_path / f"{name}.db", None, device)
    try:
        enrolled = enroll(platform.url, device)
        store.enroll(enrolled)
        store.queue_cases(5)
        transport = CountingTransport()
        platform_gateway = gateway(enrolled, device, transport=transport)
        run = engine(store, platform_gateway, feed_in_answers=feed_in_answers)
        report = run.run_once()
        run.close()
        assert report.ok, report
        return transport.requests, store.counts()
    finally:
        store.close()
        platform.stop()


def test_the_results_come_back_in_the_batch_answers(tmp_path: Path) -> None:
    carried, counts = _run(tmp_path, "carried", feed_in_answers=True)
    assert counts == {"completed": 35}  # the whole dependency chain, exactly once
    assert carried["GET /v1/status"] == 1  # only the closing look: every result came in the answers
    polled, counts = _run(tmp_path, "polled", feed_in_answers=False)
    assert counts == {"completed": 35}
    assert polled["GET /v1/status"] > carried["GET /v1/status"]
    assert carried["POST /v1/submissions/batch"] <= polled["POST /v1/submissions/batch"]
