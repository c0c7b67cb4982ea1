"""How tests run CLI commands that read or change personal data: with a signed-in account.

Every such command (seed, case list/show/export/import/submit/pdf, sync, audit verify, and the IT
commands) signs a user in from ``BIZDESK_USER`` and ``BIZDESK_USER_PASSWORD`` (a prompt on a
terminal) and checks the role matrix (app/accounts/roles.py). Pass one of these environments:

    TRAINING_TRAINER / TRAINING_CLERK / TRAINING_IT   the training profile's ready-made accounts
                                                      (password peixun2026); the trainer may seed,
                                                      view, create, submit, print and sync; only
                                                      the clerk may export; only IT may verify audit
    create_desk_accounts(profile, passphrase)         makes the desk profile's first IT account and
                                                      a clerk (idempotent); then DESK_IT / DESK_CLERK

    use_login(monkeypatch, TRAINING_TRAINER)          for in-process ``app.cli.main`` calls
    desk_as_clerk(monkeypatch, home, passphrase)      a fixture's body: a desk profile in ``home``,
                                                      no system keyring, DESK_CLERK signed in
    subprocess.run(..., env={**os.environ, **TRAINING_TRAINER})
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from app.paths import Profile, profile

TRAINING_PASSWORD = "peixun2026"


def login(username: str, password: str) -> dict[str, str]:
    return {"BIZDESK_USER": username, "BIZDESK_USER_PASSWORD": password}


TRAINING_TRAINER = login("trainer", TRAINING_PASSWORD)
TRAINING_CLERK = login("clerk", TRAINING_PASSWORD)
TRAINING_IT = login("itadmin", TRAINING_PASSWORD)
DESK_IT = login("deskit", "Desk IT pass 2026")
DESK_CLERK = login("deskclerk", "Desk clerk pass 2026")


def use_login(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)


def create_desk_accounts(profile: Profile, passphrase: str | None = None) -> None:
    """The desk profile's first IT account (``DESK_IT``) and a clerk (``DESK_CLERK``), once."""
    from app.accounts import service as accounts
    from app.wiring.profile import open_profile

    with open_profile(profile, passphrase=passphrase) as opened:
        if accounts.needs_first_it_account(opened.store.unit_of_work()):
            it = accounts.create_first_it_account(
                opened.store.unit_of_work(), DESK_IT["BIZDESK_USER"], "", DESK_IT["BIZDESK_USER_PASSWORD"]
            )
            accounts.add_user(
                opened.store.unit_of_work(),
                by=it,
                username=DESK_CLERK["BIZDESK_USER"],
                display_name="",
                role="clerk",
                password=DESK_CLERK["BIZDESK_USER_PASSWORD"],
            )


def desk_as_clerk(monkeypatch: pytest.MonkeyPatch, home: Path, passphrase: str) -> Iterator[None]:
    """For a fixture (``yield from``): BIZDESK_HOME at ``home``, no system keyring, the desk's
    accounts created and DESK_CLERK signed in for every command."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setenv("BIZDESK_HOME", str(home))
    monkeypatch.setenv("BIZDESK_PASSPHRASE", passphrase)
    monkeypatch.delenv("BIZDESK_RECOVERY_PUBLIC_KEY", raising=False)
    create_desk_accounts(profile(training=False))
    use_login(monkeypatch, DESK_CLERK)
    yield
    keyring.set_keyring(previous)
