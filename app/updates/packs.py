"""A verified pack release as the desk's reference data, checked like the shipped packs."""

from __future__ import annotations

from pathlib import Path

from app.reference.data import ReferenceData, ReferenceDataError, reference_from_documents
from app.updates.documents import PackRelease, UpdateRefused


def reference_of(release: PackRelease) -> ReferenceData:
    """The release's packs loaded and checked; ``UpdateRefused`` when a pack is unusable."""
    try:
        return reference_from_documents(release.packs, origin=Path(f"platform-pack-{release.version}"))
    except ReferenceDataError as broken:
        raise UpdateRefused(
            f"参考数据包 {release.version} 内容有误，未安装；本机继续使用现有版本。{broken.message_zh}",
            f"Reference pack {release.version} has unusable content and was not installed; the desk keeps "
            f"the version it runs. {broken.message_en}",
            code="update_refused.contents",
        ) from broken


def check_contents(release: PackRelease) -> None:
    """For ``service.apply_pending``: raise if the packs would not load."""
    reference_of(release)
