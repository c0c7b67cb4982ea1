"""The composition root: the only package in app/ (with ``app.cli``) that may import views/, sync/ and
forms/, and only inside functions.

    profile        open (or create) a profile: keys, migration, units of work      -> OpenedProfile
    restore        restore a backup and open it once
    desk_runtime   the desk process: profile + syncing + views (``bizdesk run``, main.py)
    serving        serve a Flet ``main``: offline web UI on a local port, or a desktop window
    browser_window the desk in an app window of the PC's Edge/Chrome/Chromium (``app.window``)
    sync_hub       the desk's one background sync and what the 同步中心 shows (each page's
                   ``LocalDesk`` holds it as its ``SyncControl``)
    desk_sync      ``DeskSync``: the sync engine over the HTTP gateway for one profile (``bizdesk sync``)
    gateway        the HTTP platform gateway of an enrolled profile (TLS pinning)
    outbox         the store's outbox as the engine's port; sync state and overview
    checkpoints    the audit trail's signed head sent to the platform
    enrollment     ``bizdesk device enroll``
    sandbox        the reference platform sandbox: ``bizdesk sandbox`` and training's embedded one
"""
