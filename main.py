"""Flet entry point for ``flet build`` / ``flet run``: wiring only.

Opens the desk profile (``--training`` or ``BIZDESK_TRAINING=1`` for the training one)
through the composition root and runs the desk UI with the bundled assets, no CDN.
IT staff and scripts use the ``bizdesk`` CLI instead (``bizdesk run``).
"""

from __future__ import annotations

import os
import sys

import flet as ft

from app.paths import profile
from app.wiring.desk_runtime import window_main
from app.wiring.serving import ASSETS_DIR


def wants_training(argv: list[str], environ: dict[str, str]) -> bool:
    return "--training" in argv or environ.get("BIZDESK_TRAINING", "").lower() in {"1", "true", "yes"}


if __name__ == "__main__":
    training = wants_training(sys.argv[1:], dict(os.environ))
    ft.run(window_main(profile(training)), host="127.0.0.1", assets_dir=str(ASSETS_DIR), no_cdn=True)
