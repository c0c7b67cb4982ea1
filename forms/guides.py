"""The 服务大礼包's guides (``app.reference.guides``) as form specs, drawn by the one renderer.

A section's heading becomes a ``Heading``, a text a ``Text`` (one paragraph per line), a list
``Bullets`` and a steps block a ``Steps`` flow chart. Placeholders (``{desk.phone}``) are filled from
the facts when drawn, like any form's.
"""

from __future__ import annotations

from app.reference.guides import Guide, GuideList, GuideParagraph, GuideSection
from forms.catalog.layout import Block, Bullets, FormSpec, Heading, Steps, Text


def guide_spec(guide: Guide) -> FormSpec:
    blocks: list[Block] = []
    for section in guide.sections:
        blocks += _section(section)
    return FormSpec(guide.title, tuple(blocks), note=guide.note)


def _section(section: GuideSection) -> list[Block]:
    blocks: list[Block] = [Heading(section.heading)] if section.heading else []
    for block in section.blocks:
        if isinstance(block, GuideParagraph):
            blocks.append(Text(block.text))
        elif isinstance(block, GuideList):
            blocks.append(Bullets(tuple(block.items)))
        else:
            blocks.append(Steps(tuple((step.title, step.detail) for step in block.items)))
    return blocks
