"""The hash-chained audit trail: entries, their canonical hash, the signed head, verification.

Each entry's ``hash`` is SHA-256 over a canonical JSON encoding of (seq, ts, actor,
action, subject, details, prev_hash), where ``prev_hash`` is the previous entry's hash
(64 zeros for the first). The head (last seq and hash) is signed with the desk's
Ed25519 key after every append; later the sync module sends it to the platform as a
checkpoint, which also covers someone who holds the database key and re-chains.

``verify_chain`` names what went wrong: an entry ``edited`` (its hash no longer
matches), ``removed`` (a gap in the sequence or a broken link), ``reordered`` (an
entry sits at another entry's place), ``truncated`` (entries after the last one are
missing against the signed head, or the trail of a set-up profile is empty),
``head_invalid`` (missing, unsigned or not matching).

The head is signed with a key in the same database, so whoever holds the data key can
re-chain and re-sign. What they cannot forge is the platform's signed receipt of an
earlier checkpoint: ``receipt_findings`` holds the chain against it (``rewritten``: the
entry the platform saw at that position is gone or different), and an ``alarm`` finding
carries a checkpoint the platform refused (``CheckpointAlarm``, kept until IT clears it).

``AuditTrail`` is the trail as the unit of work exposes it (``app.unit_of_work.UnitOfWork.audit_trail``):
appending, reading and verifying. Storage lives in ``app.store.audit_repo``; this module is pure and
needs no database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from app.masking import mask_text, mask_value
from app.ports import AuditSink
from app.security.device import verify_signature

GENESIS_HASH = "0" * 64
HEAD_DOMAIN = b"bizdesk.audit-head/1"
MAX_REORDER_PROBES = 256  # bounds the work of telling reordered from edited entries

FindingKind = Literal["edited", "removed", "reordered", "truncated", "head_invalid", "rewritten", "alarm"]


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    ts: str
    actor: str | None
    action: str
    subject: str | None
    details: Mapping[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class SignedHead:
    seq: int
    hash: str
    device_id: str
    signature: bytes
    signed_at: dt.datetime


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    seq: int
    note: str = ""

    def sentence(self) -> str:
        words = {
            "edited": ("第{seq}条记录被修改", "entry {seq} was edited"),
            "removed": ("第{seq}条记录被删除", "entry {seq} was removed"),
            "reordered": ("第{seq}条记录的位置被调换", "entry {seq} was moved"),
            "truncated": ("第{seq}条及之后的记录被截去", "entries from {seq} on were cut off"),
            "head_invalid": ("签名的日志头不符", "the signed head does not match"),
            "rewritten": (
                "第{seq}条记录与政务平台签收的检查点不符，日志被改写",
                "entry {seq} differs from the checkpoint the platform signed: the trail was rewritten",
            ),
            "alarm": (
                "政务平台拒绝了第{seq}条的检查点",
                "the platform refused the checkpoint at entry {seq}",
            ),
        }[self.kind]
        text = f"{words[0]}（{words[1]}）".format(seq=self.seq)
        return f"{text} {self.note}".strip()


@dataclass(frozen=True)
class VerifyReport:
    entries: int
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.findings


class AuditTrail(AuditSink, Protocol):
    """The trail in the caller's transaction: append (``AuditSink``), read and verify."""

    def entries(self) -> Iterator[AuditEntry]:
        """Every entry in sequence order."""

    def about(self, subject: str, action: str) -> list[AuditEntry]:
        """The entries of ``action`` about ``subject`` (a case id), in sequence order."""

    def subjects_of(self, actor: str, action: str) -> set[str]:
        """The subjects (case ids) ``actor`` did ``action`` about."""

    def head(self) -> SignedHead | None:
        """The signed head: what the sync module sends to the platform as a checkpoint."""

    def entry(self, seq: int) -> AuditEntry | None: ...

    def verify(self) -> VerifyReport:
        """The chain on its own, against the signed head."""


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def entry_hash(
    seq: int,
    ts: str,
    actor: str | None,
    action: str,
    subject: str | None,
    details: Mapping[str, Any],
    prev: str,
) -> str:
    body = [seq, ts, actor, action, subject, dict(details), prev]
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def make_entry(
    previous: AuditEntry | None,
    *,
    ts: dt.datetime,
    actor: str | None,
    action: str,
    subject: str | None = None,
    details: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """The next entry after ``previous`` (None for the first); personal numbers are masked."""
    seq = 1 if previous is None else previous.seq + 1
    prev = GENESIS_HASH if previous is None else previous.hash
    stamp = ts.astimezone(dt.UTC).isoformat(timespec="microseconds")
    masked: dict[str, Any] = json.loads(canonical_json(mask_value(dict(details or {}))))
    subject = None if subject is None else mask_text(subject)
    digest = entry_hash(seq, stamp, actor, action, subject, masked, prev)
    return AuditEntry(seq, stamp, actor, action, subject, masked, prev, digest)


def head_message(device_id: str, seq: int, digest: str) -> bytes:
    return b"\n".join([HEAD_DOMAIN, device_id.encode(), str(seq).encode(), digest.encode()])


def _recomputed(entry: AuditEntry, seq: int | None = None) -> str:
    return entry_hash(
        entry.seq if seq is None else seq,
        entry.ts,
        entry.actor,
        entry.action,
        entry.subject,
        entry.details,
        entry.prev_hash,
    )


def _content_findings(entries: Sequence[AuditEntry]) -> dict[int, Finding]:
    """Entries whose hash does not match: moved from another place, or edited."""
    bad = [e for e in entries if _recomputed(e) != e.hash]
    findings: dict[int, Finding] = {}
    probes = bad[:MAX_REORDER_PROBES]
    for entry in bad:
        origin = next(
            (o.seq for o in probes if o.seq != entry.seq and _recomputed(entry, o.seq) == entry.hash), None
        )
        if origin is not None:
            findings[entry.seq] = Finding("reordered", entry.seq, f"(原为第{origin}条 / was entry {origin})")
        else:
            findings[entry.seq] = Finding("edited", entry.seq)
    return findings


def _link_findings(entries: Sequence[AuditEntry], flagged: Mapping[int, Finding]) -> list[Finding]:
    """Gaps in the sequence and links that do not point to the entry before."""
    findings: list[Finding] = []
    expected_seq, expected_prev = 1, GENESIS_HASH
    for entry in entries:
        findings += [Finding("removed", missing) for missing in range(expected_seq, entry.seq)]
        gap = entry.seq != expected_seq
        suspect = entry.seq in flagged or entry.seq - 1 in flagged
        if not gap and not suspect and entry.prev_hash != expected_prev:
            # the entry before was replaced (its own hash recomputed): the link still names the original
            findings.append(Finding("edited", entry.seq - 1, "(后一条的链接不符 / the next link differs)"))
        expected_seq, expected_prev = entry.seq + 1, entry.hash
    return findings


def _head_findings(
    entries: Sequence[AuditEntry], head: SignedHead | None, public_key: bytes
) -> list[Finding]:
    last_seq = entries[-1].seq if entries else 0
    last_hash = entries[-1].hash if entries else GENESIS_HASH
    if head is None:
        return [Finding("head_invalid", last_seq, "(缺少签名头 / no signed head)")] if entries else []
    if not verify_signature(public_key, head.signature, head_message(head.device_id, head.seq, head.hash)):
        return [Finding("head_invalid", head.seq, "(签名无效 / bad signature)")]
    if last_seq < head.seq:
        return [Finding("truncated", last_seq + 1, f"(签名头为第{head.seq}条 / signed head at {head.seq})")]
    if last_seq > head.seq or last_hash != head.hash:
        return [Finding("head_invalid", last_seq, "(末条与签名头不符 / last entry differs from head)")]
    return []


def verify_chain(
    entries: Iterable[AuditEntry], head: SignedHead | None, public_key: bytes, *, expect_entries: bool = False
) -> VerifyReport:
    """Check every entry, every link and the signed head.

    ``expect_entries``: the trail belongs to a set-up profile (which records its own creation), so
    an empty trail is a trail that was emptied, never an intact one.
    """
    ordered = sorted(entries, key=lambda e: e.seq)
    content = _content_findings(ordered)
    findings = (
        list(content.values()) + _link_findings(ordered, content) + _head_findings(ordered, head, public_key)
    )
    if expect_entries and not ordered and not findings:
        findings.append(Finding("truncated", 1, "(日志为空 / the trail is empty)"))
    findings.sort(key=lambda f: (f.seq, f.kind))
    return VerifyReport(entries=len(ordered), findings=tuple(findings))


@dataclass(frozen=True)
class CheckpointReceipt:
    """The platform's signed word that it saw the desk's head ``hash`` at ``seq``."""

    seq: int
    head_hash: str
    authentic: bool  # the platform's signature verified with the key learnt at enrollment


@dataclass(frozen=True)
class CheckpointAlarm:
    """A checkpoint the platform refused: the chain it saw before differs from this one."""

    seq: int
    raised_at: str
    reason: str  # the platform's code, e.g. "checkpoint_conflict"

    def as_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "raised_at": self.raised_at, "reason": self.reason}

    @classmethod
    def from_json(cls, value: object) -> CheckpointAlarm | None:
        if not isinstance(value, Mapping) or not isinstance(value.get("seq"), int):
            return None
        return cls(int(value["seq"]), str(value.get("raised_at", "")), str(value.get("reason", "")))


def receipt_findings(
    entry_at: Callable[[int], AuditEntry | None], receipt: CheckpointReceipt | None
) -> list[Finding]:
    """The chain against the last platform-signed checkpoint: that entry must still be there, unchanged."""
    if receipt is None:
        return []
    if not receipt.authentic:
        return [
            Finding("rewritten", receipt.seq, "(检查点回执签名无效 / the receipt's signature is invalid)")
        ]
    entry = entry_at(receipt.seq)
    if entry is None:
        note = f"(平台检查点为第{receipt.seq}条 / the platform saw entry {receipt.seq})"
        return [Finding("truncated", receipt.seq, note)]
    if entry.hash != receipt.head_hash:
        return [Finding("rewritten", receipt.seq)]
    return []


def alarm_findings(alarm: CheckpointAlarm | None) -> list[Finding]:
    if alarm is None:
        return []
    return [Finding("alarm", alarm.seq, f"({alarm.raised_at} {alarm.reason})")]


def with_findings(report: VerifyReport, extra: Iterable[Finding]) -> VerifyReport:
    findings = sorted([*report.findings, *extra], key=lambda f: (f.seq, f.kind))
    return VerifyReport(report.entries, tuple(findings))
