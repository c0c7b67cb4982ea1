"""``bizdesk seed`` and ``bizdesk case ...``: cases from the command line."""

from __future__ import annotations

from pathlib import Path

import typer

from app.errors import NotYetAvailable


def register(cli: typer.Typer) -> None:
    @cli.command("seed")
    def seed(
        ctx: typer.Context,
        cases: int = typer.Option(..., "--cases", min=1, help="How many fictitious cases to add."),
    ) -> None:
        """Training profile only: add realistic fictitious cases (生成培训案卷)."""
        raise NotYetAvailable("seed")

    case = typer.Typer(help="Cases (案卷): list, show, export, import, submit, print.", no_args_is_help=True)
    cli.add_typer(case, name="case")

    @case.command("list")
    def list_(ctx: typer.Context, json_: bool = typer.Option(False, "--json", help="JSON output.")) -> None:
        """List cases (案卷列表)."""
        raise NotYetAvailable("case list")

    @case.command("show")
    def show(
        ctx: typer.Context,
        case_id: str = typer.Argument(..., metavar="ID"),
        json_: bool = typer.Option(False, "--json", help="JSON output."),
    ) -> None:
        """Show one case (查看案卷)."""
        raise NotYetAvailable("case show")

    @case.command("export")
    def export(
        ctx: typer.Context,
        case_id: str = typer.Argument(..., metavar="ID"),
        output: Path | None = typer.Option(None, "-o", "--output", help="File to write (default stdout)."),
    ) -> None:
        """Export a case as bizdesk.case/1 JSON (导出案卷)."""
        raise NotYetAvailable("case export")

    @case.command("import")
    def import_(ctx: typer.Context, file: Path = typer.Argument(..., metavar="FILE")) -> None:
        """Import a bizdesk.case/1 JSON file (导入案卷)."""
        raise NotYetAvailable("case import")

    @case.command("submit")
    def submit(ctx: typer.Context, case_id: str = typer.Argument(..., metavar="ID")) -> None:
        """Queue a ready case for the platform (提交案卷)."""
        raise NotYetAvailable("case submit")

    @case.command("pdf")
    def pdf(
        ctx: typer.Context,
        case_id: str = typer.Argument(..., metavar="ID"),
        output: Path = typer.Option(..., "-o", "--output", help="PDF file to write."),
    ) -> None:
        """Print the case's forms and receipt to a PDF (打印表单)."""
        raise NotYetAvailable("case pdf")
