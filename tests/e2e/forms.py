"""Filling and sending a form in the real desk UI so that what was typed reaches the desk.

On a busy machine a ``fill`` can miss its box (the focus moved on as the page redrew), and nothing in the
browser says so: Flutter's copy of a box's value lags behind, seconds at a time. So no test reads it.
The desk says instead what it received:
- a form's notice (the answer to the last try) goes as soon as the desk receives typed text
  (``views.widgets.clear_when_edited``): before a form is sent again, the test waits for the old
  answer to go, so the answer it then reads is the new one;
- a form sent with a box empty is answered "incomplete" (``请输入…``, ``请填写…``): nothing was done,
  and the form is filled and sent again.
A form is sent with Enter in its last box: the keystroke follows the typed text to the desk.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.harness import PATIENCE_ROUNDS, WAIT_MS, fill_field, text_locator, wait_typing_into

# The sign-in's answer when a box was empty (it names the box: views.session).
SIGN_IN_INCOMPLETE = re.compile(r"^请输入(用户名和密码|用户名|密码)。$")
SIGN_IN_INCOMPLETE_EN = re.compile(r"^Enter your (username and password|username|password)\.$")
Answer = str | re.Pattern[str]


def fill_form(page: Page, fields: dict[str, str]) -> None:
    """Type each box's text (in order: the last box keeps the focus)."""
    for label, text in fields.items():
        fill_field(page, label, text)


def submit_form(page: Page, fields: dict[str, str]) -> None:
    """Fill the boxes, then press Enter in the last one: the keystroke follows the typed text to the
    desk, where a clicked button could overtake the last keystrokes on a busy machine."""
    fill_form(page, fields)
    page.keyboard.press("Enter")


def answer_gone(page: Page, *answers: Answer) -> bool:
    """Wait until none of ``answers`` shows (at once when none does); False when one stayed: the typed
    text did not reach the desk, which hides a form's answer as soon as it receives a keystroke."""
    for answer in answers:
        try:
            expect(text_locator(page, answer)).to_have_count(0, timeout=WAIT_MS)
        except AssertionError:
            return False
    return True


def submit_until(
    page: Page,
    fields: dict[str, str],
    shown: Answer,
    incomplete: Answer | None,
    rounds: int = PATIENCE_ROUNDS,
) -> None:
    """Submit ``fields`` until the desk answers ``shown``.

    ``incomplete`` is the desk's answer to a form with an empty box: the text had not reached it, so
    the form is filled and sent again. A form without such an answer (``None``: a search, a path) is
    sent again when ``shown`` did not come within ``WAIT_MS``. Before each sending, an answer still on
    screen from an earlier try must go (the desk hides it when the typed text reaches it), so the answer
    read afterwards is the desk's answer to this sending: ``shown`` must be something the page does
    not show before the form is sent (a notice, a screen's heading)."""
    answers = (shown,) if incomplete is None else (shown, incomplete)
    for _ in range(rounds):
        fill_form(page, fields)
        if not answer_gone(page, *answers):
            continue  # the typing never reached the desk: type again
        page.keyboard.press("Enter")
        either = text_locator(page, shown)
        if incomplete is not None:
            either = either.or_(text_locator(page, incomplete))
        try:
            expect(either.first).to_be_visible()
        except (AssertionError, PlaywrightTimeoutError):
            continue  # no answer: the Enter missed the box; fill and send again
        if text_locator(page, shown).count():
            return
    expect(text_locator(page, shown).first).to_be_visible()  # fails, with what the page shows


def keyboard_sign_in(page: Page, username: str, password: str, shown: Answer) -> None:
    """Sign in as a clerk does, keyboard only: the user name, Enter (the desk moves the focus to the
    password: its answer to the Enter), the password, Enter; until the desk shows ``shown``. When the
    desk answers that a box was empty (its text had not reached the desk), the form is sent again."""
    fill_field(page, "用户名", username)
    page.keyboard.press("Enter")
    if wait_typing_into(page, "密码"):
        page.keyboard.type(password)
        page.keyboard.press("Enter")
        expect(text_locator(page, shown).or_(text_locator(page, SIGN_IN_INCOMPLETE)).first).to_be_visible()
    if not text_locator(page, shown).count():
        submit_until(page, {"用户名": username, "密码": password}, shown, SIGN_IN_INCOMPLETE)


def fill_until(
    page: Page,
    label: str,
    text: str,
    *,
    shown: Answer | None = None,
    gone: Answer | None = None,
    rounds: int = PATIENCE_ROUNDS,
) -> None:
    """Type ``text`` into the box ``label`` until the desk acknowledges it: it shows ``shown`` (a text
    it derives from what it saved: a heading, a date read from an ID number, a check's message) and no
    longer shows ``gone`` (a message the typed text settles). A box whose text never reached the desk
    is typed again."""
    for _ in range(rounds):
        fill_field(page, label, text)
        try:
            if shown is not None:
                expect(text_locator(page, shown).first).to_be_visible()
            if gone is not None:
                expect(text_locator(page, gone)).to_have_count(0)
        except AssertionError:
            continue
        return
    raise AssertionError(f"the desk never acknowledged {text!r} in {label!r} (shown={shown}, gone={gone})")
