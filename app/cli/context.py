"""State shared by every CLI command: which profile, which language."""

from __future__ import annotations

from dataclasses import dataclass

import typer

from app.paths import Profile, profile


@dataclass(frozen=True)
class CliContext:
    training: bool
    language: str = "zh"

    @property
    def profile(self) -> Profile:
        return profile(self.training)


def cli_context(ctx: typer.Context) -> CliContext:
    obj = ctx.find_root().obj
    if not isinstance(obj, CliContext):  # pragma: no cover - set by the root callback
        raise RuntimeError("CLI context missing")
    return obj
