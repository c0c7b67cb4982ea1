"""``bizdesk sync``, ``device enroll`` and ``sandbox``: the government platform side."""

from __future__ import annotations

import errno
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from app.cli.auth import open_cli_profile, sign_in
from app.cli.files import input_file
from app.clock import desk_time
from app.errors import EXIT_FAILURE, BizdeskError, UsageError

if TYPE_CHECKING:
    from app.syncing.engine import SyncReport
    from app.wiring.profile import OpenedProfile


def _progress_line(report: SyncReport) -> str:
    data = report.as_json()
    line = (
        f"待发送 {data['pending']}，已受理 {data['accepted']}（已办结 {data['completed']}，"
        f"需补正 {data['needs_correction']}），驳回 {data['rejected']}，隔离 {data['quarantined']}；"
        f"本次发送 {data['sent']}"
    )
    if not report.good:  # failed, or the platform refused batches (docs/sync-protocol.md)
        line += f"。未完成：{report.error_zh}"
        if report.next_attempt_at is not None:
            line += f" 下次重试 {desk_time(report.next_attempt_at):%H:%M:%S}"
    return line


def _show(report: SyncReport, as_json: bool) -> None:
    if as_json:
        print(json.dumps(report.as_json(), ensure_ascii=False), flush=True)
    else:
        print(_progress_line(report), flush=True)


def _warn_of_alarm(opened: OpenedProfile) -> bool:
    """The audit alarm on stderr after every pass, until IT clears it (``bizdesk audit clear-alarm``)."""
    from app.services.checkpoints import checkpoint_alarm_message

    with opened.store.read_unit_of_work() as uow:
        alarm = checkpoint_alarm_message(uow)
    if alarm is not None:
        print(alarm.sentence(), file=sys.stderr, flush=True)
    return alarm is not None


def _sync(ctx: typer.Context, once: bool, as_json: bool) -> int:
    from app.syncing.background import pause_after
    from app.wiring.services import desk_sync

    with open_cli_profile(ctx) as opened:
        sign_in(opened, "sync.run")  # a pass sends cases' personal data and changes cases
        with desk_sync(opened).connect() as session:
            if once:
                report = session.run_once()
                _show(report, as_json)
                alarmed = _warn_of_alarm(opened)
                return 0 if report.good and not alarmed else EXIT_FAILURE
            while True:  # until interrupted (Ctrl+C): retries forever, each pass shown
                report = session.run_once()
                _show(report, as_json)
                _warn_of_alarm(opened)
                time.sleep(pause_after(report, idle_seconds=15.0))


def register(cli: typer.Typer) -> None:
    @cli.command("sync")
    def sync(
        ctx: typer.Context,
        once: bool = typer.Option(False, "--once", help="One pass, then exit."),
        json_: bool = typer.Option(False, "--json", help="JSON output."),
    ) -> None:
        """Send queued submissions and fetch agency results (同步)."""
        code = _sync(ctx, once, json_)
        if code:
            raise typer.Exit(code)

    device = typer.Typer(help="This desk's enrollment with the platform (设备注册).", no_args_is_help=True)
    cli.add_typer(device, name="device")

    @device.command("enroll")
    def enroll(
        ctx: typer.Context,
        platform: str | None = typer.Option(None, "--platform", help="Platform base URL."),
        code: str | None = typer.Option(None, "--code", help="One-time enrollment code from IT."),
        ca_file: Path | None = typer.Option(None, "--ca-file", help="Pin the platform's CA (PEM)."),
        qr: str | None = typer.Option(
            None, "--qr", help="The enrollment QR payload (instead of the two above)."
        ),
        replace: bool = typer.Option(
            False, "--replace", help="This desk is enrolled already: enrol it with another platform."
        ),
        carry_over: bool = typer.Option(
            False, "--carry-over", help="With --replace: send the unsent submissions to the new platform."
        ),
    ) -> None:
        """Enroll this desk with the platform (注册本机). IT signs in (BIZDESK_USER /
        BIZDESK_USER_PASSWORD, or asked on a terminal); the desk profile takes https platforms only."""
        from app.wiring.enrollment import enroll_desk, enroll_with_payload

        if ca_file is not None:
            input_file(ca_file)
        if qr is None and (platform is None or code is None):
            raise UsageError(
                "请提供 --platform 与 --code，或 --qr 注册二维码内容。",
                "Give --platform and --code, or --qr with the enrollment QR payload.",
            )
        if carry_over and not replace:
            raise UsageError(
                "--carry-over 只能与 --replace 一起使用。", "--carry-over goes with --replace only."
            )
        with open_cli_profile(ctx) as opened:
            by = sign_in(opened, "device.enroll").username  # IT only, its password checked
            how: dict[str, Any] = {"ca_file": ca_file, "by": by, "replace": replace, "carry_over": carry_over}
            if platform is not None and code is not None:
                done = enroll_desk(opened, platform, code, **how)
            else:
                done = enroll_with_payload(opened, qr or "", **how)
        enrolled = done.enrolled
        mode_zh = "培训平台" if enrolled.mode == "training" else "正式平台"
        print(f"已注册：设备 {enrolled.device_id}，{mode_zh} {enrolled.platform_url}")
        if done.replaced_url:
            print(f"原注册平台 {done.replaced_url} 已被替换。(Replaced {done.replaced_url}.)")
        if done.carried_over:
            print(
                f"以下 {len(done.carried_over)} 项未发送的报送将发往新平台 "
                f"({len(done.carried_over)} unsent submissions go to the new platform):"
            )
            for item in done.carried_over:
                print(f"  {item}")

    @cli.command("sandbox")
    def sandbox(
        host: str = typer.Option("127.0.0.1", "--host"),
        port: int = typer.Option(8600, "--port", min=0, max=65535, help="0 picks a free port (printed)."),
        data: Path | None = typer.Option(None, "--data", help="Folder for the sandbox's state."),
        mode: str = typer.Option("training", "--mode", help="production or training."),
        enroll_code: list[str] = typer.Option(
            [], "--enroll-code", help="Accept this one-time code (repeatable)."
        ),
        it_enroll_code: list[str] = typer.Option(
            [],
            "--it-enroll-code",
            help="Accept this one-time IT code (repeatable): the desk enrolled with it may list the fleet.",
        ),
        fail_rate: float = typer.Option(0.0, "--fail-rate", min=0.0, max=1.0),
        drop_rate: float = typer.Option(0.0, "--drop-rate", min=0.0, max=1.0),
        latency_ms: int = typer.Option(0, "--latency-ms", min=0),
        malformed_rate: float = typer.Option(0.0, "--malformed-rate", min=0.0, max=1.0, hidden=True),
        decision_delay: float = typer.Option(
            2.0, "--decision-delay", min=0.0, help="Seconds until agencies decide."
        ),
        correction_rate: float = typer.Option(0.0, "--correction-rate", min=0.0, max=1.0),
        reject_rate: float = typer.Option(0.0, "--reject-rate", min=0.0, max=1.0),
        database_url: str | None = typer.Option(
            None,
            "--database-url",
            help="Database of the sandbox's state: postgresql://user:password@host:5432/db (default: "
            "SQLite in --data).",
        ),
        seed: int | None = typer.Option(None, "--seed", hidden=True),
        pack: Path | None = typer.Option(
            None, "--pack", help="Folder of update releases to serve (reference-*.json, app-manifest.json)."
        ),
        public_url: str | None = typer.Option(
            None,
            "--public-url",
            help="The address desks reach this sandbox at (e.g. http://10.1.2.3:8443), printed in the "
            "enrollment QR payloads; default: the listening address.",
        ),
    ) -> None:
        """Run the reference government platform (政务平台沙箱)."""
        from app.paths import data_root, private_folder
        from app.wiring.sandbox import run_sandbox, sandbox_config

        if mode not in ("training", "production"):
            raise UsageError("--mode 只能是 training 或 production。", "--mode is training or production.")
        if data is not None and data.exists() and not data.is_dir():
            raise UsageError(
                f"--data {data} 是文件，不是文件夹；请指定沙箱存放数据的文件夹。",
                f"--data {data} is a file, not a folder; name the folder for the sandbox's state.",
            )
        folder = private_folder(data if data is not None else data_root() / "sandbox")
        _check_listen_address(host, port)
        if database_url is not None:
            _check_database_url(database_url)
        if public_url is not None:
            _check_public_url(public_url)
        try:
            config = sandbox_config(
                mode=mode,
                data_dir=folder,
                database_url=database_url,
                enroll_codes=tuple(enroll_code),
                it_enroll_codes=tuple(it_enroll_code),
                fail_rate=fail_rate,
                drop_rate=drop_rate,
                malformed_rate=malformed_rate,
                latency_ms=latency_ms,
                decision_delay_s=decision_delay,
                correction_rate=correction_rate,
                reject_rate=reject_rate,
                seed=seed,
                pack_dir=pack,
            )
        except ValueError as wrong:
            raise UsageError(f"沙箱参数有误：{wrong}", f"Wrong sandbox options: {wrong}") from None

        def ready(url: str) -> None:
            print(f"政务平台沙箱已启动（{mode}）：{url}  (sandbox listening, Ctrl+C to stop)", flush=True)
            for line in _enrollment_lines(public_url or url, [*enroll_code, *it_enroll_code]):
                print(line, flush=True)
            sys.stdout.flush()

        try:
            run_sandbox(config, host, port, ready)
        except OSError as error:
            if error.errno not in (errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES):
                raise
            raise BizdeskError(
                f"沙箱无法在 {host}:{port} 上监听（{error.strerror}）；"
                "请换一个端口（--port，0 为任选空闲端口）。",
                f"The sandbox cannot listen on {host}:{port} ({error.strerror}); choose another --port "
                "(0 picks a free one).",
                code="sandbox.listen",
            ) from None

    _register_sandbox_copy(cli)


def _register_sandbox_copy(cli: typer.Typer) -> None:
    @cli.command("sandbox-copy")
    def sandbox_copy(
        to: str = typer.Option(
            ..., "--to", help="The new, empty database: postgresql://user:password@host/db."
        ),
        data: Path | None = typer.Option(None, "--data", help="The sandbox's data folder (its SQLite file)."),
        source: str | None = typer.Option(
            None, "--from", help="Copy from this database instead of the data folder's SQLite file."
        ),
    ) -> None:
        """Copy a stopped sandbox's state into a new database, e.g. SQLite to PostgreSQL (沙箱迁库):
        desks, submissions, feed, checkpoints, fleet and the platform key; then start
        `bizdesk sandbox --data DIR --database-url URL` (the scans stay in DIR)."""
        from app.paths import data_root
        from app.wiring.sandbox import copy_sandbox_database

        _check_database_url(to)
        folder = data if data is not None else data_root() / "sandbox"
        if source is None:
            if not (folder / "sandbox.db").is_file():
                raise UsageError(
                    f"{folder} 中没有沙箱数据库 sandbox.db；请用 --data 指定沙箱的数据文件夹，"
                    "或用 --from 指定数据库。",
                    f"{folder} holds no sandbox.db; give the sandbox's data folder with --data, or a "
                    "database with --from.",
                )
            source = f"sqlite:///{folder / 'sandbox.db'}"
        else:
            _check_database_url(source)

        def copied(table: str, rows: int) -> None:
            print(f"  {table}: {rows}", flush=True)

        done = copy_sandbox_database(source, to, copied)
        print(
            f"已复制 {done.total} 行。启动：bizdesk sandbox --data {folder} --database-url <URL>"
            f"(Copied {done.total} rows; start the sandbox on the new database with the same --data.)"
        )


def _enrollment_lines(url: str, codes: list[str]) -> list[str]:
    """What desks enrol with: each code's QR payload (``bizdesk device enroll --qr``), or the reason
    there is none (an address that listens on every interface is no address a desk can reach)."""
    from urllib.parse import urlsplit

    from app.syncing.enrollment_qr import EnrollmentPayload

    if not codes:
        return []
    if urlsplit(url).hostname in ("0.0.0.0", "::"):  # noqa: S104 - recognising the wildcard, not binding it
        return [
            "注册二维码：请用 --public-url 指定桌面端访问本机的地址（如 http://10.1.2.3:8443）。 (Give "
            "--public-url, the address desks reach this machine at, to print enrollment QR payloads.)"
        ]
    prefix = "注册二维码内容 (enrollment QR payload): "
    return [prefix + EnrollmentPayload(url, code, None).text() for code in codes]


def _check_public_url(url: str) -> None:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(
            f"--public-url {url} 不是有效的地址；请用如 http://10.1.2.3:8443 的格式。",
            f"--public-url {url} is not a usable address; use one like http://10.1.2.3:8443.",
        )


def _check_listen_address(host: str, port: int) -> None:
    """A host this machine can resolve (one sentence instead of a resolver traceback)."""
    import socket

    try:
        socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise UsageError(
            f"--host {host} 不是有效的主机名或IP地址；请用如 127.0.0.1 的地址。",
            f"--host {host} is not a valid host name or IP address; use one like 127.0.0.1.",
        ) from None


def _check_database_url(url: str) -> None:
    """A URL of a database the sandbox can use (``postgresql://`` means the locked psycopg driver);
    whether the server answers is checked when the sandbox starts (sync.sandbox.connect)."""
    from app.wiring.sandbox import usable_database_url

    if not usable_database_url(url):
        raise UsageError(
            f"--database-url {url} 不是可用的数据库地址；请用如 sqlite:///sandbox.db 或 "
            "postgresql://用户:密码@主机:5432/数据库 的格式。",
            f"--database-url {url} is not a usable database URL; use one like sqlite:///sandbox.db or "
            "postgresql://user:password@host:5432/database.",
        )
