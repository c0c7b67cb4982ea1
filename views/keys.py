"""Keys for the screen on show: the shell hands every key that is not an area shortcut to the one
handler the current screen registered: plain keys (arrow keys and Enter in lists, Esc to go back) or,
for screens with their own chords (the 新办企业 step keys: F8/F9, Alt+PageUp/PageDown, F2), every key
with its modifiers."""

from __future__ import annotations

from collections.abc import Callable

KeyHandler = Callable[[str], None]
ChordHandler = Callable[[str, bool, bool, bool], None]  # key, alt, ctrl, shift


class KeyRouter:
    def __init__(self) -> None:
        self._handler: KeyHandler | None = None
        self._chords: ChordHandler | None = None

    def listen(self, handler: KeyHandler | None) -> None:
        """``handler`` gets Flet's key names ("Arrow Down", "Enter", "Escape") pressed without Alt,
        Ctrl or Meta; None stops listening (to plain keys and chords alike)."""
        self._handler, self._chords = handler, None

    def listen_chords(self, handler: ChordHandler) -> None:
        """``handler`` gets every key with its modifiers, instead of a plain-key handler."""
        self._handler, self._chords = None, handler

    def dispatch(
        self, key: str, *, alt: bool = False, ctrl: bool = False, shift: bool = False, meta: bool = False
    ) -> None:
        if self._chords is not None:
            self._chords(key, alt, ctrl, shift)
        elif self._handler is not None and not (alt or ctrl or meta):
            self._handler(key)
