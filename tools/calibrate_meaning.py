"""Calibrates the meaning stage's thresholds on the MSRP training split and constructed data.

Usage: ``python tools/calibrate_meaning.py [--corpus PATH] [--cache FILE]`` (needs the
``semantic`` extra and the built model). Prints:
1. cosine thresholds on MSRP pairs: share of pairs above, precision and recall of "same
   meaning", and how often two unrelated MSRP sentences (pairs shuffled) reach them;
2. the facts rule (``facts_disagree``) on MSRP pairs, and on constructed speaker swaps: a
   same-meaning pair whose second sentence names another person of the same story;
3. constructed merges: two MSRP sentences joined on the source side, the rewrite's halves
   apart, and how often the missing half (or an unrelated sentence) would join the block;
4. constructed stories: MSRP items of one news story (their first sentences alike) as a source
   article and their paraphrases as a rewrite, a quarter of them dropped, a few moved and some
   merged in pairs, so a sentence's rivals are about the same event; link F1 of the lexical
   result and after the meaning stage, for a few gap sizes.
The sample articles in ``seeds/`` are never used.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

import numpy as np  # noqa: E402

from viewer.core import Options, compare  # noqa: E402
from viewer.core.evaluation import links, scores  # noqa: E402
from viewer.core.meaning import load_encoder, stage  # noqa: E402
from viewer.core.model import Document  # noqa: E402
from viewer.core.normalize import sentence_forms  # noqa: E402
from viewer.core.speakers import speakers  # noqa: E402

CORPUS = REPO_ROOT.parent / "shared" / "data" / "msrp" / "msr_paraphrase_train.txt"
THRESHOLDS = (0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.84, 0.88, 0.9)
STORY_MIN_COSINE = 0.5  # first sentences this alike are taken as one story
STORY_SIZES = (6, 16)
MERGED_SHARE = 0.15  # rewrite sentences that join two paraphrases
SEED = 0


def read_corpus(path: Path) -> list[tuple[int, str, str]]:
    rows = []
    with path.open(encoding="utf-8-sig") as lines:
        next(lines)
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            rows.append((int(parts[0]), parts[3], parts[4]))
    return rows


def embeddings(rows: list, cache: Path | None) -> tuple[np.ndarray, np.ndarray]:
    if cache is not None and cache.is_file():
        data = np.load(cache)
        return data["a"], data["b"]
    encoder = load_encoder()
    a = encoder.embed([r[1] for r in rows])
    b = encoder.embed([r[2] for r in rows])
    if cache is not None:
        np.savez(cache, a=a, b=b)
    return a, b


def thresholds(a: np.ndarray, b: np.ndarray, same: np.ndarray) -> None:
    cosines = (a * b).sum(1)
    rng = np.random.RandomState(SEED)
    shuffled = (a * b[rng.permutation(len(b))]).sum(1)
    print(f"MSRP pairs: same meaning {same.mean():.3f} of {len(same)}")
    for t in THRESHOLDS:
        above = cosines >= t
        print(
            f"  cosine >= {t:.2f}: {above.mean():.3f} of pairs, precision {same[above].mean():.3f},"
            f" recall {above[same].mean():.3f}; unrelated pairs above {(shuffled >= t).mean():.4f}"
        )


def facts(rows: list, a: np.ndarray, b: np.ndarray, same: np.ndarray) -> None:
    forms = [(sentence_forms(r[1]), sentence_forms(r[2])) for r in rows]
    vetoed = np.array([stage.facts_disagree(x, y) for x, y in forms])
    print(
        f"facts rule on MSRP: same-meaning pairs vetoed {vetoed[same].mean():.3f}, "
        f"others {vetoed[~same].mean():.3f}"
    )
    # Speaker swaps: the same statement put in another person's mouth.
    rng = random.Random(SEED)
    people = sorted({n for x, _ in forms for n in speakers(x.folded)})
    swaps, kept_cosines = 0, []
    encoder = load_encoder()
    texts, originals = [], []
    for k, (x, y) in enumerate(forms):
        shared = sorted(speakers(x.folded) & speakers(y.folded))
        if not same[k] or not shared or len(texts) >= 300:
            continue
        name = shared[0]
        other = rng.choice([p for p in people if p != name])
        swapped = " ".join(
            other.capitalize() if w.lower().strip(".,'\"") == name else w
            for w in rows[k][2].split()
        )
        if swapped == rows[k][2]:
            continue
        texts.append(swapped)
        originals.append(k)
    vectors = encoder.embed(texts)
    for text, k, vector in zip(texts, originals, vectors, strict=True):
        kept_cosines.append(float(a[k] @ vector))
        swaps += stage.facts_disagree(forms[k][0], sentence_forms(text))
    kept = np.array(kept_cosines)
    print(
        f"speaker swaps: {len(texts)}; cosine still >= {stage.GAP_MIN} for "
        f"{(kept >= stage.GAP_MIN).mean():.3f}"
        f" and >= {stage.ELSEWHERE_MIN} for {(kept >= stage.ELSEWHERE_MIN).mean():.3f};"
        f" vetoed by the facts rule {swaps / max(1, len(texts)):.3f}"
    )


def merges(rows: list, a: np.ndarray, b: np.ndarray, same: np.ndarray) -> None:
    rng = np.random.RandomState(SEED)
    positives = np.flatnonzero(same)
    n = 300
    p, q, r = rng.choice(positives, n), rng.choice(positives, n), rng.choice(len(rows), n)
    texts = []
    for i, j, k in zip(p, q, r, strict=True):
        texts += [rows[i][1] + " " + rows[j][1], rows[i][2] + " " + rows[j][2]]
        texts += [rows[i][2] + " " + rows[k][2]]
    vectors = load_encoder().embed(texts).reshape(n, 3, -1)
    merged, joined_true, joined_other = vectors[:, 0], vectors[:, 1], vectors[:, 2]
    before = (b[p] * merged).sum(1)
    for label, joined, half in (
        ("missing half", joined_true, b[q]),
        ("unrelated", joined_other, b[r]),
    ):
        gain = (joined * merged).sum(1) - before
        score = (half * merged).sum(1)
        ok = (score >= stage.ATTACH_MIN) & (gain >= stage.ATTACH_GAIN)
        print(
            f"merges: {label} joins {ok.mean():.3f} "
            f"(cosine >= {stage.ATTACH_MIN}, gain >= {stage.ATTACH_GAIN})"
        )


def _document(sentences: list[str], name: str) -> Document:
    import synthetic

    text, spans = synthetic.document_parts(sentences)
    return Document(name, text, spans, ((0, len(text)),))


def stories(rows: list, a: np.ndarray, same: np.ndarray) -> list[tuple[Document, Document, set]]:
    """Source/rewrite pairs built from MSRP items of one story, with their true links."""
    rng = random.Random(SEED)
    positives = [k for k in range(len(rows)) if same[k]]
    unit = a[positives]
    used: set[int] = set()
    pairs = []
    for seed_position in range(len(positives)):
        if seed_position in used:
            continue
        alike = np.flatnonzero(unit @ unit[seed_position] >= STORY_MIN_COSINE)
        members = [m for m in alike.tolist() if m not in used][: STORY_SIZES[1]]
        if len(members) < STORY_SIZES[0]:
            continue
        used.update(members)
        items = [positives[m] for m in members]
        kept = [k for k in items if rng.random() >= 0.25]
        order = list(kept)
        for _ in range(max(1, len(order) // 6)):  # a few moves
            x, y = rng.randrange(len(order)), rng.randrange(len(order))
            order[x], order[y] = order[y], order[x]
        # Some neighbours of the rewrite are merged into one sentence.
        merged: list[list[int]] = []
        for k in order:
            if merged and len(merged[-1]) == 1 and rng.random() < MERGED_SHARE:
                merged[-1].append(k)
            else:
                merged.append([k])
        left = _document([rows[k][1] for k in items], "source")
        right = _document([" ".join(rows[k][2] for k in group) for group in merged], "rewrite")
        truth = {(items.index(k), n) for n, group in enumerate(merged) for k in group}
        pairs.append((left, right, truth))
    return pairs


def story_f1(pairs: list) -> None:
    lexical = [compare(left, right) for left, right, _ in pairs]
    truth = [t for _, _, t in pairs]
    predicted = [links(c.blocks) for c in lexical]
    base = scores(
        {(n, x) for n, p in enumerate(predicted) for x in p},
        {(n, x) for n, t in enumerate(truth) for x in t},
    )
    print(
        f"stories: {len(pairs)} pairs; lexical links P/R/F1 "
        f"{base.precision:.3f}/{base.recall:.3f}/{base.f1:.3f}"
    )
    for gap_max in (3, 6, 12, 40):
        stage.GAP_MAX = gap_max
        refined = [
            links(compare(left, right, Options(semantic=True)).blocks) for left, right, _ in pairs
        ]
        result = scores(
            {(n, x) for n, p in enumerate(refined) for x in p},
            {(n, x) for n, t in enumerate(truth) for x in t},
        )
        print(
            f"  meaning stage, gaps up to {gap_max}: P/R/F1 "
            f"{result.precision:.3f}/{result.recall:.3f}/{result.f1:.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--cache", type=Path, default=None, help="keep MSRP embeddings here")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"MSRP corpus not found at {args.corpus}", file=sys.stderr)
        return 1
    rows = read_corpus(args.corpus)
    same = np.array([r[0] == 1 for r in rows])
    a, b = embeddings(rows, args.cache)
    thresholds(a, b, same)
    facts(rows, a, b, same)
    merges(rows, a, b, same)
    story_f1(stories(rows, a, same))
    return 0


if __name__ == "__main__":
    sys.exit(main())
