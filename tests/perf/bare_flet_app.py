"""A bare Flet app with the desk's fonts and theme, served exactly like the desk (the baseline of
bench_first_screen.py): one text, nothing else.

    .venv/bin/python tests/perf/bare_flet_app.py --port 8770
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import flet as ft

from app.wiring.serving import serve
from views.theme import apply_theme

TEXT = "bizdesk 企业开办专区"


def main(page: ft.Page) -> None:
    apply_theme(page)
    page.add(ft.Text(TEXT))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    serve(main, web=True, host="127.0.0.1", port=parser.parse_args().port)
