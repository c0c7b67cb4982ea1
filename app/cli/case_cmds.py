"""``bizdesk seed`` and ``bizdesk case ...``: cases from the command line.

    bizdesk --training seed --cases 40 [--seed 7]   fictitious cases (training profile only)
    bizdesk case list [--status S] [--json]         newest first
    bizdesk case show ID [--json]                   one case, personal numbers masked
    bizdesk case export ID [-o FILE]                the exact bizdesk.case/1 document
    bizdesk case import FILE                        prints the new case id; problems on stderr

A refused import exits 1 and lists every problem (field path and Chinese message) on stderr.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from app.cli.context import cli_context
from app.errors import InputRejected, NotYetAvailable, UsageError
from app.validation.problems import Problem

if TYPE_CHECKING:
    from app.ports import UnitOfWork

USER_ENV = "BIZDESK_USER"


def register(cli: typer.Typer) -> None:
    @cli.command("seed")
    def seed(
        ctx: typer.Context,
        cases: int = typer.Option(
            ..., "--cases", min=1, max=100_000, help="How many fictitious cases to add."
        ),
        seed: int | None = typer.Option(None, "--seed", help="Random seed (same seed, same cases)."),
    ) -> None:
        """Training profile only: add realistic fictitious cases (生成培训案卷)."""
        from app.services.cases import require_training, seed_cases

        require_training(cli_context(ctx).training)
        chosen = seed if seed is not None else secrets.randbelow(1_000_000)
        from app.wiring.profile import open_profile

        with open_profile(cli_context(ctx).profile) as opened, opened.unit_of_work() as uow:
            added = seed_cases(
                uow, cases, training=True, seed=chosen, by=_actor(), files=opened.attachments()
            )
        print(
            f"已生成 {added} 个虚构培训案卷（seed {chosen}）。"
            f"(Added {added} fictitious cases, seed {chosen}.)"
        )

    case = typer.Typer(help="Cases (案卷): list, show, export, import, submit, print.", no_args_is_help=True)
    cli.add_typer(case, name="case")

    @case.command("list")
    def list_(
        ctx: typer.Context,
        json_: bool = typer.Option(False, "--json", help="JSON output."),
        status: str | None = typer.Option(None, "--status", help="Only cases in this status."),
        limit: int = typer.Option(100, "--limit", min=1, help="At most this many cases."),
    ) -> None:
        """List cases (案卷列表), most recently updated first."""
        from app.services.cases import list_cases

        with _unit_of_work(ctx) as uow:
            summaries = list_cases(uow, status=status, limit=limit)
        if json_:
            _print_json([dataclasses.asdict(s) for s in summaries])
            return
        for s in summaries:
            mark = " [培训]" if s.fictitious else ""
            print(f"{s.case_id}  {s.status:<16} {s.company_type:<19} {s.company_name}{mark}")
        print(f"共 {len(summaries)} 个案卷。({len(summaries)} cases.)", file=sys.stderr)

    @case.command("show")
    def show(
        ctx: typer.Context,
        case_id: str = typer.Argument(..., metavar="ID"),
        json_: bool = typer.Option(False, "--json", help="JSON output."),
    ) -> None:
        """Show one case (查看案卷): services, documents and what is left to fix."""
        from app.services.cases import show_case

        with _unit_of_work(ctx) as uow:
            view = show_case(uow, case_id)
        if json_:
            _print_json(dataclasses.asdict(view))
            return
        print(f"{view.case_id}  {view.company_name}（{view.company_type_zh}）  {view.status_zh}")
        for service in view.services:
            left = f"  待处理 {len(service.problems)} 项" if service.problems else ""
            print(f"  {service.label_zh:<8} {service.status_zh}{left}")
        for problem in view.problems:
            print(f"  - {problem.field or '案卷'}: [{problem.severity}] {problem.message_zh}")

    @case.command("export")
    def export(
        ctx: typer.Context,
        case_id: str = typer.Argument(..., metavar="ID"),
        output: Path | None = typer.Option(None, "-o", "--output", help="File to write (default stdout)."),
    ) -> None:
        """Export a case as bizdesk.case/1 JSON (导出案卷): UTF-8, sorted keys, indent 2."""
        from app.case.interchange import dumps_case
        from app.services.cases import export_case

        with _unit_of_work(ctx) as uow:
            text = dumps_case(export_case(uow, case_id, by=_actor()))
        if output is None:
            sys.stdout.buffer.write(text.encode("utf-8"))
            sys.stdout.flush()
            return
        from app.security.atomic import write_atomic

        write_atomic(output, text.encode("utf-8"))  # owner-only: the file holds personal data
        print(f"已导出到 {output}。(Exported to {output}.)", file=sys.stderr)

    @case.command("import")
    def import_(ctx: typer.Context, file: Path = typer.Argument(..., metavar="FILE")) -> None:
        """Import a bizdesk.case/1 JSON file (导入案卷); prints the new case id."""
        from app.services.cases import import_case

        data = _read_json(file)
        with _unit_of_work(ctx) as uow:
            result = import_case(uow, data, by=_actor(), training=cli_context(ctx).training)
        print(result.case_id)
        _print_problems(result.problems)

    @case.command("submit")
    def submit(ctx: typer.Context, case_id: str = typer.Argument(..., metavar="ID")) -> None:
        """Queue a ready case for the platform (提交案卷); `bizdesk sync` then sends it."""
        from app.services.submission import submit_case

        with _unit_of_work(ctx) as uow:
            result = submit_case(uow, case_id, by=_actor())
        services = "、".join(result.queued)
        print(result.case_id)
        print(
            f"已加入报送队列：{services}（共 {len(result.queued)} 项），执行同步后报送政务平台。"
            f"(Queued {len(result.queued)} submissions; run sync to send them.)",
            file=sys.stderr,
        )

    @case.command("pdf")
    def pdf(
        ctx: typer.Context,
        case_id: str = typer.Argument(..., metavar="ID"),
        output: Path = typer.Option(..., "-o", "--output", help="PDF file to write."),
    ) -> None:
        """Print the case's forms and receipt to a PDF (打印表单)."""
        raise NotYetAvailable("case pdf")


@contextmanager
def _unit_of_work(ctx: typer.Context) -> Iterator[UnitOfWork]:
    from app.wiring.profile import open_profile

    with open_profile(cli_context(ctx).profile) as opened, opened.unit_of_work() as uow:
        yield uow


def _actor() -> str:
    return os.environ.get(USER_ENV, "").strip() or "cli"


def _read_json(file: Path) -> object:
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except FileNotFoundError as exc:
        raise UsageError(
            f"找不到文件 {file}，请检查路径。", f"File {file} not found; check the path."
        ) from exc
    except UnicodeDecodeError as exc:
        raise InputRejected(
            f"文件 {file} 不是 UTF-8 编码的文本，请用 bizdesk 导出的 JSON 文件。",
            f"{file} is not UTF-8 text; use a JSON file exported by bizdesk.",
        ) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputRejected(
            f"文件 {file} 不是有效的 JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}），请检查文件内容。",
            f"{file} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).",
        ) from exc


def _print_json(value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True, default=_jsonable) + "\n"
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


def _jsonable(value: object) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Problem):
        return value.as_dict()
    raise TypeError(f"{type(value).__name__} is not JSON")


def _print_problems(problems: tuple[Problem, ...]) -> None:
    for problem in problems:
        print(f"  - {problem.field or '(案卷)'}: [{problem.severity}] {problem.message_zh}", file=sys.stderr)
