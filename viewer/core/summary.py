"""The figures of a comparison: blocks per kind and the shares of words reused.

May import: the standard library and ``viewer.core.model`` / ``viewer.core.confidence`` /
``viewer.core.verdict``. Must not import: Qt.
Shares count words (whitespace-separated, as ``Document.word_count`` does) of sentences that are
not boilerplate; block counts include boilerplate blocks, which the views label separately.
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


def summarise(left: Document, right: Document, blocks: Sequence[Block]) -> Summary:
    counts = {kind.value: 0 for kind in Kind}
    for block in blocks:
        counts[block.kind.value] += 1
    left_words, right_words = left.sentence_word_counts, right.sentence_word_counts
    rewrite = dict.fromkeys(_REWRITE_SHARE_OF.values(), 0)
    rewrite["rewrite_tentative"] = 0
    carried = tentative_carried = tentative_links = 0
    for block in blocks:
        tentative = is_tentative(block)
        tentative_links += tentative
        share = "rewrite_tentative" if tentative else _REWRITE_SHARE_OF.get(block.kind)
        if share:
            rewrite[share] += sum(right_words[j] for j in block.right if j not in right.boilerplate)
        if block.kind is not Kind.OMITTED:
            words = sum(left_words[i] for i in block.left if i not in left.boilerplate)
            if tentative:
                tentative_carried += words
            else:
                carried += words
    left_total = sum(w for i, w in enumerate(left_words) if i not in left.boilerplate)
    right_total = sum(w for j, w in enumerate(right_words) if j not in right.boilerplate)
    shares = {
        name: (words / right_total if right_total else 0.0) for name, words in rewrite.items()
    }
    source_carried = carried / left_total if left_total else 0.0
    source_tentative = tentative_carried / left_total if left_total else 0.0
    counted = tally(right, blocks)
    verdict = verdict_of(counted)
    return Summary(
        left_sentences=len(left.sentences),
        right_sentences=len(right.sentences),
        counts=counts,
        source_carried=source_carried,
        source_omitted=(1.0 - source_carried - source_tentative) if left_total else 0.0,
        source_tentative=source_tentative,
        tentative_links=tentative_links,
        verdict=verdict,
        verdict_reason=reason_of(verdict, counted),
        left_words=left_total,
        right_words=right_total,
        left_boilerplate_sentences=len(left.boilerplate),
        right_boilerplate_sentences=len(right.boilerplate),
        **shares,
    )
