"""IT commands: users, backup and restore, audit, database and keys.

Secrets are read with a hidden prompt, or from the environment for scripts:

    BIZDESK_PASSPHRASE             unlocks the profile where no OS keyring is available
    BIZDESK_USER, BIZDESK_USER_PASSWORD
                                   the IT account that re-authenticates (user admin, backup, restore, keys)
    BIZDESK_NEW_PASSWORD           the password that ``user add`` / ``user passwd`` sets
    BIZDESK_BACKUP_PASSPHRASE      the backup file's passphrase (default: BIZDESK_PASSPHRASE)
    BIZDESK_RECOVERY_KEY_PASSWORD  the password of IT's recovery private key file, if it has one

``user add --role it`` on a profile without any IT account is the first-run set-up
step: it needs no login.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from app.cli.auth import USER_ENV, USER_PASSWORD_ENV, open_cli_profile, secret, sign_in
from app.cli.context import cli_context
from app.cli.files import input_file, output_file
from app.errors import BizdeskError, UsageError, describe
from app.store.in_use import held_for_maintenance

if TYPE_CHECKING:
    from app.accounts.model import Role
    from app.paths import Profile


NEW_PASSWORD_ENV = "BIZDESK_NEW_PASSWORD"  # noqa: S105 - the variable's name
BACKUP_PASSPHRASE_ENV, RECOVERY_PASSWORD_ENV = "BIZDESK_BACKUP_PASSPHRASE", "BIZDESK_RECOVERY_KEY_PASSWORD"


class AuditTampered(BizdeskError):
    code = "audit.tampered"
    title_zh, title_en = "审计日志被改动", "Audit trail tampered with"


def _new_password() -> str:
    return secret(NEW_PASSWORD_ENV, "新密码 (new password)", confirm=True) or ""


def _register_users(cli: typer.Typer) -> None:
    from app.accounts import service as accounts

    user = typer.Typer(help="Clerk, trainer and IT accounts (账户管理).", no_args_is_help=True)
    cli.add_typer(user, name="user")

    @user.command("add")
    def user_add(
        ctx: typer.Context,
        username: str = typer.Argument(...),
        role: str = typer.Option("clerk", "--role", help="clerk, trainer or it."),
        display_name: str | None = typer.Option(None, "--name", help="Name shown in the UI."),
    ) -> None:
        """Add an account (新增账户). The first IT account of a new profile needs no login."""
        if role not in ("clerk", "trainer", "it"):
            raise UsageError("--role 须为 clerk、trainer 或 it。", "--role must be clerk, trainer or it.")
        chosen: Role = role  # type: ignore[assignment]
        with open_cli_profile(ctx) as opened:
            if chosen == "it" and accounts.needs_first_it_account(opened.store.unit_of_work()):
                accounts.create_first_it_account(
                    opened.store.unit_of_work(), username, display_name or "", _new_password()
                )
                typer.echo(f"已创建首个IT管理员账户 {username}。(First IT account {username} created.)")
                return
            by = sign_in(opened, "user.admin")
            accounts.add_user(
                opened.store.unit_of_work(),
                by=by,
                username=username,
                display_name=display_name or "",
                role=chosen,
                password=_new_password(),
            )
        typer.echo(f"已新增账户 {username}（{role}）。(User {username} added.)")

    @user.command("list")
    def user_list(ctx: typer.Context, json_: bool = typer.Option(False, "--json")) -> None:
        """List accounts (账户列表)."""
        with open_cli_profile(ctx) as opened:
            users = accounts.list_users(opened.store.unit_of_work(), by=sign_in(opened, "user.admin"))
        if json_:
            typer.echo(json.dumps([u.__dict__ for u in users], ensure_ascii=False, indent=2))
            return
        for u in users:
            locked = f"  锁定{u.locked_seconds}秒 (locked {u.locked_seconds} s)" if u.locked_seconds else ""
            typer.echo(f"{u.username}\t{u.role}\t{u.display_name}{locked}")

    @user.command("unlock")
    def user_unlock(ctx: typer.Context, username: str = typer.Argument(...)) -> None:
        """Unlock a locked account (解锁账户)."""
        with open_cli_profile(ctx) as opened:
            accounts.unlock_user(
                opened.store.unit_of_work(), by=sign_in(opened, "user.admin"), username=username
            )
        typer.echo(f"已解锁 {username}。(User {username} unlocked.)")

    @user.command("passwd")
    def user_passwd(ctx: typer.Context, username: str = typer.Argument(...)) -> None:
        """Set an account's password (修改密码): IT for anyone, or the user themself."""
        from app.accounts import login

        with open_cli_profile(ctx) as opened:
            if os.environ.get(USER_ENV, username) == username and os.environ.get(USER_ENV):
                password = secret(USER_PASSWORD_ENV, "当前密码 (current password)") or ""
                by = login(opened.store.unit_of_work(), username, password)
            else:
                by = sign_in(opened, "user.admin")
            accounts.set_password(
                opened.store.unit_of_work(), by=by, username=username, new_password=_new_password()
            )
        typer.echo(f"已修改 {username} 的密码。(Password of {username} changed.)")


def _backup_passphrase(*, confirm: bool) -> str:
    value = os.environ.get(BACKUP_PASSPHRASE_ENV) or os.environ.get("BIZDESK_PASSPHRASE")
    return value or secret(BACKUP_PASSPHRASE_ENV, "备份口令 (backup passphrase)", confirm=confirm) or ""


def _register_backup(cli: typer.Typer) -> None:
    @cli.command("backup")
    def backup(ctx: typer.Context, file: Path = typer.Argument(..., metavar="FILE")) -> None:
        """Write an encrypted backup of this profile (备份)."""
        from app.security.scan_check import ScansDamaged
        from app.services.backup import write_backup

        output_file(file)
        with open_cli_profile(ctx) as opened:
            by = sign_in(opened, "backup")
            summary = write_backup(opened, file, _backup_passphrase(confirm=True), actor=by.username)
        if summary.damaged_scans:
            print(describe(ScansDamaged(summary.damaged_scans)).sentence(), file=sys.stderr)
        typer.echo(
            f"已备份 {summary.cases} 个案卷、{summary.attachments} 个附件到 {file}。"
            f"(Backed up {summary.cases} cases, {summary.attachments} attachments.)"
        )

    @cli.command("restore")
    def restore(
        ctx: typer.Context,
        file: Path = typer.Argument(..., metavar="FILE"),
        recovery_key: Path | None = typer.Option(
            None, "--recovery-key", help="IT's recovery private key (PEM) instead of the backup passphrase."
        ),
        replace_device: bool = typer.Option(
            False,
            "--replace-device",
            help="IT: restore a backup made on another PC, which makes this PC that desk (audited).",
        ),
    ) -> None:
        """Restore this profile from an encrypted backup (恢复). An existing profile is kept aside.
        Refused while a desk runs on the profile (restore there from 系统管理), and for a backup made
        on another PC unless IT says --replace-device."""
        input_file(file)
        if recovery_key is not None:
            input_file(recovery_key)
        profile = cli_context(ctx).profile
        with held_for_maintenance(profile, "从备份恢复", "restore a backup"):
            _restore_held(ctx, profile, file, recovery_key, replace_device=replace_device)


def _restore_held(
    ctx: typer.Context, profile: Profile, file: Path, recovery_key: Path | None, *, replace_device: bool
) -> None:
    """``restore`` once no desk runs on ``profile``."""
    from app.security import keyfile
    from app.security.profile_keys import DatabaseMissing
    from app.security.recovery import load_private_key
    from app.services.backup import BackupKeySource
    from app.wiring.restore import restore_profile

    actor = None
    if keyfile.path_in(profile.root).exists():
        try:
            with open_cli_profile(ctx) as opened:
                actor = sign_in(opened, "restore").username
        except DatabaseMissing:  # nobody can sign in to a profile whose database is gone
            actor = None
    if recovery_key is not None:
        password = secret(RECOVERY_PASSWORD_ENV, "恢复私钥密码 (recovery key password)", required=False)
        keys = BackupKeySource(recovery_private_key=load_private_key(recovery_key, password))
        passphrase = os.environ.get("BIZDESK_PASSPHRASE") or None
    else:
        keys = BackupKeySource(passphrase=_backup_passphrase(confirm=False))
        passphrase = os.environ.get("BIZDESK_PASSPHRASE") or keys.passphrase
    summary = restore_profile(
        profile, file, keys, passphrase=passphrase, actor=actor, replace_device=replace_device
    )
    kept = f" 原数据保留在 {summary.kept_old_profile}。" if summary.kept_old_profile else ""
    typer.echo(f"已恢复 {summary.cases} 个案卷。{kept}(Restored {summary.cases} cases.)")


def _register_audit(cli: typer.Typer) -> None:
    audit = typer.Typer(help="The hash-chained audit trail (审计日志).", no_args_is_help=True)
    cli.add_typer(audit, name="audit")

    @audit.command("verify")
    def audit_verify(
        ctx: typer.Context,
        json_: bool = typer.Option(False, "--json"),
        offline: bool = typer.Option(False, "--offline", help="Do not ask the platform."),
    ) -> None:
        """Check the audit chain for edited, removed or reordered entries, against the platform's
        signed checkpoints too (校验审计日志)."""
        from app.services.checkpoints import verify_audit
        from app.wiring.services import http_platform

        with open_cli_profile(ctx) as opened:
            sign_in(opened, "audit.verify")
            check = verify_audit(opened.store, http_platform(opened), online=not offline)
        report = check.report
        if json_:
            findings = [{"kind": f.kind, "seq": f.seq, "note": f.note} for f in report.findings]
            data = {"entries": report.entries, "ok": report.ok, "findings": findings, "online": check.online}
            typer.echo(json.dumps(data))
        if not report.ok:
            raise AuditTampered(
                f"审计日志校验未通过：发现{len(report.findings)}处改动；请保留现场并联系IT安全负责人。",
                f"The audit trail failed verification: {len(report.findings)} findings; "
                "keep the machine as it is and call IT security.",
                details=[f.sentence() for f in report.findings[:50]],
            )
        if not json_:
            online_zh, online_en = _ONLINE_WORDS[check.online]
            typer.echo(
                f"审计日志完好：{report.entries} 条记录，{online_zh}。"
                f"(Audit trail intact: {report.entries} entries; {online_en}.)"
            )

    @audit.command("clear-alarm")
    def audit_clear_alarm(ctx: typer.Context) -> None:
        """Clear the audit alarm once IT security has found its cause (解除审计警报)."""
        from app.services.checkpoints import clear_checkpoint_alarm

        with open_cli_profile(ctx) as opened:
            by = sign_in(opened, "audit.verify")
            cleared = clear_checkpoint_alarm(opened.store, by=by.username)
        typer.echo("已解除审计警报。(Alarm cleared.)" if cleared else "没有审计警报。(No alarm.)")


_ONLINE_WORDS = {
    "checked": ("已与政务平台的检查点核对", "checked with the platform's checkpoint"),
    "not_enrolled": ("本机未注册，未与平台核对", "not enrolled, not checked with the platform"),
    "unreachable": (
        "未能连接平台，仅核对本机保存的平台回执",
        "platform not reached, checked the stored receipt",
    ),
}


def _register_db(cli: typer.Typer) -> None:
    db = typer.Typer(help="The local database and its keys (本机数据库与密钥).", no_args_is_help=True)
    cli.add_typer(db, name="db")

    @db.command("upgrade")
    def db_upgrade(ctx: typer.Context) -> None:
        """Migrate the database to this version (升级数据库), after a backup copy."""
        from app.store.migrate import migrate_with_backup

        with open_cli_profile(ctx, upgrade=False) as opened:
            copy = migrate_with_backup(opened.profile, opened.engine, opened.data_key)
        with open_cli_profile(ctx):
            pass  # completes the set-up of a brand-new profile
        note = f"（升级前副本：{copy}）" if copy else ""
        typer.echo(f"数据库已是最新版本。{note}(The database is up to date.)")

    @db.command("status")
    def db_status(ctx: typer.Context, json_: bool = typer.Option(False, "--json")) -> None:
        """Show the database's schema version (数据库状态); any account signs in."""
        from app.store import migrate

        with open_cli_profile(ctx, upgrade=False) as opened:
            sign_in(opened, "db.inspect")
            status = migrate.status(opened.engine)
            wraps = opened.key_file.methods()
        if json_:
            data = {
                "current": status.current,
                "head": status.head,
                "pending": list(status.pending),
                "wraps": wraps,
            }
            typer.echo(json.dumps(data))
            return
        typer.echo(f"当前版本 (current): {status.current or '-'}")
        typer.echo(f"程序版本 (head): {status.head}")
        typer.echo(f"待升级 (pending): {', '.join(status.pending) or '-'}")
        typer.echo(f"密钥保护 (key wraps): {', '.join(wraps)}")

    @db.command("check")
    def db_check(ctx: typer.Context) -> None:
        """Read every page and check it is unchanged (校验数据库完整性); any account signs in."""
        from app.security.scan_check import ScansDamaged, find_damaged_scans
        from app.store.engine import check_integrity

        with open_cli_profile(ctx) as opened:
            sign_in(opened, "db.inspect")
            check_integrity(opened.engine)
            with opened.store.unit_of_work() as uow:
                damaged = find_damaged_scans(uow, opened.files)
                uow.commit()
        if damaged:
            raise ScansDamaged(damaged)
        typer.echo("数据库与扫描件完整性校验通过。(The database and the scans passed their integrity check.)")

    _register_db_keys(db)
    _register_db_policy(db)


def _register_db_keys(db: typer.Typer) -> None:
    @db.command("rekey")
    def db_rekey(ctx: typer.Context) -> None:
        """Rotate the data key: re-encrypt the database, re-wrap the key (更换数据密钥)."""
        from app.services.rotation import rotate_data_key

        profile = cli_context(ctx).profile
        rekeying = held_for_maintenance(profile, "更换数据密钥", "rotate the data key")
        with rekeying, open_cli_profile(ctx) as opened:
            key_file = rotate_data_key(opened, by=sign_in(opened, "key.admin").username)
        typer.echo(
            f"已更换数据密钥（第{key_file.key_version}版）。"
            f"(Data key rotated: version {key_file.key_version}.)"
        )

    @db.command("recovery-key")
    def db_recovery_key(
        ctx: typer.Context, public_key: Path = typer.Argument(..., metavar="PUBLIC_PEM")
    ) -> None:
        """Wrap the data key to IT's recovery public key as well (设置IT恢复密钥)."""
        from app.security import keyfile, profile_keys
        from app.security.recovery import load_public_key

        raw = load_public_key(input_file(public_key))
        with open_cli_profile(ctx) as opened:
            by = sign_in(opened, "key.admin")
            updated = profile_keys.with_recovery_key(opened.key_file, opened.data_key, raw)
            keyfile.save(keyfile.path_in(opened.profile.root), updated)
            with opened.store.unit_of_work() as uow:
                uow.audit.append(
                    "key.recovery_set", actor=by.username, details={"public_key": raw.hex()[:16]}
                )
                uow.commit()
        typer.echo("已设置IT恢复密钥。(Recovery key configured.)")

    @db.command("recovery-keygen")
    def db_recovery_keygen(
        private_key: Path = typer.Argument(..., metavar="PRIVATE_PEM"),
        public_key: Path = typer.Argument(..., metavar="PUBLIC_PEM"),
    ) -> None:
        """Create IT's recovery key pair; keep the private file offline (生成IT恢复密钥对)."""
        from app.security.recovery import generate

        password = secret(
            RECOVERY_PASSWORD_ENV, "私钥文件密码 (private key password)", confirm=True, required=False
        )
        generate(private_key, public_key, password)
        typer.echo(f"已生成：私钥 {private_key}（离线保管），公钥 {public_key}。(Key pair written.)")

    @db.command("recover")
    def db_recover(
        ctx: typer.Context,
        recovery_key: Path = typer.Option(..., "--recovery-key", help="IT's recovery private key (PEM)."),
    ) -> None:
        """Unlock a desk whose passphrase is lost with IT's recovery key and set a new passphrase
        (BIZDESK_PASSPHRASE or asked) (IT恢复：口令遗失)."""
        from app.services.key_recovery import recover_data_key, recovery_private_key
        from app.store.files import opens_with
        from app.wiring.profile import PASSPHRASE_ENV, key_sources, open_profile
        from app.wiring.recovery import RECOVERY_ACTOR

        password = secret(RECOVERY_PASSWORD_ENV, "恢复私钥密码 (recovery key password)", required=False)
        private = recovery_private_key(str(input_file(recovery_key)), "", password)
        passphrase = secret(PASSPHRASE_ENV, "本机新口令 (new profile passphrase)", confirm=True) or ""
        profile = cli_context(ctx).profile
        with held_for_maintenance(profile, "用IT恢复密钥解锁", "recover the key"):
            done = recover_data_key(
                profile, private, key_sources(profile, passphrase, None), opens=opens_with
            )
            with open_profile(profile, passphrase=passphrase) as opened, opened.store.unit_of_work() as uow:
                uow.audit.append("key.recovered", actor=RECOVERY_ACTOR, details={"wraps": list(done.methods)})
                uow.commit()
        wraps = ", ".join(done.methods)
        typer.echo(f"已用IT恢复密钥解锁并设置新口令（{wraps}）。(Recovered, new passphrase set.)")


def _register_db_policy(db: typer.Typer) -> None:
    # a negative value ("-1") is a value to judge, not an unknown option answered in English by click
    @db.command("set", context_settings={"ignore_unknown_options": True})
    def db_set(ctx: typer.Context, key: str = typer.Argument(...), value: str = typer.Argument(...)) -> None:
        """Change an IT setting: idle_lock_seconds, retention_days, or the desk's branch on the receipt:
        branch.name, branch.address, branch.phone, branch.supervision_phone, branch.bank_code,
        branch.engraver (修改设置)."""
        from app.services.branch import BRANCH_FIELDS, set_branch
        from app.store.settings_repo import INT_SETTINGS

        branch_field = key.removeprefix("branch.") if key.startswith("branch.") else None
        setting = INT_SETTINGS.get(key)
        if setting is None and branch_field not in BRANCH_FIELDS:
            known = ", ".join([*INT_SETTINGS, *(f"branch.{f}" for f in BRANCH_FIELDS)])
            raise UsageError(f"未知设置 {key}；可用：{known}。", f"Unknown setting {key}; known: {known}.")
        if setting is not None and not (value.isascii() and value.isdigit()):
            low, high = setting.minimum, setting.maximum
            raise UsageError(
                f"{key}（{setting.label_zh}）须为 {low} 到 {high} 之间的整数，不是 {value}；"
                f"例如 bizdesk db set {key} {setting.default}。",
                f"{key} takes a whole number from {low} to {high}, not {value!r}; "
                f"e.g. bizdesk db set {key} {setting.default}.",
            )
        with open_cli_profile(ctx) as opened:
            by = sign_in(opened, "settings.admin")
            with opened.store.unit_of_work() as uow:
                if setting is not None:
                    uow.settings.set_int(setting, int(value))
                    uow.audit.append("settings.set", actor=by.username, details={"key": key, "value": value})
                    uow.commit()
                else:
                    set_branch(uow, {str(branch_field): value}, by=by.username)
        typer.echo(f"{key} = {value.strip()}")

    @db.command("purge")
    def db_purge(ctx: typer.Context) -> None:
        """Purge cases past the retention period with their files (按保留期限清除)."""
        from app.services.retention import purge_expired

        with open_cli_profile(ctx) as opened:
            count = purge_expired(
                opened.store, opened.files, actor=sign_in(opened, "settings.admin").username
            )
        typer.echo(f"已清除 {count} 个超过保留期限的案卷。(Purged {count} cases.)")


def register(cli: typer.Typer) -> None:
    _register_users(cli)
    _register_backup(cli)
    _register_audit(cli)
    _register_db(cli)
