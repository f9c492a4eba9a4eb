"""The "source-compare/1" JSON format: a comparison written out for researchers, and read back.

May import: the standard library, ``viewer`` (for the version), ``viewer.core.model``,
``viewer.core.verdict`` (the verdict names), ``viewer.core.word_marks`` (to check word marks read
back) and ``viewer.core.export.atomic``. Must not import: Qt. ``docs/json-format.md`` is the
reference for every field; a change here that is not additive needs a new format string.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any, TextIO

import viewer
from viewer.core.export.atomic import encode_utf8, write_atomic
from viewer.core.model import (
    FACT_KINDS,
    KINDS,
    LINKED_KINDS,
    SIDES,
    WORD_MARKS,
    Block,
    Comparison,
    Document,
    FactChange,
    Kind,
    Options,
    Side,
    Span,
    Summary,
    WordMarks,
    WordRun,
)
from viewer.core.verdict import VERDICTS
from viewer.core.word_marks import carried_share, run_problem

FORMAT_ID = "source-compare/1"
SIMILARITY_DECIMALS = 4
SHARE_FIELDS = (
    "rewrite_verbatim",
    "rewrite_edited",
    "rewrite_paraphrased",
    "rewrite_partial",
    "rewrite_new",
    "source_carried",
    "source_omitted",
    "rewrite_tentative",
    "source_tentative",
)
# The summary's whole numbers: the format's key, then the ``Summary`` field that holds it. The
# format names the sides "left" and "right" (``Side.format_key``); the code says source/rewrite.
_SUMMARY_COUNT_KEYS = (
    ("left_sentences", "source_sentences"),
    ("right_sentences", "rewrite_sentences"),
)
_SUMMARY_INT_KEYS = (
    ("left_words", "source_words"),
    ("right_words", "rewrite_words"),
    ("left_boilerplate_sentences", "source_boilerplate_sentences"),
    ("right_boilerplate_sentences", "rewrite_boilerplate_sentences"),
    ("tentative_links", "tentative_links"),
)
_SOURCE_KEY, _REWRITE_KEY = Side.SOURCE.format_key, Side.REWRITE.format_key


class FormatError(ValueError):
    """A JSON object is not a valid "source-compare/1" comparison. The message says why."""


# Without ``lists`` the tuples stay: the encoder writes them as arrays all the same.


def document_to_dict(doc: Document, lists: bool = True) -> dict[str, Any]:
    """A document as a comparison's ``source`` or ``rewrite`` holds it (docs/json-format.md)."""
    out: dict[str, Any] = {
        "name": doc.name,
        "format": doc.format,
        "text": doc.text,
        "sentences": [[start, end] for start, end in doc.sentences] if lists else doc.sentences,
        "paragraphs": [[start, end] for start, end in doc.paragraphs] if lists else doc.paragraphs,
        "boilerplate": sorted(doc.boilerplate),
        "words": doc.word_count,
    }
    for key in _DOCUMENT_METADATA:  # written only when known
        value = getattr(doc, key)
        if value is not None:
            out[key] = value
    return out


_DOCUMENT_METADATA = ("title", "url", "published")


def _fact_to_dict(change: FactChange) -> dict[str, Any]:
    return {
        "kind": change.kind,
        _SOURCE_KEY: list(change.source) if change.source else None,
        _REWRITE_KEY: list(change.rewrite) if change.rewrite else None,
    }


def _block_to_dict(block: Block, lists: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": block.kind.value,
        _SOURCE_KEY: list(block.source) if lists else block.source,
        _REWRITE_KEY: list(block.rewrite) if lists else block.rewrite,
        "similarity": round(float(block.similarity), SIMILARITY_DECIMALS),
        "moved": bool(block.moved),
        "boilerplate": bool(block.boilerplate),
        "diff": [[op, text] for op, text in block.diff] if lists else block.diff,
        "words": _words_to_dict(block.words, lists),
    }
    if block.kind in LINKED_KINDS:
        out["facts"] = [_fact_to_dict(change) for change in block.facts]
    if block.meaning is not None:  # written only when the meaning channel measured it
        out["meaning"] = round(float(block.meaning), SIMILARITY_DECIMALS)
    if block.confidence is not None:
        out["confidence"] = round(float(block.confidence), SIMILARITY_DECIMALS)
    return out


def _words_to_dict(words: WordMarks | None, lists: bool) -> dict[str, Any] | None:
    if words is None:
        return None
    out: dict[str, Any] = {}
    for side in SIDES:
        runs = words.runs(side)
        # Runs are named tuples: the encoder writes them as arrays all the same.
        out[side.format_key] = [list(run) for run in runs] if lists else runs
    out["carried"] = round(float(words.carried), SIMILARITY_DECIMALS)
    return out


def _summary_to_dict(summary: Summary) -> dict[str, Any]:
    out: dict[str, Any] = {key: getattr(summary, name) for key, name in _SUMMARY_COUNT_KEYS}
    out["counts"] = {kind.value: int(summary.counts.get(kind.value, 0)) for kind in KINDS}
    for name in SHARE_FIELDS:
        out[name] = round(float(getattr(summary, name)), SIMILARITY_DECIMALS)
    for key, name in _SUMMARY_INT_KEYS:
        out[key] = int(getattr(summary, name))
    if summary.verdict:
        out["verdict"] = summary.verdict
        out["verdict_reason"] = summary.verdict_reason
    return out


def _options_to_dict(comparison: Comparison) -> dict[str, Any]:
    out: dict[str, Any] = {
        "detect_boilerplate": comparison.options.detect_boilerplate,
        "word_diff": comparison.options.word_diff,
    }
    if comparison.options.semantic:  # written only when matching by meaning was asked for
        out["semantic"] = True
        if comparison.meaning_note:
            out["meaning_note"] = comparison.meaning_note
    return out


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as plain JSON-ready data, keys in a fixed order (see docs/json-format.md)."""
    return _comparison_to_dict(comparison, lists=True)


def _comparison_to_dict(comparison: Comparison, lists: bool) -> dict[str, Any]:
    return {
        "format": FORMAT_ID,
        "generator": {"name": viewer.APP_NAME, "version": viewer.__version__},
        "options": _options_to_dict(comparison),
        _SOURCE_KEY: document_to_dict(comparison.source, lists),
        _REWRITE_KEY: document_to_dict(comparison.rewrite, lists),
        "blocks": [_block_to_dict(block, lists) for block in comparison.blocks],
        "summary": _summary_to_dict(comparison.summary),
    }


# What ``json.dumps(value, ensure_ascii=False)`` does, without setting up an encoder per call.
_encode = json.JSONEncoder(ensure_ascii=False).encode


def comparison_to_json(comparison: Comparison) -> str:
    """The comparison as JSON text: UTF-8-ready (non-ASCII kept), ending in a newline.

    One top-level key a line and one block a line, so the file reads and greps well; ``indent``
    is not used because it makes ``json`` fall back to its pure-Python encoder, several times
    slower on a book-length comparison.
    """
    lines = []
    for key, value in _comparison_to_dict(comparison, lists=False).items():
        if key == "blocks" and value:
            # All blocks in one call, then a line break after each: '}, {"' is found only
            # between two blocks, as every quote inside an encoded string is escaped.
            encoded = "[\n " + _encode(value)[1:-1].replace('}, {"', '},\n {"') + "\n]"
        else:
            encoded = _encode(value)
        lines.append(f"{json.dumps(key)}: {encoded}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def write_json(
    comparison: Comparison,
    path_or_stream: str | os.PathLike[str] | TextIO,
    protected: tuple[str | None, ...] | None = None,
) -> None:
    """Write the comparison to an open text stream, or atomically to a file (UTF-8).

    A file that is one of the compared documents is never overwritten (``ExportError``).
    """
    text = comparison_to_json(comparison)
    if hasattr(path_or_stream, "write"):
        path_or_stream.write(text)
        return
    if protected is None:
        protected = (comparison.source.path, comparison.rewrite.path)
    write_atomic(path_or_stream, encode_utf8(text, path_or_stream), protected)


# Reading back -------------------------------------------------------------------------------


def _need(mapping: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(mapping, Mapping):
        raise FormatError(f"{where} must be an object")
    if key not in mapping:
        raise FormatError(f"{where} has no {key!r}")
    value = mapping[key]
    # bool is an int in Python; a count or offset given as true/false is still wrong
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
        raise FormatError(f"{where}.{key} has the wrong type")
    return value


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _int_list(values: Any, where: str) -> tuple[int, ...]:
    if not isinstance(values, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in values
    ):
        raise FormatError(f"{where} must be a list of integers")
    return tuple(values)


def _spans(values: Any, text_length: int, where: str) -> tuple[tuple[int, int], ...]:
    if not isinstance(values, list):
        raise FormatError(f"{where} must be a list of [start, end] pairs")
    spans = []
    for i, pair in enumerate(values):
        span = _int_list(pair, f"{where}[{i}]")
        if len(span) != 2 or not 0 <= span[0] <= span[1] <= text_length:
            raise FormatError(f"{where}[{i}] is not a [start, end] range inside the text")
        spans.append((span[0], span[1]))
    return tuple(spans)


def document_from_dict(data: Any, where: str) -> Document:
    """The document ``document_to_dict`` wrote; ``FormatError`` naming ``where`` when invalid."""
    name = _need(data, "name", str, where)
    text = _need(data, "text", str, where)
    sentences = _spans(_need(data, "sentences", list, where), len(text), f"{where}.sentences")
    paragraphs = _spans(data.get("paragraphs", []), len(text), f"{where}.paragraphs")
    boilerplate = _int_list(data.get("boilerplate", []), f"{where}.boilerplate")
    if any(not 0 <= i < len(sentences) for i in boilerplate):
        raise FormatError(f"{where}.boilerplate names a sentence that does not exist")
    doc_format = data.get("format", "text")
    if not isinstance(doc_format, str):
        raise FormatError(f"{where}.format has the wrong type")
    metadata: dict[str, str | None] = {}
    for key in _DOCUMENT_METADATA:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise FormatError(f"{where}.{key} has the wrong type")
        metadata[key] = value
    return Document(
        name=name,
        text=text,
        sentences=sentences,
        paragraphs=paragraphs,
        boilerplate=frozenset(boilerplate),
        format=doc_format,
        path=None,
        title=metadata.get("title"),
        url=metadata.get("url"),
        published=metadata.get("published"),
    )


def _block_from_dict(data: Any, where: str, source: Document, rewrite: Document) -> Block:
    kind_name = _need(data, "kind", str, where)
    try:
        kind = Kind(kind_name)
    except ValueError:
        raise FormatError(
            f"{where}.kind {kind_name!r} is not one of " + ", ".join(k.value for k in KINDS)
        ) from None
    ids: dict[Side, tuple[int, ...]] = {}
    for side, doc in ((Side.SOURCE, source), (Side.REWRITE, rewrite)):
        key = side.format_key
        ids[side] = _int_list(_need(data, key, list, where), f"{where}.{key}")
        if any(not 0 <= i < len(doc.sentences) for i in ids[side]):
            raise FormatError(f"{where}.{key} names a sentence that does not exist")
    diff = []
    for i, op in enumerate(data.get("diff", [])):
        if (
            not isinstance(op, list)
            or len(op) != 2
            or op[0] not in (-1, 0, 1)
            or isinstance(op[0], bool)
            or not isinstance(op[1], str)
        ):
            raise FormatError(f"{where}.diff[{i}] must be [-1|0|1, text]")
        diff.append((op[0], op[1]))
    facts = _facts_from_list(data.get("facts", []), f"{where}.facts", source, rewrite)
    if facts and kind not in LINKED_KINDS:
        raise FormatError(f"{where} is {kind.value} but has fact changes")
    similarity = _need(data, "similarity", (int, float), where) if "similarity" in data else 0.0
    confidence = None
    if "confidence" in data:
        confidence = float(_need(data, "confidence", (int, float), where))
        if not 0.0 <= confidence <= 1.0:
            raise FormatError(f"{where}.confidence must be between 0 and 1")
        if not (ids[Side.SOURCE] and ids[Side.REWRITE]):
            raise FormatError(f"{where}.confidence is given for a block that links nothing")
    moved = data.get("moved", False)
    boilerplate = data.get("boilerplate", False)
    if not isinstance(moved, bool) or not isinstance(boilerplate, bool):
        raise FormatError(f"{where}.moved and .boilerplate must be true or false")
    meaning = data.get("meaning")
    if meaning is not None and (
        isinstance(meaning, bool) or not isinstance(meaning, int | float) or not -1 <= meaning <= 1
    ):
        raise FormatError(f"{where}.meaning must be a number from -1 to 1")
    words = None
    if data.get("words") is not None:
        words = _words_from_dict(data["words"], ids, source, rewrite, f"{where}.words")
    return Block(
        kind=kind,
        source=ids[Side.SOURCE],
        rewrite=ids[Side.REWRITE],
        similarity=float(similarity),
        moved=moved,
        diff=tuple(diff),
        boilerplate=boilerplate,
        meaning=None if meaning is None else float(meaning),
        words=words,
        confidence=confidence,
        facts=facts,
    )


def _words_from_dict(
    data: Any, ids: dict[Side, tuple[int, ...]], source: Document, rewrite: Document, where: str
) -> WordMarks:
    if not ids[Side.SOURCE] or not ids[Side.REWRITE]:
        raise FormatError(f"{where} is only for blocks with sentences on both sides")
    docs = {Side.SOURCE: source, Side.REWRITE: rewrite}
    runs = {side: _runs_from_list(data, side, docs[side], ids[side], where) for side in SIDES}
    groups = [
        {(run.mark, run.group) for run in runs[side] if run.group is not None} for side in SIDES
    ]
    if groups[0] != groups[1]:
        raise FormatError(f"{where}: a moved or replaced run has no partner run of its group")
    if "carried" in data:
        carried = data["carried"]
        if (
            not isinstance(carried, (int, float))
            or isinstance(carried, bool)
            or not 0 <= carried <= 1
        ):
            raise FormatError(f"{where}.carried must be a number from 0 to 1")
    else:
        spans = {side: [docs[side].sentences[i] for i in ids[side]] for side in SIDES}
        carried = carried_share(
            source.text,
            spans[Side.SOURCE],
            runs[Side.SOURCE],
            rewrite.text,
            spans[Side.REWRITE],
            runs[Side.REWRITE],
        )
    return WordMarks(runs[Side.SOURCE], runs[Side.REWRITE], float(carried))


def _runs_from_list(
    data: Any, side: Side, doc: Document, indices: tuple[int, ...], where: str
) -> tuple[WordRun, ...]:
    key = side.format_key
    values = _need(data, key, list, where)
    runs = []
    for i, value in enumerate(values):
        if (
            not isinstance(value, list)
            or len(value) != 4
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value[:2])
            or value[2] not in WORD_MARKS
            or not (
                value[3] is None or (isinstance(value[3], int) and not isinstance(value[3], bool))
            )
        ):
            raise FormatError(
                f"{where}.{key}[{i}] must be [start, end, mark, group], the mark one of "
                + ", ".join(WORD_MARKS)
            )
        runs.append(WordRun(value[0], value[1], value[2], value[3]))
    problem = run_problem(doc.text, [doc.sentences[i] for i in indices], runs)
    if problem:
        raise FormatError(f"{where}.{key}: {problem}")
    return tuple(runs)


def _facts_from_list(
    values: Any, where: str, source: Document, rewrite: Document
) -> tuple[FactChange, ...]:
    if not isinstance(values, list):
        raise FormatError(f"{where} must be a list")
    facts = []
    for i, item in enumerate(values):
        place = f"{where}[{i}]"
        kind = _need(item, "kind", str, place)
        if kind not in FACT_KINDS:
            raise FormatError(f"{place}.kind {kind!r} is not one of " + ", ".join(FACT_KINDS))
        spans: list[Span | None] = []
        for side in SIDES:
            key = side.format_key
            doc = source if side is Side.SOURCE else rewrite
            value = item.get(key)
            if value is None:
                spans.append(None)
                continue
            span = _int_list(value, f"{place}.{key}")
            if len(span) != 2 or not 0 <= span[0] <= span[1] <= len(doc.text):
                raise FormatError(f"{place}.{key} is not a [start, end] range inside the text")
            spans.append((span[0], span[1]))
        if spans[0] is None and spans[1] is None:
            raise FormatError(f"{place} has neither a left nor a right range")
        facts.append(FactChange(kind, spans[0], spans[1]))
    return tuple(facts)


def _summary_from_dict(data: Any, source: Document, rewrite: Document) -> Summary:
    counts_in = _need(data, "counts", Mapping, "summary")
    counts = {kind.value: int(counts_in.get(kind.value, 0)) for kind in KINDS}
    extra: dict[str, Any] = {}
    for name in SHARE_FIELDS:
        value = data.get(name, 0.0)
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise FormatError(f"summary.{name} must be a number")
        extra[name] = float(value)
    for key, name in _SUMMARY_INT_KEYS:
        value = data.get(key, 0)
        if not isinstance(value, int) or isinstance(value, bool):
            raise FormatError(f"summary.{key} must be an integer")
        extra[name] = value
    verdict = data.get("verdict", "")
    if verdict and verdict not in VERDICTS:
        raise FormatError(f"summary.verdict {verdict!r} is not one of " + ", ".join(VERDICTS))
    reason = data.get("verdict_reason", "")
    if not isinstance(reason, str):
        raise FormatError("summary.verdict_reason must be a string")
    extra["verdict"], extra["verdict_reason"] = verdict, reason
    for (key, name), doc in zip(_SUMMARY_COUNT_KEYS, (source, rewrite), strict=True):
        extra[name] = int(data.get(key, len(doc.sentences)))
    return Summary(counts=counts, **extra)


def _check_coverage(blocks: tuple[Block, ...], doc: Document, side: Side) -> None:
    seen = [0] * len(doc.sentences)
    for block in blocks:
        for i in block.sentences(side):
            seen[i] += 1
    for i, times in enumerate(seen):
        if times != 1:
            raise FormatError(
                f"{side.format_key} sentence {i} is in {times} blocks; it must be in exactly one"
            )


def comparison_from_dict(data: Any) -> Comparison:
    """Rebuild a ``Comparison`` from a "source-compare/1" object; ``FormatError`` if invalid.

    Unknown keys are ignored, so files from newer versions of the same format still open.
    """
    if not isinstance(data, Mapping):
        raise FormatError("the file does not hold a JSON object")
    found = data.get("format")
    if found != FORMAT_ID:
        raise FormatError(f"not a {FORMAT_ID} file (its format is {found!r})")
    source = document_from_dict(data.get(_SOURCE_KEY), _SOURCE_KEY)
    rewrite = document_from_dict(data.get(_REWRITE_KEY), _REWRITE_KEY)
    blocks_in = _need(data, "blocks", list, "the file")
    blocks = tuple(
        _block_from_dict(b, f"blocks[{i}]", source, rewrite) for i, b in enumerate(blocks_in)
    )
    _check_coverage(blocks, source, Side.SOURCE)
    _check_coverage(blocks, rewrite, Side.REWRITE)
    summary = _summary_from_dict(data.get("summary", {"counts": {}}), source, rewrite)
    options_in = data.get("options")
    if not isinstance(options_in, Mapping):
        options_in = {}
    options = Options(
        detect_boilerplate=bool(options_in.get("detect_boilerplate", True)),
        word_diff=bool(options_in.get("word_diff", True)),
        semantic=bool(options_in.get("semantic", False)),
    )
    note = options_in.get("meaning_note", "")
    return Comparison(
        source=source,
        rewrite=rewrite,
        blocks=blocks,
        summary=summary,
        options=options,
        meaning_note=note if isinstance(note, str) else "",
    )


def load_json(path_or_stream: str | os.PathLike[str] | TextIO) -> Any:
    """The JSON value in a file or stream (UTF-8, a byte-order mark allowed); ``FormatError``
    when it is not JSON or not UTF-8."""
    try:
        if isinstance(path_or_stream, str | os.PathLike):
            with open(path_or_stream, encoding="utf-8-sig") as handle:
                return json.load(handle)
        return json.load(path_or_stream)
    except json.JSONDecodeError as exc:
        raise FormatError(f"not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except UnicodeDecodeError:
        raise FormatError("not UTF-8 text") from None


def read_json(path_or_stream: str | os.PathLike[str] | TextIO) -> Comparison:
    """Read a "source-compare/1" file; ``FormatError`` when it is not valid JSON of that format."""
    return comparison_from_dict(load_json(path_or_stream))


__all__ = [
    "FORMAT_ID",
    "FormatError",
    "comparison_from_dict",
    "comparison_to_dict",
    "comparison_to_json",
    "document_from_dict",
    "document_to_dict",
    "read_json",
    "write_json",
]
