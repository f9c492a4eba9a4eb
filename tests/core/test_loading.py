"""Loading files: every format, every encoding, and every kind of bad input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.core import LoadError, document_from_text, load_document, loading
from viewer.core.encoding import NotTextError, decode_text
from viewer.resources import seed_path

ARTICLE = (
    "Russia launched a film crew into space on Tuesday. The crew will spend 12 days on the "
    'International Space Station.\n"It was hard," she said. The film is called The Challenge.'
)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def problem_of(path) -> str:
    with pytest.raises(LoadError) as caught:
        load_document(path)
    assert caught.value.path == str(path)
    return caught.value.problem


def test_txt_keeps_the_text_and_sets_name_and_absolute_path(tmp_path, monkeypatch):
    path = write(tmp_path, "article.txt", ARTICLE)
    monkeypatch.chdir(tmp_path)
    doc = load_document("article.txt")
    assert doc.text == ARTICLE
    assert doc.format == "txt"
    assert doc.name == "article.txt"
    assert doc.path == str(path.absolute())
    assert doc.sentence_texts() == [
        "Russia launched a film crew into space on Tuesday.",
        "The crew will spend 12 days on the International Space Station.",
        '"It was hard," she said.',
        "The film is called The Challenge.",
    ]
    assert [doc.text[s:e] for s, e in doc.paragraphs] == ARTICLE.split("\n")


def test_seed_file_loads_with_every_line_a_paragraph():
    doc = load_document(seed_path("000"))
    assert doc.format == "txt"
    assert len(doc.paragraphs) == 16
    assert doc.text == seed_path("000").read_text(encoding="utf-8")


def test_markdown_headings_and_list_items_are_units(tmp_path):
    text = (
        "# Film crew in orbit\n\nRussia launched a crew. It will film.\n\n"
        "- first point\n- second point\n"
    )
    doc = load_document(write(tmp_path, "notes.md", text))
    assert doc.format == "md"
    assert doc.text == text
    assert doc.sentence_texts() == [
        "# Film crew in orbit",
        "Russia launched a crew.",
        "It will film.",
        "- first point",
        "- second point",
    ]


NEWS_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Film crew</title>
<script>var tracking = "Script text must not appear.";</script>
<style>p { color: red }</style></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>Russia sends a film crew to space</h1>
<p>Moscow: Russia on Tuesday launched an actress and a film director into space in a bid to beat
the United States to the first movie in orbit.</p>
<p>If successful, the Russian crew will beat a Hollywood project announced earlier this year by
\u201cMission Impossible\u201d star Tom Cruise together with NASA and Elon Musk\u2019s SpaceX.</p>
<div class="related"><h3>Related stories</h3>
<ul><li><a href="/a">Celebrity chef opens a restaurant</a></li>
<li><a href="/b">Pop star releases an album</a></li></ul></div>
<p>\u201cSome things will work out and some things won\u2019t,\u201d the director conceded.</p>
</article><footer>Copyright 2021 Example News. All rights reserved.</footer></body></html>"""


def test_html_keeps_the_article_paragraphs_and_drops_furniture(tmp_path):
    doc = load_document(write(tmp_path, "page.html", NEWS_PAGE))
    assert doc.format == "html"
    lines = [doc.text[s:e] for s, e in doc.paragraphs]
    assert lines[0] == "Russia sends a film crew to space"
    assert lines[1].startswith("Moscow: Russia on Tuesday launched")
    assert (
        lines[-1] == "\u201cSome things will work out and some things won\u2019t,\u201d "
        "the director conceded."
    )
    for absent in ("Script text", "color: red", "Home", "Celebrity chef", "Pop star", "Copyright"):
        assert absent not in doc.text


def test_html_meta_charset_is_honoured(tmp_path):
    page = NEWS_PAGE.replace('charset="utf-8"', 'charset="windows-1251"').replace(
        "Moscow: Russia", "Москва: Russia"
    )
    doc = load_document(write(tmp_path, "page.htm", page.encode("cp1251", errors="replace")))
    assert "Москва: Russia on Tuesday" in doc.text


def test_malformed_html_falls_back_to_visible_text(tmp_path):
    page = (
        "<p>The crew <b>launched</p></i></div>"
        "<p>It will film. <script>hidden()</script>Then return.</td>"
    )
    doc = load_document(write(tmp_path, "broken.html", page))
    assert doc.sentence_texts() == ["The crew launched", "It will film.", "Then return."]


def test_html_without_text_is_no_text_found(tmp_path):
    path = write(
        tmp_path, "empty.html", "<html><head><script>x()</script></head><body> </body></html>"
    )
    assert problem_of(path) == "no text found"


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Film crew in orbit", level=1)
    document.add_paragraph("Russia launched a crew on Tuesday. It will film for 12 days.")
    document.add_paragraph("   ")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Crew size"
    table.cell(0, 1).text = "Three"
    document.add_paragraph("The crew returns on October 17.")
    path = tmp_path / "article.docx"
    document.save(str(path))
    doc = load_document(path)
    assert doc.format == "docx"
    assert doc.text == (
        "Film crew in orbit\nRussia launched a crew on Tuesday. It will film for 12 days.\n"
        "Crew size\nThree\nThe crew returns on October 17."
    )
    assert len(doc.sentences) == 6


def test_corrupt_docx(tmp_path):
    path = write(tmp_path, "bad.docx", b"PK\x03\x04 this is not really a zip archive" * 10)
    assert problem_of(path).startswith("could not be read as a Word document:")
    old_doc = write(tmp_path, "old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert "could not be read as a Word document" in problem_of(old_doc)


def test_pdf_text_layer_with_wrapped_lines_joined(tmp_path, make_pdf):
    path = write(
        tmp_path,
        "article.pdf",
        make_pdf(
            [
                [
                    "Russia launched a film crew into space on Tuesday and the crew",
                    "will spend twelve days aboard the station.",
                    "A second paragraph.",
                ]
            ]
        ),
    )
    doc = load_document(path)
    assert doc.format == "pdf"
    assert doc.sentence_texts() == [
        "Russia launched a film crew into space on Tuesday "
        "and the crew will spend twelve days aboard the station.",
        "A second paragraph.",
    ]


def test_pdf_without_text_layer(tmp_path, make_pdf):
    path = write(tmp_path, "scan.pdf", make_pdf([[]]))
    assert problem_of(path) == "no text found (scanned PDF without a text layer?)"


def test_corrupt_pdf(tmp_path):
    path = write(tmp_path, "bad.pdf", b"%PDF-1.4\nthis is not a pdf body\n" * 5)
    assert problem_of(path).startswith("could not be read as PDF:")


def test_unknown_extension_with_text_is_text(tmp_path):
    doc = load_document(write(tmp_path, "article.story", ARTICLE))
    assert doc.format == "text"
    assert doc.text == ARTICLE


def test_unknown_extension_sniffs_pdf(tmp_path, make_pdf):
    doc = load_document(write(tmp_path, "download", make_pdf([["One short line."]])))
    assert doc.format == "pdf"
    assert doc.sentence_texts() == ["One short line."]


def test_unknown_extension_binary(tmp_path):
    path = write(tmp_path, "image.dat", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert problem_of(path) == "binary file, not a text document"


def test_txt_that_is_binary(tmp_path):
    path = write(tmp_path, "fake.txt", b"text\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 20)
    assert problem_of(path) == "binary file, not a text document"


# --- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding,expected_name,text",
    [
        (
            "cp1252",
            "cp1252",
            "The \u201cChallenge\u201d \u2013 a film \u2026 caf\u00e9 na\u00efve.",
        ),
        ("latin-1", "latin-1", "Ça coûte cher, señor. Größe in München."),
        ("cp1251", "cp1251", "Россия запустила спутник. Он вышел на орбиту."),
        ("cp1251", "cp1251", "Привет, мир"),
        ("utf-8", "utf-8", "Москва — “столица” ☃"),
    ],
)
def test_legacy_and_utf8_detection(encoding, expected_name, text):
    decoded, name = decode_text(text.encode(encoding))
    assert decoded == text
    assert name == expected_name


@pytest.mark.parametrize(
    "bom,encoding",
    [
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
    ],
)
def test_byte_order_marks_are_removed(tmp_path, bom, encoding):
    text = "Россия launched a crew.\nIt will film."
    doc = load_document(write(tmp_path, "bom.txt", bom + text.encode(encoding)))
    assert doc.text == text
    assert len(doc.sentences) == 2


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_latin_text(tmp_path, encoding):
    doc = load_document(write(tmp_path, "wide.txt", ARTICLE.encode(encoding)))
    assert doc.text == ARTICLE


def test_cp1251_file_end_to_end(tmp_path):
    text = "Россия запустила спутник. Он вышел на орбиту."
    doc = load_document(write(tmp_path, "ru.txt", text.encode("cp1251")))
    assert doc.sentence_texts() == ["Россия запустила спутник.", "Он вышел на орбиту."]


def test_windows_and_old_mac_newlines_become_newlines(tmp_path):
    doc = load_document(write(tmp_path, "crlf.txt", b"One line.\r\nTwo line.\rThree line."))
    assert doc.text == "One line.\nTwo line.\nThree line."
    assert len(doc.paragraphs) == 3


def test_document_from_text():
    doc = document_from_text("Pasted text.\r\nMore text.", "Pasted")
    assert doc.text == "Pasted text.\nMore text."
    assert doc.format == "text" and doc.path is None and doc.name == "Pasted"
    assert doc.sentence_texts() == ["Pasted text.", "More text."]
    assert document_from_text("", "Empty").sentences == ()


# --- bad input -------------------------------------------------------------------------------


def test_missing_file(tmp_path):
    assert problem_of(tmp_path / "nope.txt") == "file not found"


def test_folder(tmp_path):
    assert problem_of(tmp_path) == "is a folder, not a file"


def test_empty_file(tmp_path):
    assert problem_of(write(tmp_path, "empty.txt", b"")) == "the file is empty"


def test_whitespace_only_file(tmp_path):
    assert problem_of(write(tmp_path, "blank.txt", " \n\t\r\n  ")) == "the file is empty"
    assert problem_of(write(tmp_path, "blank.md", "\ufeff\n\n")) == "the file is empty"


def test_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 2 * 1024 * 1024)
    path = write(tmp_path, "big.txt", b"word " * (700 * 1024))
    assert problem_of(path) == "too large (3 MB; the limit is 2 MB)"


def test_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "sparse.txt"
    with open(path, "wb") as handle:  # a sparse file: 60 MB on paper, nothing on disk
        handle.truncate(60 * 1024 * 1024)
    read_calls = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda *a, **k: read_calls.append(a) or real_open(*a, **k))
    assert problem_of(path) == "too large (60 MB; the limit is 50 MB)"
    assert read_calls == []


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0,
    reason="root and non-POSIX systems can read a file with mode 000",
)
def test_permission_denied(tmp_path):
    path = write(tmp_path, "secret.txt", ARTICLE)
    path.chmod(0)
    try:
        assert problem_of(path) == "permission denied"
    finally:
        path.chmod(0o600)


def test_file_vanishing_between_check_and_read(tmp_path, monkeypatch):
    path = write(tmp_path, "gone.txt", ARTICLE)
    real_stat = Path.stat

    def stat_then_delete(self, *args, **kwargs):
        result = real_stat(self, *args, **kwargs)
        if self.name == "gone.txt" and os.path.exists(self):
            os.remove(self)
        return result

    monkeypatch.setattr(Path, "stat", stat_then_delete)
    assert problem_of(path) == "file not found"


def test_fifo_is_not_read(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes need POSIX")
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    assert problem_of(path) == "could not be read: not a regular file"


def test_only_load_error_escapes_for_junk_in_every_format(tmp_path):
    junk = bytes(range(256)) * 8
    for name in ("a.txt", "a.md", "a.html", "a.docx", "a.pdf", "a.bin"):
        with pytest.raises(LoadError):
            load_document(write(tmp_path, name, junk))


def test_impossible_path():
    with pytest.raises(LoadError) as caught:
        load_document("bad\x00name.txt")
    assert caught.value.problem.startswith("could not be read:")


def test_truncated_utf16_is_reported_not_crashed(tmp_path):
    path = write(tmp_path, "cut.txt", b"\xff\xfe" + "The crew.".encode("utf-16-le") + b"\x41")
    assert problem_of(path).startswith("could not be read: not valid UTF-16-LE")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_are_refused_as_not_text(data):
    try:
        text, encoding = decode_text(data)
    except NotTextError:
        return
    assert isinstance(text, str) and encoding


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([".txt", ".html", ".md", ".dat"]))
def test_any_file_gives_a_document_or_a_load_error(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    try:
        doc = load_document(path)
    except LoadError as exc:
        assert exc.problem
    else:
        assert doc.text.strip() and doc.sentences


def test_public_limits():
    assert loading.MAX_FILE_BYTES == 50 * 1024 * 1024
    assert set(loading.SUPPORTED_EXTENSIONS) == {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}


def test_unknown_extension_sniffs_html(tmp_path):
    doc = load_document(
        write(
            tmp_path,
            "saved_page",
            "<!DOCTYPE html>\n<html><body><p>The crew launched.</p>"
            "<p>It will film.</p></body></html>",
        )
    )
    assert doc.format == "html"
    assert doc.sentence_texts() == ["The crew launched.", "It will film."]


def test_html_with_xml_declaration(tmp_path):
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>'
        "<p>The crew launched on Tuesday.</p></body></html>"
    )
    assert (
        load_document(write(tmp_path, "page.xhtml", page)).text == "The crew launched on Tuesday."
    )
