"""IT commands: users, backup and restore, audit, database."""

from __future__ import annotations

from pathlib import Path

import typer

from app.errors import NotYetAvailable


def register(cli: typer.Typer) -> None:
    user = typer.Typer(help="Clerk, trainer and IT accounts (账户管理).", no_args_is_help=True)
    cli.add_typer(user, name="user")

    @user.command("add")
    def user_add(
        ctx: typer.Context,
        username: str = typer.Argument(...),
        role: str = typer.Option("clerk", "--role", help="clerk, trainer or it."),
        display_name: str | None = typer.Option(None, "--name", help="Name shown in the UI."),
    ) -> None:
        """Add an account (新增账户)."""
        raise NotYetAvailable("user add")

    @user.command("list")
    def user_list(ctx: typer.Context, json_: bool = typer.Option(False, "--json")) -> None:
        """List accounts (账户列表)."""
        raise NotYetAvailable("user list")

    @user.command("unlock")
    def user_unlock(ctx: typer.Context, username: str = typer.Argument(...)) -> None:
        """Unlock a locked account (解锁账户)."""
        raise NotYetAvailable("user unlock")

    @user.command("passwd")
    def user_passwd(ctx: typer.Context, username: str = typer.Argument(...)) -> None:
        """Set an account's password (修改密码)."""
        raise NotYetAvailable("user passwd")

    @cli.command("backup")
    def backup(ctx: typer.Context, file: Path = typer.Argument(..., metavar="FILE")) -> None:
        """Write an encrypted backup of this profile (备份)."""
        raise NotYetAvailable("backup")

    @cli.command("restore")
    def restore(ctx: typer.Context, file: Path = typer.Argument(..., metavar="FILE")) -> None:
        """Restore this profile from an encrypted backup (恢复)."""
        raise NotYetAvailable("restore")

    audit = typer.Typer(help="The hash-chained audit trail (审计日志).", no_args_is_help=True)
    cli.add_typer(audit, name="audit")

    @audit.command("verify")
    def audit_verify(ctx: typer.Context) -> None:
        """Check the audit chain for edited, removed or reordered entries (校验审计日志)."""
        raise NotYetAvailable("audit verify")

    db = typer.Typer(help="The local database (本机数据库).", no_args_is_help=True)
    cli.add_typer(db, name="db")

    @db.command("upgrade")
    def db_upgrade(ctx: typer.Context) -> None:
        """Migrate the database to this version (升级数据库)."""
        raise NotYetAvailable("db upgrade")

    @db.command("status")
    def db_status(ctx: typer.Context) -> None:
        """Show the database's schema version (数据库状态)."""
        raise NotYetAvailable("db status")
