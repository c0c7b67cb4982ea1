"""A bare Flet app with the desk's fonts and theme, served exactly like the desk (the baseline of
bench_first_screen.py): one text and one text box labelled like the login's user-name box, focused
on start, as the login's is; nothing else.

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
FIELD_LABEL = "用户名"  # the login's user-name box (assets/strings/zh-CN.json login.username)


def main(page: ft.Page) -> None:
    apply_theme(page)
    page.add(ft.Text(TEXT), ft.TextField(label=FIELD_LABEL, autofocus=True))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    serve(main, web=True, host="127.0.0.1", port=parser.parse_args().port)
