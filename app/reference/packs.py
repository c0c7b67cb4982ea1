"""The shape of a reference-data pack and of its items, checked when a pack is loaded.

Every pack is one JSON file ``{"pack": name, "version": "YYYY.N", "source": ..., "items": [...]}``.
The packs shipped inside the package are bizdesk's own; the sync issue will replace them with signed
packs from the platform, which must have the same shape.
"""

from __future__ import annotations

from typing import Annotated, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.reference.guides import Guide

PackVersion = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}\.[0-9]+$")]
DivisionCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")]
IndustryClass = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}$")]
DivisionLevel = Literal["province", "prefecture", "county"]
ScopeGroup = Literal["agriculture", "trade", "catering", "logistics", "processing", "services"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class Division(_Frozen):
    """A GB/T 2260 division. ``current`` is false for codes no longer in force (kept for old ID numbers)."""

    code: DivisionCode
    name: str
    level: DivisionLevel
    parent: DivisionCode | None
    current: bool
    note: str | None = None


class IndustrySection(_Frozen):
    """A GB/T 4754-2017 section (门类), A to T."""

    kind: Literal["section"]
    code: Annotated[str, StringConstraints(pattern=r"^[A-T]$")]
    name: str
    name_en: str


class IndustryDivision(_Frozen):
    """A GB/T 4754-2017 division (大类), 01 to 97, and the section it belongs to."""

    kind: Literal["division"]
    code: Annotated[str, StringConstraints(pattern=r"^[0-9]{2}$")]
    name: str
    section: Annotated[str, StringConstraints(pattern=r"^[A-T]$")]


class ScopeItem(_Frozen):
    """A business-scope item in standard wording; ``licensed`` (许可项目) needs a permit after the licence."""

    code: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}[0-9]{3}$")]
    wording: str
    wording_en: str
    licensed: bool
    industry_class: IndustryClass
    group: ScopeGroup
    permit: str | None = None


ItemT = TypeVar("ItemT")


class Pack(_Frozen, Generic[ItemT]):
    pack: str
    version: PackVersion
    source: str
    items: list[ItemT]


DivisionsPack = Pack[Division]
IndustryItem = Annotated[IndustrySection | IndustryDivision, Field(discriminator="kind")]
IndustriesPack = Pack[IndustryItem]
ScopePack = Pack[ScopeItem]
GuidesPack = Pack[Guide]  # the 服务大礼包 (app.reference.guides)
