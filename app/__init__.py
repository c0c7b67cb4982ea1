"""bizdesk core: the case model, its rules, services, storage and security.

This package imports no UI, HTTP or PDF library. Only its composition root
(``app.cli`` and ``app.wiring``) wires the outer packages (views, sync, forms)
together, and only inside the functions that need them.

``__version__`` is the one app version: pyproject.toml's, as installed (``bizdesk --version``, the
device facts sent at enrolment, the sandbox's app manifest all read it here).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("bizdesk")
except PackageNotFoundError:  # run from a source tree that was never installed (uv sync installs it)
    __version__ = "0+unknown"
