"""The figures of a comparison: blocks per kind and the shares of words reused.

May import: the standard library and ``viewer.core.model`` / ``viewer.core.confidence`` /
``viewer.core.verdict``. Must not import: Qt.
Shares count words (whitespace-separated, as ``Document.word_count`` does) of sentences that are
not boilerplate. ``Summary.counts`` (part of the JSON format) includes page-furniture blocks;
every view counts with ``article_counts``, which leaves them out, as the shares do.
Words in tentative links count apart (``rewrite_tentative``, ``source_tentative``), never as
reused.
"""

from __future__ import annotations

from collections.abc import Sequence

from viewer.core.confidence import is_tentative
from viewer.core.model import Block, Document, Kind, Summary
from viewer.core.verdict import reason_of, tally, verdict_of

_REWRITE_SHARE_OF = {
    Kind.IDENTICAL: "rewrite_verbatim",
    Kind.EDITED: "rewrite_edited",
    Kind.PARAPHRASE: "rewrite_paraphrased",
    Kind.PARTIAL: "rewrite_partial",
    Kind.ADDED: "rewrite_new",
}


def article_counts(blocks: Sequence[Block]) -> dict[str, int]:
    """Blocks of each kind (by ``Kind.value``, all six present), page furniture left out."""
    counts = {kind.value: 0 for kind in Kind}
    for block in blocks:
        if not block.boilerplate:
            counts[block.kind.value] += 1
    return counts


def furniture_blocks(blocks: Sequence[Block]) -> int:
    return sum(1 for block in blocks if block.boilerplate)


def article_words(doc: Document) -> int:
    """Words of ``doc`` that are not page furniture: what the panes and the shares count."""
    words = doc.sentence_word_counts
    # Summed whole (a C loop), then the few furniture sentences taken off: a window header
    # asks this of a document of 200,000 sentences on the GUI thread.
    return sum(words) - sum(words[i] for i in doc.boilerplate)


def summarise(source: Document, rewrite: Document, blocks: Sequence[Block]) -> Summary:
    counts = {kind.value: 0 for kind in Kind}
    for block in blocks:
        counts[block.kind.value] += 1
    source_words, rewrite_words = source.sentence_word_counts, rewrite.sentence_word_counts
    rewrite_shares = dict.fromkeys(_REWRITE_SHARE_OF.values(), 0)
    rewrite_shares["rewrite_tentative"] = 0
    carried = tentative_carried = tentative_links = 0
    for block in blocks:
        tentative = is_tentative(block)
        tentative_links += tentative
        share = "rewrite_tentative" if tentative else _REWRITE_SHARE_OF.get(block.kind)
        if share:
            rewrite_shares[share] += sum(
                rewrite_words[j] for j in block.rewrite if j not in rewrite.boilerplate
            )
        if block.kind is not Kind.OMITTED:
            words = sum(source_words[i] for i in block.source if i not in source.boilerplate)
            if tentative:
                tentative_carried += words
            else:
                carried += words
    source_total = sum(w for i, w in enumerate(source_words) if i not in source.boilerplate)
    rewrite_total = sum(w for j, w in enumerate(rewrite_words) if j not in rewrite.boilerplate)
    shares = {
        name: (words / rewrite_total if rewrite_total else 0.0)
        for name, words in rewrite_shares.items()
    }
    source_carried = carried / source_total if source_total else 0.0
    source_tentative = tentative_carried / source_total if source_total else 0.0
    counted = tally(rewrite, blocks)
    verdict = verdict_of(counted)
    return Summary(
        source_sentences=len(source.sentences),
        rewrite_sentences=len(rewrite.sentences),
        counts=counts,
        source_carried=source_carried,
        source_omitted=(1.0 - source_carried - source_tentative) if source_total else 0.0,
        source_tentative=source_tentative,
        tentative_links=tentative_links,
        verdict=verdict,
        verdict_reason=reason_of(verdict, counted),
        source_words=source_total,
        rewrite_words=rewrite_total,
        source_boilerplate_sentences=len(source.boilerplate),
        rewrite_boilerplate_sentences=len(rewrite.boilerplate),
        **shares,
    )
