"""Back and forward after a jump: where the reader was before F7, a click on a partner, a find
or a click on a ruler took them elsewhere.

May import: the standard library and ``viewer.core``. Must not import: Qt or other ``viewer.gui``
modules; the history is plain state a test drives without a window, and the view turns places
into scroll positions.

A place is the selected block and the first sentence on screen in each pane, as document
sentence indices, so a place stays valid when a filter hides or shows sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

from viewer.core.model import Side

MAX_PLACES = 100
"""Older places are forgotten beyond this many in either direction."""


@dataclass(frozen=True)
class Place:
    """Where the reader is: the selected block (None when none) and the top sentence of each
    pane (None when that pane shows nothing)."""

    selected: int | None
    source_top: int | None
    rewrite_top: int | None
    active: Side = Side.REWRITE

    def top(self, side: Side) -> int | None:
        return self.source_top if side is Side.SOURCE else self.rewrite_top


class JumpHistory:
    """Places left by jumps, like a browser's: a new jump clears what lay ahead."""

    def __init__(self) -> None:
        self._back: list[Place] = []
        self._forward: list[Place] = []

    def record(self, left: Place) -> None:
        """A jump is about to leave ``left``."""
        if self._back and self._back[-1] == left:
            return
        self._back.append(left)
        del self._back[:-MAX_PLACES]
        self._forward.clear()

    def back(self, current: Place) -> Place | None:
        """The place before ``current`` (which becomes the way forward); None at the start."""
        if not self._back:
            return None
        self._forward.append(current)
        del self._forward[:-MAX_PLACES]
        return self._back.pop()

    def forward(self, current: Place) -> Place | None:
        """The place ``back`` left (``current`` becomes the way back); None at the end."""
        if not self._forward:
            return None
        self._back.append(current)
        return self._forward.pop()

    def can_go_back(self) -> bool:
        return bool(self._back)

    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def clear(self) -> None:
        self._back.clear()
        self._forward.clear()
