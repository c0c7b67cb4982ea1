"""Signed updates from the platform: reference-data packs and the app-version manifest.

    documents  the signed release documents and their verification against the pinned platform key
    policy     pure rules: version order, staged rollout (canary branches, percentage), deadlines
    service    the desk's update state (current, previous, pending) and one function per intent
    fleet      fleet health as IT reads it; this desk's health report
    ports      what updates need from outside: the platform's IT-operations calls, an installer
    installer  ``PipInstaller``: installs an app release into this environment with pip, offline

Everything but ``installer`` is pure (no network, no database): ``app.services.updates`` fetches
documents through the ``ports`` and hands them, with a clock and a settings store, to ``service``.
"""
