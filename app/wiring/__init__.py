"""The composition root: the only package in app/ (with ``app.cli``) that may import views/, sync/ and
forms/, and only inside functions. It constructs and connects: which implementation serves which
port, opened once per process. What the desk does lives in the services it hands those ports to.

    profile           open (or create) a profile: keys, migration, its store and scans -> OpenedProfile
    services          the platform over HTTPS, app releases, the desk's sync and its background worker
    enrollment        enrolling with the right CA pinned (``bizdesk device enroll``, 系统管理)
    sandbox           the reference platform sandbox: ``bizdesk sandbox``, and the training desk's
                      built-in one when it has no platform that answers
    desk_runtime      the desk process: profile + syncing + views (``bizdesk run``, main.py)
    serving           serve a Flet ``main``: offline web UI on a local port, or a desktop window
    browser_window    the desk in an app window of the PC's Edge/Chrome/Chromium (``app.window``)
    desk_operations   系统管理's device, update, backup, key and restore operations of the open profile
    diagnostics       the profile opened for the diagnostics bundle, or its failure
    restore           restore a backup and open it once
    recovery          the IT recovery screen of a desk whose key is lost, then the desk
"""
