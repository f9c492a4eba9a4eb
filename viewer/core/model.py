"""The data that flows through Source Compare: documents in, a comparison out.

May import: the standard library only. Must not import: Qt, or any other ``viewer`` module.
Everything here is immutable; offsets are Python ``str`` indices, ``[start, end)``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

Span = tuple[int, int]
"""A ``[start, end)`` range of Python str indices into a document's text."""


class Kind(str, enum.Enum):
    """What became of a block of sentences between the source and the rewrite."""

    IDENTICAL = "identical"  # same words, ignoring case, whitespace, punctuation and quote style
    EDITED = "edited"  # light surface edits, meaning kept
    PARAPHRASE = "paraphrase"  # reworded, same facts
    PARTIAL = "partial"  # shares content, but facts added or dropped, or merged/split
    OMITTED = "omitted"  # source only
    ADDED = "added"  # rewrite only

    def __str__(self) -> str:
        return self.value


KINDS: tuple[Kind, ...] = tuple(Kind)
LINKED_KINDS = (Kind.IDENTICAL, Kind.EDITED, Kind.PARAPHRASE, Kind.PARTIAL)
SAME_MEANING_KINDS = (Kind.IDENTICAL, Kind.EDITED, Kind.PARAPHRASE)


@dataclass(frozen=True)
class Document:
    """A loaded article: its text and where its paragraphs and sentences are.

    ``sentences`` are in text order, non-overlapping, non-empty after stripping, and each lies
    inside one paragraph. ``boilerplate`` holds the indices of sentences recognised as page
    furniture (related-headline lists, navigation): they stay visible but out of the figures.
    """

    name: str
    text: str
    sentences: tuple[Span, ...]
    paragraphs: tuple[Span, ...] = ()
    boilerplate: frozenset[int] = frozenset()
    format: str = "text"  # "txt", "md", "html", "docx", "pdf" or "text" (pasted)
    path: str | None = None
    title: str | None = None  # the page's or file's own title, when it has one
    url: str | None = None  # where a fetched page came from (after redirects)
    published: str | None = None  # the publication date the page states, ISO "YYYY-MM-DD"

    def sentence_text(self, index: int) -> str:
        start, end = self.sentences[index]
        return self.text[start:end]

    def sentence_texts(self) -> list[str]:
        return [self.text[s:e] for s, e in self.sentences]

    @cached_property
    def sentence_word_counts(self) -> tuple[int, ...]:
        """Whitespace-separated words of each sentence; counted once, as the summary, the
        exports and the report all need them."""
        text = self.text
        return tuple([len(text[s:e].split()) for s, e in self.sentences])

    @property
    def word_count(self) -> int:
        return sum(self.sentence_word_counts)


DiffOp = tuple[int, str]
"""A diff-match-patch operation: (-1 delete | 0 equal | 1 insert, text)."""


@dataclass(frozen=True)
class Block:
    """Sentences of the source and the sentences of the rewrite they became.

    ``left`` and ``right`` are ascending sentence indices; one of them is empty for
    ``omitted`` (right empty) and ``added`` (left empty) blocks. ``diff`` is the word-level
    diff between the joined left and the joined right text. A linked block whose
    ``confidence`` is below ``viewer.core.confidence.TENTATIVE_BELOW`` is *tentative*.
    """

    kind: Kind
    left: tuple[int, ...]
    right: tuple[int, ...]
    similarity: float = 0.0
    moved: bool = False
    diff: tuple[DiffOp, ...] = ()
    boilerplate: bool = False
    # How sure the link is (0-1; see ``viewer.core.confidence``); None for omitted and added
    # blocks and for links read from files written before confidence existed.
    confidence: float | None = None


@dataclass(frozen=True)
class Summary:
    """Counts per kind and how much of each side was reused, boilerplate excluded.

    Shares are fractions of words (0..1). ``rewrite_*`` shares add up to 1 over the rewrite's
    non-boilerplate words; ``source_*`` shares add up to 1 over the source's. Words in
    tentative links count only in ``rewrite_tentative`` and ``source_tentative``.
    """

    left_sentences: int
    right_sentences: int
    counts: dict[str, int]
    rewrite_verbatim: float = 0.0  # words of the rewrite in identical blocks
    rewrite_edited: float = 0.0
    rewrite_paraphrased: float = 0.0
    rewrite_partial: float = 0.0
    rewrite_new: float = 0.0  # words of the rewrite in added blocks
    source_carried: float = 0.0  # words of the source in any linked block
    source_omitted: float = 0.0
    left_words: int = 0
    right_words: int = 0
    left_boilerplate_sentences: int = 0
    right_boilerplate_sentences: int = 0
    # Tentative links (see ``viewer.core.confidence``) are kept out of the reused shares above.
    rewrite_tentative: float = 0.0  # words of the rewrite in tentative links
    source_tentative: float = 0.0  # words of the source in tentative links
    tentative_links: int = 0
    # What the two texts are to each other (see ``viewer.core.verdict``); "" when unknown.
    verdict: str = ""
    verdict_reason: str = ""


@dataclass(frozen=True)
class Options:
    """Knobs of a comparison. The defaults are what the app and the command line use."""

    detect_boilerplate: bool = True
    word_diff: bool = True


@dataclass(frozen=True)
class Comparison:
    """The result of ``compare``: blocks in the rewrite's reading order, and a summary.

    Every sentence of each side is in exactly one block. Blocks are ordered by the rewrite's
    reading order; an ``omitted`` block stands right after the block that holds the source
    sentence before it (so omitted sentences appear where they fell).
    """

    left: Document
    right: Document
    blocks: tuple[Block, ...]
    summary: Summary
    options: Options = field(default_factory=Options)


class Progress(NamedTuple):
    """One step of long work: a phase name and how far it has got (``done`` of ``total``)."""

    phase: str  # "reading", "splitting", "aligning", "classifying", "word diffs"
    done: int
    total: int


CancelCheck = Callable[[], bool]
"""Returns True when the caller wants the work to stop."""


class Cancelled(Exception):
    """Raised inside a long generator when its cancel callback returned True."""


class LoadError(Exception):
    """A document could not be loaded. The message names the file and the problem."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
