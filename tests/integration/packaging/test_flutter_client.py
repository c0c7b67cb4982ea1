"""The offline bundle's Flutter desktop client step (build/flutter_client.py): carried when given or
fetched, and otherwise a bundle without it and the builder saying how to add it later."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.packaging.build_scripts import load_build_script
from tests.integration.packaging.mirror import ARCHIVE, Mirror, release_mirror

ROOT = Path(__file__).resolve().parents[3]


client = load_build_script("flutter_client")


@pytest.fixture
def mirror() -> Iterator[Mirror]:
    with release_mirror() as running:
        yield running


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    (tmp_path / "wheelhouse").mkdir()
    (tmp_path / "wheelhouse" / "flet_desktop-1.0.5-py3-none-any.whl").write_bytes(b"")
    return tmp_path


@pytest.mark.parametrize(
    ("platform", "archive"),
    [("win_amd64", "flet-windows.zip"), ("macosx_11_0_arm64", "flet-macos.tar.gz")],
)
def test_the_archive_is_the_targets(bundle: Path, platform: str, archive: str) -> None:
    assert client.artifact_for(platform, bundle / "wheelhouse") == archive


def test_download_fetches_the_targets_archive_into_the_bundle(bundle: Path, mirror: Mirror) -> None:
    carried = client.carry(bundle, "download", mirror.url, "win_amd64")
    assert carried == bundle / "flutter-client" / "flet-windows.zip"
    assert carried.read_bytes() == ARCHIVE
    assert mirror.asked == ["/v1.0.5/flet-windows.zip"]
    assert (bundle / "place_flutter_client.py").is_file()


def test_where_it_cannot_be_fetched_the_builder_says_how_to_add_it(
    bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    assert client.carry(bundle, "download", f"http://127.0.0.1:{port}/v1.0.5", "win_amd64") is None
    said = capsys.readouterr().out
    assert f"http://127.0.0.1:{port}/v1.0.5/flet-windows.zip" in said
    assert str(bundle / "flutter-client") in said
    assert "install.sh / install.ps1 again" in said
    assert not (bundle / "flutter-client").exists()  # nothing half-downloaded is carried


def test_without_the_option_the_default_release_is_named(
    bundle: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert client.carry(bundle, None, None, "win_amd64") is None
    said = capsys.readouterr().out
    assert "https://github.com/flet-dev/flet/releases/download/v1.0.5/" in said
    assert not (bundle / "flutter-client").exists()


def test_an_archive_fetched_before_is_carried(bundle: Path, tmp_path: Path) -> None:
    fetched = tmp_path / "flet-windows.zip"
    fetched.write_bytes(b"zip")
    assert (
        client.carry(bundle, str(fetched), None, "win_amd64")
        == bundle / "flutter-client" / "flet-windows.zip"
    )
    with pytest.raises(SystemExit):
        client.carry(bundle, str(tmp_path / "missing.zip"), None, "win_amd64")
