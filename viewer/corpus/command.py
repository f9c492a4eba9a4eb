"""``source-compare corpus SOURCES ARTICLES --out RESULTS/``: the batch command.

May import: the standard library, ``viewer``, ``viewer.terminal``, ``pipeline`` and ``records``
(which import Dask and pyarrow lazily). Must not import: Qt or ``viewer.gui``.

Exit status: 0 every shard was written (pair errors are counted in the rows, not fatal); 1 an
input problem, a missing ``[corpus]`` extra, or shards that failed (rerun with --resume);
2 a usage error. Messages are printed as ``compare`` prints them (``viewer.terminal``): one line
each, control characters of file names and addresses shown, not sent; standard error failing
does not stop a run.
"""

from __future__ import annotations

import argparse
import os
import sys

import viewer
from viewer.terminal import CommandParser, fail, prepare_streams, tell

PROG = "source-compare corpus"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Find which articles of a corpus reuse which sources (wire stories, press releases), and align
every such pair with the same engine as `source-compare compare`.

SOURCES is a folder of files (.txt, .md, .html, .docx, .pdf) or a JSONL/Parquet table with the
columns id, text and optional date, outlet, url. ARTICLES is a folder (or an fsspec URL such as
s3://bucket/corpus/) of JSONL/Parquet shards with the same columns, or a folder of article files,
which is sharded for you.

Step 1, candidates: a pair is aligned when the article shares at least --min-match word
n-grams (--ngram words long) with the source; n-grams found in more than --max-df sources are
boilerplate and ignored. Step 2: each candidate is compared. Step 3: results are written:
  RESULTS/pairs/part-NNNNN.parquet  one row per candidate pair (or .jsonl with --format jsonl)
  RESULTS/stats.json                per source, per outlet and overall figures
  RESULTS/run.json                  parameters, versions, input fingerprints, times, counts
  RESULTS/failures.jsonl            shards, articles and sources that could not be processed
"""

EPILOG = """\
Schedulers: "local" (the default) starts a Dask cluster of worker processes on this machine,
one per core (or --workers); "threads" runs Dask workers as threads of this process;
"synchronous" runs every shard here, one after another, without Dask; "tcp://HOST:PORT" uses a
running Dask scheduler, e.g. one started by dask-jobqueue on a SLURM cluster.

Exit status: 0 every shard written, 1 an input problem or failed shards (rerun with --resume),
2 a usage error.

Examples:
  source-compare corpus wires/ articles/ --out results/
  source-compare corpus releases.jsonl s3://bucket/news/2024/ --out results/ \\
      --scheduler tcp://10.0.0.5:8786 --after-source --max-days 7
"""


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _scheduler(text: str) -> str:
    if text in ("local", "threads", "synchronous") or text.startswith(("tcp://", "tls://")):
        return text
    raise argparse.ArgumentTypeError(
        f"{text!r}: use local, threads, synchronous or a scheduler address tcp://HOST:PORT"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog=PROG,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("sources", metavar="SOURCES", help="the sources: a folder or a table")
    parser.add_argument("articles", metavar="ARTICLES", help="the corpus: a folder or a URL")
    parser.add_argument("--out", required=True, metavar="RESULTS/", help="the results folder")
    run = parser.add_argument_group("where it runs")
    run.add_argument("--scheduler", type=_scheduler, default="local", help="(default: local)")
    run.add_argument("--workers", type=_positive, help="worker processes (default: one a core)")
    run.add_argument("--memory-limit", metavar="SIZE", help='per worker, e.g. "4GB"')
    find = parser.add_argument_group("candidates")
    find.add_argument("--ngram", type=_positive, default=5, help="n-gram length (default: 5)")
    find.add_argument(
        "--min-match", type=_positive, default=8, help="shared n-grams for a candidate (default: 8)"
    )
    find.add_argument(
        "--max-df",
        type=_positive,
        default=50,
        help="ignore n-grams found in more sources than this (default: 50)",
    )
    find.add_argument(
        "--after-source",
        action="store_true",
        help="only articles dated on or after the source (when both have dates)",
    )
    find.add_argument(
        "--max-days", type=int, metavar="N", help="only articles within N days of the source"
    )
    output = parser.add_argument_group("output")
    output.add_argument("--format", choices=("parquet", "jsonl"), default="parquet")
    output.add_argument(
        "--full-json", action="store_true", help='add each pair\'s whole "source-compare/1" JSON'
    )
    output.add_argument(
        "--resume", action="store_true", help="only redo the shards whose part is missing"
    )
    output.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    parser.add_argument(
        "--version", action="version", version=f"{viewer.APP_NAME} {viewer.__version__}"
    )
    return parser


def main(argv: list[str]) -> int:
    if argv and argv[0] == "corpus":
        argv = argv[1:]
    prepare_streams()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else EXIT_USAGE
    if args.max_days is not None and args.max_days < 0:
        parser.print_usage(sys.stderr)
        sys.stderr.write(f"{PROG}: error: --max-days must be 0 or more\n")
        return EXIT_USAGE

    from viewer.corpus.pipeline import CorpusRun, MissingExtraError, Settings, run_corpus
    from viewer.corpus.records import CorpusInputError

    run = CorpusRun(
        sources=args.sources,
        articles=args.articles,
        out=args.out,
        settings=Settings(
            ngram=args.ngram,
            min_match=args.min_match,
            max_df=args.max_df,
            after_source=args.after_source,
            max_days=args.max_days,
            format=args.format,
            full_json=args.full_json,
        ),
        scheduler=args.scheduler,
        workers=args.workers,
        memory_limit=args.memory_limit,
        resume=args.resume,
    )
    if os.path.exists(args.out) and not os.path.isdir(args.out):
        return fail(f"{args.out}: exists and is not a folder")
    try:
        outcome = run_corpus(run, quiet=args.quiet)
    except MissingExtraError as missing:
        return fail(
            f"corpus mode needs {missing}, which is not installed: "
            "pip install 'source-compare[corpus]'"
        )
    except CorpusInputError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return 130
    if not args.quiet:
        tell(
            f"{outcome.pairs:,} pairs from {outcome.articles:,} articles in "
            f"{outcome.seconds:.1f} s ({outcome.errors:,} pair errors); results in {args.out}"
        )
    if outcome.failed:
        return fail(
            f"{len(outcome.failed):,} of {outcome.shards:,} shards failed (see "
            f"{os.path.join(args.out, 'failures.jsonl')}); rerun with --resume to redo them"
        )
    return EXIT_OK
