"""The command line: ``source-compare compare SOURCE REWRITE`` prints or exports a comparison.

May import: the standard library, ``viewer``, ``viewer.terminal`` and ``viewer.core`` (with its
exporters). Must not import: Qt or ``viewer.gui`` (a test checks), so it runs on machines
without a display.

Exit codes: 0 done; 1 an input or output problem, told in one line on stderr naming the file;
2 a usage error (from argparse). Bad input never ends in a traceback, and neither does standard
output failing (a full disk, a closed descriptor). Control characters from the documents and
file names never reach the terminal (``viewer.terminal.printable``), so a document cannot set
the window title, write the clipboard or clear the screen.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Generator
from typing import TextIO, TypeVar

import viewer
from viewer.core import (
    KINDS,
    SIDES,
    Block,
    Comparison,
    Document,
    Kind,
    LoadError,
    Options,
    Progress,
    Side,
    compare_steps,
    load_document,
    load_url,
    meaning,
)
from viewer.core.confidence import TENTATIVE_BELOW, is_tentative
from viewer.core.export import (
    ExportError,
    Writer,
    check_target,
    comparison_to_json,
    encode_utf8,
    write_csv,
    write_html,
    write_json,
)
from viewer.core.export.html_page import REWRITE_SHARES, SOURCE_SHARES, block_text
from viewer.core.facts import block_reasons
from viewer.core.fetch import is_url
from viewer.core.kinds import (
    BOILERPLATE_LABEL,
    KIND_STYLES,
    TENTATIVE_LABEL,
    alike,
    headline_phrase,
    kind_word,
)
from viewer.core.summary import article_counts, article_words, furniture_blocks
from viewer.core.word_marks import sentence_pieces
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

T = TypeVar("T")

PROG = "source-compare compare"
EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2

_RESET = "\x1b[0m"
_DELETED = "\x1b[31m"  # red
_INSERTED = "\x1b[32m"  # green
_MOVED = "\x1b[4;36m"  # cyan, underlined: carried over, but at another place
_DIM = "\x1b[2m"
_BOLD = "\x1b[1m"
# The 8 basic terminal colours nearest to each kind's hue; every terminal can show them.
_KIND_ANSI = {
    Kind.IDENTICAL: "\x1b[1;90m",
    Kind.EDITED: "\x1b[1;34m",
    Kind.PARAPHRASE: "\x1b[1;36m",
    Kind.PARTIAL: "\x1b[1;33m",
    Kind.OMITTED: "\x1b[1;31m",
    Kind.ADDED: "\x1b[1;35m",
}

DESCRIPTION = """\
Compare a source article (SOURCE) with a rewrite of it (REWRITE): every source sentence is
aligned with the rewrite sentence(s) it became, each block is classified, and word changes are
shown.

Kinds of block:
""" + "\n".join(
    f"  {kind.value:<11} {KIND_STYLES[kind].label}: {KIND_STYLES[kind].description}"
    for kind in KINDS
)

EPILOG = """\
Under each linked pair, a line says why it got its kind; a line starting with "!" names the
facts that changed (figures, dates, names, negations, quotations, attribution), and such a
pair is always partial.
Word changes are marked [-deleted-] on the source side and {+inserted+} on the rewrite side,
or in red and green when colour is on. Colour is used with --color=auto only when the report
goes to a terminal and the NO_COLOR environment variable is not set.

Inputs: .txt, .md, .html/.htm, .docx and .pdf files, or http:// and https:// addresses of web
pages (fetched with a 20 s time limit and the same 50 MB size limit as files). Outputs are
written atomically (a failed write leaves no partial file) and never over either input.

Exit status: 0 done, 1 an input or output file problem (one line on stderr), 2 a usage error.

Examples:
  source-compare compare wire.txt story.html
  source-compare compare wire.txt story.html --html report.html --csv blocks.csv --quiet
  source-compare compare wire.txt story.html --json - | jq .summary
"""


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog=PROG,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "source",
        metavar="SOURCE",
        help="the source article (the original): a file or a web address",
    )
    parser.add_argument(
        "rewrite", metavar="REWRITE", help="the rewrite made from it: a file or an address"
    )
    out = parser.add_argument_group("exports (combinable)")
    out.add_argument(
        "--json",
        metavar="OUT",
        help='write the comparison as "source-compare/1" JSON; "-" writes it to '
        "standard output (the report then goes to standard error)",
    )
    out.add_argument("--html", metavar="OUT.html", help="write a self-contained HTML page")
    out.add_argument("--csv", metavar="OUT.csv", help="write a CSV table, one row per block")
    report = parser.add_argument_group("the report")
    report.add_argument(
        "--color",
        "--colour",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the report (default: auto)",
    )
    report.add_argument("-q", "--quiet", action="store_true", help="print no report")
    report.add_argument(
        "--summary-only",
        action="store_true",
        help="print the figures but not the aligned sentences",
    )
    engine = parser.add_argument_group("comparison")
    engine.add_argument(
        "--keep-boilerplate",
        action="store_true",
        help="do not set page furniture (headline lists, navigation) apart",
    )
    engine.add_argument(
        "--no-word-diff",
        action="store_true",
        help="skip the word-level changes inside aligned blocks",
    )
    engine.add_argument(
        "--semantic",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also link sentences by meaning, as a last alignment stage (default: on when "
        "source-compare[semantic] is installed)",
    )
    parser.add_argument(
        "--version", action="version", version=f"{viewer.APP_NAME} {viewer.__version__}"
    )
    return parser


# The report -----------------------------------------------------------------------------------


class _Painter:
    """Wraps text in terminal colour codes, or in bracket marks when colour is off."""

    def __init__(self, colour: bool):
        self.colour = colour

    def paint(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.colour and text else text

    def mark(self, mark: str, side: Side, text: str) -> str:
        """A word run as drawn: deleted or replaced words of the source red (``[-x-]``),
        inserted or replacing words of the rewrite green (``{+x+}``), moved phrases cyan and
        underlined (``[~x~]``); kept words as they are."""
        if mark == "moved":
            return self.paint(_MOVED, text) if self.colour else f"[~{text}~]"
        if mark in ("deleted", "inserted", "replaced"):
            if self.colour:
                return self.paint(_DELETED if side is Side.SOURCE else _INSERTED, text)
            return f"[-{text}-]" if side is Side.SOURCE else f"{{+{text}+}}"
        return text


def _marked_line(doc: Document, indices: tuple[int, ...], runs, side: Side, painter) -> str:
    """The block's sentences on one side, joined by spaces, drawn from its word marks; control
    characters from the document are shown, never sent (``printable``)."""
    if runs is None:
        return printable(block_text(doc, indices), newlines=True)

    def drawn(piece: str, mark: str | None) -> str:
        shown = printable(piece, newlines=True)
        return painter.mark(mark, side, shown) if mark else shown

    return " ".join(
        "".join(
            drawn(piece, mark)
            for piece, mark, _ in sentence_pieces(doc.text, doc.sentences[index], runs)
        )
        for index in indices
    )


def _numbers(indices: tuple[int, ...]) -> str:
    return ",".join(str(i + 1) for i in indices)


def _percent(share: float) -> str:
    return "<1%" if 0 < share < 0.005 else f"{share * 100:.0f}%"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def _side_line(label: str, doc: Document, boilerplate: int) -> str:
    extra = f", {boilerplate} {BOILERPLATE_LABEL.lower()}" if boilerplate else ""
    line = (
        f"{label:<8} {printable(doc.name)}  ({_count(len(doc.sentences), 'sentence')}, "
        f"{_count(article_words(doc), 'word')}{extra})"
    )
    about = [
        value
        for value in (
            doc.url if doc.url != doc.name else None,
            f"published {doc.published}" if doc.published else None,
        )
        if value
    ]
    return line + ("\n" + " " * 9 + printable(" · ".join(about)) if about else "")


def write_report(
    comparison: Comparison, stream: TextIO, *, colour: bool, pairs: bool = True
) -> None:
    """The human-readable report: the verdict and the figures, then (with ``pairs``) every
    aligned block, tentative links listed apart at the end."""
    painter = _Painter(colour)
    summary = comparison.summary
    counts = article_counts(comparison.blocks)  # page furniture is counted on its own
    furniture = furniture_blocks(comparison.blocks)
    tentative = [n for n, b in enumerate(comparison.blocks, 1) if is_tentative(b)]
    lines = [
        _side_line(
            side.label.capitalize(),
            comparison.document(side),
            summary.boilerplate_sentences(side) or len(comparison.document(side).boilerplate),
        )
        for side in SIDES
    ]
    lines.append("")
    if summary.verdict_reason:
        lines += [painter.paint(_BOLD, summary.verdict_reason), ""]
    reused = 1.0 - summary.rewrite_new - summary.rewrite_tentative
    lines += [
        headline_phrase(_percent(reused)) if summary.rewrite_words else "",
        "Rewrite: "
        + ", ".join(
            f"{_percent(getattr(summary, field))} {label}" for field, label, _ in REWRITE_SHARES
        )
        + f" (of its {_count(summary.rewrite_words, 'word')})",
        "Source:  "
        + ", ".join(
            f"{_percent(getattr(summary, field))} {label}" for field, label, _ in SOURCE_SHARES
        )
        + f" (of its {_count(summary.source_words, 'word')})",
        "Blocks:  "
        + ", ".join(f"{counts[kind.value]} {kind_word(kind)}" for kind in KINDS)
        + f"; {sum(1 for b in comparison.blocks if b.moved)} moved"
        + f"; {len(tentative)} tentative"
        + f"; {sum(1 for b in comparison.blocks if b.facts)} with changed facts"
        + (f"; {furniture} {BOILERPLATE_LABEL.lower()}" if furniture else ""),
    ]
    if comparison.meaning_note:
        lines.append(comparison.meaning_note)
    if pairs:
        lines.append(
            "Words:   "
            + painter.mark("deleted", Side.SOURCE, "deleted")
            + " from the source, "
            + painter.mark("inserted", Side.REWRITE, "inserted")
            + " in the rewrite (replaced words are both), "
            + painter.mark("moved", Side.SOURCE, "moved")
            + " to another place; matched in any order, case, quotes and punctuation aside"
        )
    stream.write("\n".join(lines) + "\n")
    if not pairs:
        return
    width = len(str(len(comparison.blocks)))
    for number, block in enumerate(comparison.blocks, 1):
        # A tentative link's sentences are listed with the other tentative links, at the end.
        _write_block(comparison, number, block, width, painter, stream, not is_tentative(block))
    if tentative:
        stream.write(
            f"\n{TENTATIVE_LABEL} links (confidence below {TENTATIVE_BELOW:.2f}; "
            "not counted as reused):\n"
        )
        for number in tentative:
            _write_block(comparison, number, comparison.blocks[number - 1], width, painter, stream)


def _write_block(
    comparison: Comparison,
    number: int,
    block: Block,
    width: int,
    painter: _Painter,
    stream: TextIO,
    text: bool = True,
) -> None:
    """One block of the report: its head line, then (with ``text``) its sentences with the word
    changes."""
    label = painter.paint(_KIND_ANSI[block.kind], KIND_STYLES[block.kind].label)
    notes = []
    if block.source and block.rewrite:
        notes.append(alike(block.alike))
        if block.meaning is not None and block.kind is not Kind.IDENTICAL:
            notes.append(f"meaning {block.meaning:.2f}")
    if is_tentative(block):
        notes.append(f"{TENTATIVE_LABEL.lower()} (confidence {block.confidence:.2f})")
    if block.moved:
        notes.append("moved")
    if block.boilerplate:
        notes.append(BOILERPLATE_LABEL.lower())
    where = []
    if block.source:
        where.append(f"source {_numbers(block.source)}")
    if block.rewrite:
        where.append(f"rewrite {_numbers(block.rewrite)}")
    head = f"{number:>{width}}  {label}" + "".join(f" · {n}" for n in notes)
    head += "  " + painter.paint(_DIM, " → ".join(where))
    out = ["", head]
    if not text:
        stream.write("\n".join(out) + "\n")
        return
    indent = " " * (width + 2)
    if block.source and block.rewrite:
        reasons = block_reasons(comparison, block)
        if block.facts:  # a changed fact stands out; other reasons stay quiet
            out.append(f"{indent}! " + painter.paint(_KIND_ANSI[Kind.PARTIAL], reasons))
        else:
            out.append(f"{indent}  " + painter.paint(_DIM, reasons))
    words = block.words
    source_text = block_text(comparison.source, block.source)
    rewrite_text = block_text(comparison.rewrite, block.rewrite)
    if block.source and block.rewrite and source_text == rewrite_text:
        out.append(f"{indent}= {printable(source_text, newlines=True)}")
    else:
        if block.source:
            runs = words.source if words else None
            line = _marked_line(comparison.source, block.source, runs, Side.SOURCE, painter)
            out.append(f"{indent}- " + line)
        if block.rewrite:
            runs = words.rewrite if words else None
            line = _marked_line(comparison.rewrite, block.rewrite, runs, Side.REWRITE, painter)
            out.append(f"{indent}+ " + line)
    lines = "\n".join(out)
    if block.boilerplate:
        lines = painter.paint(_DIM, lines)
    stream.write(lines + "\n")


def _wants_colour(choice: str, stream: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    if "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb":
        return False
    return isatty(stream)


# Running --------------------------------------------------------------------------------------


def load_input(path: str) -> Document:
    """A file or a web page as a ``Document``; any failure is a ``LoadError``."""
    try:
        return load_url(path) if is_url(path) else load_document(path)
    except LoadError:
        raise
    except Exception as exc:  # a reader's failure is a message, never a traceback
        raise LoadError(path, f"could not be read ({type(exc).__name__}: {exc})") from None


def _compare(source: Document, rewrite: Document, options: Options, progress: bool) -> Comparison:
    return drive(
        compare_steps(source, rewrite, options),
        progress,
        lambda step: f"{step.phase} {step.done * 100 // step.total}%",
    )


def drive(
    steps: Generator[Progress, None, T], progress: bool, label: Callable[[Progress], str]
) -> T:
    """Runs one of the engine's generators to its result, showing ``label(step)`` on standard
    error (one line, rewritten in place) when ``progress`` is on."""
    shown = ""
    try:
        while True:
            step = next(steps)
            if progress and step.total:
                text = "\r" + label(step)
                if text != shown:
                    sys.stderr.write(text.ljust(24))
                    sys.stderr.flush()
                    shown = text
    except StopIteration as stop:
        return stop.value
    finally:
        if progress and shown:
            sys.stderr.write("\r" + " " * 24 + "\r")
            sys.stderr.flush()


def _outputs(args: argparse.Namespace) -> list[tuple[str, str]]:
    chosen = [(name, getattr(args, name)) for name in ("json", "html", "csv")]
    return [(name, path) for name, path in chosen if path is not None]


def main(argv: list[str]) -> int:
    """Run ``compare``; ``argv`` is the command line after the program name."""
    if argv and argv[0] == "compare":
        argv = argv[1:]
    prepare_streams()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # --help, --version, or a usage error (code 2)
        return done.code if isinstance(done.code, int) else EXIT_USAGE
    outputs = _outputs(args)
    for name, path in outputs:
        if path == "-" and name != "json":
            parser.print_usage(sys.stderr)
            sys.stderr.write(f"{PROG}: error: --{name} cannot write to standard output\n")
            return EXIT_USAGE
    files = [path for _, path in outputs if path != "-"]
    try:
        for path in files:
            check_target(path, (args.source, args.rewrite))
    except ExportError as exc:
        return fail(str(exc))
    if len({os.path.abspath(p) for p in files}) != len(files):
        return fail("the same output file is given for two exports")

    try:
        source = load_input(args.source)
        rewrite = load_input(args.rewrite)
    except LoadError as exc:
        return fail(str(exc))
    for doc, given in ((source, args.source), (rewrite, args.rewrite)):
        for notice in doc.notices:
            note(f"{given}: {notice}")

    json_to_stdout = args.json == "-"
    report_stream = sys.stderr if json_to_stdout else sys.stdout
    if stdout_closed() and (json_to_stdout or not args.quiet):
        return fail("standard output is closed")
    unavailable = meaning.unavailable_reason() if args.semantic is not False else None
    if args.semantic and unavailable:
        sys.stderr.write(
            f"{PROG}: error: --semantic: matching by meaning is not available: {unavailable}\n"
        )
        return EXIT_USAGE
    options = Options(
        detect_boilerplate=not args.keep_boilerplate,
        word_diff=not args.no_word_diff,
        semantic=args.semantic is not False and unavailable is None,
    )
    show_progress = not args.quiet and isatty(sys.stderr)
    try:
        comparison = _compare(source, rewrite, options, show_progress)
    except KeyboardInterrupt:
        return 130

    protected = (args.source, args.rewrite)
    writers: dict[str, Writer] = {"json": write_json, "html": write_html, "csv": write_csv}
    try:
        for name, path in outputs:
            if path == "-":
                write_stdout_bytes(encode_utf8(comparison_to_json(comparison), "standard output"))
            else:
                writers[name](comparison, path, protected=protected)
        if not args.quiet:
            write_report(
                comparison,
                report_stream,
                colour=_wants_colour(args.color, report_stream),
                pairs=not args.summary_only,
            )
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
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
