"""``python -m app``: the same CLI as the ``bizdesk`` console script."""

import sys

from app.cli import main

sys.exit(main())
