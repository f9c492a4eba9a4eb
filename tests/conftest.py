"""Fixtures for every test folder."""

from __future__ import annotations

from collections.abc import Callable

import pytest


def pdf_bytes(pages: list[list[str]]) -> bytes:
    """A PDF with one page per entry, whose text layer holds that page's lines (an empty list:
    a drawing only, like a scan). Written by hand: the tests need no PDF-making library."""
    count = len(pages)
    objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {count} >>")
    font = 3 + 2 * count
    for i, lines in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>"
        )
        if lines:
            ops = " ".join(f"({line}) Tj 0 -16 Td" for line in lines)
            content = f"BT /F1 12 Tf 72 720 Td {ops} ET"
        else:
            content = "0 0 m 100 100 l S"
        objects.append(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


@pytest.fixture()
def make_pdf() -> Callable[[list[list[str]]], bytes]:
    """``pdf_bytes``: ``make_pdf([["line", "line"], ["next page"]])``."""
    return pdf_bytes
