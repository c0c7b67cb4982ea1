"""Packet benchmark: bizdesk's packet against raw reportlab drawing the same pages of the same text.

    .venv/bin/python tests/perf/bench_packet.py            # 20 rounds, 100 packets in a row
    .venv/bin/python tests/perf/bench_packet.py --quick    # 2 rounds, 3 packets, 2 seeded (CI runs it)

The packet is the full two-shareholder LLC opening all seven services (tests/unit/case/builders.py).
The baseline draws, with a bare reportlab canvas in the same mode (invariant, compressed, the same
embedded TrueType font), the text pdftotext finds on each page of that packet, line by line: the
floor any renderer of those pages pays (font subsetting and compression included). Both run once to
warm up (fonts load once per process), then alternately; medians are kept.

Memory: the peak Python allocation of one packet (tracemalloc), and the traced memory and RSS after
1, 10 and N packets in a row (a leak would grow them). Also the mean time of a packet over 32 seeded
cases of every type and state. Prints one JSON object; never a pass/fail: figures go to
docs/performance.md ("Packet").
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import json
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from app.case import dump_case
from app.seed import generate_cases
from app.services.packet import Packet
from forms.packet import ReportlabPacketRenderer, default_fonts
from tests.perf.ratio_line import print_ratios
from tests.unit.case.builders import llc_document
from tests.unit.forms.samples import ISSUED_AT, receipt


def render(renderer: ReportlabPacketRenderer, document: dict[str, Any]) -> Packet:
    """The forms and the receipt, as ``bizdesk case pdf`` prints them (the receipt's sheet is made
    here, outside the renderer, as the core's print_packet makes it)."""
    return renderer.render(document, training=True, issued_at=ISSUED_AT, receipt=receipt(document))


def page_texts(pdf: bytes) -> list[list[str]]:
    """The text lines of each page, as pdftotext reads them (outside any timing)."""
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    pages = out.stdout.decode("utf-8").split("\f")
    return [[line for line in page.splitlines() if line.strip()] for page in pages if page.strip()]


def raw_reportlab(pages: list[list[str]]) -> bytes:
    """The same pages drawn with a bare canvas: one drawString per line, same font and mode."""
    font = default_fonts().primary
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1, initialFontName=font)
    for lines in pages:
        y = 800.0
        for line in lines:
            canvas.setFont(font, 9)
            canvas.drawString(40, y, line)
            y -= 11
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def alternating_medians(actions: list[Callable[[], object]], rounds: int) -> list[float]:
    """Each action's median time, the actions taking turns (a busy machine slows both alike)."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(rounds):
        for action, spent in zip(actions, times, strict=True):
            start = time.perf_counter()
            action()
            spent.append(time.perf_counter() - start)
    return [statistics.median(spent) for spent in times]


def rss_mib() -> float:
    """Peak resident set size so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory(renderer: ReportlabPacketRenderer, document: dict[str, Any], count: int) -> dict[str, Any]:
    def one() -> None:
        render(renderer, document)

    tracemalloc.start()
    one()
    gc.collect()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    traced: dict[str, float] = {}
    rss: dict[str, float] = {}
    for index in range(1, count + 1):
        one()
        if index in (1, 10, count):
            gc.collect()
            traced[str(index)] = round(tracemalloc.get_traced_memory()[0] / 2**20, 2)
            rss[str(index)] = round(rss_mib(), 1)
    tracemalloc.stop()
    return {
        "one_packet_peak_mib": round(peak / 2**20, 1),
        "traced_after_n_packets_mib": traced,
        "peak_rss_after_n_packets_mib": rss,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    rounds, in_a_row, seeded_cases = (2, 3, 2) if args.quick else (20, 100, 32)
    renderer = ReportlabPacketRenderer()
    document = llc_document()
    start = time.perf_counter()
    packet = render(renderer, document)  # loads the fonts
    first = time.perf_counter() - start
    pages = page_texts(packet.pdf)
    raw_reportlab(pages)  # warm-up
    packet_s, raw_s = alternating_medians(
        [lambda: render(renderer, document), lambda: raw_reportlab(pages)],
        rounds,
    )
    seeded = [dump_case(c) for c in generate_cases(seeded_cases, seed=7, today=dt.date(2026, 11, 26))]
    start = time.perf_counter()
    seeded_pages = sum(render(renderer, d).pages for d in seeded)
    seeded_s = time.perf_counter() - start
    result = {
        "packet": {"forms": len(packet.forms), "pages": packet.pages, "bytes": len(packet.pdf)},
        "first_packet_with_font_loading_s": round(first, 3),
        "packet_median_s": round(packet_s, 4),
        "raw_reportlab_same_pages_median_s": round(raw_s, 4),
        "ratio_packet_over_raw": round(packet_s / raw_s, 2),
        "per_page_ms": round(packet_s / packet.pages * 1000, 2),
        "seeded_cases": {
            "cases": len(seeded),
            "pages": seeded_pages,
            "mean_packet_s": round(seeded_s / len(seeded), 4),
        },
        "memory": memory(renderer, document, in_a_row),
        "rounds": rounds,
        "python": sys.version.split()[0],
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    print_ratios(__file__, {"packet_over_raw": result["ratio_packet_over_raw"]})


if __name__ == "__main__":
    main()
