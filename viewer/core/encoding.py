"""Bytes to text: byte-order marks, UTF-8, UTF-16 without a mark, and legacy code pages.

May import: the standard library and charset-normalizer. Must not import: Qt, or any ``viewer``
module.

``decode_text`` raises ``NotTextError`` for binary data; the caller turns it into a ``LoadError``.
A file that is UTF-8 but for a few invalid bytes is read as UTF-8, each invalid byte replaced
with U+FFFD (``decode_text_counting`` says how many), rather than as a legacy code page that
would turn every accented letter and curly quote of the rest into mojibake.
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata
from collections import Counter

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


# The labels a page may declare in ``<meta charset>``, and the codec each stands for: those of
# the WHATWG Encoding Standard, which browsers honour, and no others (any Python codec name
# would otherwise do: "punycode", "cp037", "idna"). As in browsers, a declared UTF-16 means
# UTF-8 (a page whose bytes are UTF-16 has a byte-order mark), windows-1252 stands in for ASCII
# and ISO 8859-1, and the "replacement" labels and x-user-defined are not honoured (the
# content decides).
_WHATWG_LABELS = {
    "big5hkscs": "big5 big5-hkscs cn-big5 csbig5 x-x-big5",
    "cp1250": "cp1250 windows-1250 x-cp1250",
    "cp1251": "cp1251 windows-1251 x-cp1251",
    "cp1252": (
        "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 "
        "iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252"
    ),
    "cp1253": "cp1253 windows-1253 x-cp1253",
    "cp1254": (
        "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 "
        "l5 latin5 windows-1254 x-cp1254"
    ),
    "cp1255": "cp1255 windows-1255 x-cp1255",
    "cp1256": "cp1256 windows-1256 x-cp1256",
    "cp1257": "cp1257 windows-1257 x-cp1257",
    "cp1258": "cp1258 windows-1258 x-cp1258",
    "cp866": "866 cp866 csibm866 ibm866",
    "cp874": "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874",
    "cp932": "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
    "cp949": (
        "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 "
        "ksc_5601 windows-949"
    ),
    "euc_jp": "cseucpkdfmtjapanese euc-jp x-euc-jp",
    "gb18030": (
        "chinese csgb2312 csiso58gb231280 gb18030 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk"
    ),
    "iso2022_jp": "csiso2022jp iso-2022-jp",
    "iso8859_10": "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6",
    "iso8859_13": "iso-8859-13 iso8859-13 iso885913",
    "iso8859_14": "iso-8859-14 iso8859-14 iso885914",
    "iso8859_15": "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9",
    "iso8859_16": "iso-8859-16",
    "iso8859_2": (
        "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2"
    ),
    "iso8859_3": (
        "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3"
    ),
    "iso8859_4": (
        "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4"
    ),
    "iso8859_5": (
        "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 "
        "iso_8859-5:1988"
    ),
    "iso8859_6": (
        "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 "
        "iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987"
    ),
    "iso8859_7": (
        "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 iso88597 "
        "iso_8859-7 iso_8859-7:1987 sun_eu_greek"
    ),
    "iso8859_8": (
        "csiso88598e csiso88598i csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-8859-8-i "
        "iso-ir-138 iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 logical visual"
    ),
    "koi8_r": "cskoi8r koi koi8 koi8-r koi8_r",
    "koi8_u": "koi8-ru koi8-u",
    "mac_cyrillic": "x-mac-cyrillic x-mac-ukrainian",
    "mac_roman": "csmacintosh mac macintosh x-mac-roman",
    "utf-8": (
        "csunicode iso-10646-ucs-2 ucs-2 unicode unicode-1-1-utf-8 unicode11utf8 unicode20utf8 "
        "unicodefeff unicodefffe utf-16 utf-16be utf-16le utf-8 utf8 x-unicode20utf8"
    ),
}
_CODEC_BY_LABEL = {
    label: codec for codec, labels in _WHATWG_LABELS.items() for label in labels.split()
}


def codec_for_label(label: str) -> str | None:
    """The Python codec for a WHATWG encoding label (any case, spaces around), or None."""
    return _CODEC_BY_LABEL.get(label.strip(" \t\n\f\r").lower())


BINARY = "binary file"


class NotTextError(ValueError):
    """The bytes are not a text document (binary data, or no encoding decodes them)."""


def decode_text(data: bytes) -> tuple[str, str]:
    """The text in ``data`` and the name of the encoding it was read with.

    The text is returned exactly as decoded (byte-order mark removed); newlines are the
    caller's business.
    """
    text, encoding, _ = decode_text_counting(data)
    return text, encoding


def decode_text_counting(data: bytes) -> tuple[str, str, int]:
    """Like ``decode_text``, plus the number of invalid bytes replaced with U+FFFD."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise NotTextError(f"not valid {encoding.upper()} ({exc.reason})") from None
            _check_controls(text)
            return text, encoding + ("-sig" if encoding == "utf-8" else ""), 0
    utf16 = _guess_utf16(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            pass
        else:
            if not _has_many_controls(text):
                return text, utf16, 0
    if b"\x00" in data[:_SNIFF_BYTES]:
        decoded = _decode_utf16_by_content(data)
        if decoded is None:
            raise NotTextError(BINARY)
        return decoded[0], decoded[1], 0
    replaced = 0
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        mostly = _mostly_utf8(data)
        decoded = _decode_utf16_by_content(data) if mostly is None else None
        if decoded is not None:
            _check_controls(decoded[0])
            return decoded[0], decoded[1], 0
        if mostly is not None:
            text, replaced = mostly
            encoding = "utf-8"
        else:
            text, encoding = _decode_legacy(data)
    else:
        encoding = "utf-8" if not text.isascii() else "ascii"
    _check_controls(text)
    return text, encoding, replaced


_INVALID_BYTE_RE = re.compile("[\udc80-\udcff]")  # bytes that ``surrogateescape`` kept aside
_MULTIBYTE_RE = re.compile("[^\x00-\x7f\udc80-\udcff]")


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """The text with its invalid bytes replaced, when ``data`` is UTF-8 but for a few bytes.

    Valid multi-byte sequences almost never occur by chance in legacy single-byte text (a
    lead byte must be followed by the right number of bytes 0x80-0xBF), so when they outnumber
    the invalid bytes, the file is UTF-8 that was damaged, not another encoding.
    """
    text = data.decode("utf-8", "surrogateescape")
    invalid = len(_INVALID_BYTE_RE.findall(text))
    if len(_MULTIBYTE_RE.findall(text)) < invalid:
        return None
    return _INVALID_BYTE_RE.sub("\ufffd", text), invalid


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


# UTF-16 of any script, recognised by content: strict decoding succeeds (random bytes soon
# make an unpaired surrogate) and nearly every character is a letter, mark, digit, punctuation,
# symbol or space. ASCII or Latin text with stray NUL bytes, read as UTF-16, pairs its bytes
# into characters from all over the BMP, a tenth of them unassigned or controls, and fails.
MIN_UTF16_TEXT_SHARE = 0.99
MIN_UTF16_CHARS = 8
_TEXT_CATEGORIES = frozenset("LMNPSZ")


def _decode_utf16_by_content(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` when ``data`` reads as UTF-16 text without a byte-order mark.

    When both byte orders read as text (Cyrillic does), the right one has the more predictable
    high byte: one alphabet keeps it constant (0x04 for Cyrillic).
    """
    if len(data) % 2 or len(data) < 2 * MIN_UTF16_CHARS:
        return None
    sample = data[:_SNIFF_BYTES]
    candidates = []
    for encoding, high, low in (
        ("utf-16-le", sample[1::2], sample[0::2]),
        ("utf-16-be", sample[0::2], sample[1::2]),
    ):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        share = _text_share(text)
        if share >= MIN_UTF16_TEXT_SHARE:
            candidates.append((share, _entropy_bits(low) - _entropy_bits(high), encoding))
    if not candidates:
        return None
    encoding = max(candidates)[2]
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        return None


def _entropy_bits(values: bytes) -> float:
    if not values:
        return 0.0
    total = len(values)
    return -math.fsum(n / total * math.log2(n / total) for n in Counter(values).values())


def _text_share(text: str) -> float:
    if not text:
        return 0.0
    category = unicodedata.category
    good = sum(1 for ch in text if category(ch)[0] in _TEXT_CATEGORIES or ch in "\t\n\r")
    return good / len(text)


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
