"""Serve the desk UI over an in-memory fake desk: for UI states the real profile cannot show quickly.

    python -m tests.e2e.fake_app --port 8766 [--idle-seconds N] [--new]

``--new`` starts on the first-run set-up step; ``--idle-seconds`` shortens the idle lock.
It goes through the same ``app.wiring.serving.serve`` as ``bizdesk run --web``.
"""

from __future__ import annotations

import argparse

from app.wiring.serving import serve
from tests.unit.views.fake_desk import FakeDesk, training_desk
from views.frame.app import build_app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--idle-seconds", type=int, default=600)
    parser.add_argument("--new", action="store_true", help="a desk without accounts (first-run set-up)")
    args = parser.parse_args()
    desk = FakeDesk() if args.new else training_desk()
    desk.idle_seconds = args.idle_seconds
    serve(build_app(desk), web=True, host="127.0.0.1", port=args.port)


if __name__ == "__main__":
    main()
