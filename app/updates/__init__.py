"""Signed updates from the platform: reference-data packs and the app-version manifest.

    documents  the signed release documents and their verification against the pinned platform key
    policy     pure rules: version order, staged rollout (canary branches, percentage), deadlines
    service    the desk's update state (current, previous, pending) and one function per intent

Everything here is pure (no network, no database): the composition root (``app.wiring.updates``)
fetches documents over HTTP and hands them, with a clock and a settings store, to ``service``.
"""
