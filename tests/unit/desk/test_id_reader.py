"""The simulated ID card reader: valid fictitious cards, and the failures real readers show."""

from __future__ import annotations

import datetime as dt

import pytest

from app.idcard import CardReadError, NoCard, TrainingReader
from app.idcard.simulated import SimulatedReader
from app.validation import is_valid, validate_resident_id

TODAY = dt.date(2026, 11, 28)


def test_each_read_gives_a_new_valid_card() -> None:
    reader = SimulatedReader(seed=1, today=TODAY)
    first, second = reader.read(), reader.read()
    assert first.id_number != second.id_number
    for card in (first, second):
        assert is_valid(validate_resident_id(card.id_number, today=TODAY))
        assert card.photo.startswith(b"\x89PNG")
        assert card.address.startswith("山东省寿光市")
        assert card.sex in ("male", "female")
        assert not card.expired(TODAY)


def test_failures_are_selectable() -> None:
    reader = SimulatedReader(seed=1, today=TODAY, mode="expired")
    assert reader.read().expired(TODAY)
    reader.set_mode("same_card")
    with pytest.raises(NoCard) as same:
        reader.read()
    assert same.value.code == "idcard.same_card"
    reader.set_mode("no_card")
    with pytest.raises(NoCard):
        reader.read()
    reader.set_mode("read_error")
    with pytest.raises(CardReadError) as failed:
        reader.read()
    assert "手工录入" in failed.value.message_zh


def test_the_trainer_chooses_among_the_modes_only() -> None:
    reader = SimulatedReader(seed=1, today=TODAY)
    assert isinstance(reader, TrainingReader)
    assert "read_error" in reader.modes
    reader.choose_mode("no_card")
    assert reader.mode == "no_card"
    reader.choose_mode("explode")
    assert reader.mode == "no_card"
