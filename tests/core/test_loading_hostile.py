"""Loading hostile files: archives and PDFs that unpack to far more than their size, files
swapped for a named pipe while being opened, and encodings a page or file gets wrong."""

from __future__ import annotations

import io
import os
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from viewer.core import LoadError, load_document, loading

ARTICLE = "Russia launched a film crew into space on Tuesday. The crew will spend 12 days there.\n"


def problem_of(path) -> str:
    with pytest.raises(LoadError) as caught:
        load_document(path)
    assert caught.value.path == str(path)
    return caught.value.problem


def docx_bytes(paragraphs: list[str], padding: int = 0) -> bytes:
    """A real .docx; ``padding`` spaces of whitespace inside its body, which deflate to little."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    if not padding:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * padding, 1)
            target.writestr(item.filename, data)
    return out.getvalue()


def test_a_docx_that_unpacks_past_the_limit_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 1_000_000)
    path = tmp_path / "bomb.docx"
    path.write_bytes(docx_bytes([ARTICLE], padding=3_000_000))
    assert path.stat().st_size < 100_000  # small as a file: the size check alone lets it in
    problem = problem_of(path)
    assert problem.startswith("too large: it unpacks to"), problem


def test_a_docx_within_the_limit_still_loads(tmp_path, monkeypatch):
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 1_000_000)
    path = tmp_path / "fine.docx"
    path.write_bytes(docx_bytes([ARTICLE.strip()], padding=10_000))
    assert load_document(path).text == ARTICLE.strip()


def test_the_text_limit_applies_to_every_format(tmp_path, monkeypatch):
    monkeypatch.setattr(loading, "MAX_TEXT_CHARS", 500)
    long_text = ARTICLE * 20  # about 1,700 characters
    files = {
        "a.txt": long_text.encode(),
        "a.html": f"<html><body><p>{long_text}</p></body></html>".encode(),
        "a.docx": docx_bytes([long_text]),
    }
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert problem_of(path).startswith("too much text ("), name


def test_a_pdf_stops_reading_once_past_the_text_limit(tmp_path, monkeypatch, make_pdf):
    from pypdf import PageObject

    monkeypatch.setattr(loading, "MAX_TEXT_CHARS", 100)
    pages_read = []
    real = PageObject.extract_text

    def counting(page, *args, **kwargs):
        pages_read.append(1)
        return real(page, *args, **kwargs)

    monkeypatch.setattr(PageObject, "extract_text", counting)
    path = tmp_path / "long.pdf"
    path.write_bytes(make_pdf([["A line of text that is long enough to count. " * 2]] * 10))
    assert problem_of(path).startswith("too large: it holds more than 100 characters")
    assert len(pages_read) < 10


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_a_file_swapped_for_a_named_pipe_after_its_check_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "victim.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    real_stat = Path.stat
    swapped: list[bool] = []

    def stat_then_swap(self, *args, **kwargs):
        result = real_stat(self, *args, **kwargs)
        if self.name == "victim.txt" and not swapped:
            swapped.append(True)
            os.remove(self)
            os.mkfifo(self)
        return result

    monkeypatch.setattr(Path, "stat", stat_then_swap)
    outcome: list[object] = []

    def load() -> None:
        try:
            load_document(path)
        except LoadError as exc:
            outcome.append(exc.problem)
        else:
            outcome.append("loaded")

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(30)
    if worker.is_alive():  # the loader blocked in open(): let it go, then fail
        with open(os.open(path, os.O_WRONLY | os.O_NONBLOCK), "wb"):
            pass
        worker.join(5)
        pytest.fail("the loader blocked on the named pipe")
    assert outcome == ["could not be read: not a regular file"]


UTF8_ARTICLE = (
    "Perry\u2019s crew — three people — will spend twelve days in orbit. “It was hard,” she said. "
    "The film is called «The Challenge». Officials said it cost €12 million more than planned.\n"
)


@pytest.mark.parametrize("bad", [b"\xff", b"\xc3\x28", b"\xe2\x82 ", b"\xff\xfe\xf0\x9f\x98"])
def test_utf8_with_a_few_invalid_bytes_stays_utf8_and_says_so(tmp_path, bad):
    data = UTF8_ARTICLE.encode("utf-8")
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:60] + bad + data[60:])
    doc = load_document(path)
    assert "Perry\u2019s" in doc.text and "«The Challenge»" in doc.text and "€12" in doc.text
    assert "\ufffd" in doc.text
    assert doc.notices
    assert "not valid UTF-8" in doc.notices[0]


def test_cp1252_text_is_still_cp1252(tmp_path):
    path = tmp_path / "western.txt"
    path.write_bytes("Café crème à Zürich, naïve façade. “Quoted” text.\n".encode("cp1252"))
    doc = load_document(path)
    assert doc.text.startswith("Café crème à Zürich")
    assert doc.notices == ()


def test_the_command_line_notes_the_replaced_bytes(tmp_path, capsys):
    from viewer.cli import main
    from viewer.resources import seed_path

    data = UTF8_ARTICLE.encode("utf-8")
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:60] + b"\xff" + data[60:])
    assert main(["compare", str(path), str(seed_path("001")), "-q"]) == 0
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"source-compare: note: {path}: 1 byte that is not valid UTF-8 replaced with \ufffd"
    ]


def encrypted_pdf(
    tmp_path: Path, user_password: str, algorithm: str, make_pdf: Callable[[list[list[str]]], bytes]
) -> Path:
    """A one-page PDF with a text layer, encrypted by pypdf the way common tools do it."""
    from pypdf import PdfReader, PdfWriter

    plain = tmp_path / "plain.pdf"
    plain.write_bytes(make_pdf([["Russia launched a film crew into space on Tuesday."]]))
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    path = tmp_path / f"{algorithm}-{'user' if user_password else 'owner'}.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256", "RC4-128"])
def test_an_encrypted_pdf_that_opens_without_a_password_is_read(tmp_path, algorithm, make_pdf):
    doc = load_document(encrypted_pdf(tmp_path, "", algorithm, make_pdf))
    assert doc.text == "Russia launched a film crew into space on Tuesday."


@pytest.mark.parametrize("algorithm", ["AES-256", "RC4-128"])
def test_a_pdf_that_needs_a_password_says_so(tmp_path, algorithm, make_pdf):
    problem = problem_of(encrypted_pdf(tmp_path, "secret", algorithm, make_pdf))
    assert problem == "could not be read as PDF: the PDF is password-protected"


def test_a_missing_decryption_library_is_a_plain_message(tmp_path, monkeypatch, make_pdf):
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    path = encrypted_pdf(tmp_path, "", "RC4-128", make_pdf)

    def needs_a_library(self, password):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", needs_a_library)
    problem = problem_of(path)
    assert (
        problem
        == "could not be read as PDF: the PDF's encryption cannot be read by this installation"
    )
    assert "cryptography" not in problem


def test_a_corrupt_pdf_is_one_line_on_stderr(tmp_path):
    import subprocess
    import sys

    from viewer.resources import seed_path

    path = tmp_path / "c.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not a pdf body\n")
    # A process of its own: pytest's log capture would hide what pypdf prints on stderr.
    done = subprocess.run(
        [sys.executable, "-m", "viewer", "compare", str(path), str(seed_path("001")), "-q"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        timeout=300,
        check=False,
    )
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"source-compare: {path}: could not be read as PDF")


NON_LATIN = {
    "russian": "Россия во вторник запустила в космос съёмочную группу. Экипаж проведёт "
    "двенадцать дней на станции.\n",
    "chinese": "俄罗斯周二将一个电影摄制组送入太空。机组人员将在国际空间站停留十二天。\n",
    "greek": "Η Ρωσία έστειλε την Τρίτη κινηματογραφικό συνεργείο στο διάστημα.\n",  # noqa: RUF001
    "arabic": "أطلقت روسيا يوم الثلاثاء طاقم تصوير سينمائي إلى الفضاء.\n",
}


@pytest.mark.parametrize("language", sorted(NON_LATIN))
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_in_any_script(tmp_path, language, encoding):
    text = NON_LATIN[language] * 8
    path = tmp_path / f"{language}.txt"
    path.write_bytes(text.encode(encoding))
    assert load_document(path).text == text


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 40,
        __import__("random").Random(7).randbytes(20_000),
        "".join(
            ch + ("\x00" if i % 200 == 199 else "") for i, ch in enumerate(ARTICLE * 40)
        ).encode(),
    ],
    ids=["all-bytes", "random", "ascii-with-nuls"],
)
def test_binary_is_still_binary(tmp_path, data):
    path = tmp_path / "data.txt"
    path.write_bytes(data)
    assert problem_of(path) == "binary file, not a text document"


def meta_page(charset: str, body: bytes) -> bytes:
    return (
        f'<html><head><meta charset="{charset}"></head><body><article>'.encode("ascii")
        + body
        + b"</article></body></html>"
    )


PARAGRAPH = "<p>Russia launched a film crew into space on Tuesday, officials said.</p>" * 8


@pytest.mark.parametrize("charset", ["punycode", "cp037", "idna", "utf-7", "rot13", "undefined"])
def test_a_python_codec_name_that_browsers_do_not_know_is_not_honoured(tmp_path, charset):
    path = tmp_path / "page.html"
    path.write_bytes(meta_page(charset, PARAGRAPH.encode("ascii")))
    assert "Russia launched a film crew" in load_document(path).text


@pytest.mark.parametrize(
    "charset, encoding",
    [
        ("windows-1251", "cp1251"),
        ("KOI8-R", "koi8_r"),
        (" latin1 ", "cp1252"),
        ("shift_jis", "cp932"),
        ("euc-kr", "cp949"),
    ],
)
def test_the_labels_browsers_know_are_honoured(tmp_path, charset, encoding):
    from viewer.core.readers import decode_html

    words = {"cp1251": "Россия", "koi8_r": "Россия", "cp1252": "Zürich", "cp932": "ロシア"}
    word = words.get(encoding, "러시아")
    body = f"<p>{word} launched a film crew into space on Tuesday.</p>".encode(encoding)
    assert word in decode_html(meta_page(charset, body))


def test_a_declared_utf16_means_utf8_as_in_browsers():
    from viewer.core.readers import decode_html

    body = "<p>Café crème à Zürich.</p>".encode()
    assert "Café crème à Zürich." in decode_html(meta_page("utf-16", body))


def test_a_page_with_only_scripts_styles_navigation_and_templates_has_no_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<!DOCTYPE html><html><head><script>var a = 'Russia launched a film crew.';</script>"
        "<style>p{color:red}</style></head><body><nav><a href=/>Home</a> "
        "<a href=/news>News</a></nav><script>document.write('The crew will spend twelve days.')"
        "</script><noscript></noscript><template><p>Hidden template text.</p></template>"
        "</body></html>",
        encoding="utf-8",
    )
    assert problem_of(path) == "no text found"


@pytest.mark.parametrize(
    "hidden",
    [
        "<template><p>Hidden template text, never shown.</p></template>",
        "<div hidden><p>Hidden element text, never shown.</p></div>",
        '<p aria-hidden="true" hidden>Hidden paragraph text, never shown.</p>',
        '<div style="display: none"><p>Undisplayed text, never shown.</p></div>',
    ],
)
def test_invisible_html_is_not_text(tmp_path, hidden):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body><article><p>Russia launched a film crew into space on Tuesday.</p>"
        + hidden
        + "<p>The crew will spend twelve days on the station.</p></article></body></html>",
        encoding="utf-8",
    )
    text = load_document(path).text
    assert "Russia launched a film crew" in text
    assert "never shown" not in text


def test_loading_a_long_pdf_can_be_cancelled_between_pages(tmp_path, monkeypatch, make_pdf):
    from pypdf import PageObject

    from viewer.core import Cancelled

    pages_read: list[int] = []
    real = PageObject.extract_text

    def counting(page, *args, **kwargs):
        pages_read.append(1)
        return real(page, *args, **kwargs)

    monkeypatch.setattr(PageObject, "extract_text", counting)
    path = tmp_path / "long.pdf"
    # Different words on every page: a line repeated on most pages is a running header.
    words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima".split()
    texts = [f"The {a} crew met the {b} team." for a in words for b in words][:40]
    path.write_bytes(make_pdf([[text] for text in texts]))
    with pytest.raises(Cancelled):
        load_document(path, cancel=lambda: len(pages_read) >= 3)
    assert len(pages_read) == 3
    assert len(load_document(path).sentences) == 40


@pytest.mark.parametrize("name", ["a.txt", "a.html"])
def test_loading_checks_cancel_before_any_work(tmp_path, name):
    from viewer.core import Cancelled

    path = tmp_path / name
    path.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(Cancelled):
        load_document(path, cancel=lambda: True)
