"""A desk's sync as its own process, for the kill test: ``python -m tests.integration.sync.driver DB KEY``.

Runs engine passes over the desk database until nothing is left to send and every submission is
completed, then exits 0. The test kills it with SIGKILL at random moments and starts it again.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.security.device import DeviceIdentity
from tests.integration.sync.support import DeskStore, engine, gateway


def main(database: str, key_hex: str, device_key_hex: str) -> int:
    device = DeviceIdentity.from_private_bytes("desk-kill", bytes.fromhex(device_key_hex))
    store = DeskStore(Path(database), bytes.fromhex(key_hex), device)
    with store.outbox() as (_, outbox):
        enrolled = outbox.state().enrolled
    assert enrolled is not None
    run = engine(store, gateway(enrolled, device), sleep=None)
    print("ready", flush=True)  # the test kills only after this: during the sync itself
    try:
        while True:
            report = run.run_once()
            if report.ok and report.pending == 0 and set(report.counts) == {"completed"}:
                return 0
    finally:
        run.close()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
