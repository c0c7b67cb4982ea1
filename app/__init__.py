"""bizdesk core: the case model, its rules, services, storage and security.

This package imports no UI, HTTP or PDF library. Only its composition root
(``app.cli`` and the ``app.wiring.profile*`` modules) wires the outer packages
(views, sync, forms) together, and only inside the commands that need them.
"""

__version__ = "0.1.0"
