"""Record or check the engine's JSON output on fixed inputs, to prove a refactoring changed nothing.

    python tools/same_output.py record DIR   # writes one JSON file per pair into DIR
    python tools/same_output.py check DIR    # exit 0 when every pair's JSON is byte-identical

The pairs: the seed comparisons (000 against 001-004, 003 against 004) and the 7,000-sentence
synthetic pair of ``benchmarks/bench_engine.py``. Run ``record`` on the code before a change and
``check`` after it; a change that means to alter the output (a new field, a new rule) is not a
refactoring and is checked by its own tests instead.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO_ROOT), str(REPO_ROOT / "benchmarks")]

SEED_PAIRS = (("000", "001"), ("000", "002"), ("000", "003"), ("000", "004"), ("003", "004"))
LARGE_SENTENCES = 7000
LARGE_SEED = 31337  # bench_engine.STORY_SEED


def outputs() -> Iterator[tuple[str, str]]:
    """(file name, JSON text) of every checked pair."""
    import synthetic

    from viewer.core import compare, document_from_text, load_document
    from viewer.core.export.json_format import comparison_to_json
    from viewer.resources import seed_path

    for left, right in SEED_PAIRS:
        comparison = compare(load_document(seed_path(left)), load_document(seed_path(right)))
        yield f"{left}-{right}.json", comparison_to_json(comparison)
    story = synthetic.story(LARGE_SEED, LARGE_SENTENCES)
    left_doc = document_from_text(synthetic.as_text(story.left), "source")
    right_doc = document_from_text(synthetic.as_text(story.right), "rewrite")
    yield f"synthetic-{LARGE_SENTENCES}.json", comparison_to_json(compare(left_doc, right_doc))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("record", "check"))
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    if args.action == "record":
        args.folder.mkdir(parents=True, exist_ok=True)
    differing = 0
    for name, text in outputs():
        path = args.folder / name
        if args.action == "record":
            path.write_text(text, encoding="utf-8")
            print(f"recorded {path} ({len(text):,} characters)")
        elif not path.exists():
            print(f"MISSING  {name}: nothing recorded at {path}")
            differing += 1
        elif path.read_text(encoding="utf-8") != text:
            print(f"DIFFERS  {name}")
            differing += 1
        else:
            print(f"same     {name}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
