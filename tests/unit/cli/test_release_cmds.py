"""``bizdesk release``: a reference pack and an app release built from a folder, signed, published; a
desk verifies what the commands write (docs/reference-packs.md)."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from app.cli import main
from app.reference.data import SHIPPED_PACKS as PACKS_DIR
from app.updates.documents import verify_app, verify_pack
from app.updates.packs import reference_of


@pytest.fixture
def key(tmp_path: Path) -> tuple[Path, str]:
    """A release key as PEM, and its public half as desks pin it (base64)."""
    private = Ed25519PrivateKey.generate()
    path = tmp_path / "release-key.pem"
    path.write_bytes(private.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return path, base64.b64encode(public).decode("ascii")


def test_a_pack_folder_becomes_a_signed_release_a_desk_installs(
    tmp_path: Path, key: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "pack-2027.1"
    shutil.copytree(PACKS_DIR, source)
    (source / "form_versions.json").write_text('{"SG-LICENSE": "2027.1"}', encoding="utf-8")
    out = tmp_path / "out" / "pack.json"
    words = [
        "release",
        "build",
        "pack",
        str(source),
        "--version",
        "2027.1",
        "-o",
        str(out),
        "--branches",
        "0101",
    ]
    assert main([*words, "--percent", "20", "--key", str(key[0]), "--key-id", "release-1"]) == 0
    assert "已签名" in capsys.readouterr().out
    release = verify_pack(json.loads(out.read_text(encoding="utf-8")), key[1])
    assert (release.version, release.key_id, release.rollout.percent) == ("2027.1", "release-1", 20)
    assert release.form_versions == {"SG-LICENSE": "2027.1"}
    assert reference_of(release).scope  # the packs load as the desk loads them

    platform = tmp_path / "platform-releases"
    assert main(["release", "publish", str(out), "--to", str(platform)]) == 0
    assert json.loads((platform / "reference-2027.1.json").read_text(encoding="utf-8")) == json.loads(
        out.read_text(encoding="utf-8")
    )


def test_a_broken_pack_folder_is_refused_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "pack"
    shutil.copytree(PACKS_DIR, source)
    (source / "industries.json").unlink()
    assert (
        main(["release", "build", "pack", str(source), "--version", "2027.1", "-o", str(tmp_path / "p.json")])
        == 2
    )
    assert "industries.json" in capsys.readouterr().err
    shutil.copy(PACKS_DIR / "industries.json", source)
    (source / "divisions.json").write_text('{"items": "not a list"}', encoding="utf-8")
    assert (
        main(["release", "build", "pack", str(source), "--version", "2027.1", "-o", str(tmp_path / "p.json")])
        != 0
    )
    assert not (tmp_path / "p.json").exists()


def test_an_app_release_names_its_wheels_with_size_and_hash_and_is_signed_later(
    tmp_path: Path, key: tuple[Path, str]
) -> None:
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    app_wheel = wheels / "bizdesk-0.2.0-py3-none-any.whl"
    app_wheel.write_bytes(b"PK fictitious wheel")
    (wheels / "helper-1.0-py3-none-any.whl").write_bytes(b"PK another")
    body = tmp_path / "app.json"
    assert (
        main(
            [
                "release",
                "build",
                "app",
                str(wheels),
                "--version",
                "0.2.0",
                "--notes-zh",
                "修正",
                "-o",
                str(body),
            ]
        )
        == 0
    )
    assert "signature" not in json.loads(body.read_text(encoding="utf-8"))
    not_a_key = tmp_path / "notes.txt"
    not_a_key.write_text("not a key", encoding="utf-8")
    assert main(["release", "sign", str(body), "--key", str(not_a_key), "--key-id", "release-1"]) == 2
    assert "signature" not in json.loads(body.read_text(encoding="utf-8"))  # refused: nothing written
    assert main(["release", "sign", str(body), "--key", str(key[0]), "--key-id", "release-1"]) == 0
    release = verify_app(json.loads(body.read_text(encoding="utf-8")), key[1])
    assert release.app_wheel is not None
    assert release.app_wheel.sha256 == hashlib.sha256(app_wheel.read_bytes()).hexdigest()
    assert release.app_wheel.size == app_wheel.stat().st_size
    shutil.copy(body, wheels / "app.json")
    platform = tmp_path / "platform-releases"
    assert main(["release", "publish", str(wheels / "app.json"), "--to", str(platform)]) == 0
    assert sorted(p.name for p in platform.iterdir()) == [
        "app-manifest.json",
        "bizdesk-0.2.0-py3-none-any.whl",
        "helper-1.0-py3-none-any.whl",
    ]
    assert (
        main(["release", "build", "app", str(tmp_path / "wheels"), "--version", "0.3.0", "-o", str(body)])
        == 2
    )


def test_a_pack_carries_the_offline_guards_limits_when_asked(tmp_path: Path, key: tuple[Path, str]) -> None:
    out = tmp_path / "pack.json"
    words = ["release", "build", "pack", str(PACKS_DIR), "--version", "2027.2", "-o", str(out)]
    signing = ["--key", str(key[0]), "--key-id", "release-1"]
    limits = ["--expires-at", "2027-03-01T00:00:00+08:00", "--offline-days", "3"]
    assert main([*words, *limits, *signing]) == 0
    release = verify_pack(json.loads(out.read_text(encoding="utf-8")), key[1])
    assert (release.offline_days, release.expires_at.isoformat() if release.expires_at else None) == (
        3,
        "2027-02-28T16:00:00+00:00",
    )
    assert main([*words, *signing]) == 0  # without them: the fields are left out, as earlier desks expect
    assert not {"expires_at", "offline_days"} & json.loads(out.read_text(encoding="utf-8")).keys()


def test_a_release_file_past_the_cap_is_refused_without_reading_it_all(
    tmp_path: Path, key: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    from app.updates.documents import MAX_PACK_BYTES

    huge = tmp_path / "huge.json"
    with huge.open("wb") as stream:
        stream.write(b'{"kind": "bizdesk.reference-pack/1", "padding": "')
        stream.truncate(MAX_PACK_BYTES + 1024 * 1024)  # sparse: 9 MiB on paper
    assert main(["release", "sign", str(huge), "--key", str(key[0]), "--key-id", "release-1"]) == 1
    assert "发布文件超过允许的大小（上限 8 MiB）" in capsys.readouterr().err
