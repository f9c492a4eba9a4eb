"""Bytes to text: byte-order marks, UTF-8, UTF-16 without a mark, and legacy code pages.

May import: the standard library and charset-normalizer. Must not import: Qt, or any ``viewer``
module.

``decode_text`` raises ``NotTextError`` for binary data; the caller turns it into a ``LoadError``.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters that never occur in a text document (tab, newlines and form feed do).
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01
_SNIFF_BYTES = 64 * 1024
# Encodings charset-normalizer may choose by itself: multi-byte ones, where its statistics are
# sound. Between single-byte code pages it guesses badly on short text (cp1125 or mac_cyrillic
# for cp1251, cp1250 or cp1006 for cp1252), so those are settled by ``_guess_single_byte``.
_TRUSTED_MULTIBYTE = frozenset(
    {
        "big5",
        "big5hkscs",
        "cp932",
        "cp949",
        "cp950",
        "euc_jis_2004",
        "euc_jisx0213",
        "euc_jp",
        "euc_kr",
        "gb18030",
        "gb2312",
        "gbk",
        "hz",
        "iso2022_jp",
        "iso2022_kr",
        "johab",
        "shift_jis",
        "shift_jis_2004",
        "shift_jisx0213",
    }
)
_MIN_MULTIBYTE_SNIFF_BYTES = 64
_HIGH_LETTER_RE = re.compile(rb"[A-Za-z\xc0-\xd6\xd8-\xf6\xf8-\xff]+")


BINARY = "binary file"


class NotTextError(ValueError):
    """The bytes are not a text document (binary data, or no encoding decodes them)."""


def decode_text(data: bytes) -> tuple[str, str]:
    """The text in ``data`` and the name of the encoding it was read with.

    The text is returned exactly as decoded (byte-order mark removed); newlines are the
    caller's business.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise NotTextError(f"not valid {encoding.upper()} ({exc.reason})") from None
            _check_controls(text)
            return text, encoding + ("-sig" if encoding == "utf-8" else "")
    utf16 = _guess_utf16(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            pass
        else:
            if not _has_many_controls(text):
                return text, utf16
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise NotTextError(BINARY)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text, encoding = _decode_legacy(data)
    else:
        encoding = "utf-8" if not text.isascii() else "ascii"
    _check_controls(text)
    return text, encoding


def _check_controls(text: str) -> None:
    if _has_many_controls(text):
        raise NotTextError(BINARY)


def _has_many_controls(text: str) -> bool:
    sample = text[:_SNIFF_BYTES]
    if not sample:
        return False
    return len(_CONTROL_RE.findall(sample)) > MAX_CONTROL_SHARE * len(sample)


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark, recognisable when most characters are Latin or ASCII.

    Such text has a zero in the high byte of nearly every code unit and almost none in the low
    byte; binary data rarely shows that regular a pattern over a whole sample.
    """
    sample = data[:_SNIFF_BYTES]
    if len(sample) < 4:
        return None
    sample = sample[: len(sample) // 2 * 2]
    units = len(sample) // 2
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    if odd_zeros > 0.7 * units and even_zeros < 0.02 * units:
        return "utf-16-le"
    if even_zeros > 0.7 * units and odd_zeros < 0.02 * units:
        return "utf-16-be"
    return None


def _decode_legacy(data: bytes) -> tuple[str, str]:
    encoding = _multibyte_guess(data) or _guess_single_byte(data)
    if encoding == "cp1252":
        try:
            return data.decode("cp1252"), _western_name(data)
        except UnicodeDecodeError:  # bytes cp1252 leaves undefined: ISO 8859-1 maps them all
            return data.decode("latin-1"), "latin-1"
    return data.decode(encoding, errors="replace"), encoding


def _multibyte_guess(data: bytes) -> str | None:
    if len(data) < _MIN_MULTIBYTE_SNIFF_BYTES:
        return None
    # Imported here: it takes longer to import than most files take to read, and UTF-8 and
    # UTF-16 files never need it.
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SNIFF_BYTES]).best()
    if best is None or best.encoding not in _TRUSTED_MULTIBYTE:
        return None
    try:
        data.decode(best.encoding)
    except UnicodeDecodeError:
        return None
    return best.encoding


def _guess_single_byte(data: bytes) -> str:
    """cp1251 (Cyrillic) or cp1252 (Western), from how letters with the high bit sit in words.

    Read as cp1252, Cyrillic text turns into words made only of accented letters ("Ðîññèÿ");
    Western text has its accented letters inside mostly-ASCII words ("café", "München").
    """
    all_high = mixed = 0
    for match in _HIGH_LETTER_RE.finditer(data[:_SNIFF_BYTES]):
        word = match.group()
        high = sum(1 for b in word if b >= 0xC0)
        if not high:
            continue
        if high == len(word):
            if len(word) >= 3:
                all_high += 1
        else:
            mixed += 1
    return "cp1251" if all_high > mixed else "cp1252"


def _western_name(data: bytes) -> str:
    # Without bytes 0x80-0x9F the two agree; naming it latin-1 then is the more precise answer.
    return "cp1252" if re.search(rb"[\x80-\x9f]", data) else "latin-1"
