"""``bizdesk run``: start the desk UI."""

from __future__ import annotations

import typer

from app.cli.context import cli_context
from app.window.choice import WindowKind


def register(cli: typer.Typer) -> None:
    @cli.command("run")
    def run(
        ctx: typer.Context,
        web: bool = typer.Option(
            False, "--web", help="Serve only and open nothing (the same as --window none)."
        ),
        window: WindowKind = typer.Option(
            WindowKind.AUTO,
            "--window",
            case_sensitive=False,
            help="auto: the Flutter desktop client if installed, else an app window of Edge, Chrome or "
            "Chromium, else none; flutter, browser: that window or an error; none: serve only.",
        ),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to serve the UI on."),
        port: int | None = typer.Option(
            None,
            "--port",
            min=1,
            max=65535,
            help="Port to serve the UI on (default 8550; a browser window takes a free one when it is "
            "taken).",
        ),
    ) -> None:
        """Start the desk UI (启动柜台界面)."""
        from app.wiring.desk_runtime import run_desk

        if web and window not in (WindowKind.AUTO, WindowKind.NONE):
            raise typer.BadParameter(f"--web opens no window; it cannot go with --window {window.value}.")
        context = cli_context(ctx)
        run_desk(
            context.profile,
            window=WindowKind.NONE if web else window,
            host=host,
            port=port,
            language=context.language,
        )
