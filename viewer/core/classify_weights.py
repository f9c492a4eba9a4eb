"""The word-weight table of the "same meaning" model: its file format, and the shipped one.

May import: the standard library. Must not import: Qt, or any other ``viewer`` module (the
calibration script writes with these functions what ``classify.py`` reads with them).

The model's trees and linear weights are generated code (``classify_model.py``): straight-line
Python runs them fastest. Its per-word table (tens of thousands of words) is data: package data
under ``viewer/core/fitted/``, next to this module in a source tree, an installed wheel and a
frozen bundle alike, so it is found relative to this package and needs no search.

- ``word_weights.tsv``: a header line, then one line per word, sorted: the word, its weight when
  found on one side of a pair only, its weight when found on both ('' when never seen so), and
  its inverse document frequency over the corpus's sentences.
- ``manifest.json``: what the table belongs to: the format version this module reads, the
  model's feature names (in ``classify.FEATURE_NAMES`` order), the IDF of a word never seen,
  the table's word count and SHA-256, and how and on what the model was fitted.

Both are read once, on first use: the command line and the window start without them.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

FORMAT_VERSION = 1
FITTED_DIR = "fitted"
MANIFEST_FILE = "manifest.json"
TABLE_FILE = "word_weights.tsv"
TABLE_COLUMNS = ("word", "one_sided", "both_sides", "idf")

WordWeights = tuple[dict[str, float], dict[str, float], dict[str, float], float]
"""(weight of a word found on one side only, weight of a word found on both, inverse document
frequency of a word, the IDF of a word never seen)"""


class ModelDataError(ValueError):
    """The shipped model data is missing, of another format, or does not match its manifest."""


def table_text(weights: WordWeights) -> str:
    """The TSV table of ``weights`` (the IDF of an unseen word goes in the manifest)."""
    one_sided, both_sides, idf, _ = weights
    lines = ["\t".join(TABLE_COLUMNS)]
    for word in sorted(one_sided.keys() | both_sides.keys() | idf.keys()):
        if any(c in word for c in "\t\n\r"):
            raise ModelDataError(f"a word of the table holds a tab or line break: {word!r}")
        one = one_sided.get(word)
        both = both_sides.get(word)
        lines.append(
            f"{word}\t{'' if one is None else repr(one)}\t{'' if both is None else repr(both)}"
            f"\t{idf[word]!r}"
        )
    return "\n".join(lines) + "\n"


def parse_table(text: str, unseen: float) -> WordWeights:
    """The weights a ``table_text`` holds; ``unseen`` is the IDF of a word it does not list."""
    lines = text.splitlines()
    if not lines or tuple(lines[0].split("\t")) != TABLE_COLUMNS:
        raise ModelDataError(f"the word-weight table must start with the header {TABLE_COLUMNS}")
    one_sided: dict[str, float] = {}
    both_sides: dict[str, float] = {}
    idf: dict[str, float] = {}
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != len(TABLE_COLUMNS):
            raise ModelDataError(f"line {number} of the word-weight table has {len(fields)} fields")
        word, one, both, rarity = fields
        if one:
            one_sided[word] = float(one)
        if both:
            both_sides[word] = float(both)
        idf[word] = float(rarity)
    return one_sided, both_sides, idf, unseen


def table_digest(text: str) -> str:
    """The SHA-256 of a table's text, as its manifest records it."""
    import hashlib  # only writing and checking a table need it: loading OpenSSL delays start-up

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def manifest_text(
    feature_names: tuple[str, ...], weights: WordWeights, table: str, fitted: dict[str, Any]
) -> str:
    """The manifest of a table: ``table`` is its ``table_text``, ``fitted`` says how the model
    was fitted (corpus, parameters, accuracy)."""
    manifest = {
        "format_version": FORMAT_VERSION,
        "feature_names": list(feature_names),
        "word_weights": {
            "file": TABLE_FILE,
            "columns": list(TABLE_COLUMNS),
            "words": len(table.splitlines()) - 1,
            "sha256": table_digest(table),
            "idf_unseen": weights[3],
        },
        "fitted": fitted,
    }
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


def _read(name: str) -> str:
    path = resources.files("viewer.core").joinpath(FITTED_DIR, name)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ModelDataError(f"the model's data file {FITTED_DIR}/{name} is missing") from None


def parse_manifest(text: str) -> dict[str, Any]:
    """A manifest's content, checked to be of the format this module reads."""
    try:
        data: object = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ModelDataError(f"{FITTED_DIR}/{MANIFEST_FILE} is not valid JSON: {exc}") from None
    version = data.get("format_version") if isinstance(data, dict) else None
    if not isinstance(data, dict) or version != FORMAT_VERSION:
        raise ModelDataError(
            f"{FITTED_DIR}/{MANIFEST_FILE} has format version {version!r}; "
            f"this version of Source Compare reads {FORMAT_VERSION}"
        )
    return data


@cache
def manifest() -> dict[str, Any]:
    """The shipped manifest."""
    return parse_manifest(_read(MANIFEST_FILE))


@cache
def word_weights() -> WordWeights:
    """The shipped word weights."""
    table = manifest()["word_weights"]
    return parse_table(_read(table["file"]), float(table["idf_unseen"]))
