"""The command line of sets: ``source-compare many`` and ``source-compare attribute``.

May import: the standard library, ``viewer``, ``viewer.cli`` (its report helpers),
``viewer.terminal`` and ``viewer.core`` (with its exporters). Must not import: Qt or
``viewer.gui``, so it runs on machines without a display.

``many SOURCE REWRITE... | DIR`` compares every rewrite with the one source and prints one row
per outlet and a "reused by" line per source sentence. ``attribute ARTICLE SOURCE... | DIR``
credits each article sentence to one of the candidate sources. An unreadable input other than
the source (or the article) does not stop the set: one line on standard error names it, the
others are compared, and the exit status is 1. Exit codes otherwise as ``compare``: 0 done, 1
an input or output problem, 2 a usage error. What is printed and how standard output may fail
are as ``compare`` has them (``viewer.terminal``): control characters of documents and file
names are shown, not sent, and a failing standard output is one line and exit status 1.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any, TextIO, TypeVar

import viewer
from viewer.cli import _DIM, _KIND_ANSI, _Painter, _percent, _wants_colour, drive, load_input
from viewer.core import (
    SUPPORTED_EXTENSIONS,
    Document,
    Kind,
    LoadError,
    Options,
    Progress,
)
from viewer.core.attribution import Attribution, attribute_steps
from viewer.core.export import ExportError, check_target, encode_utf8
from viewer.core.export.set_csv import write_set_csv
from viewer.core.export.set_html import write_set_html
from viewer.core.export.set_json import set_to_json, write_set_json
from viewer.core.fetch import is_url
from viewer.core.kinds import KIND_STYLES
from viewer.core.outlets import STRIP_LETTERS, OutletSet, compare_set_steps, parse_date
from viewer.terminal import (
    CommandParser,
    fail,
    isatty,
    note,
    output_failed,
    prepare_streams,
    printable,
    stdout_closed,
    tell,
    write_stdout_bytes,
)

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
PROGRAM = "source-compare"
SENTENCE_PREVIEW_CHARS = 70
NAME_COLUMN_CHARS = 28
STRIP_BLOCK = "\u2588"  # a full block, coloured by kind when colour is on

T = TypeVar("T")

_EPILOG_COMMON = """\
Inputs are files or http:// and https:// addresses of web pages. A DIR stands for every .txt,
.md, .html/.htm, .docx and .pdf file directly inside it (hidden files aside). An article's date
is the one --dates gives, or else the publication date the page states. An input that cannot
be read is named in one line on standard error and left out; the others are compared and the
exit status is 1.

--dates reads a CSV file with two columns, a file name (or a path relative to the CSV file)
and its date (YYYY-MM-DD, or an ISO date and time); a header row is allowed.

Outputs are written atomically and never over an input. Exit status: 0 done, 1 an input or
output problem (one line on standard error each), 2 a usage error.
"""

MANY_DESCRIPTION = """\
Compare one source article (a wire story) with many rewrites of it (other outlets' versions).
Each rewrite is compared with the source as `compare` does; the report has one row per outlet
(its reused shares, the share of the source it carried, and its sentence strip: one mark per
source sentence) and, per source sentence, how many outlets reused it and how.

Strip letters: V verbatim, E lightly edited, P paraphrased, R partly reused (lower case when
moved), ! a fact changed, . not reused, blank: page furniture."""

ATTRIBUTE_DESCRIPTION = """\
Credit each sentence of one article to the candidate source it most likely came from: the
closest kind of reuse first, then the higher similarity. Near-ties (two sources saying the
same thing with similar similarity) go to the --primary source, then to the earliest date
from --dates. The other sources that have the sentence are listed as "also in"; sentences no
source has are the article's own."""


def _add_common(parser: argparse.ArgumentParser, json_help: str, csv_help: str) -> None:
    parser.add_argument(
        "--dates", metavar="DATES.csv", help="dates of the inputs (file name, date per row)"
    )
    out = parser.add_argument_group("exports (combinable)")
    out.add_argument("--json", metavar="OUT", help=json_help)
    out.add_argument("--html", metavar="OUT.html", help="write a self-contained HTML page")
    out.add_argument("--csv", metavar="OUT.csv", help=csv_help)
    report = parser.add_argument_group("the report")
    report.add_argument(
        "--color",
        "--colour",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the report (default: auto)",
    )
    report.add_argument("-q", "--quiet", action="store_true", help="print no report")
    engine = parser.add_argument_group("comparison")
    engine.add_argument(
        "--keep-boilerplate",
        action="store_true",
        help="do not set page furniture (headline lists, navigation) apart",
    )
    parser.add_argument(
        "--version", action="version", version=f"{viewer.APP_NAME} {viewer.__version__}"
    )


def build_many_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog=f"{PROGRAM} many",
        description=MANY_DESCRIPTION,
        epilog=_EPILOG_COMMON
        + "\nExamples:\n  source-compare many wire.txt outlets/ --html set.html\n"
        "  source-compare many wire.txt a.html b.html c.txt --json set.json --csv matrix.csv\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("source", metavar="SOURCE", help="the source article (the wire story)")
    parser.add_argument(
        "rewrites", metavar="REWRITE", nargs="+", help="the rewrites, or a folder of them"
    )
    _add_common(
        parser,
        'write the set as "source-compare-set/1" JSON; "-" writes it to standard output',
        "write the outlet matrix: one row per outlet, one column per source sentence",
    )
    return parser


def build_attribute_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog=f"{PROGRAM} attribute",
        description=ATTRIBUTE_DESCRIPTION,
        epilog=_EPILOG_COMMON
        + "\nExamples:\n  source-compare attribute story.html sources/ --primary sources/afp.txt\n"
        "  source-compare attribute story.html a.txt b.txt --dates dates.csv --csv credits.csv\n",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("article", metavar="ARTICLE", help="the article to attribute")
    parser.add_argument(
        "sources", metavar="SOURCE", nargs="+", help="the candidate sources, or a folder of them"
    )
    parser.add_argument(
        "--primary",
        metavar="FILE",
        help="the primary source (the wire, the press release): near-ties go to it",
    )
    _add_common(
        parser,
        'write the set and its credits as "source-compare-set/1" JSON; "-" writes it to '
        "standard output",
        "write the credits: one row per article sentence",
    )
    return parser


# Inputs ---------------------------------------------------------------------------------------


def expand_inputs(paths: list[str], exclude: str | None) -> tuple[list[str], list[str]]:
    """Files named and the supported files of folders named (sorted), without ``exclude``; and
    the problems found (a folder with no article, a path that does not exist)."""
    files: list[str] = []
    problems: list[str] = []
    for path in paths:
        if not is_url(path) and os.path.isdir(path):
            found = sorted(
                str(entry)
                for entry in Path(path).iterdir()
                if entry.is_file()
                and not entry.name.startswith(".")
                and entry.suffix.lower() in SUPPORTED_EXTENSIONS
            )
            if not found:
                problems.append(f"{path}: no article files in this folder")
            files.extend(found)
        else:
            files.append(path)
    if exclude is not None:
        files = [f for f in files if not _same(f, exclude)]
    unique: list[str] = []
    for f in files:
        if not any(_same(f, seen) for seen in unique):
            unique.append(f)
    return unique, problems


def _same(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def read_dates(path: str) -> dict[str, str]:
    """The dates file: file name or path (as written) -> ISO date. ``LoadError`` when it cannot
    be read or a row is not "file,date"."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError(path, f"the dates file cannot be read ({exc})") from None
    dates: dict[str, str] = {}
    for number, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if len(cells) < 2 or not cells[0]:
            raise LoadError(path, f"line {number}: expected two columns, a file and a date")
        try:
            date = parse_date(cells[1])
        except ValueError as exc:
            if number == 1:  # a header row
                continue
            raise LoadError(path, f"line {number}: {exc}") from None
        dates[cells[0]] = date
    return dates


def _date_for(file: str, dates: dict[str, str], dates_path: str) -> str | None:
    folder = os.path.dirname(dates_path)
    for written, date in dates.items():
        if written == os.path.basename(file) or _same(os.path.join(folder, written), file):
            return date
    return None


def _drive(steps: Generator[Progress, None, T], progress: bool) -> T:
    return drive(steps, progress, lambda step: f"comparing {step.done}/{step.total}")


# The reports ----------------------------------------------------------------------------------


def _short(text: str, width: int) -> str:
    """``text`` on one line, control characters shown (``printable``), cut to ``width``."""
    text = printable(" ".join(text.split()))
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _strip(outlet_set: OutletSet, k: int, painter: _Painter) -> str:
    letters = outlet_set.strip_text(k)
    if not painter.colour:
        return letters
    out = []
    for letter, cell in zip(letters, outlet_set.matrix[k], strict=True):
        if letter in (" ", "."):
            out.append(letter)
        else:
            mark = "!" if letter == "!" else STRIP_BLOCK
            out.append(painter.paint(_KIND_ANSI[cell.kind], mark))
    return "".join(out)


def write_many_report(outlet_set: OutletSet, stream: TextIO, *, colour: bool) -> None:
    painter = _Painter(colour)
    hub = outlet_set.hub
    count = len(outlet_set.comparisons)
    lines = [
        f"Source   {printable(hub.name)}  ({len(hub.sentences)} sentences, {hub.word_count} words"
        + (f", {len(hub.boilerplate)} page furniture" if hub.boilerplate else "")
        + ")",
        f"Outlets  {count}",
        "",
        f"{'outlet':<{NAME_COLUMN_CHARS}} {'date':<10} carried  verb edit para part  new  strip",
    ]
    for k in range(count):
        summary = outlet_set.comparisons[k].summary
        shares = "".join(
            f"{_percent(getattr(summary, name)):>5}"
            for name in (
                "rewrite_verbatim",
                "rewrite_edited",
                "rewrite_paraphrased",
                "rewrite_partial",
                "rewrite_new",
            )
        )
        verdict = getattr(summary, "verdict", "")
        lines.append(
            f"{_short(outlet_set.spoke(k).name, NAME_COLUMN_CHARS):<{NAME_COLUMN_CHARS}} "
            f"{outlet_set.dates[k] or '-':<10} {_percent(outlet_set.reused_share(k)):>7}"
            f"{shares}  {_strip(outlet_set, k, painter)}" + (f"  {verdict}" if verdict else "")
        )
    lines += ["", "Reused by (source sentence: outlets that reused it, by kind)"]
    width = len(str(len(hub.sentences)))
    for row in outlet_set.sentences:
        text = _short(hub.sentence_text(row.sentence), SENTENCE_PREVIEW_CHARS)
        if row.boilerplate:
            lines.append(
                painter.paint(_DIM, f"{row.sentence + 1:>{width}}  page furniture  {text}")
            )
            continue
        counts = row.counts_by_kind()
        kinds = ", ".join(
            f"{n} {KIND_STYLES[kind].label.lower()}" for kind, n in counts.items() if n
        )
        extra = "".join(
            f", {n} {label}"
            for n, label in ((row.moved, "moved"), (row.fact_changes, "with a fact changed"))
            if n
        )
        lines.append(
            f"{row.sentence + 1:>{width}}  {row.badge:>{len(str(count)) * 2 + 1}}  "
            f"{text}" + (f"  ({kinds}{extra})" if kinds else "")
        )
    stream.write("\n".join(lines) + "\n")


def write_attribution_report(attribution: Attribution, stream: TextIO, *, colour: bool) -> None:
    painter = _Painter(colour)
    outlet_set = attribution.outlet_set
    article = outlet_set.hub
    # Sources are numbered as listed: by the share of the article credited to them.
    number = {s.source: n for n, s in enumerate(attribution.sources, start=1)}

    def chip(source: int, kind: Kind) -> str:
        return painter.paint(_KIND_ANSI[kind], f"{number[source]}\u00b7{STRIP_LETTERS[kind]}")

    primary = attribution.primary
    lines = [
        f"Article  {printable(article.name)}  ({len(article.sentences)} sentences, "
        f"{article.word_count} words)",
        f"Sources  {len(outlet_set.comparisons)}"
        + (
            f" (primary: {printable(outlet_set.spoke(primary).name)})"
            if primary is not None
            else ""
        ),
        "",
    ]
    width = len(str(len(article.sentences)))
    for credit in attribution.credits:
        text = _short(article.sentence_text(credit.sentence), SENTENCE_PREVIEW_CHARS)
        head = f"{credit.sentence + 1:>{width}}  "
        if credit.reuse is None:
            label = "page furniture" if credit.reason == "furniture" else "own"
            lines.append(painter.paint(_DIM, f"{head}{label:<5}  {text}"))
            continue
        cell = credit.reuse.cell
        why = {"primary": " (primary)", "earliest": " (earliest)"}.get(credit.reason, "")
        also = " ".join(chip(r.outlet, r.cell.kind) for r in credit.also_in)
        lines.append(
            f"{head}{chip(credit.reuse.outlet, cell.kind):<5}  {text}  "
            f"[{KIND_STYLES[cell.kind].label.lower()}, {round(cell.similarity * 100)}% alike{why}"
            + (f"; also in {also}" if also else "")
            + "]"
        )
    lines += ["", "Sources by share of the article's words"]
    for n, share in enumerate(attribution.sources, start=1):
        date = outlet_set.dates[share.source]
        marks = [m for m in ("primary" if share.source == primary else "", date or "") if m]
        lines.append(
            f"{n:>3}  {_percent(share.share):>4}  {printable(outlet_set.spoke(share.source).name)}"
            + (f" ({', '.join(marks)})" if marks else "")
            + f": {share.sentences} sentence{'s' * (share.sentences != 1)}; also matches "
            f"{share.also_matches} credited elsewhere"
        )
    lines.append(f"     {_percent(attribution.unattributed_share):>4}  the article's own")
    stream.write("\n".join(lines) + "\n")


# Running --------------------------------------------------------------------------------------


def _outputs(args: argparse.Namespace) -> list[tuple[str, str]]:
    chosen = [(name, getattr(args, name)) for name in ("json", "html", "csv")]
    return [(name, path) for name, path in chosen if path is not None]


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace | int:
    prepare_streams()
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # --help, --version, or a usage error (code 2)
        return done.code if isinstance(done.code, int) else EXIT_USAGE
    for name, path in _outputs(args):
        if path == "-" and name != "json":
            parser.print_usage(sys.stderr)
            sys.stderr.write(f"{parser.prog}: error: --{name} cannot write to standard output\n")
            return EXIT_USAGE
    return args


def _run(
    args: argparse.Namespace,
    hub_path: str,
    spoke_args: list[str],
    compute: Callable[[Document, list[Document], list[str | None], list[str]], Any],
    report: Callable[[Any, TextIO, bool], None],
    extra_inputs: tuple[str, ...] = (),
) -> int:
    outputs = _outputs(args)
    files, problems = expand_inputs(spoke_args + list(extra_inputs), exclude=hub_path)
    inputs = (hub_path, *files)
    targets = [path for _, path in outputs if path != "-"]
    try:
        for path in targets:
            check_target(path, inputs)
    except ExportError as exc:
        return fail(str(exc))
    if len({os.path.abspath(p) for p in targets}) != len(targets):
        return fail("the same output file is given for two exports")
    json_to_stdout = args.json == "-"
    if stdout_closed() and (json_to_stdout or not args.quiet):
        return fail("standard output is closed")
    status = EXIT_OK
    for problem in problems:
        status = fail(problem)
    try:
        hub = load_input(hub_path)
        dates_by_name = read_dates(args.dates) if args.dates else {}
    except LoadError as exc:
        return fail(str(exc))
    documents: list[Document] = []
    paths: list[str] = []
    for path in files:
        try:
            documents.append(load_input(path))
            paths.append(path)
        except LoadError as exc:
            status = fail(str(exc))
    for doc, given in zip((hub, *documents), (hub_path, *paths), strict=True):
        for notice in doc.notices:
            note(f"{given}: {notice}")
    if not documents:
        return fail("nothing to compare with " + hub_path)
    dates = [_date_for(p, dates_by_name, args.dates) if args.dates else None for p in paths]
    try:
        result = compute(hub, documents, dates, paths)
    except KeyboardInterrupt:
        return 130
    except ValueError as exc:
        return fail(str(exc))
    report_stream = sys.stderr if json_to_stdout else sys.stdout
    writers: dict[str, Callable[..., None]] = {
        "json": write_set_json,
        "html": write_set_html,
        "csv": write_set_csv,
    }
    try:
        for name, path in outputs:
            if path == "-":
                write_stdout_bytes(encode_utf8(set_to_json(result), "standard output"))
            else:
                writers[name](result, path, protected=inputs)
        if not args.quiet:
            report(result, report_stream, _wants_colour(args.color, report_stream))
            for name, path in outputs:
                if path != "-":
                    tell(f"Wrote {name.upper()}: {path}")
            report_stream.flush()
        if sys.stdout is not None:
            sys.stdout.flush()
    except ExportError as exc:
        return fail(str(exc))
    except OSError as exc:  # a full disk, or the reader (e.g. `head`) closed the pipe
        return output_failed(exc)
    return status


def main_many(argv: list[str]) -> int:
    """Run ``many``; ``argv`` is the command line after the program name."""
    if argv and argv[0] == "many":
        argv = argv[1:]
    args = _parse(build_many_parser(), argv)
    if isinstance(args, int):
        return args
    options = Options(detect_boilerplate=not args.keep_boilerplate)
    progress = not args.quiet and isatty(sys.stderr)

    def compute(
        hub: Document, docs: list[Document], dates: list[str | None], paths: list[str]
    ) -> OutletSet:
        return _drive(compare_set_steps(hub, docs, options, None, dates), progress)

    return _run(
        args,
        args.source,
        args.rewrites,
        compute,
        lambda result, stream, colour: write_many_report(result, stream, colour=colour),
    )


def main_attribute(argv: list[str]) -> int:
    """Run ``attribute``; ``argv`` is the command line after the program name."""
    if argv and argv[0] == "attribute":
        argv = argv[1:]
    args = _parse(build_attribute_parser(), argv)
    if isinstance(args, int):
        return args
    options = Options(detect_boilerplate=not args.keep_boilerplate)
    progress = not args.quiet and isatty(sys.stderr)
    if args.primary is not None and not os.path.exists(args.primary):
        return fail(f"{args.primary}: the primary source does not exist")

    def compute(
        hub: Document, docs: list[Document], dates: list[str | None], paths: list[str]
    ) -> Attribution:
        primary = None
        if args.primary is not None:
            primary = next((k for k, p in enumerate(paths) if _same(p, args.primary)), None)
            if primary is None:
                raise ValueError(f"{args.primary}: the primary source could not be read")
        steps = attribute_steps(hub, docs, options, None, primary, dates)
        return _drive(steps, progress)

    extra = (args.primary,) if args.primary is not None else ()
    return _run(
        args,
        args.article,
        args.sources,
        compute,
        lambda result, stream, colour: write_attribution_report(result, stream, colour=colour),
        extra_inputs=extra,
    )


__all__ = [
    "build_attribute_parser",
    "build_many_parser",
    "expand_inputs",
    "main_attribute",
    "main_many",
    "read_dates",
    "write_attribution_report",
    "write_many_report",
]
