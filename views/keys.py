"""Keys for the screen on show: the shell hands every key that is not an area shortcut to the one
handler the current screen registered (arrow keys and Enter in lists, Esc to go back)."""

from __future__ import annotations

from collections.abc import Callable

KeyHandler = Callable[[str], None]


class KeyRouter:
    def __init__(self) -> None:
        self._handler: KeyHandler | None = None

    def listen(self, handler: KeyHandler | None) -> None:
        """``handler`` gets Flet's key names ("Arrow Down", "Enter", "Escape"); None stops listening."""
        self._handler = handler

    def dispatch(self, key: str) -> None:
        if self._handler is not None:
            self._handler(key)
