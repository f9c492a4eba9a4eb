"""One set the user works on: a source, many outlets, and the run that compares them.

May import: the standard library and ``viewer.core`` (with ``viewer.core.outlets`` and its
set exporters). Must not import: Qt, widgets or the worker; a session is plain state that a
test drives without a window.

It stands beside the comparison session of a single pair: the window turns user intent (add
outlets, drop a folder, remove or exclude one, make one the source, open a saved set) into calls
here, sends ``request()`` to the set worker with the token it gives back, and passes on what the
worker answers. An answer for a request since replaced changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from viewer.core import SUPPORTED_EXTENSIONS, Document, Options
from viewer.core.attribution import Attribution
from viewer.core.export.set_json import ExcludedOutlet, SetFile
from viewer.core.outlets import OutletSet, parse_date, set_from_comparisons


@dataclass(frozen=True)
class SetItem:
    """A document of the set: a file to load, or one already loaded (or read from a set file)."""

    path: str | None = None
    document: Document | None = None
    date: str | None = None

    @property
    def name(self) -> str:
        if self.document is not None:
            return self.document.name
        return Path(self.path).name if self.path else "document"

    def same_as(self, other: SetItem) -> bool:
        if self.path and other.path:
            return Path(self.path).resolve() == Path(other.path).resolve()
        if self.document is not None and other.document is not None:
            return (self.document.name, self.document.text) == (
                other.document.name,
                other.document.text,
            )
        return False

    def same_as_path(self, other: SetItem) -> bool:
        """Whether this item (loaded from a path) is the one ``other`` asked for."""
        return bool(self.path and other.path and Path(self.path) == Path(other.path))


@dataclass(frozen=True)
class SetRequest:
    """What the worker needs: load what is not loaded, then compare every outlet with the source.

    With ``attribute`` the source is an article and the outlets its candidate sources, compared
    the other way round, and each article sentence is credited (``primary``: the index of the
    pinned source among ``outlets``).
    """

    source: SetItem
    outlets: tuple[SetItem, ...]
    options: Options = field(default_factory=Options)
    attribute: bool = False
    primary: int | None = None


@dataclass(frozen=True)
class SetResult:
    """A request's answer: the set (None when nothing could be compared) and the problems met
    ("file: problem", one per input that could not be read)."""

    token: int
    outlet_set: OutletSet | None
    problems: tuple[str, ...] = ()
    loaded: tuple[SetItem, ...] = ()  # every input that loaded, with its document
    attribution: Attribution | None = None


def files_in(paths: list[str]) -> list[str]:
    """Dropped or chosen paths with each folder replaced by its article files (sorted; hidden
    files and other extensions left out)."""
    out: list[str] = []
    for path in paths:
        folder = Path(path)
        if folder.is_dir():
            out.extend(
                str(entry)
                for entry in sorted(folder.iterdir())
                if entry.is_file()
                and not entry.name.startswith(".")
                and entry.suffix.lower() in SUPPORTED_EXTENSIONS
            )
        else:
            out.append(path)
    return out


class SetSession:
    """A source and its outlets, what is shown, and the request in flight."""

    def __init__(self, options: Options | None = None):
        self._options = options or Options()
        self.source: SetItem | None = None
        self.outlets: list[SetItem] = []
        self.excluded: list[SetItem] = []  # left out of the next request, kept in the list
        self._shown: OutletSet | None = None
        self._token = 0
        self._pending: SetRequest | None = None
        self.problems: tuple[str, ...] = ()
        self.saved_path: str | None = None
        self.attribute = False  # the source is an article to credit among the outlets
        self.primary: str | None = None  # the name of the pinned source, in attribution
        self._attribution: Attribution | None = None

    # -- what to compare ---------------------------------------------------------------------

    def set_source(self, path: str) -> None:
        self.source = SetItem(path=path)
        self.outlets = [o for o in self.outlets if not o.same_as(self.source)]

    def add_outlets(self, paths: list[str]) -> int:
        """Add files (and the files of folders); returns how many were new. The source and
        files already in the set are not added twice."""
        added = 0
        for path in files_in(paths):
            item = SetItem(path=path)
            if self.source is not None and item.same_as(self.source):
                continue
            if any(item.same_as(o) for o in self.outlets):
                continue
            self.outlets.append(item)
            added += 1
        return added

    def remove_outlet(self, name: str) -> bool:
        kept = [o for o in self.outlets if o.name != name]
        removed = len(kept) != len(self.outlets)
        self.outlets = kept
        self.excluded = [o for o in self.excluded if o.name != name]
        return removed

    def set_excluded(self, name: str, excluded: bool) -> None:
        """Leave the outlet named ``name`` out of the next run (or take it back in)."""
        self.excluded = [o for o in self.excluded if o.name != name]
        if excluded:
            self.excluded.extend(o for o in self.outlets if o.name == name)

    def is_excluded(self, name: str) -> bool:
        return any(o.name == name for o in self.excluded)

    def set_file(self) -> SetFile | None:
        """What saving the set writes: the set on screen, its credits, and the outlets left out
        of it that were read (an outlet never read has no text to keep). An outlet left out
        while its set is still on screen is saved as on screen, compared."""
        shown = self._shown
        if shown is None:
            return None
        on_screen = {(d.name, d.text) for d in (shown.hub, *shown.spokes)}
        left_out = tuple(
            ExcludedOutlet(o.document, o.date)
            for o in self.outlets
            if self.is_excluded(o.name)
            and o.document is not None
            and (o.document.name, o.document.text) not in on_screen
        )
        return SetFile(shown, self._attribution, left_out)

    def make_source(self, name: str) -> bool:
        """The outlet named ``name`` becomes the source and the source an outlet: the star is
        re-run around it (did B copy A rather than the wire?)."""
        chosen = next((o for o in self.outlets if o.name == name), None)
        if chosen is None or self.source is None:
            return False
        self.outlets = [o for o in self.outlets if o is not chosen] + [self.source]
        self.source = chosen
        return True

    def open_file(self, stored: SetFile, path: str) -> None:
        """Take a saved set as the inputs and as what is shown (nothing to recompute); the
        outlets it left out stay left out, ready to be taken back in."""
        outlet_set = stored.outlet_set
        hub = outlet_set.hub
        self.source = SetItem(document=hub)
        self.outlets = [
            SetItem(document=doc, date=date)
            for doc, date in zip(outlet_set.spokes, outlet_set.dates, strict=True)
        ]
        self.excluded = [SetItem(document=e.document, date=e.date) for e in stored.excluded]
        self.outlets.extend(self.excluded)
        self._shown = outlet_set
        self._attribution = stored.attribution
        self.attribute = stored.attribution is not None
        primary = stored.attribution.primary if stored.attribution is not None else None
        self.primary = outlet_set.spoke(primary).name if primary is not None else None
        self._pending = None
        self.problems = ()
        self.saved_path = path

    def set_date(self, name: str, text: str) -> None:
        """Give the outlet named ``name`` a date (ISO, as typed; empty clears it). The set on
        screen takes it at once: dates change the order of near-ties, not the comparisons.
        ``ValueError`` when ``text`` is not a date."""
        date = parse_date(text) if text.strip() else None
        self.outlets = [replace(o, date=date) if o.name == name else o for o in self.outlets]
        shown = self._shown
        if shown is not None:
            dates = [
                date if doc.name == name else old
                for doc, old in zip(shown.spokes, shown.dates, strict=True)
            ]
            self._shown = set_from_comparisons(shown.comparisons, shown.hub_side, dates)

    def ready(self) -> bool:
        return self.source is not None and any(not self.is_excluded(o.name) for o in self.outlets)

    def request(self) -> SetRequest:
        if self.source is None:
            raise ValueError("the set has no source yet")
        included = tuple(o for o in self.outlets if not self.is_excluded(o.name))
        primary = next((k for k, o in enumerate(included) if o.name == self.primary), None)
        return SetRequest(self.source, included, self._options, self.attribute, primary)

    # -- runs --------------------------------------------------------------------------------

    def started(self, request: SetRequest, token: int) -> None:
        self._pending = request
        self._token = token

    @property
    def token(self) -> int:
        return self._token

    @property
    def pending(self) -> SetRequest | None:
        return self._pending

    def is_current(self, token: int) -> bool:
        return token == self._token

    def on_finished(self, result: SetResult) -> bool:
        """Take the current request's answer; False (nothing changes) for a stale one."""
        if not self.is_current(result.token):
            return False
        self._pending = None
        self.problems = result.problems
        # loaded documents replace their paths, so a later run does not read them again
        for item in result.loaded:
            if self.source is not None and item.same_as_path(self.source):
                self.source = item
            self.outlets = [item if item.same_as_path(o) else o for o in self.outlets]
        if result.outlet_set is not None:
            self._shown = result.outlet_set
            self._attribution = result.attribution
        return True

    def on_ended(self, token: int) -> bool:
        """The current request failed or was cancelled: what is shown stays."""
        if not self.is_current(token):
            return False
        self._pending = None
        return True

    # -- what is shown -----------------------------------------------------------------------

    @property
    def outlet_set(self) -> OutletSet | None:
        return self._shown

    @property
    def attribution(self) -> Attribution | None:
        """The credits on screen, when the set is an attribution."""
        return self._attribution

    def start_attribution(self, article: str, sources: list[str]) -> None:
        """Start over: ``article`` to credit among ``sources``."""
        self.attribute = True
        self.primary = None
        self.excluded = []
        self.outlets = []
        self._shown = None
        self._attribution = None
        self.set_source(article)
        self.add_outlets(sources)

    def set_primary(self, name: str | None) -> None:
        """Pin the source named ``name`` (None: none) for the next run."""
        self.primary = name


__all__ = ["SetItem", "SetRequest", "SetResult", "SetSession", "files_in"]
