"""``bizdesk seed`` and ``bizdesk case ...``: cases from the command line.

    bizdesk --training seed --cases 40 [--seed 7]   fictitious cases (training profile only)
    bizdesk case list [--status S] [--json]         newest first
    bizdesk case show ID [--json]                   one case, personal numbers masked
    bizdesk case export ID [-o FILE]                the exact bizdesk.case/1 document
    bizdesk case import FILE                        prints the new case id; problems on stderr
    bizdesk case pdf ID -o FILE                     the printable packet (forms and receipt), 0600
    bizdesk case verify-receipt TEXT [--json]       check a receipt's QR text against this desk

A refused import exits 1 and lists every problem (field path and Chinese message) on stderr.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from app.cli.auth import open_cli_profile, sign_in
from app.cli.context import cli_context
from app.cli.files import output_file, read_limited, write_private
from app.errors import BizdeskError, UsageError
from app.validation.problems import Problem

if TYPE_CHECKING:
    from app.accounts.roles import Action
    from app.unit_of_work import UnitOfWork
    from app.wiring.profile import OpenedProfile


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
        from app.training.seeding import require_training, seed_cases

        require_training(cli_context(ctx).training)
        chosen = seed if seed is not None else secrets.randbelow(1_000_000)
        with _signed_in(ctx, "seed") as (uow, by, opened):
            added = seed_cases(uow, cases, training=True, seed=chosen, by=by, files=opened.files)
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
        limit: int = typer.Option(100, "--limit", min=1, max=100_000, help="At most this many cases."),
    ) -> None:
        """List cases (案卷列表), most recently updated first."""
        from app.services.cases import list_cases

        with _signed_in(ctx, "case.view") as (uow, _, _):
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

        with _signed_in(ctx, "case.view") as (uow, _, _):
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

        target = None if output is None else output_file(output)

        def deliver(document: dict[str, Any]) -> None:  # before the audit entry commits: no file, no entry
            if target is None:
                sys.stdout.buffer.write(dumps_case(document).encode("utf-8"))
                sys.stdout.flush()
            else:
                write_private(target, dumps_case(document))

        with _signed_in(ctx, "case.export") as (uow, by, _):
            export_case(uow, case_id, by=by, deliver=deliver)
        if target is not None:
            print(f"已导出到 {target}。(Exported to {target}.)", file=sys.stderr)

    @case.command("import")
    def import_(ctx: typer.Context, file: Path = typer.Argument(..., metavar="FILE")) -> None:
        """Import a bizdesk.case/1 JSON file (导入案卷); prints the new case id."""
        from app.services.cases import import_case

        data = _read_json(file)
        with _signed_in(ctx, "case.create") as (uow, by, _):
            result = import_case(uow, data, by=by, training=cli_context(ctx).training)
        print(result.case_id)
        _print_problems(result.problems)

    @case.command("submit")
    def submit(ctx: typer.Context, case_ids: list[str] = typer.Argument(..., metavar="ID...")) -> None:
        """Queue ready cases for the platform (提交案卷), one sign-in for all, each in its own
        transaction, in the order given; `bizdesk sync` then sends them. A case that cannot be queued
        stops the command with the reason: the cases before it stay queued (their ids printed)."""
        from app.services.submission import submit_case

        with open_cli_profile(ctx) as opened:
            by = sign_in(opened, "case.submit").username
            for done, case_id in enumerate(case_ids):
                try:
                    with opened.store.unit_of_work() as uow:
                        result = submit_case(uow, case_id, by=by)
                except BizdeskError:
                    before = f"；此前的 {done} 个案卷已加入" if done else ""
                    said = f"案卷 {case_id} 未能加入报送队列{before}。(Case {case_id} was not queued.)"
                    print(said, file=sys.stderr)
                    raise
                services = "、".join(result.queued)
                print(result.case_id, flush=True)
                print(
                    f"{result.case_id} 已加入报送队列：{services}（共 {len(result.queued)} 项），"
                    "执行同步后报送政务平台。"
                    f"(Queued {len(result.queued)} submissions; run sync to send them.)",
                    file=sys.stderr,
                )

    _register_packet(case)


def _register_packet(case: typer.Typer) -> None:
    """``case pdf`` and ``case verify-receipt``: the packet (app/services/packet.py) and the check of
    its receipt's QR code by staff (app/services/receipt_code.py)."""

    @case.command("pdf")
    def pdf(
        ctx: typer.Context,
        case_id: str = typer.Argument(..., metavar="ID"),
        output: Path = typer.Option(..., "-o", "--output", help="PDF file to write."),
        guides: bool = typer.Option(
            False, "--guides", help="Add the 服务大礼包: the guides that go with the case's services."
        ),
        receipt_only: bool = typer.Option(
            False, "--receipt-only", help="Only the receipt (and the guides with --guides), no forms."
        ),
    ) -> None:
        """Print the case's forms and receipt to a PDF (打印表单); training cases carry a watermark."""
        from app.security.atomic import write_atomic
        from app.services.packet import PacketParts, print_packet
        from forms.packet import ReportlabPacketRenderer

        training = cli_context(ctx).training
        target = output_file(output)
        parts = PacketParts(forms=not receipt_only, guides=guides)
        with _signed_in(ctx, "case.print") as (uow, by, opened):
            packet = print_packet(
                uow,
                case_id,
                ReportlabPacketRenderer(),
                training=training,
                issued_at=opened.clock(),
                parts=parts,
                by=by,
            )
        try:
            write_atomic(target, packet.pdf)
        except OSError as exc:
            raise UsageError(
                f"无法写入 {output}（{exc.strerror}），请检查路径和权限。",
                f"Cannot write {output} ({exc.strerror}); check the path and permissions.",
            ) from exc
        print(
            f"已生成 {len(packet.forms)} 份表单共 {packet.pages} 页：{output}。"
            f"({len(packet.forms)} forms, {packet.pages} pages written to {output}.)",
            file=sys.stderr,
        )

    @case.command("verify-receipt")
    def verify_receipt(
        ctx: typer.Context,
        text: str = typer.Argument(..., metavar="TEXT", help="The text of the receipt's QR code."),
        json_: bool = typer.Option(False, "--json", help="JSON output."),
    ) -> None:
        """Check a receipt's QR code (核验受理回执): issued by this desk, unchanged, matching the case."""
        from app.services.receipt_code import ReceiptInvalid, check_receipt, receipt_key

        with _signed_in(ctx, "case.view") as (uow, _, opened):
            check = check_receipt(uow, text, receipt_key(opened.device.sign))
        if json_:
            _print_json(dataclasses.asdict(check))
        if not check.valid:
            raise ReceiptInvalid(check)
        if not json_:
            from app.case.enums import ServiceCode

            issued = check.issued_at.isoformat() if check.issued_at else ""
            services = "、".join(ServiceCode(s).label_zh for s in check.services)
            print(f"回执有效：案卷 {check.case_id}，办理事项 {services}，出具于 {issued}。")
            print(f"(Valid receipt: case {check.case_id}, {len(check.services)} services.)", file=sys.stderr)


@contextmanager
def _signed_in(ctx: typer.Context, action: Action) -> Iterator[tuple[UnitOfWork, str, OpenedProfile]]:
    """The profile opened, a user allowed to do ``action`` signed in (app.cli.auth), and a unit of work.

    Every case command reads or changes personal data: none runs on the profile key alone.
    """
    with open_cli_profile(ctx) as opened:
        user = sign_in(opened, action)
        with opened.store.unit_of_work() as uow:
            yield uow, user.username, opened


def _read_json(file: Path) -> object:
    from app.case.interchange import MAX_CASE_FILE_BYTES, parse_case_json

    return parse_case_json(read_limited(file, MAX_CASE_FILE_BYTES))


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
