"""Fixtures of the corpus tests: the synthetic corpus generator and a small corpus on disk."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

pytest.importorskip("pyarrow", reason="corpus mode needs the [corpus] extra (pyarrow)")
pytest.importorskip("distributed", reason="corpus mode needs the [corpus] extra (dask)")


def _generator():
    spec = importlib.util.spec_from_file_location(
        "synthetic_corpus", REPO_ROOT / "benchmarks" / "synthetic_corpus.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synthetic_corpus", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return sys.modules["synthetic_corpus"]


@pytest.fixture(scope="session")
def generator():
    return _generator()


@pytest.fixture(scope="session")
def small_corpus(generator, tmp_path_factory):
    """120 sources (so the shared boilerplate line is in more than 50) and 300 articles in
    three JSONL shards."""
    corpus = generator.make_corpus(11, sources=120, articles=300)
    folder = tmp_path_factory.mktemp("corpus")
    sources = generator.write_jsonl(corpus.sources, folder / "sources.jsonl")
    generator.write_shards(corpus.articles, folder / "articles", 100)
    return corpus, sources, folder / "articles"
