"""What the window remembers between runs, stored with QSettings.

May import: the standard library, ``viewer``, ``viewer.core.model``, PySide6.QtCore.
Must not import: QtWidgets or other ``viewer.gui`` modules. Every key lives here, so a test
can point the whole app at a temporary INI file (``AppSettings.open(path)``) and never touch
the user's settings.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from viewer.core.model import Kind

MAX_RECENT = 10
ZOOM_LIMIT_STEPS = 20
"""Zoom steps are clamped to ``[-ZOOM_LIMIT_STEPS, ZOOM_LIMIT_STEPS]`` when read back."""

SETTINGS_ORGANIZATION = "source-compare"
SETTINGS_APPLICATION = "settings"

_GEOMETRY = "window/geometry"
_STATE = "window/state"
_SPLITTER = "window/splitter"
_RECENT = "recent/comparisons"
_RECENT_SETS = "recent/sets"
_LAST_SOURCE = "last/source"
_LAST_REWRITE = "last/rewrite"
_LAST_DIR = "dialogs/last_folder"
_ZOOM = "view/zoom"
_HIDE_IDENTICAL = "view/hide_identical"
_HIDDEN_KINDS = "view/hidden_kinds"
_SHOW_BOILERPLATE = "view/show_page_furniture"
_SHOW_TENTATIVE = "view/show_tentative"
_LINKED_SCROLLING = "view/linked_scrolling"
_MATCH_BY_MEANING = "view/match_by_meaning"
_SHOW_PUNCTUATION = "view/show_punctuation_changes"
_PAIR_SEPARATOR = "\n"  # the older form of a stored pair, "SOURCE\nREWRITE"


class AppSettings:
    """Typed access to the app's QSettings. Reads tolerate missing or mangled values."""

    def __init__(self, qsettings: QSettings):
        self._qs = qsettings

    @classmethod
    def open(cls, path: str | Path | None = None) -> AppSettings:
        """The INI file at ``path``, or the user's settings file when ``path`` is None."""
        if path is not None:
            return cls(QSettings(str(path), QSettings.Format.IniFormat))
        return cls(
            QSettings(
                QSettings.Format.IniFormat,
                QSettings.Scope.UserScope,
                SETTINGS_ORGANIZATION,
                SETTINGS_APPLICATION,
            )
        )

    def file_name(self) -> str:
        return self._qs.fileName()

    def sync(self) -> None:
        self._qs.sync()

    # -- window ------------------------------------------------------------------------------

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def geometry(self) -> QByteArray | None:
        return self._bytes(_GEOMETRY)

    def set_geometry(self, data: QByteArray) -> None:
        self._qs.setValue(_GEOMETRY, data)

    def window_state(self) -> QByteArray | None:
        return self._bytes(_STATE)

    def set_window_state(self, data: QByteArray) -> None:
        self._qs.setValue(_STATE, data)

    def splitter_state(self) -> QByteArray | None:
        return self._bytes(_SPLITTER)

    def set_splitter_state(self, data: QByteArray) -> None:
        self._qs.setValue(_SPLITTER, data)

    # -- files -------------------------------------------------------------------------------

    def recent_comparisons(self) -> list[tuple[str, str]]:
        """Most recent first: (source path, rewrite path) pairs."""
        raw = self._qs.value(_RECENT, [])
        if isinstance(raw, str):  # an INI list of one item reads back as a plain string
            raw = [raw]
        pairs: list[tuple[str, str]] = []
        for item in raw if isinstance(raw, list) else []:
            parts = _pair_from_setting(str(item))
            if parts is not None and all(parts) and parts not in pairs:
                pairs.append(parts)
        return pairs[:MAX_RECENT]

    def set_recent_comparisons(self, pairs: list[tuple[str, str]]) -> None:
        if not pairs:
            self._qs.remove(_RECENT)
            return
        self._qs.setValue(
            _RECENT,
            [_pair_setting(source, rewrite) for source, rewrite in pairs[:MAX_RECENT]],
        )

    def add_recent_comparison(self, source: str, rewrite: str) -> None:
        pairs = [pair for pair in self.recent_comparisons() if pair != (source, rewrite)]
        self.set_recent_comparisons([(source, rewrite), *pairs])

    def last_comparison(self) -> tuple[str, str] | None:
        source, rewrite = self._qs.value(_LAST_SOURCE, ""), self._qs.value(_LAST_REWRITE, "")
        if isinstance(source, str) and isinstance(rewrite, str) and source and rewrite:
            return source, rewrite
        return None

    def set_last_comparison(self, source: str, rewrite: str) -> None:
        self._qs.setValue(_LAST_SOURCE, source)
        self._qs.setValue(_LAST_REWRITE, rewrite)

    def last_folder(self) -> str:
        value = self._qs.value(_LAST_DIR, "")
        return value if isinstance(value, str) else ""

    def set_last_folder(self, folder: str) -> None:
        self._qs.setValue(_LAST_DIR, folder)

    # -- view --------------------------------------------------------------------------------

    def _bool(self, key: str, default: bool) -> bool:
        value = self._qs.value(key, default)
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            return value.strip().lower() in ("true", "1", "yes", "on")
        return default

    def zoom(self) -> int:
        value = self._qs.value(_ZOOM, 0)
        if not isinstance(value, int | float | str):
            return 0
        try:
            steps = int(value)
        except ValueError:
            return 0
        return max(-ZOOM_LIMIT_STEPS, min(ZOOM_LIMIT_STEPS, steps))

    def set_zoom(self, steps: int) -> None:
        self._qs.setValue(_ZOOM, int(steps))

    def hide_identical(self) -> bool:
        return self._bool(_HIDE_IDENTICAL, False)

    def set_hide_identical(self, on: bool) -> None:
        self._qs.setValue(_HIDE_IDENTICAL, bool(on))

    def show_boilerplate(self) -> bool:
        return self._bool(_SHOW_BOILERPLATE, True)

    def set_show_boilerplate(self, on: bool) -> None:
        self._qs.setValue(_SHOW_BOILERPLATE, bool(on))

    def hidden_kinds(self) -> frozenset[Kind]:
        """Kinds the legend hides; unknown names (from another version) are ignored."""
        value = self._qs.value(_HIDDEN_KINDS, "")
        names = value.split(",") if isinstance(value, str) else []
        known = {kind.value: kind for kind in Kind}
        return frozenset(known[name] for name in names if name in known)

    def set_hidden_kinds(self, kinds: frozenset[Kind]) -> None:
        self._qs.setValue(_HIDDEN_KINDS, ",".join(sorted(kind.value for kind in kinds)))

    def show_tentative(self) -> bool:
        return self._bool(_SHOW_TENTATIVE, True)

    def set_show_tentative(self, on: bool) -> None:
        self._qs.setValue(_SHOW_TENTATIVE, bool(on))

    def linked_scrolling(self) -> bool:
        return self._bool(_LINKED_SCROLLING, True)

    def set_linked_scrolling(self, on: bool) -> None:
        self._qs.setValue(_LINKED_SCROLLING, bool(on))

    def match_by_meaning(self) -> bool:
        """Whether to match sentences by meaning too (when the semantic extra is installed)."""
        return self._bool(_MATCH_BY_MEANING, True)

    def set_match_by_meaning(self, on: bool) -> None:
        self._qs.setValue(_MATCH_BY_MEANING, bool(on))

    def show_punctuation(self) -> bool:
        """Whether the panes draw punctuation, quote style, dash and case changes (faintly)."""
        return self._bool(_SHOW_PUNCTUATION, False)

    def set_show_punctuation(self, on: bool) -> None:
        self._qs.setValue(_SHOW_PUNCTUATION, bool(on))

    # -- sets --------------------------------------------------------------------------------

    def recent_sets(self) -> list[str]:
        """Most recent first: saved set files (source-compare-set/1)."""
        raw = self._qs.value(_RECENT_SETS, [])
        if isinstance(raw, str):  # an INI list of one item reads back as a plain string
            raw = [raw]
        paths: list[str] = []
        for item in raw if isinstance(raw, list) else []:
            if isinstance(item, str) and item and item not in paths:
                paths.append(item)
        return paths[:MAX_RECENT]

    def set_recent_sets(self, paths: list[str]) -> None:
        if not paths:
            self._qs.remove(_RECENT_SETS)
            return
        self._qs.setValue(_RECENT_SETS, list(paths[:MAX_RECENT]))

    def add_recent_set(self, path: str) -> None:
        self.set_recent_sets([path, *(p for p in self.recent_sets() if p != path)])


def _pair_setting(left: str, right: str) -> str:
    # A JSON array: a path may hold any character, line breaks included (the separator of
    # the older "LEFT\nRIGHT" form); ASCII escapes keep undecodable file names intact.
    return json.dumps([left, right], ensure_ascii=True)


def _pair_from_setting(item: str) -> tuple[str, str] | None:
    """A stored (source, rewrite) pair, in either form; None when it is neither."""
    if item.startswith("[") and _PAIR_SEPARATOR not in item:
        try:
            value = json.loads(item)
        except ValueError:
            return None
        if isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value):
            return (value[0], value[1])
        return None
    parts = item.split(_PAIR_SEPARATOR)
    return (parts[0], parts[1]) if len(parts) == 2 else None
