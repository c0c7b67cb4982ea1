"""Password rules, Argon2id hashes and the lockout schedule."""

from __future__ import annotations

import datetime as dt

import pytest

from app.accounts.passwords import (
    WeakPassword,
    check_rules,
    hash_password,
    lock_seconds,
    remaining_seconds,
    verify_password,
)


@pytest.mark.parametrize(
    ("password", "broken"),
    [
        ("short1", "长度"),
        ("onlyletterspassword", "字母和数字"),
        ("1234567890123", "字母和数字"),
        ("wang12345678", "用户名"),
        (" spaced12345 ", "空格"),
        ("aaaaaaaaa1", "不同的字符"),
        ("abababab12", "不同的字符"),
        ("password123", "常见密码"),
        ("Qwerty12345", "常见密码"),
        ("1qaz2wsx3e", "常见密码"),
        ("abc1234567890", "常见密码"),
    ],
)
def test_weak_passwords_name_the_rule(password: str, broken: str) -> None:
    with pytest.raises(WeakPassword) as weak:
        check_rules(password, "wang")
    assert broken in weak.value.message_zh


@pytest.mark.parametrize("password", ["peixun2026", "Wang12345x", "寿光开办2026desk", "Desk IT pass 2026"])
def test_a_good_password_passes(password: str) -> None:
    check_rules(password, "clerk")


def test_hashes_are_argon2id_phc_strings_with_random_salt() -> None:
    first, second = hash_password("Clerk12345x"), hash_password("Clerk12345x")
    assert first.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert first != second
    assert verify_password("Clerk12345x", first)
    assert not verify_password("Clerk12345y", first)
    assert not verify_password("Clerk12345x", "not a phc string")


@pytest.mark.parametrize(
    ("failures", "seconds"),
    [(0, 0), (4, 0), (5, 30), (6, 60), (7, 120), (8, 240), (9, 480), (10, 900), (11, 900), (500, 900)],
)
def test_lockout_grows_from_30_seconds_to_15_minutes(failures: int, seconds: int) -> None:
    assert lock_seconds(failures) == seconds


def test_remaining_seconds_rounds_up_and_never_goes_negative() -> None:
    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    assert remaining_seconds(None, now) == 0
    assert remaining_seconds(now - dt.timedelta(seconds=1), now) == 0
    assert remaining_seconds(now + dt.timedelta(seconds=0.2), now) == 1
    assert remaining_seconds(now + dt.timedelta(seconds=30), now) == 30
