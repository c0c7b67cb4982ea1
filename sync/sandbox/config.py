"""How a sandbox runs: its mode, where it keeps its state, which faults it injects."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Mode = Literal["training", "production"]


@dataclass(frozen=True)
class SandboxConfig:
    mode: Mode = "training"
    # SQLAlchemy URL of the sandbox's state; None: ``<data_dir>/sandbox.db``, or memory without data_dir.
    database_url: str | None = None
    data_dir: Path | None = None
    enroll_codes: tuple[str, ...] = ()
    # one-time codes the platform operator issues to IT: a desk enrolled with one is an IT device
    # (it may list the fleet, GET /v1/fleet); every other code enrols a branch desk
    it_enroll_codes: tuple[str, ...] = ()
    fail_rate: float = 0.0  # answer 503 before doing anything
    drop_rate: float = 0.0  # do the work and commit, then cut the connection before the answer
    malformed_rate: float = 0.0  # do the work and commit, then answer with broken JSON
    latency_ms: int = 0
    decision_delay_s: float = 2.0  # the licence agency decides this long after acceptance
    correction_rate: float = 0.0  # share of cases whose licence first gets a 补正 request
    reject_rate: float = 0.0  # share of cases whose licence submission is rejected with a field problem
    seed: int | None = None  # fixes the fault dice (tests); None draws from the OS
    max_body_bytes: int = 32 * 1024 * 1024
    pack_dir: Path | None = None  # update releases served to desks (sync.sandbox.releases)
    # keep payloads with personal numbers, names and addresses of people masked (sync.sandbox.at_rest):
    # the training desk's embedded sandbox, whose files sit unencrypted beside the training profile
    mask_personal: bool = False

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        if self.data_dir is not None:
            return f"sqlite:///{self.data_dir / 'sandbox.db'}"
        return "sqlite://"

    def __post_init__(self) -> None:
        for name in ("fail_rate", "drop_rate", "malformed_rate", "correction_rate", "reject_rate"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must lie between 0 and 1, got {value}")
        if self.fail_rate + self.drop_rate + self.malformed_rate > 1.0:
            raise ValueError("fail_rate + drop_rate + malformed_rate must not exceed 1")
