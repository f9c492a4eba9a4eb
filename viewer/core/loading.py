"""PROVISIONAL: replaced by the real loader. Reads .txt as UTF-8 and splits naively."""

from __future__ import annotations

import re
from pathlib import Path

from viewer.core.model import Document, LoadError

MAX_FILE_BYTES = 50 * 1024 * 1024
SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


def document_from_text(text: str, name: str, format: str = "text", path: str | None = None) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    sentences = []
    for ps, pe in paragraphs:
        for m in re.finditer(r"\S.*?(?:[.!?][\"'”’)]?(?=\s|$)|$)", text[ps:pe]):
            if m.group().strip():
                sentences.append((ps + m.start(), ps + m.end()))
    return Document(name=name, text=text, sentences=tuple(sentences), paragraphs=tuple(paragraphs),
                    format=format, path=path)


def load_document(path) -> Document:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise LoadError(str(path), exc.strerror or "cannot be read") from None
    text = data.decode("utf-8-sig", errors="replace")
    if not text.strip():
        raise LoadError(str(path), "the file is empty")
    return document_from_text(text, p.name, p.suffix.lstrip(".") or "text", str(p))
