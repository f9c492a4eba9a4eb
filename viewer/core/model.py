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


class Kind(enum.StrEnum):
    """What became of a block of sentences between the source and the rewrite."""

    IDENTICAL = "identical"  # same words, ignoring case, whitespace, punctuation and quote style
    EDITED = "edited"  # light surface edits, meaning kept
    PARAPHRASE = "paraphrase"  # reworded, same facts
    PARTIAL = "partial"  # shares content, but facts added or dropped, or merged/split
    OMITTED = "omitted"  # source only
    ADDED = "added"  # rewrite only


class Side(enum.Enum):
    """One of the two documents of a comparison: the source, or the rewrite made from it.

    The ``source-compare/1`` JSON format names them ``"left"`` and ``"right"``
    (``format_key``); everything else, in the code and on screen, says source and rewrite.
    """

    SOURCE = "source"
    REWRITE = "rewrite"

    @property
    def other(self) -> Side:
        return Side.REWRITE if self is Side.SOURCE else Side.SOURCE

    @property
    def label(self) -> str:
        """The side's name as a user reads it: "source" or "rewrite"."""
        return self.value

    @property
    def format_key(self) -> str:
        """The side's key in the ``source-compare/1`` JSON format: "left" or "right"."""
        return "left" if self is Side.SOURCE else "right"

    @classmethod
    def from_format_key(cls, key: str) -> Side:
        """The side a ``source-compare/1`` key ("left" or "right") names; ValueError otherwise."""
        for side in cls:
            if side.format_key == key:
                return side
        raise ValueError(f"{key!r} is not a side of the source-compare/1 format")

    def __str__(self) -> str:
        return self.value


SIDES: tuple[Side, ...] = (Side.SOURCE, Side.REWRITE)
"""Both sides, source first: the order of the panes, the columns and the JSON format."""

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
    # What loading had to repair, in words for the user ("3 bytes that are not valid UTF-8
    # were replaced with �"); not part of the document's identity.
    notices: tuple[str, ...] = field(default=(), compare=False)

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

WORD_MARKS: tuple[str, ...] = ("kept", "moved", "replaced", "deleted", "inserted")
"""What became of a word of a linked block (see ``viewer.core.word_marks``)."""


class WordRun(NamedTuple):
    """Consecutive words of one side of a block that got the same mark, within one sentence.

    ``[start, end)`` are offsets into that side's document text. ``group`` is shared by a
    ``moved`` or ``replaced`` run and its partner run(s) on the other side; None otherwise.
    """

    start: int
    end: int
    mark: str  # one of WORD_MARKS
    group: int | None = None


class WordMarks(NamedTuple):
    """Every word of a linked block's sentences, each side in runs in text order, and the share
    of the block's words (both sides counted) that are kept or moved: what "% alike" shows."""

    source: tuple[WordRun, ...]
    rewrite: tuple[WordRun, ...]
    carried: float = 1.0

    def runs(self, side: Side) -> tuple[WordRun, ...]:
        """The runs of ``side``."""
        return self.source if side is Side.SOURCE else self.rewrite


FACT_KINDS: tuple[str, ...] = ("figure", "date", "name", "negation", "quote", "attribution")
"""The kinds of fact change, in the order reasons name them."""


@dataclass(frozen=True)
class FactChange:
    """One fact that differs between the two sides of a linked block.

    ``kind`` is one of ``FACT_KINDS``. ``source`` and ``rewrite`` are ``[start, end)`` ranges
    into the source's and the rewrite's document text; one is None when the rewrite added the
    fact (no ``source``) or dropped it (no ``rewrite``).
    """

    kind: str
    source: Span | None
    rewrite: Span | None

    def span(self, side: Side) -> Span | None:
        """Where the fact stands on ``side``, None when that side lacks it."""
        return self.source if side is Side.SOURCE else self.rewrite


@dataclass(frozen=True)
class Block:
    """Sentences of the source and the sentences of the rewrite they became.

    ``source`` and ``rewrite`` are ascending sentence indices; one of them is empty for
    ``omitted`` (rewrite empty) and ``added`` (source empty) blocks. ``diff`` is the word-level
    diff between the joined source and the joined rewrite text, in order. ``words`` is the
    order-free word evidence everything draws (None for omitted and added blocks, and when
    word changes were not computed). ``similarity`` is the aligner's score of the link (what
    the alignment and the figures rest on); ``alike`` is what the views show. ``meaning`` is
    the cosine of the two sides' sentence embeddings (-1..1; 1.0 for identical blocks) when the
    meaning channel ran and embedded this block, None otherwise (not asked, not installed, or a
    long document where only the unplaced sentences are embedded). ``facts`` are the fact
    changes of a linked block (figures, dates, names, negation, quotations, attribution).
    """

    kind: Kind
    source: tuple[int, ...]
    rewrite: tuple[int, ...]
    similarity: float = 0.0
    moved: bool = False
    diff: tuple[DiffOp, ...] = ()
    boilerplate: bool = False
    meaning: float | None = None
    words: WordMarks | None = None
    facts: tuple[FactChange, ...] = ()

    @property
    def alike(self) -> float:
        """How alike the two sides are as shown: the share of the block's words carried over
        (kept or moved) by its word marks; the link score when it has no word marks."""
        return self.words.carried if self.words is not None else self.similarity

    def sentences(self, side: Side) -> tuple[int, ...]:
        """The block's sentence indices on ``side``."""
        return self.source if side is Side.SOURCE else self.rewrite


@dataclass(frozen=True)
class Summary:
    """Counts per kind and how much of each side was reused, boilerplate excluded.

    Shares are fractions of words (0..1). ``rewrite_*`` shares add up to 1 over the rewrite's
    non-boilerplate words; ``source_*`` shares add up to 1 over the source's.
    """

    source_sentences: int
    rewrite_sentences: int
    counts: dict[str, int]
    rewrite_verbatim: float = 0.0  # words of the rewrite in identical blocks
    rewrite_edited: float = 0.0
    rewrite_paraphrased: float = 0.0
    rewrite_partial: float = 0.0
    rewrite_new: float = 0.0  # words of the rewrite in added blocks
    source_carried: float = 0.0  # words of the source in any linked block
    source_omitted: float = 0.0
    source_words: int = 0
    rewrite_words: int = 0
    source_boilerplate_sentences: int = 0
    rewrite_boilerplate_sentences: int = 0

    def sentence_count(self, side: Side) -> int:
        return self.source_sentences if side is Side.SOURCE else self.rewrite_sentences

    def word_count(self, side: Side) -> int:
        """Words of ``side``, page furniture excluded: the base of its shares."""
        return self.source_words if side is Side.SOURCE else self.rewrite_words

    def boilerplate_sentences(self, side: Side) -> int:
        return (
            self.source_boilerplate_sentences
            if side is Side.SOURCE
            else self.rewrite_boilerplate_sentences
        )


@dataclass(frozen=True)
class Options:
    """Knobs of a comparison. The defaults are what the app and the command line use, but for
    ``semantic``: the app and the command line turn it on when the ``semantic`` extra is
    installed, while the engine's default stays lexical (no model to load)."""

    detect_boilerplate: bool = True
    word_diff: bool = True
    semantic: bool = False  # a last alignment stage by sentence meaning (viewer.core.meaning)


@dataclass(frozen=True)
class Comparison:
    """The result of ``compare``: blocks in the rewrite's reading order, and a summary.

    Every sentence of each side is in exactly one block. Blocks are ordered by the rewrite's
    reading order; an ``omitted`` block stands right after the block that holds the source
    sentence before it (so omitted sentences appear where they fell).
    """

    source: Document
    rewrite: Document
    blocks: tuple[Block, ...]
    summary: Summary
    options: Options = field(default_factory=Options)
    # One line when matching by meaning was asked for but did not run (not installed, or the
    # documents are too long for it); empty otherwise.
    meaning_note: str = ""

    def document(self, side: Side) -> Document:
        return self.source if side is Side.SOURCE else self.rewrite


class Progress(NamedTuple):
    """One step of long work: a phase name and how far it has got (``done`` of ``total``)."""

    phase: str  # "reading", "splitting", "aligning", "classifying", "word diffs"
    done: int
    total: int


CancelCheck = Callable[[], bool]
"""Returns True when the caller wants the work to stop."""


class Cancelled(Exception):  # noqa: N818 -- the answer to a request to stop, not an error
    """Raised inside a long generator when its cancel callback returned True."""


class LoadError(Exception):
    """A document could not be loaded. The message names the file and the problem."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
