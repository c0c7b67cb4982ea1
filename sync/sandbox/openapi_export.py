"""docs/openapi.json: the sandbox's OpenAPI document as committed (``python -m sync.sandbox.openapi_export``).

Apart from ``openapi_doc`` (which the app itself uses to build the document) so that the app does not
import the module that builds an app to print its document.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sync.sandbox.config import SandboxConfig
from sync.sandbox.http_api import create_app


def document_text() -> str:
    """The document as kept in docs/openapi.json (sorted keys, UTF-8, final newline)."""
    return (
        json.dumps(create_app(SandboxConfig()).openapi(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    )


def main(argv: list[str] | None = None) -> int:
    """``python -m sync.sandbox.openapi_export [PATH]``: write the document (default docs/openapi.json)."""
    arguments = sys.argv[1:] if argv is None else argv
    target = Path(arguments[0] if arguments else "docs/openapi.json")
    target.write_text(document_text(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
