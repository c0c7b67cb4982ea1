"""``bizdesk run``: start the desk UI."""

from __future__ import annotations

import typer

from app.cli.context import cli_context


def register(cli: typer.Typer) -> None:
    @cli.command("run")
    def run(
        ctx: typer.Context,
        web: bool = typer.Option(False, "--web", help="Serve the UI to a browser instead of a window."),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to bind in web mode."),
        port: int = typer.Option(8550, "--port", min=1, max=65535, help="Port in web mode."),
    ) -> None:
        """Start the desk UI (启动柜台界面)."""
        from app.wiring.desk_runtime import run_desk

        context = cli_context(ctx)
        run_desk(context.profile, web=web, host=host, port=port, language=context.language)
