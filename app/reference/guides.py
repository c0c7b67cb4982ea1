"""The 服务大礼包 as data: the printable guides every new company takes home (pack ``service_guides``).

Shouguang's desks hand each new company a pack of leaflets: the 口袋书 of the opening, the 税费政策
leaflet, the 社保 and 公积金 办理流程图. IT keeps their wording in the reference pack
``service_guides.json`` (signed and installed like the other packs, docs/updates-and-fleet.md); the
desk prints them with the packet (``forms.guides``). One guide::

    {"code": "tax_leaflet", "title": "新办纳税人税费政策须知", "note": "…", "services": ["tax"],
     "sections": [{"heading": "…", "blocks": [
        {"kind": "text", "text": "…"},
        {"kind": "list", "items": ["…", "…"]},
        {"kind": "steps", "items": [{"title": "…", "detail": "…"}]}]}]}

``services``: the guide comes with a case requesting any of them (empty: with every case). Texts may
name the desk and the case by placeholder, filled when printed: ``{desk.name}``, ``{desk.address}``,
``{desk.phone}``, ``{desk.supervision_phone}``, ``{desk.hours}``, ``{company.name}``, ``{case.id}``;
any other placeholder makes the pack unusable, so a typo never prints a blank.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

GUIDE_PLACEHOLDERS = frozenset(
    {
        "desk.name",
        "desk.address",
        "desk.phone",
        "desk.supervision_phone",
        "desk.hours",
        "company.name",
        "case.id",
    }
)
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
ServiceName = Literal[
    "license", "seal", "bank_account", "tax", "social_security", "medical_insurance", "housing_fund"
]


def _placeholders_known(text: str) -> str:
    unknown = sorted(set(_PLACEHOLDER.findall(text)) - GUIDE_PLACEHOLDERS)
    if unknown:
        known = ", ".join(sorted(GUIDE_PLACEHOLDERS))
        raise ValueError(f"unknown placeholder {{{unknown[0]}}}; known: {known}")
    return text


Paragraph = Annotated[
    str, StringConstraints(min_length=1, max_length=2000), AfterValidator(_placeholders_known)
]
StepTitle = Annotated[
    str, StringConstraints(min_length=1, max_length=60), AfterValidator(_placeholders_known)
]
StepDetail = Annotated[str, StringConstraints(max_length=400), AfterValidator(_placeholders_known)]
Note = Annotated[str, StringConstraints(max_length=120), AfterValidator(_placeholders_known)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class GuideParagraph(_Frozen):
    kind: Literal["text"]
    text: Paragraph


class GuideList(_Frozen):
    kind: Literal["list"]
    items: Annotated[list[Paragraph], Field(min_length=1, max_length=40)]


class GuideStep(_Frozen):
    """One box of a 流程图: what happens, and the detail (who, where, within how long)."""

    title: StepTitle
    detail: StepDetail = ""


class GuideSteps(_Frozen):
    kind: Literal["steps"]
    items: Annotated[list[GuideStep], Field(min_length=1, max_length=12)]


GuideBlock = Annotated[GuideParagraph | GuideList | GuideSteps, Field(discriminator="kind")]


class GuideSection(_Frozen):
    heading: Annotated[str, StringConstraints(max_length=60)] = ""
    blocks: Annotated[list[GuideBlock], Field(min_length=1, max_length=20)]


class Guide(_Frozen):
    """One printable guide of the 服务大礼包; ``title`` is unique in a packet, as a form's is."""

    code: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z_]{1,39}$")]
    title: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    note: Note = ""
    services: list[ServiceName] = Field(default_factory=list)
    sections: Annotated[list[GuideSection], Field(min_length=1, max_length=20)]

    def goes_with(self, services: frozenset[str]) -> bool:
        """Whether a case requesting ``services`` gets this guide."""
        return not self.services or any(code in services for code in self.services)
