"""Account passwords: rules, Argon2id PHC hashes, and the lockout schedule."""

from __future__ import annotations

import datetime as dt
import re

from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from app.errors import InputRejected
from app.security.wrapping import SALT_BYTES, Argon2Params

MIN_LENGTH = 10
MAX_LENGTH = 128
FAILURES_BEFORE_LOCK = 5
FIRST_LOCK_SECONDS = 30
MAX_LOCK_SECONDS = 15 * 60
_LETTER = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"[0-9]")


MIN_DISTINCT = 5
# The commonest passwords in leaked lists (Chinese sites included), and their keyboard and digit runs:
# a password is common when, lower-cased, one of these makes up most of it.
_COMMON = (
    "password",
    "passw0rd",
    "qwerty",
    "qwertyuiop",
    "asdfgh",
    "asdfghjkl",
    "zxcvbnm",
    "1q2w3e4r",
    "1qaz2wsx",
    "qazwsx",
    "abc123",
    "abcdef",
    "woaini",
    "iloveyou",
    "admin",
    "welcome",
    "letmein",
    "123456",
    "654321",
    "888888",
    "666666",
    "520520",
    "5201314",
)


def _common(password: str) -> bool:
    folded = password.lower()
    for word in _COMMON:
        if word in folded and len(word) * 2 >= len(folded):
            return True
    runs = "0123456789" * 2 + "abcdefghijklmnopqrstuvwxyz"
    longest = max((len(run) for run in _runs(folded) if run in runs), default=0)
    return longest * 2 >= len(folded) + 2


def _runs(text: str) -> list[str]:
    """The stretches of ``text`` whose characters go up one at a time ("1234", "abcd")."""
    if not text:
        return []
    runs, start = [], 0
    for i in range(1, len(text) + 1):
        if i == len(text) or ord(text[i]) != ord(text[i - 1]) + 1:
            runs.append(text[start:i])
            start = i
    return runs


class WeakPassword(InputRejected):
    code = "auth.weak_password"


def check_rules(password: str, username: str) -> None:
    """Raise ``WeakPassword`` naming every broken rule (Chinese first)."""
    broken: list[tuple[str, str]] = []
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        broken.append(
            (f"长度须为{MIN_LENGTH}到{MAX_LENGTH}个字符", f"{MIN_LENGTH} to {MAX_LENGTH} characters")
        )
    if not (_LETTER.search(password) and _DIGIT.search(password)):
        broken.append(("须同时包含字母和数字", "letters and digits both"))
    if username and username.lower() in password.lower():
        broken.append(("不能包含用户名", "must not contain the user name"))
    if password != password.strip():
        broken.append(("首尾不能有空格", "no spaces at either end"))
    if len(set(password.lower())) < MIN_DISTINCT:
        broken.append(
            (
                f"至少要有{MIN_DISTINCT}个不同的字符，不能大量重复",
                f"at least {MIN_DISTINCT} different characters",
            )
        )
    if _common(password):
        broken.append(("不能使用常见密码或键盘顺序", "not a common password or keyboard run"))
    if broken:
        raise WeakPassword(
            "密码不符合要求：" + "；".join(zh for zh, _ in broken) + "。请重新设置。",
            "The password does not meet the rules: "
            + "; ".join(en for _, en in broken)
            + ". Choose another.",
            details=[zh for zh, _ in broken],
        )


def hash_password(password: str, params: Argon2Params | None = None) -> str:
    import secrets

    params = params or Argon2Params()
    kdf = Argon2id(
        salt=secrets.token_bytes(SALT_BYTES),
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive_phc_encoded(password.encode("utf-8"))


def verify_password(password: str, phc: str) -> bool:
    try:
        Argon2id.verify_phc_encoded(password.encode("utf-8"), phc)
    except (InvalidKey, ValueError):
        return False
    return True


def lock_seconds(failed_attempts: int) -> int:
    """0 below 5 failures; then 30 s, doubling with each further failure, at most 15 minutes."""
    if failed_attempts < FAILURES_BEFORE_LOCK:
        return 0
    doublings = min(failed_attempts - FAILURES_BEFORE_LOCK, 10)
    return min(FIRST_LOCK_SECONDS << doublings, MAX_LOCK_SECONDS)


def remaining_seconds(locked_until: dt.datetime | None, now: dt.datetime) -> int:
    if locked_until is None or locked_until <= now:
        return 0
    return max(1, int((locked_until - now).total_seconds() + 0.999))
