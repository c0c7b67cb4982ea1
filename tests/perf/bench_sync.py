"""Sync benchmarks, each against a baseline run side by side in the same run (never pass/fail).

    .venv/bin/python tests/perf/bench_sync.py                # all three, full size (a few minutes)
    .venv/bin/python tests/perf/bench_sync.py --quick        # a smoke run, small sizes (CI runs it)
    .venv/bin/python tests/perf/bench_sync.py --only a       # one of a, b, c

(a) batching: 1,000 cases x 7 services, all payloads ready, pushed by the engine in batches (up to 200
    items a request, the feed carried in the answers, each answer stored while the platform works on
    the next batch) and one request per submission, each answer stored before the next request, then
    the feed (the naive way), same sandbox, same run; the round trip is sending plus every result
    back. ``--rounds`` rounds, each on fresh desks, the order alternating; medians. Plus one full pass
    of the same cases with the real dependency chain (licence -> seal -> bank -> the rest, payloads
    built as results arrive), status feed included.
(b) attachments: 100 cases x 3 distinct 300 KB scans, uploaded through the protocol (signed, resumable,
    stored by the platform) with the 100 submissions that refer to them, against a plain loopback
    upload of the same bytes (one POST per file to a minimal ASGI sink on the same uvicorn) in the same
    run; ``--rounds`` rounds, which goes first alternating; medians.
(c) memory: the client's tracemalloc peak and the process's peak RSS while one engine syncs 10,000
    queued submissions, against an idle baseline of the same process.

The sandbox runs as ``bizdesk sandbox`` in its own process (no faults, decisions at once); the desk
store is a real SQLCipher file. Prints one JSON object; the figures go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform as host
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import httpx

from app.syncing.model import NewSubmission
from app.syncing.ports import AttachmentRef
from tests.integration.sync.support import (
    DONE_ELSEWHERE,
    SERVICES,
    DeskStore,
    SandboxProcess,
    engine,
    enroll,
    gateway,
    new_device,
    sandbox_process,
    synthetic_payload,
)
from tests.perf.ratio_line import print_ratios

SINK = """
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False)
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
    await send({"type": "http.response.body", "body": b"ok"})
"""


def _desk(folder: Path, platform: SandboxProcess, code: str) -> DeskStore:
    device = new_device()
    store = DeskStore(folder / f"desk-{code}.db", secrets.token_bytes(32), device)
    store.enroll(enroll(platform.url, device, code=code))
    return store


def _queue_ready(
    store: DeskStore, cases: int, prefix: str, attachments: int = 0, scans: dict[str, bytes] | None = None
) -> int:
    """Queue ``cases`` x 7 submissions with their payloads (no dependency gating): pure transport.

    Each service is its own case whose payload carries what it depends on as done elsewhere (the
    USCC, the basic account), so the platform, which checks dependencies on its own graph, takes
    every item at once."""
    now = dt.datetime.now(dt.UTC)
    batch = []
    for i in range(cases):
        case_id = f"{prefix}-{i:05d}"
        if not attachments:
            batch += [
                NewSubmission(f"{case_id}-{s}", s, 1, synthetic_payload(f"{case_id}-{s}", s, DONE_ELSEWHERE))
                for s in SERVICES
            ]
            continue
        refs = []
        for _ in range(attachments):
            blob = secrets.token_bytes(300_000)
            digest = hashlib.sha256(blob).hexdigest()
            assert scans is not None
            scans[digest] = blob
            refs.append(AttachmentRef(digest, len(blob), "image/jpeg", case_id, digest[:12]))
        batch.append(
            NewSubmission(case_id, "license", 1, synthetic_payload(case_id, "license"), (), tuple(refs))
        )
    with store.outbox() as (uow, outbox):
        outbox.add_many(batch, now=now)
        uow.commit()
    return len(batch)


def _sync(store: DeskStore, **policy: Any) -> tuple[float, float]:
    """(seconds to push everything due, seconds of the pass that follows: status feed and the rest)."""
    with store.outbox() as (_, outbox):
        enrolled = outbox.state().enrolled
    assert enrolled is not None
    run = engine(store, gateway(enrolled, store.device), **policy)
    started = time.perf_counter()
    run.push()
    pushed = time.perf_counter()
    report = run.run_once()
    finished = time.perf_counter()
    run.close()
    assert report.ok, report
    return pushed - started, finished - pushed


BATCHED = {"batch_max_items": 200}  # the desk's way: batches, results in the answers, answers overlapped
# The naive way: one request per submission, each answer stored before the next request, then the feed.
ONE_PER_REQUEST = {"batch_max_items": 1, "feed_in_answers": False, "overlap_answers": False}


def batching_codes(rounds: int) -> list[str]:
    return [f"A{r}-{way}" for r in range(rounds) for way in ("B", "S")] + ["CHAIN"]


def bench_batching(folder: Path, platform: SandboxProcess, cases: int, rounds: int) -> dict[str, Any]:
    """``rounds`` rounds, each a fresh desk per way with the same queue, the order alternating (the
    sandbox fills as it goes: whichever way runs first meets an emptier one); medians kept."""
    times: dict[str, list[tuple[float, float]]] = {"batched": [], "single": []}
    n = 0
    for r in range(rounds):
        order = [("batched", "B", BATCHED), ("single", "S", ONE_PER_REQUEST)]
        for way, code, policy in order if r % 2 == 0 else list(reversed(order)):
            desk = _desk(folder, platform, f"A{r}-{code}")
            n = _queue_ready(desk, cases, f"{code.lower()}{r}")
            times[way].append(_sync(desk, **policy))
            desk.close()
    chain = _desk(folder, platform, "CHAIN")
    chain.queue_cases(cases, prefix="dep")
    push_chain, rest_chain = _sync(chain)
    t_chain = push_chain + rest_chain
    counts = chain.counts()
    chain.close()
    trip = {way: [push + pull for push, pull in found] for way, found in times.items()}
    batched_s, single_s = statistics.median(trip["batched"]), statistics.median(trip["single"])

    def median_of(way: str, part: int) -> float:
        return round(statistics.median(found[part] for found in times[way]), 2)

    return {
        "submissions": n,
        "rounds": rounds,
        "round_trip_batched_s": round(batched_s, 2),
        "round_trip_one_per_request_s": round(single_s, 2),
        "round_trip_batched_per_s": round(n / batched_s, 1),
        "round_trip_one_per_request_per_s": round(n / single_s, 1),
        "ratio_round_trip": round(single_s / batched_s, 1),
        "ratio_round_trip_per_round": [
            round(s / b, 1) for b, s in zip(trip["batched"], trip["single"], strict=True)
        ],
        "sending_alone_batched_s": round(statistics.median(push for push, _ in times["batched"]), 2),
        "sending_alone_one_per_request_s": round(statistics.median(push for push, _ in times["single"]), 2),
        "status_feed_after_batched_s": round(statistics.median(pull for _, pull in times["batched"]), 2),
        "status_feed_after_one_per_request_s": round(
            statistics.median(pull for _, pull in times["single"]), 2
        ),
        "full_pass_with_dependencies_s": round(t_chain, 2),
        "full_pass_submissions_per_s": round(sum(counts.values()) / t_chain, 1),
        "full_pass_outbox": counts,
    }


def bench_attachments(folder: Path, platform: SandboxProcess, cases: int, rounds: int) -> dict[str, Any]:
    """``rounds`` times, alternately: the protocol on a fresh desk with new scans, then the bare
    upload of the same bytes; the median of each is kept (a busy machine swings single runs)."""
    sink = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--app-dir", str(folder), "sink:app", "--port", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = _sink_url(sink)
        runs = [
            _attachment_round(folder, platform, cases, f"ATT-{r}", url, bare_first=r % 2 == 1)
            for r in range(rounds)
        ]
    finally:
        sink.terminate()
        sink.wait()
    total = runs[0][0]
    t_protocol = statistics.median(run[1] for run in runs)
    t_plain = statistics.median(run[2] for run in runs)
    t_scans = statistics.median(run[3] for run in runs)
    return {
        "files": cases * 3,
        "bytes": total,
        "rounds": rounds,
        "protocol_mb_per_s": round(total / t_protocol / 1e6, 1),
        "plain_upload_mb_per_s": round(total / t_plain / 1e6, 1),
        "ratio_protocol_vs_plain": round(t_plain / t_protocol, 2),
        "ratio_per_round": [round(plain / protocol, 2) for _, protocol, plain, _ in runs],
        "ratio_scan_uploads_alone_vs_plain": round(t_plain / t_scans, 2),
        "scan_uploads_alone_s": round(t_scans, 2),
        "protocol_s": round(t_protocol, 2),
        "plain_s": round(t_plain, 2),
        "note": "medians; protocol time includes the submissions (one per case) that refer to the scans",
    }


def _attachment_round(
    folder: Path, platform: SandboxProcess, cases: int, code: str, sink_url: str, *, bare_first: bool
) -> tuple[int, float, float, float]:
    """(bytes, seconds through the protocol, seconds of the bare upload of the same bytes, seconds of
    the protocol's scan uploads alone); which of the two goes first alternates over the rounds."""
    scans: dict[str, bytes] = {}
    store = _desk(folder, platform, code)
    _queue_ready(store, cases, code.lower(), attachments=3, scans=scans)
    t_plain = _bare_upload(sink_url, scans) if bare_first else 0.0

    class Files:
        def read(self, ref: AttachmentRef) -> bytes:
            return scans[ref.sha256]

    with store.outbox() as (_, outbox):
        enrolled = outbox.state().enrolled
    assert enrolled is not None
    timed = _TimedUploads(gateway(enrolled, store.device))
    run = engine(store, timed, attachments=Files())
    started = time.perf_counter()
    run.push()
    t_protocol = time.perf_counter() - started
    run.close()
    store.close()
    if not bare_first:
        t_plain = _bare_upload(sink_url, scans)
    return sum(len(b) for b in scans.values()), t_protocol, t_plain, timed.seconds


def _bare_upload(sink_url: str, scans: dict[str, bytes]) -> float:
    """Seconds to POST each scan to the sink, one request per file, on one kept-alive connection."""
    with httpx.Client() as client:
        started = time.perf_counter()
        for blob in scans.values():
            client.post(
                f"{sink_url}/upload", content=blob, headers={"content-type": "application/octet-stream"}
            )
        return time.perf_counter() - started


class _TimedUploads:
    """The gateway, timing its scan uploads apart from the submissions."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.seconds = 0.0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def ensure_attachments(self, refs: Any, source: Any) -> Any:
        started = time.perf_counter()
        try:
            return self.inner.ensure_attachments(refs, source)
        finally:
            self.seconds += time.perf_counter() - started


def _sink_url(sink: subprocess.Popen[str]) -> str:
    assert sink.stderr is not None
    for line in sink.stderr:
        if "Uvicorn running on" in line:
            return line.split("running on ", 1)[1].split()[0]
    raise RuntimeError("the sink did not start")


def bench_memory(folder: Path, platform: SandboxProcess, submissions: int) -> dict[str, Any]:
    store = _desk(folder, platform, "CODE-5")
    cases = submissions // 7
    store.queue_cases(cases, prefix="mem")
    with store.outbox() as (_, outbox):
        enrolled = outbox.state().enrolled
    assert enrolled is not None
    run = engine(store, gateway(enrolled, store.device))
    rss_before = _rss_mb()
    sampler = _RssSampler()
    sampler.start()
    started = time.perf_counter()
    report = run.run_once()  # first without tracemalloc: its bookkeeping would inflate RSS and time
    elapsed = time.perf_counter() - started
    sampler.stop()
    store.queue_cases(cases, prefix="mem2")
    tracemalloc.start()
    baseline, _ = tracemalloc.get_traced_memory()
    second = run.run_once()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    run.close()
    counts = store.counts()
    store.close()
    assert report.ok
    assert second.ok
    return {
        "queued": cases * 7,
        "synced_s": round(elapsed, 1),
        "submissions_per_s": round(cases * 7 / elapsed, 1),
        "outbox": counts,
        "rss_before_mb": rss_before,
        "rss_peak_during_sync_mb": sampler.peak,
        "rss_growth_mb": round(sampler.peak - rss_before, 1),
        "tracemalloc_peak_mb": round((peak - baseline) / 1e6, 1),
        "note": "tracemalloc measured on a second pass over as many new submissions",
    }


def _rss_mb() -> float:
    """Resident set size now (Linux /proc), else the peak so far."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return round(pages * resource.getpagesize() / 2**20, 1)
    except (OSError, ValueError, IndexError):
        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class _RssSampler(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = _rss_mb()
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.05):
            self.peak = max(self.peak, _rss_mb())

    def stop(self) -> None:
        self._done.set()
        self.join()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    parser.add_argument("--only", choices=("a", "b", "c"), help="run one benchmark")
    parser.add_argument("--cases", type=int, help="cases of (a) (default 1000, 100 with --quick)")
    parser.add_argument("--rounds", type=int, help="alternating rounds of (a) and (b), medians kept (3)")
    options = parser.parse_args()
    sizes = {
        "a": options.cases or (5 if options.quick else 1000),
        "b": 4 if options.quick else 100,
        "c": 70 if options.quick else 10_000,
    }
    rounds = options.rounds or (2 if options.quick else 3)
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bizdesk-bench-sync-") as tmp:
        folder = Path(tmp)
        (folder / "sink.py").write_text(SINK, encoding="utf-8")
        platform = sandbox_process(
            folder / "platform",
            "--decision-delay",
            "0",
            *[
                arg
                for code in (*batching_codes(rounds), "CODE-5", *(f"ATT-{r}" for r in range(rounds)))
                for arg in ("--enroll-code", code)
            ],
        )
        try:
            if options.only in (None, "a"):
                results["a_batching"] = bench_batching(folder, platform, sizes["a"], rounds)
            if options.only in (None, "b"):
                results["b_attachments"] = bench_attachments(folder, platform, sizes["b"], rounds)
            if options.only in (None, "c"):
                results["c_memory"] = bench_memory(folder, platform, sizes["c"])
        finally:
            platform.stop()
    meta = {
        "date": dt.date.today().isoformat(),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "python": host.python_version(),
        "machine": host.machine(),
        "quick": options.quick,
    }
    print(json.dumps({"benchmark": "sync", "meta": meta, "results": results}, indent=2, ensure_ascii=False))
    print_ratios(
        __file__,
        {
            "round_trip": results.get("a_batching", {}).get("ratio_round_trip"),
            "scans": results.get("b_attachments", {}).get("ratio_protocol_vs_plain"),
            "scan_uploads_alone": results.get("b_attachments", {}).get("ratio_scan_uploads_alone_vs_plain"),
        },
    )


if __name__ == "__main__":
    main()
