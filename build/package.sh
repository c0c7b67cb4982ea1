#!/usr/bin/env bash
# Package bizdesk with `flet build` on Linux or macOS (needs the Flutter SDK; see build/README.md).
#   build/package.sh linux|macos [--fonts DIR] [--print]
set -euo pipefail
target="${1:?usage: build/package.sh linux|macos [--fonts DIR] [--print]}"
shift
cd "$(dirname "${BASH_SOURCE[0]}")/.."
uv="$(command -v .tools/bin/uv || command -v uv)"  # ./dev installs uv in .tools; a build Mac has its own
"$uv" sync --frozen --group package   # the locked environment plus flet-cli 1.0.5 (the package group)
exec .venv/bin/python build/flet_recipe.py "$target" "$@"
