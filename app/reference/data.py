"""Loading the reference packs and looking things up in them.

``load_reference(directory)`` reads the packs from a folder (the packs shipped in the package by
default); ``reference_from_documents`` checks packs already parsed (a verified platform release,
``app.updates``). ``wage_standards`` came after the first releases: a release without it keeps the
shipped one (its other packs are used as released). ``reference_data()`` gives the packs in use: those
the desk installed from the platform (``use_reference``), else the shipped ones, loaded once per
process.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from app.errors import BizdeskError
from app.reference.guides import Guide
from app.reference.packs import (
    Division,
    DivisionsPack,
    GuidesPack,
    IndustriesPack,
    IndustryClassItem,
    IndustryDivision,
    IndustrySection,
    ScopeItem,
    ScopePack,
    WageKind,
    WagePack,
    WageStandard,
)

PACK_FILES = {
    "divisions": "divisions.json",
    "industries": "industries.json",
    "scope_catalogue": "scope_catalogue.json",
    "service_guides": "service_guides.json",
    "wage_standards": "wage_standards.json",
}
LATER_PACKS = frozenset({"wage_standards"})  # a release made before these existed keeps the shipped ones
SHIPPED_PACKS = Path(__file__).with_name("packs")

PackT = TypeVar("PackT", bound=BaseModel)


class ReferenceDataError(BizdeskError):
    code = "reference_data"
    title_zh = "参考数据无法读取"
    title_en = "Reference data unreadable"


@dataclass(frozen=True)
class ReferenceData:
    """Divisions, industries, the business-scope catalogue, the 服务大礼包 guides and the wage
    standards, with lookups."""

    versions: dict[str, str]
    divisions: dict[str, Division]
    sections: dict[str, IndustrySection]
    industry_divisions: dict[str, IndustryDivision]
    scope: dict[str, ScopeItem]
    guides: tuple[Guide, ...] = ()
    industry_classes: dict[str, IndustryClassItem] = field(default_factory=dict)
    wages: tuple[WageStandard, ...] = ()
    _children: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def division(self, code: str) -> Division | None:
        return self.divisions.get(code)

    def is_known_division(self, code: str) -> bool:
        """True for any code in the pack, historical codes included (as resident ID numbers need)."""
        return code in self.divisions

    def is_current_division(self, code: str) -> bool:
        found = self.divisions.get(code)
        return found is not None and found.current

    def division_path(self, code: str) -> list[Division]:
        """The division and its parents, province first; empty for an unknown code."""
        path: list[Division] = []
        found = self.divisions.get(code)
        while found is not None:
            path.insert(0, found)
            found = self.divisions.get(found.parent) if found.parent else None
        return path

    def full_division_name(self, code: str) -> str:
        """``山东省潍坊市寿光市`` for 370783; empty for an unknown code."""
        return "".join(d.name for d in self.division_path(code))

    def children(self, code: str, *, current_only: bool = True) -> list[Division]:
        found = [self.divisions[c] for c in self._children.get(code, [])]
        return [d for d in found if d.current or not current_only]

    def industry_division(self, code: str) -> IndustryDivision | None:
        """The GB/T 4754 division of a 2-digit code, or of the first two digits of a class code."""
        return self.industry_divisions.get(code[:2]) if len(code) in (2, 3, 4) else None

    def industry_class(self, code: str) -> IndustryClassItem | None:
        """The GB/T 4754 class (小类) of a 4-digit code, with its name."""
        return self.industry_classes.get(code)

    def wage_standard(self, kind: WageKind, division_code: str, on: dt.date) -> WageStandard | None:
        """The figure of ``kind`` in force on ``on`` for a county: the newest one started by then, of
        the nearest region that publishes one (the county itself, its city, its province)."""
        for region in reversed(self.division_path(division_code)):
            started = [w for w in self.wages if w.kind == kind and w.region == region.code and w.starts <= on]
            if started:
                return max(started, key=lambda w: w.starts)
        return None

    def section_of(self, code: str) -> IndustrySection | None:
        found = self.industry_division(code)
        return self.sections.get(found.section) if found else None

    def scope_item(self, code: str) -> ScopeItem | None:
        return self.scope.get(code)

    def guides_for(self, services: Collection[str]) -> tuple[Guide, ...]:
        """The guides of the 服务大礼包 for a case requesting ``services``, in the pack's order."""
        requested = frozenset(services)
        return tuple(guide for guide in self.guides if guide.goes_with(requested))

    def scope_items(self, *, group: str | None = None, licensed: bool | None = None) -> list[ScopeItem]:
        return [
            item
            for item in self.scope.values()
            if (group is None or item.group == group) and (licensed is None or item.licensed == licensed)
        ]


def load_reference(directory: Path | None = None) -> ReferenceData:
    """Read and check the packs in ``directory`` (default: the packs shipped with bizdesk)."""
    folder = directory or SHIPPED_PACKS
    return reference_from_documents(
        {name: _read_json(folder / PACK_FILES[name]) for name in PACK_FILES}, origin=folder
    )


def reference_from_documents(documents: Mapping[str, Any], *, origin: Path) -> ReferenceData:
    """Check the packs given as parsed JSON (``origin`` names where they came from in errors)."""
    divisions = _check_pack(documents, origin, "divisions", DivisionsPack)
    industries = _check_pack(documents, origin, "industries", IndustriesPack)
    scope = _check_pack(documents, origin, "scope_catalogue", ScopePack)
    guides = _check_pack(documents, origin, "service_guides", GuidesPack)
    _unique(origin, "service_guides", ((g.code, g) for g in guides.items))
    _unique(origin, "service_guides", ((g.title, g) for g in guides.items))
    if "wage_standards" in documents:
        wages = _check_pack(documents, origin, "wage_standards", WagePack)
    else:
        shipped = {"wage_standards": _read_json(SHIPPED_PACKS / PACK_FILES["wage_standards"])}
        wages = _check_pack(shipped, SHIPPED_PACKS, "wage_standards", WagePack)
    by_code = _unique(origin, "divisions", ((d.code, d) for d in divisions.items))
    children: dict[str, list[str]] = {}
    for item in divisions.items:
        if item.parent is not None:
            children.setdefault(item.parent, []).append(item.code)
    sections = [i for i in industries.items if isinstance(i, IndustrySection)]
    industry_divisions = [i for i in industries.items if isinstance(i, IndustryDivision)]
    classes = [i for i in industries.items if isinstance(i, IndustryClassItem)]
    return ReferenceData(
        versions={
            "divisions": divisions.version,
            "industries": industries.version,
            "scope_catalogue": scope.version,
            "service_guides": guides.version,
            "wage_standards": wages.version,
        },
        divisions=by_code,
        sections=_unique(origin, "industries", ((s.code, s) for s in sections)),
        industry_divisions=_unique(origin, "industries", ((d.code, d) for d in industry_divisions)),
        scope=_unique(origin, "scope_catalogue", ((s.code, s) for s in scope.items)),
        guides=tuple(guides.items),
        industry_classes=_unique(origin, "industries", ((c.code, c) for c in classes)),
        wages=tuple(wages.items),
        _children=children,
    )


_active: list[ReferenceData] = []  # the packs installed from the platform, once the desk chose them


@cache
def _shipped() -> ReferenceData:
    return load_reference()


def reference_data() -> ReferenceData:
    """The packs in use: those installed from the platform (``use_reference``), else the shipped ones."""
    return _active[-1] if _active else _shipped()


def use_reference(data: ReferenceData | None) -> None:
    """Make ``data`` the process's reference data (None: back to the shipped packs)."""
    _active.clear()
    if data is not None:
        _active.append(data)


def shipped_version() -> str:
    """The version of the shipped packs as one release version (the newest of them)."""
    return max(_shipped().versions.values(), key=lambda v: tuple(int(p) for p in v.split(".")))


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise _broken(path, str(exc).splitlines()[0]) from exc


def _check_pack(documents: Mapping[str, Any], origin: Path, name: str, model: type[PackT]) -> PackT:
    path = origin / PACK_FILES[name]
    try:
        pack = model.model_validate(documents.get(name))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())) or name
        raise _broken(path, f"{where}: {first.get('msg', '')}") from exc
    if getattr(pack, "pack", None) != name:
        raise _broken(path, f"pack name is not {name!r}")
    return pack


def _unique(folder: Path, name: str, pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for code, item in pairs:
        if code in found:
            raise _broken(folder / PACK_FILES[name], f"code {code} appears twice")
        found[code] = item
    return found


def _broken(path: Path, reason: str) -> ReferenceDataError:
    return ReferenceDataError(
        f"参考数据包“{path.name}”无法读取（{reason}）。请重新安装 bizdesk 或联系IT支持更新参考数据。",
        f"The reference pack '{path.name}' cannot be read ({reason}). "
        "Reinstall bizdesk or ask IT support to update the reference data.",
        data={"path": str(path)},
    )
