"""The figures of a comparison: blocks per kind and the shares of words reused.

May import: the standard library and ``viewer.core.model``. Must not import: Qt.
Shares count words (whitespace-separated, as ``Document.word_count`` does) of sentences that are
not boilerplate; block counts include boilerplate blocks, which the views label separately.
"""

from __future__ import annotations

from collections.abc import Sequence

from viewer.core.model import Block, Document, Kind, Summary

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
    carried = 0
    for block in blocks:
        share = _REWRITE_SHARE_OF.get(block.kind)
        if share:
            rewrite[share] += sum(right_words[j] for j in block.right if j not in right.boilerplate)
        if block.kind is not Kind.OMITTED:
            carried += sum(left_words[i] for i in block.left if i not in left.boilerplate)
    left_total = sum(w for i, w in enumerate(left_words) if i not in left.boilerplate)
    right_total = sum(w for j, w in enumerate(right_words) if j not in right.boilerplate)
    shares = {
        name: (words / right_total if right_total else 0.0) for name, words in rewrite.items()
    }
    source_carried = carried / left_total if left_total else 0.0
    return Summary(
        left_sentences=len(left.sentences),
        right_sentences=len(right.sentences),
        counts=counts,
        source_carried=source_carried,
        source_omitted=(1.0 - source_carried) if left_total else 0.0,
        left_words=left_total,
        right_words=right_total,
        left_boilerplate_sentences=len(left.boilerplate),
        right_boilerplate_sentences=len(right.boilerplate),
        **shares,
    )
