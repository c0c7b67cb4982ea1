"""The hash-chained audit trail: entries, their canonical hash, the signed head, verification.

Each entry's ``hash`` is SHA-256 over a canonical JSON encoding of (seq, ts, actor,
action, subject, details, prev_hash), where ``prev_hash`` is the previous entry's hash
(64 zeros for the first). The head (last seq and hash) is signed with the desk's
Ed25519 key after every append; later the sync module sends it to the platform as a
checkpoint, which also covers someone who holds the database key and re-chains.

``verify_chain`` names what went wrong: an entry ``edited`` (its hash no longer
matches), ``removed`` (a gap in the sequence or a broken link), ``reordered`` (an
entry sits at another entry's place), ``truncated`` (entries after the last one are
missing against the signed head), ``head_invalid`` (missing, unsigned or not matching).

Storage lives in ``app.store.audit_repo``; this module is pure and needs no database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from app.masking import mask_text, mask_value
from app.security.device import verify_signature

GENESIS_HASH = "0" * 64
HEAD_DOMAIN = b"bizdesk.audit-head/1"
MAX_REORDER_PROBES = 256  # bounds the work of telling reordered from edited entries

FindingKind = Literal["edited", "removed", "reordered", "truncated", "head_invalid"]


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


def verify_chain(entries: Iterable[AuditEntry], head: SignedHead | None, public_key: bytes) -> VerifyReport:
    """Check every entry, every link and the signed head."""
    ordered = sorted(entries, key=lambda e: e.seq)
    content = _content_findings(ordered)
    findings = (
        list(content.values()) + _link_findings(ordered, content) + _head_findings(ordered, head, public_key)
    )
    findings.sort(key=lambda f: (f.seq, f.kind))
    return VerifyReport(entries=len(ordered), findings=tuple(findings))
