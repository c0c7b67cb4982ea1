#!/usr/bin/env bash
# Package bizdesk with `flet build` (needs the Flutter SDK; see build/README.md).
set -euo pipefail
target="${1:?usage: build/package.sh linux|macos}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
.venv/bin/python scripts/install_fonts.py
exec .venv/bin/flet build "$target" --output "build/dist/$target" --yes
