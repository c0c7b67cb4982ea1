"""``bizdesk sync``, ``device enroll`` and ``sandbox``: the government platform side."""

from __future__ import annotations

from pathlib import Path

import typer

from app.errors import NotYetAvailable


def register(cli: typer.Typer) -> None:
    @cli.command("sync")
    def sync(
        ctx: typer.Context,
        once: bool = typer.Option(False, "--once", help="One pass, then exit."),
        json_: bool = typer.Option(False, "--json", help="JSON output."),
    ) -> None:
        """Send queued submissions and fetch agency results (同步)."""
        raise NotYetAvailable("sync")

    device = typer.Typer(help="This desk's enrollment with the platform (设备注册).", no_args_is_help=True)
    cli.add_typer(device, name="device")

    @device.command("enroll")
    def enroll(
        ctx: typer.Context,
        platform: str = typer.Option(..., "--platform", help="Platform base URL."),
        code: str = typer.Option(..., "--code", help="One-time enrollment code from IT."),
    ) -> None:
        """Enroll this desk with the platform (注册本机)."""
        raise NotYetAvailable("device enroll")

    @cli.command("sandbox")
    def sandbox(
        host: str = typer.Option("127.0.0.1", "--host"),
        port: int = typer.Option(8600, "--port"),
        data: Path | None = typer.Option(None, "--data", help="Folder for the sandbox's state."),
        mode: str = typer.Option("training", "--mode", help="production or training."),
        enroll_code: str | None = typer.Option(None, "--enroll-code", help="Accept this one-time code."),
        fail_rate: float = typer.Option(0.0, "--fail-rate", min=0.0, max=1.0),
        drop_rate: float = typer.Option(0.0, "--drop-rate", min=0.0, max=1.0),
        latency_ms: int = typer.Option(0, "--latency-ms", min=0),
    ) -> None:
        """Run the reference government platform (政务平台沙箱)."""
        raise NotYetAvailable("sandbox")
