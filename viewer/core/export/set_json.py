"""The "source-compare-set/1" JSON format: a set of pair comparisons around one text, and read back.

May import: the standard library, ``viewer`` (for the version), ``viewer.core.model``,
``viewer.core.outlets``, ``viewer.core.attribution``, ``viewer.core.export.json_format`` and
``viewer.core.export.atomic``. Must not import: Qt.

The container holds complete, unchanged "source-compare/1" comparisons (``comparisons``) and
set-level figures that are recomputed from them when the file is read (``sentences``,
``matrix``, ``attribution``); a file whose figures disagree with its comparisons is refused.
A set saved from the window also keeps the outlets the user left out (``excluded``: each with
its text, so it can be taken back in and compared later).
``docs/set-format.md`` is the reference for every field.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TextIO

import viewer
from viewer.core.attribution import NEAR_TIE_SIMILARITY, Attribution, credit_sentences
from viewer.core.export.atomic import encode_utf8, write_atomic
from viewer.core.export.json_format import (
    FormatError,
    comparison_from_dict,
    comparison_to_dict,
    comparison_to_json,
    document_from_dict,
    document_to_dict,
    load_json,
)
from viewer.core.model import LINKED_KINDS, Document
from viewer.core.outlets import (
    Cell,
    OutletSet,
    group_outlets,
    parse_date,
    set_from_comparisons,
    spoke_key,
)

SET_FORMAT_ID = "source-compare-set/1"
DECIMALS = 4
ROLES = {"left": "outlets", "right": "attribution"}  # hub side -> role


@dataclass(frozen=True)
class ExcludedOutlet:
    """An outlet the user left out of the set: not compared, kept to be taken back in."""

    document: Document
    date: str | None = None


@dataclass(frozen=True)
class SetFile:
    """What a set file holds: the set, its attribution when it was made by ``attribute``, and
    the outlets left out of it (in the canonical order of outlets: name, text, date)."""

    outlet_set: OutletSet
    attribution: Attribution | None = None
    excluded: tuple[ExcludedOutlet, ...] = ()

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.excluded, key=lambda e: spoke_key(e.document, e.date)))
        object.__setattr__(self, "excluded", ordered)


def excluded_to_list(excluded: tuple[ExcludedOutlet, ...]) -> list[dict[str, Any]]:
    """The left-out outlets as the file holds them: name, date and the whole document."""
    return [
        {"name": e.document.name, "date": e.date, "document": document_to_dict(e.document)}
        for e in excluded
    ]


def _cell_to_dict(outlet: int, cell: Cell) -> dict[str, Any]:
    return {
        "outlet": outlet,
        "kind": cell.kind.value,
        "similarity": round(float(cell.similarity), DECIMALS),
        "moved": cell.moved,
        "partner": list(cell.partner),
        "block": cell.block,
        "facts": list(cell.facts),
    }


def sentences_to_list(outlet_set: OutletSet) -> list[dict[str, Any]]:
    """Per hub sentence: how many outlets reused it, split by kind, and each outlet's cell."""
    out = []
    for row in outlet_set.sentences:
        counts = row.counts_by_kind()
        out.append(
            {
                "sentence": row.sentence,
                "boilerplate": row.boilerplate,
                "reused_by": row.count,
                "of": row.spokes,
                "kinds": {kind.value: counts[kind] for kind in LINKED_KINDS},
                "moved": row.moved,
                "fact_changes": row.fact_changes,
                "outlets": [_cell_to_dict(r.outlet, r.cell) for r in row.reuses],
            }
        )
    return out


def matrix_to_dict(outlet_set: OutletSet) -> dict[str, Any]:
    """The strips (one letter per hub sentence), each outlet's reused share, and the grouping."""
    grouping = group_outlets(outlet_set)
    count = len(outlet_set.comparisons)
    return {
        "legend": "V verbatim, E lightly edited, P paraphrased, R partly reused; lower case: "
        "moved; ! a fact changed; . not reused; blank: page furniture",
        "strips": [outlet_set.strip_text(k) for k in range(count)],
        "reused_share": [round(outlet_set.reused_share(k), DECIMALS) for k in range(count)],
        "grouped_order": list(grouping.order),
        "groups": [list(group) for group in grouping.groups],
    }


def attribution_to_dict(attribution: Attribution) -> dict[str, Any]:
    credits = []
    for credit in attribution.credits:
        cell = credit.reuse.cell if credit.reuse is not None else None
        credits.append(
            {
                "sentence": credit.sentence,
                "source": credit.source,
                "reason": credit.reason,
                "kind": cell.kind.value if cell else None,
                "similarity": round(float(cell.similarity), DECIMALS) if cell else None,
                "also_in": [
                    {
                        "source": r.outlet,
                        "kind": r.cell.kind.value,
                        "similarity": round(float(r.cell.similarity), DECIMALS),
                    }
                    for r in credit.also_in
                ],
            }
        )
    return {
        "primary": attribution.primary,
        "near_tie_similarity": attribution.near_tie,
        "credits": credits,
        "sources": [
            {
                "source": s.source,
                "sentences": s.sentences,
                "words": s.words,
                "share": round(s.share, DECIMALS),
                "also_matches": s.also_matches,
            }
            for s in attribution.sources
        ],
        "unattributed_share": round(attribution.unattributed_share, DECIMALS),
    }


def _aggregates(outlet_set: OutletSet, attribution: Attribution | None) -> dict[str, Any]:
    return {
        "sentences": sentences_to_list(outlet_set),
        "matrix": matrix_to_dict(outlet_set),
        "attribution": attribution_to_dict(attribution) if attribution is not None else None,
    }


def _head(outlet_set: OutletSet) -> dict[str, Any]:
    hub = outlet_set.hub
    return {
        "format": SET_FORMAT_ID,
        "generator": {"name": viewer.APP_NAME, "version": viewer.__version__},
        "role": ROLES[outlet_set.hub_side],
        "hub": {
            "side": outlet_set.hub_side,
            "name": hub.name,
            "sentences": len(hub.sentences),
            "words": hub.word_count,
        },
        "outlets": [
            {"name": doc.name, "date": date}
            for doc, date in zip(outlet_set.spokes, outlet_set.dates, strict=True)
        ],
    }


def _unpack(item: OutletSet | Attribution | SetFile) -> SetFile:
    if isinstance(item, SetFile):
        return item
    if isinstance(item, Attribution):
        return SetFile(item.outlet_set, item)
    return SetFile(item)


def set_to_dict(item: OutletSet | Attribution | SetFile) -> dict[str, Any]:
    """The set as plain JSON-ready data, keys in a fixed order (see docs/set-format.md)."""
    chosen = _unpack(item)
    out = _head(chosen.outlet_set)
    out["comparisons"] = [comparison_to_dict(c) for c in chosen.outlet_set.comparisons]
    out.update(_aggregates(chosen.outlet_set, chosen.attribution))
    if chosen.excluded:  # written only when an outlet was left out, so older files read alike
        out["excluded"] = excluded_to_list(chosen.excluded)
    return out


_encode = json.JSONEncoder(ensure_ascii=False).encode


def set_to_json(item: OutletSet | Attribution | SetFile) -> str:
    """The set as JSON text ending in a newline: one top-level key a line, and one comparison,
    sentence or credit a line inside the long lists, so the file reads and greps well."""
    chosen = _unpack(item)
    head = _head(chosen.outlet_set)
    lines = [f"{json.dumps(key)}: {_encode(value)}" for key, value in head.items()]
    comparisons = [
        "  " + comparison_to_json(c).rstrip("\n").replace("\n", "\n  ")
        for c in chosen.outlet_set.comparisons
    ]
    lines.append('"comparisons": [\n' + ",\n".join(comparisons) + "\n]")
    for key, value in _aggregates(chosen.outlet_set, chosen.attribution).items():
        if key == "sentences":
            lines.append(f'"{key}": [\n' + ",\n".join(" " + _encode(v) for v in value) + "\n]")
        else:
            lines.append(f"{json.dumps(key)}: {_encode(value)}")
    if chosen.excluded:
        entries = ",\n".join(" " + _encode(e) for e in excluded_to_list(chosen.excluded))
        lines.append('"excluded": [\n' + entries + "\n]")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def write_set_json(
    item: OutletSet | Attribution | SetFile,
    path_or_stream: str | os.PathLike[str] | TextIO,
    protected: tuple[str | None, ...] | None = None,
) -> None:
    """Write the set to an open text stream, or atomically to a file (UTF-8), never over one of
    the compared documents (``ExportError``)."""
    chosen = _unpack(item)
    text = set_to_json(chosen)
    if hasattr(path_or_stream, "write"):
        path_or_stream.write(text)
        return
    if protected is None:
        outlet_set = chosen.outlet_set
        left_out = (e.document.path for e in chosen.excluded)
        protected = (outlet_set.hub.path, *(d.path for d in outlet_set.spokes), *left_out)
    write_atomic(path_or_stream, encode_utf8(text, path_or_stream), protected)


# Reading back -------------------------------------------------------------------------------


def set_from_dict(data: Any) -> SetFile:
    """Rebuild a set from a "source-compare-set/1" object; ``FormatError`` when it is invalid,
    including when its ``sentences``, ``matrix`` or ``attribution`` disagree with its
    comparisons. Unknown keys are ignored."""
    if not isinstance(data, Mapping):
        raise FormatError("the file does not hold a JSON object")
    found = data.get("format")
    if found != SET_FORMAT_ID:
        raise FormatError(f"not a {SET_FORMAT_ID} file (its format is {found!r})")
    hub = data.get("hub")
    side = hub.get("side") if isinstance(hub, Mapping) else None
    if side not in ROLES:
        raise FormatError('hub.side must be "left" or "right"')
    comparisons_in = data.get("comparisons")
    if not isinstance(comparisons_in, list) or not comparisons_in:
        raise FormatError("comparisons must be a non-empty list")
    comparisons = []
    for k, item in enumerate(comparisons_in):
        try:
            comparisons.append(comparison_from_dict(item))
        except FormatError as exc:
            raise FormatError(f"comparisons[{k}]: {exc}") from None
    outlets = data.get("outlets")
    if not isinstance(outlets, list) or len(outlets) != len(comparisons):
        raise FormatError("outlets must list one entry per comparison")
    dates: list[str | None] = []
    for k, entry in enumerate(outlets):
        date = entry.get("date") if isinstance(entry, Mapping) else None
        if date is not None:
            if not isinstance(date, str):
                raise FormatError(f"outlets[{k}].date must be a date string or null")
            try:
                date = parse_date(date)
            except ValueError as exc:
                raise FormatError(f"outlets[{k}].date: {exc}") from None
        dates.append(date)
    try:
        outlet_set = set_from_comparisons(comparisons, side, dates)
    except ValueError as exc:
        raise FormatError(str(exc)) from None
    attribution = None
    stored = data.get("attribution")
    if side == "right":
        primary = stored.get("primary") if isinstance(stored, Mapping) else None
        if primary is not None and (
            not isinstance(primary, int) or not 0 <= primary < len(comparisons)
        ):
            raise FormatError("attribution.primary must name one of the outlets")
        near_tie = stored.get("near_tie_similarity") if isinstance(stored, Mapping) else None
        if near_tie is None:
            near_tie = NEAR_TIE_SIMILARITY
        if not isinstance(near_tie, int | float) or isinstance(near_tie, bool):
            raise FormatError("attribution.near_tie_similarity must be a number")
        attribution = credit_sentences(outlet_set, primary, float(near_tie))
    elif stored is not None:
        raise FormatError("attribution is only for a set around an article (hub side right)")
    chosen = SetFile(outlet_set, attribution, _excluded_from(data.get("excluded"), outlet_set))
    # The comparisons are stored in canonical order; a file in another order was edited by hand
    # and its indices in the figures would not mean what they say.
    if [c.rewrite.name if side == "left" else c.source.name for c in comparisons] != [
        d.name for d in outlet_set.spokes
    ]:
        raise FormatError("comparisons are not in the set's order (by name, then text, then date)")
    for key, value in _aggregates(outlet_set, attribution).items():
        if key in data and json.loads(_encode(data[key])) != json.loads(_encode(value)):
            raise FormatError(f"{key} does not match the comparisons")
    return chosen


def _excluded_from(data: Any, outlet_set: OutletSet) -> tuple[ExcludedOutlet, ...]:
    """The ``excluded`` list read and checked: absent or empty when nothing was left out; no
    entry may be the hub, a compared outlet or another entry (same name and text)."""
    if data is None:
        return ()
    if not isinstance(data, list):
        raise FormatError("excluded must be a list")
    taken = {(d.name, d.text) for d in (outlet_set.hub, *outlet_set.spokes)}
    out = []
    for k, entry in enumerate(data):
        where = f"excluded[{k}]"
        if not isinstance(entry, Mapping):
            raise FormatError(f"{where} must be an object")
        document = document_from_dict(entry.get("document"), f"{where}.document")
        if entry.get("name", document.name) != document.name:
            raise FormatError(f"{where}.name is not the name of its document")
        date = entry.get("date")
        if date is not None:
            if not isinstance(date, str):
                raise FormatError(f"{where}.date must be a date string or null")
            try:
                date = parse_date(date)
            except ValueError as exc:
                raise FormatError(f"{where}.date: {exc}") from None
        if (document.name, document.text) in taken:
            raise FormatError(f"{where} ({document.name}) is also in the set")
        taken.add((document.name, document.text))
        out.append(ExcludedOutlet(document, date))
    return tuple(out)


def read_set_json(path_or_stream: str | os.PathLike[str] | TextIO) -> SetFile:
    """Read a "source-compare-set/1" file; ``FormatError`` when it is not a valid one."""
    return set_from_dict(load_json(path_or_stream))


__all__ = [
    "SET_FORMAT_ID",
    "ExcludedOutlet",
    "SetFile",
    "attribution_to_dict",
    "excluded_to_list",
    "matrix_to_dict",
    "read_set_json",
    "sentences_to_list",
    "set_from_dict",
    "set_to_dict",
    "set_to_json",
    "write_set_json",
]
