"""Forms as data: what a form shows, in which order, with which boxes. ``forms.render`` draws them all.

A form is a title and a sequence of blocks. Blocks name the facts they show by key
(``company.name``, ``lr.id_number``: see ``forms.facts``) or by ``{key}`` placeholders in text, and
tables name a row source (``shareholders``, ``staff``). Labels, column headers, headings, signing
boxes and the note may hold ``{key}`` placeholders too: the unit's own words (``{head.title}``:
法定代表人, 执行事务合伙人 or 投资人) come from the case. No block computes anything: the one
renderer lays blocks out top to bottom on A4 pages, breaking tables and text between pages.

``when`` lists the facts flags a form (or block) needs, all of them: ``service.seal``,
``type.llc``, ``docs.deferred``...; ``unless`` lists flags that must be absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Field:
    """A label and the value of ``key``; ``span`` 1 is half the row, 2 the whole row."""

    label: str
    key: str
    span: int = 1


@dataclass(frozen=True)
class Fields:
    """A grid of label/value cells, each row holding fields whose spans add up to at most 2.

    ``gap`` False: the next block follows without a gap (a grid continued under other flags)."""

    rows: tuple[tuple[Field, ...], ...]
    when: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    gap: bool = True


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    weight: float = 1.0


@dataclass(frozen=True)
class Table:
    """One row per entry of the facts table ``source``; at least ``min_rows`` rows (blank lines)."""

    source: str
    columns: tuple[Column, ...]
    min_rows: int = 0
    when: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()


@dataclass(frozen=True)
class Heading:
    text: str
    when: tuple[str, ...] = ()


@dataclass(frozen=True)
class Text:
    """Paragraphs (one per line of ``template``) with ``{key}`` placeholders; ``indent`` two characters."""

    template: str
    size: float = 10.5
    indent: bool = True
    when: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()


class BoxKind(StrEnum):
    SIGNATURE = "signature"  # 签字
    FINGERPRINT = "fingerprint"  # 签字 and 按指印
    SEAL = "seal"  # 盖章


@dataclass(frozen=True)
class SignBox:
    label: str
    kind: BoxKind = BoxKind.SIGNATURE


@dataclass(frozen=True)
class Signatures:
    """A row of signing boxes, each with a date line (年 月 日); ``height`` in points."""

    boxes: tuple[SignBox, ...]
    when: tuple[str, ...] = ()
    height: float = 92.0


@dataclass(frozen=True)
class QrCode:
    """The QR code of the facts value ``key``, with a caption beside it (and the value, ``show_value``)."""

    key: str
    caption: str
    when: tuple[str, ...] = ()
    show_value: bool = True  # print the text too, for typing it in where no scanner is at hand


@dataclass(frozen=True)
class QrRow:
    """QR codes side by side, each with its caption beside it; codes whose ``when`` fails are left out."""

    codes: tuple[QrCode, ...]
    when: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bullets:
    """A list: one item per entry, each with a bullet and its wrapped lines hanging under its text."""

    items: tuple[str, ...]
    size: float = 10.5
    when: tuple[str, ...] = ()


@dataclass(frozen=True)
class Steps:
    """A flow chart (办理流程图): numbered boxes top to bottom, joined by arrows; (title, detail) each."""

    items: tuple[tuple[str, str], ...]
    when: tuple[str, ...] = ()


Block = Fields | Table | Heading | Text | Signatures | QrCode | QrRow | Bullets | Steps


@dataclass(frozen=True)
class FormSpec:
    """One form of the packet; ``title`` is unique in the packet and printed on its first page."""

    title: str
    blocks: tuple[Block, ...]
    when: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    note: str = ""  # small print under the title: who keeps the form


def applies(when: tuple[str, ...], unless: tuple[str, ...], flags: frozenset[str]) -> bool:
    """Whether every ``when`` flag is set and no ``unless`` flag is."""
    return all(flag in flags for flag in when) and not any(flag in flags for flag in unless)
