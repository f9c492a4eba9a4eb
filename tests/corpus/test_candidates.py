"""Candidates: the n-gram index finds planted reuse, drops boilerplate, and travels to workers."""

from __future__ import annotations

import pickle
import subprocess
import sys

from viewer.corpus.candidates import NgramIndex, words


def test_words_ignore_case_quotes_and_punctuation():
    text = "Russia\u2019s \u201cFIRST\u201d film-crew, in ORBIT."
    assert words(text) == [
        "russia",
        "s",
        "first",
        "film",
        "crew",
        "in",
        "orbit",
    ]


def test_planted_reuse_is_found_and_nothing_else(generator):
    corpus = generator.make_corpus(5, sources=120, articles=2000)
    index = NgramIndex.build([s["text"] for s in corpus.sources], n=5, max_df=50)
    found = {
        (corpus.sources[s]["id"], a["id"])
        for a in corpus.articles
        for s, _ in index.candidates(a["text"], 8)
    }
    planted = {pair for pair, sentences in corpus.planted.items() if sentences >= 2}
    recall = len(found & planted) / len(planted)
    assert len(planted) > 500
    assert recall >= 0.99
    assert found - set(corpus.planted) == set()  # no false candidates at the defaults


def test_an_ngram_in_more_than_max_df_sources_is_dropped():
    shared = "the minister said in a statement on tuesday that talks would go on"
    texts = [f"{shared} and source {name} adds its own words here" for name in "abc"]
    kept = NgramIndex.build(texts, n=5, max_df=3)
    dropped = NgramIndex.build(texts, n=5, max_df=2)
    assert kept.candidates(shared, 8) == [(0, 9), (1, 9), (2, 9)]  # 13 words: 9 five-grams
    assert dropped.candidates(shared, 1) == []


def test_min_match_counts_distinct_shared_ngrams():
    index = NgramIndex.build(["one two three four five six seven"], n=5, max_df=50)
    # the same n-gram three times counts once
    text = "one two three four five. one two three four five. one two three four five."
    assert index.candidates(text, 1) == [(0, 1)]
    assert index.candidates(text, 2) == []
    assert index.candidates("one two three four five six", 2) == [(0, 2)]


def test_an_unknown_word_breaks_an_ngram():
    index = NgramIndex.build(["alpha beta gamma delta epsilon zeta"], n=3, max_df=50)
    assert index.candidates("alpha beta XYZ gamma delta epsilon", 1) == [(0, 1)]


def test_the_index_gives_the_same_candidates_in_another_process(generator):
    """Keys are not Python string hashes, which differ from one process to the next."""
    corpus = generator.make_corpus(2, sources=80, articles=40)
    index = NgramIndex.build([s["text"] for s in corpus.sources])
    texts = [a["text"] for a in corpus.articles]
    here = [index.candidates(t, 8) for t in texts]
    code = (
        "import pickle, sys\n"
        "index, texts = pickle.load(sys.stdin.buffer)\n"
        "print(repr([index.candidates(t, 8) for t in texts]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        input=pickle.dumps((index, texts)),
        capture_output=True,
        env={"PYTHONHASHSEED": "12345", **_path_env()},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert any(here)
    assert result.stdout.decode().strip() == repr(here)


def _path_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
