"""bizdesk core: the case model, its rules, services, storage and security.

This package imports no UI, HTTP or PDF library. Only its composition root
(``app.cli`` and ``app.wiring``) wires the outer packages (views, sync, forms)
together, and only inside the functions that need them.
"""

__version__ = "0.1.0"
