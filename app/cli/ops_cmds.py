"""``bizdesk update status|apply|rollback``, ``fleet`` and ``diagnostics``: IT operations."""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from app.cli.auth import open_cli_profile, sign_in
from app.cli.context import cli_context

if TYPE_CHECKING:
    from app.updates.fleet import FleetLine
    from app.updates.service import UpdateStatus
    from app.wiring.profile import OpenedProfile

FLAG_ZH = {
    "never_reported": "从未上报",
    "stale": "超过一天未成功同步",
    "old_app": "软件版本过旧",
    "old_pack": "参考数据过旧",
    "errors": "近期有错误",
    "batches_refused": "平台拒收批次",
    "new_cases_refused": "已暂停受理新案卷",
    "sync_overdue": "超过一天未成功同步",
    "many_unsent": "未报送案卷超过100件",
}


def _opened(ctx: typer.Context) -> AbstractContextManager[OpenedProfile]:
    from app.wiring.profile import open_profile

    return open_profile(cli_context(ctx).profile)


def _status_lines(status: UpdateStatus) -> list[str]:
    source = "随软件安装" if status.pack_source == "shipped" else "政务平台下发"
    lines = [f"参考数据：{status.pack_version}（{source}）  软件版本：{status.app_version}"]
    if status.previous_version:
        lines.append(f"可回退到：{status.previous_version}")
    if status.pending_version:
        due = f"，须在 {status.pending_deadline:%Y-%m-%d %H:%M} UTC 前安装" if status.pending_deadline else ""
        lines.append(
            f"待安装参考数据：{status.pending_version}{due}{'（已逾期）' if status.pending_overdue else ''}"
        )
    if status.app_offered:
        due = f"，须在 {status.app_deadline:%Y-%m-%d} 前升级" if status.app_deadline else ""
        staged = "（已下载校验，可安装）" if status.app_staged else "（待下载）"
        lines.append(
            f"新软件版本：{status.app_offered}{staged}{due}"
            f"{'（必须升级）' if status.app_update_required else ''}"
        )
    if status.app_restart_needed:
        lines.append(f"已安装软件版本 {status.app_installed}，重新启动桌面端后生效。")
    if status.app_previous:
        lines.append(f"软件可回退到：{status.app_previous}（bizdesk update rollback --app）")
    for refused in (status.refused_zh, status.app_refused_zh):
        if refused:
            lines.append(f"最近拒绝的更新：{refused}")
    return lines


def _fleet_line(line: FleetLine) -> str:
    desk = line.desk
    flags = "、".join(FLAG_ZH.get(flag, flag) for flag in line.flags) or "正常"
    seen = f"{desk.last_success_at:%Y-%m-%d %H:%M}" if desk.last_success_at else "—"
    queue = "—" if desk.queue_depth is None else str(desk.queue_depth)
    return (
        f"{desk.branch_code:<6} {desk.device_id[:16]:<16} 软件 {desk.app_version or '—':<8} "
        f"参考数据 {desk.pack_version or '—':<8} 待发送 {queue:<4} "
        f"上次成功 {seen}  {flags}"
    )


def register(cli: typer.Typer) -> None:
    update = typer.Typer(help="Signed updates from the platform (更新).", no_args_is_help=True)
    cli.add_typer(update, name="update")
    _update_commands(update)
    _it_commands(cli)


def _update_commands(update: typer.Typer) -> None:

    @update.command("status")
    def status(
        ctx: typer.Context,
        check: bool = typer.Option(False, "--check", help="Ask the platform first."),
        json_: bool = typer.Option(False, "--json", help="JSON output."),
    ) -> None:
        """What this desk runs and what is pending (当前版本与待安装更新)."""
        from app.services.updates import check_updates, update_status
        from app.wiring.services import app_releases, http_platform

        with _opened(ctx) as opened:
            if check:
                check_updates(opened.store, http_platform(opened), app_releases(opened))
            with opened.store.read_unit_of_work() as uow:
                found = update_status(uow)
        print(json.dumps(found.as_json(), ensure_ascii=False) if json_ else "\n".join(_status_lines(found)))

    @update.command("apply")
    def apply(ctx: typer.Context) -> None:
        """Check with the platform, then install what waits: the reference pack, the app (安装更新).
        IT signs in (BIZDESK_USER / BIZDESK_USER_PASSWORD, or asked on a terminal).

        The app is installed from the wheels downloaded and verified earlier, with no network.
        """
        from app.services.updates import apply_updates
        from app.wiring.services import app_releases, http_platform

        with open_cli_profile(ctx) as opened:
            by = sign_in(opened, "settings.admin").username  # IT only, its password checked
            applied = apply_updates(opened.store, http_platform(opened), app_releases(opened), by=by)
        if applied.pack:
            print(f"已安装参考数据 {applied.pack}。(Reference pack {applied.pack} installed.)")
        if applied.app:
            print(
                f"已安装软件版本 {applied.app}，重新启动桌面端后生效。"
                f"(App {applied.app} installed; it runs from the next start.)"
            )

    @update.command("rollback")
    def rollback(
        ctx: typer.Context,
        app: bool = typer.Option(False, "--app", help="Roll back the app version, not the reference pack."),
    ) -> None:
        """Return to the previous reference pack, or with --app the previous app version (回退).
        IT signs in (BIZDESK_USER / BIZDESK_USER_PASSWORD, or asked on a terminal)."""
        from app.services.app_updates import rollback_app
        from app.services.updates import rollback_update
        from app.wiring.services import app_releases

        with open_cli_profile(ctx) as opened:
            by = sign_in(opened, "settings.admin").username  # IT only, its password checked
            if app:
                version = rollback_app(opened.store, app_releases(opened), by=by)
                print(
                    f"已回退软件版本到 {version}，重新启动桌面端后生效。"
                    f"(App rolled back to {version}; it runs from the next start.)"
                )
                return
            running = rollback_update(opened.store, by=by)
        print(f"已回退，现用参考数据 {running}。(Rolled back; running {running}.)")


def _it_commands(cli: typer.Typer) -> None:
    @cli.command("diagnostics")
    def diagnostics(
        ctx: typer.Context,
        output: Path = typer.Option(..., "-o", "--output", help="The bundle to write (.zip)."),
    ) -> None:
        """Write a diagnostics bundle for IT (诊断包): versions, sync, errors, logs; no personal data.
        IT signs in (BIZDESK_USER / BIZDESK_USER_PASSWORD, or asked on a terminal)."""
        from app.wiring.diagnostics import write_profile_diagnostics

        def it_signed_in(opened: OpenedProfile) -> object:
            return sign_in(opened, "diagnostics")  # IT only: the bundle tells how this desk is set up

        written = write_profile_diagnostics(cli_context(ctx).profile, output, signed_in=it_signed_in)
        print(f"诊断包已写入 {written}（不含个人信息）。(Diagnostics bundle written; no personal data.)")

    @cli.command("fleet")
    def fleet(ctx: typer.Context, json_: bool = typer.Option(False, "--json", help="JSON output.")) -> None:
        """Every branch desk's health from the platform (网点设备状态); flags stale and old ones.
        IT signs in (BIZDESK_USER / BIZDESK_USER_PASSWORD, or asked on a terminal)."""
        from app.services.fleet import fleet_listing
        from app.wiring.services import http_platform

        with open_cli_profile(ctx) as opened:
            sign_in(opened, "fleet.view")  # IT only
            lines = fleet_listing(opened.store, http_platform(opened))
        if json_:
            print(json.dumps([line.as_json() for line in lines], ensure_ascii=False))
            return
        attention = sum(1 for line in lines if line.needs_attention)
        total = len(lines)
        print(f"共 {total} 台设备，{attention} 台需要关注。({total} desks, {attention} need attention.)")
        for line in lines:
            print(_fleet_line(line))
