"""``bizdesk release build pack|app``, ``release sign`` and ``release publish``: a reference pack or an
app release, built from a folder, signed with a release key and put in the platform's release folder
(docs/reference-packs.md)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import typer

from app.cli.files import input_file, read_limited
from app.errors import UsageError

KEY_HELP = "Ed25519 private key (PEM, PKCS#8) to sign with; without it the body is written unsigned."


def register(cli: typer.Typer) -> None:
    release = typer.Typer(
        help="Build, sign and publish releases (发布参考数据包与软件版本).", no_args_is_help=True
    )
    cli.add_typer(release, name="release")

    @release.command("build")
    def build(
        kind: str = typer.Argument(..., help="pack (a reference pack) or app (an app release)."),
        folder: Path = typer.Argument(..., help="pack: divisions.json, industries.json, …; app: the wheels."),
        version: str = typer.Option(..., "--version", help="pack: YYYY.N (e.g. 2027.1); app: X.Y.Z."),
        output: Path = typer.Option(..., "-o", "--output", help="Where to write the release JSON."),
        must_update_by: str = typer.Option(
            "", "--must-update-by", help="ISO date-time desks must install by."
        ),
        grace_days: int = typer.Option(3, "--grace-days", help="Days after the deadline before it binds."),
        branches: str = typer.Option("", "--branches", help="Canary branch codes, comma-separated."),
        percent: int = typer.Option(100, "--percent", help="Share of all branches, 0-100."),
        expires_at: str = typer.Option(
            "", "--expires-at", help="pack: ISO date-time after which desks take no new case on it."
        ),
        offline_days: int | None = typer.Option(
            None, "--offline-days", help="pack: days without a good sync before new cases pause (1-30; 5)."
        ),
        notes_zh: str = typer.Option("", "--notes-zh", help="app: what the release changes."),
        notes_en: str = typer.Option("", "--notes-en"),
        key: Path | None = typer.Option(None, "--key", help=KEY_HELP),
        key_id: str = typer.Option("", "--key-id", help="The key's id, as desks know it."),
    ) -> None:
        """A release from a folder (生成发布内容): a reference pack checked as a desk checks it, or an app
        release naming the folder's wheels with size and SHA-256."""
        from app.updates.publishing import Schedule, app_body, pack_body

        schedule = Schedule(_now(), _when(must_update_by), grace_days, _codes(branches), percent)
        if kind == "pack":
            body = pack_body(
                folder,
                version,
                schedule,
                expires_at=_when(expires_at, "--expires-at"),
                offline_days=offline_days,
            )
        elif kind == "app":
            body = app_body(folder, version, schedule, notes_zh=notes_zh, notes_en=notes_en)
        else:
            raise UsageError(
                f"不认识的发布类型 {kind}：请写 pack（参考数据包）或 app（软件版本）。",
                f"Unknown release kind {kind}: write pack (reference pack) or app (app release).",
                code="release.kind",
            )
        _write(_signed(body, key, key_id), output)

    @release.command("sign")
    def sign(
        body: Path = typer.Argument(..., help="An unsigned release JSON (from release build)."),
        key: Path = typer.Option(..., "--key", help=KEY_HELP),
        key_id: str = typer.Option(..., "--key-id", help="The key's id, as desks know it."),
        output: Path | None = typer.Option(None, "-o", "--output", help="Default: overwrite BODY."),
    ) -> None:
        """Sign a release body (签名)."""
        document = _release_file(body)
        _write(_signed({k: v for k, v in document.items() if k != "signature"}, key, key_id), output or body)

    @release.command("publish")
    def publish(
        release_file: Path = typer.Argument(
            ..., help="A release JSON (signed, or unsigned for the sandbox)."
        ),
        to: Path = typer.Option(
            ..., "--to", help="The platform's release folder (bizdesk sandbox --pack DIR)."
        ),
    ) -> None:
        """Put a release (and an app release's wheels from beside it) in the release folder (发布)."""
        from app.updates.publishing import release_name

        document = _release_file(release_file)
        to.mkdir(parents=True, exist_ok=True)
        for wheel in document.get("wheels") or []:
            shutil.copy2(input_file(release_file.parent / Path(str(wheel["name"])).name), to)
        target = to / release_name(document)
        shutil.copy2(release_file, target)
        print(f"已发布到 {target}。(Published to {target}.)")


def _release_file(path: Path) -> dict[str, Any]:
    """A release document from a file, read up to the pack cap and no further (an app manifest is
    checked against its own, smaller cap by the desk that downloads it)."""
    from app.updates.documents import MAX_PACK_BYTES, too_large

    data = read_limited(path, MAX_PACK_BYTES)
    if len(data) > MAX_PACK_BYTES:
        raise too_large("发布文件", MAX_PACK_BYTES)
    try:
        document = json.loads(data.decode("utf-8"))
    except ValueError:
        document = None
    if not isinstance(document, dict):
        raise UsageError(
            f"{path} 不是发布文件（应为UTF-8编码的JSON对象）。",
            f"{path} is not a release file (a UTF-8 JSON object).",
            code="release.unreadable",
        )
    return document


def _signed(body: dict[str, Any], key: Path | None, key_id: str) -> dict[str, Any]:
    if key is None:
        return body
    if not key_id:
        raise UsageError("签名时须给出 --key-id。", "Signing needs --key-id.", code="release.key_id")
    from app.wiring.releases import sign_release

    return sign_release(body, input_file(key).read_bytes(), key_id)


def _write(document: dict[str, Any], output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    zh, en = ("已签名", "signed") if "signature" in document else ("未签名", "unsigned")
    print(f"已写入 {output}（{zh}）。(Wrote {output}, {en}.)")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _when(text: str, option: str = "--must-update-by") -> dt.datetime | None:
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            f"{option} 的时间 {text} 看不懂；请写成 2027-01-31T00:00:00+08:00。",
            f"{option} {text} is not a date-time; write 2027-01-31T00:00:00+08:00.",
            code="release.when",
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _codes(text: str) -> list[str]:
    return [code.strip() for code in text.split(",") if code.strip()]
