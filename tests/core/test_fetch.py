"""Web pages by address: fetched from a local server, and every way a fetch can fail."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from viewer.core import LoadError, load_url
from viewer.core.fetch import fetch_url, is_url

PDF = Path(__file__).parent / "data" / "inputs" / "wire-printed-by-browser.pdf"
PAGE = b"""<!doctype html><html><head><meta charset="utf-8">
<title>Russia films in space | Example News</title>
<meta property="og:title" content="Russian actress and director blast off to film in space">
<meta property="article:published_time" content="2021-10-05T09:00:00Z">
</head><body>
<nav><a href="/">Home</a> / <a href="/world">World</a> / <a href="/biz">Business</a></nav>
<article><h1>Russian actress and director blast off to film in space</h1>
<p>By Jane Doe, Staff Writer</p>
<p>Moscow: Russia on Tuesday launched an actress and a film director into space. They will
spend twelve days aboard the International Space Station to shoot the first feature film in
orbit.</p>
<p>The crew lifted off as scheduled at 1:55 p.m. (0855 GMT) from the Baikonur cosmodrome in
Kazakhstan, a live broadcast showed.</p>
</article><footer>Copyright 2021 Example News. All rights reserved.</footer></body></html>"""


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _send(self, status: int, kind: str, body: bytes, length: int | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path == "/article":
            self._send(200, "text/html; charset=utf-8", PAGE)
        elif path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/missing":
            self._send(404, "text/html", b"<h1>Not found</h1>")
        elif path == "/broken":
            self._send(500, "text/html", b"<h1>Oops</h1>")
        elif path == "/image":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
        elif path == "/empty":
            self._send(200, "text/html", b"")
        elif path == "/plain":
            self._send(200, "text/plain; charset=utf-8", b"One sentence. Another one here.")
        elif path == "/pdf":
            self._send(200, "application/pdf", PDF.read_bytes())
        elif path == "/declared-huge":
            self._send(200, "text/html", b"<p>small</p>", length=60 * 1024 * 1024)
        elif path == "/declared-absurd":
            # A length of more digits than int() reads by default.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "9" * 5000)
            self.end_headers()
            self.wfile.write(b"<p>small</p>")
            self.close_connection = True
        elif path == "/streamed-huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no length: the body runs until the connection closes
            chunk = b"<p>" + b"word " * 2000 + b"</p>\n"
            try:
                for _ in range(200):  # about 2 MB
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif path == "/slow":
            time.sleep(3)
            self._send(200, "text/html", PAGE)
        else:
            self._send(404, "text/plain", b"no such test page")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def problem(url: str, **kwargs) -> str:
    with pytest.raises(LoadError) as caught:
        if kwargs:
            fetch_url(url, **kwargs)
        else:
            load_url(url)
    assert "\n" not in caught.value.problem
    return caught.value.problem


def test_a_page_becomes_a_document_with_its_title_address_and_date(server):
    doc = load_url(f"{server}/article")
    assert doc.format == "html"
    assert doc.url == f"{server}/article"
    assert doc.title == "Russian actress and director blast off to film in space"
    assert doc.name == doc.title
    assert doc.published == "2021-10-05"
    sentences = doc.sentence_texts()
    assert sentences[0] == "Russian actress and director blast off to film in space"
    assert "Home" not in doc.text and "All rights reserved" not in doc.text
    byline = sentences.index("By Jane Doe, Staff Writer")  # its own sentence, and furniture
    assert byline in doc.boilerplate
    assert any(s.startswith("Moscow: Russia on Tuesday launched") for s in sentences)


def test_redirects_are_followed_and_the_final_address_kept(server):
    assert load_url(f"{server}/moved").url == f"{server}/article"


def test_a_text_file_and_a_pdf_on_the_web_are_read_as_files_are(server):
    plain = load_url(f"{server}/plain")
    assert (plain.format, plain.sentence_texts()) == ("txt", ["One sentence.", "Another one here."])
    pdf = load_url(f"{server}/pdf")
    assert pdf.format == "pdf" and pdf.title == "Russia to launch actress in space"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/missing", "the page was not found (HTTP 404)"),
        ("/broken", "the site answered with an error (HTTP 500)"),
        ("/image", "not a web page (image/png)"),
        ("/empty", "the page is empty"),
        ("/loop", "too many redirects (more than 10)"),
        ("/declared-huge", "too large (60 MB; the limit is 50 MB)"),
        ("/declared-absurd", "too large (more than 50 MB; the limit is 50 MB)"),
    ],
)
def test_each_failure_has_its_message(server, path, expected):
    assert problem(f"{server}{path}") == expected


def test_a_page_that_grows_past_the_limit_is_cut_off(server):
    text = problem(f"{server}/streamed-huge", max_bytes=1024 * 1024)
    assert text == "too large (more than 1 MB; the limit is 1 MB)"


def test_a_server_that_does_not_answer_in_time(server):
    started = time.monotonic()
    text = problem(f"{server}/slow", max_bytes=1024 * 1024, timeout=0.5)
    assert text == "127.0.0.1 did not answer within 0.5 s"
    assert time.monotonic() - started < 2.5  # it gave up, it did not wait for the answer


def test_nothing_listening_means_no_connection():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # the port is free again: nothing listens on it
    assert problem(f"http://127.0.0.1:{port}/") == (
        "could not connect to 127.0.0.1 (no network, or the site is down)"
    )


def test_only_web_addresses_are_fetched():
    assert is_url("https://example.org/a") and is_url("http://example.org")
    assert not is_url("ftp://example.org/a") and not is_url("story.html")
    assert not is_url("http://")
    assert problem("ftp://example.org/a.html") == (
        "not a web address (it must start with http:// or https://)"
    )


def test_the_command_line_compares_two_addresses(server):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "viewer",
            "compare",
            f"{server}/article",
            f"{server}/moved",
            "--json",
            "-",
            "-q",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["left"]["url"] == data["right"]["url"] == f"{server}/article"
    assert data["left"]["published"] == "2021-10-05"
    assert data["summary"]["counts"]["identical"] >= 3


def test_the_command_line_says_why_an_address_failed(server):
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "compare", f"{server}/missing", f"{server}/article"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr == (
        f"source-compare: {server}/missing: the page was not found (HTTP 404)\n"
    )
