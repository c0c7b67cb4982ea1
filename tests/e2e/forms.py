"""Filling and sending a form in the real desk UI so that what was typed reaches the desk.

On a busy machine a ``fill`` can miss its box, a box can lose its text when the focus moves on, and
a clicked button can reach the desk before the last keystrokes. So the boxes are seen to hold their
text before the form is sent, it is sent with Enter in its last box (the keystroke follows the text),
and a form the desk found incomplete (nothing was done) is sent once more.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.harness import FOCUS_POLLS, expect_text, fill_field, text_locator


def fill_form(page: Page, fields: dict[str, str], rounds: int = 3) -> None:
    """Fill every box, then check each still holds its text before the button is pressed: on a busy
    machine a fill can miss its box, or a box can lose what it got when the focus moves on. A box
    found without its text is filled again.

    The check reads the box's copy in Flutter's semantics tree, which Flutter refreshes a frame or
    more after the text reached it: on a heavily loaded machine (two suites at once) a window's copies
    stayed empty for seconds while the boxes visibly held the text. So after the rounds the form goes
    on: the desk's own answer decides (``submit_until`` sends again when it found a box empty)."""
    missing = dict(fields)
    for _ in range(rounds):
        for label, text in missing.items():
            fill_field(page, label, text)
        missing = {label: text for label, text in fields.items() if not _holds(page, label, text)}
        if not missing:
            return


def _holds(page: Page, label: str, text: str) -> bool:
    """The box shows ``text`` (Flutter copies typed text to the box a moment later: polls counted, as
    ``fill_field`` counts its focus polls)."""
    box = page.get_by_role("textbox", name=label, exact=True)
    for _ in range(FOCUS_POLLS):
        if box.input_value() == text:
            return True
        page.wait_for_timeout(100)
    return False


def submit_form(page: Page, fields: dict[str, str]) -> None:
    """Fill the boxes (checked), then press Enter in the last one: the keystroke follows the typed text
    to the desk, where a clicked button can overtake the last keystrokes on a busy machine."""
    fill_form(page, fields)
    last = list(fields)[-1]
    fill_field(page, last, fields[last])  # the focus back in the last box, its text unchanged
    page.keyboard.press("Enter")


def submit_until(page: Page, fields: dict[str, str], shown: str, incomplete: str) -> None:
    """Submit ``fields`` until the desk answers ``shown``. Its ``incomplete`` answer (the form lacks a
    field: nothing was done) means the last keystrokes had not reached it yet: the boxes keep their
    text, so the form is sent once more."""
    submit_form(page, fields)
    expect(text_locator(page, shown).or_(text_locator(page, incomplete)).first).to_be_visible()
    if not text_locator(page, shown).count():
        submit_form(page, fields)
        expect_text(page, shown)
