"""Bytes to text for the encodings Arabic sites use: UTF-8 (with or without BOM), UTF-16, Windows-1256, ISO-8859-6."""

from __future__ import annotations

import codecs
import re

from marsad.errors import IngestError

#: Share of NUL bytes above which a BOM-less file is taken as UTF-16 (ASCII-heavy UTF-16 has ~50 %,
#: Arabic UTF-16 ~50 % of one byte parity being 0x06; plain text has none).
NUL_SHARE_UTF16 = 0.2
#: Share of one byte parity that must be 0x06/0x00 to take BOM-less text as Arabic UTF-16.
UTF16_HIGH_BYTE_SHARE = 0.8
#: Share of characters that must be Arabic or ASCII for a Windows-1256 / ISO-8859-6 decoding to be accepted.
PLAUSIBLE_SHARE = 0.9
#: Share of control bytes (other than tab/newline/CR/FF) above which a file is binary, not text.
BINARY_CONTROL_SHARE = 0.05

_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f]")
_ARABIC_RE = re.compile("[\u0621-\u064a]")
_HTML_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_XML_ENCODING_RE = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_-]+)""", re.IGNORECASE)


#: What a caller of ``decode_bytes`` accepts, as the binary-file error names it (ingest's file types by default).
ARTICLE_FILES = ".txt, .html, .json, .jsonl, .xml or .zip files"


def decode_bytes(data: bytes, origin: str, accepted: str = ARTICLE_FILES) -> str:
    """Decode ``data`` read from ``origin``; raise :class:`IngestError` naming the fix when it cannot.

    ``accepted`` says what to give instead of a binary file (e.g. "a CoNLL text file").
    """
    if not data.strip():
        raise IngestError(origin, "empty file: nothing to ingest (remove it or fill it)")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _decode_strict(data, enc, origin)
    head = data[:4096]
    if head.count(0) > NUL_SHARE_UTF16 * len(head) or _looks_like_arabic_utf16(head):
        return _decode_utf16_guess(data, origin)
    if len(_CONTROL_BYTES.findall(head)) > BINARY_CONTROL_SHARE * len(head):
        raise IngestError(origin, f"binary file, not text: give {accepted}")
    declared = _declared_charset(head)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for enc in filter(None, (declared, _guess_single_byte(data))):
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausible(text):
            return text
    raise IngestError(
        origin,
        "cannot decode: not UTF-8, UTF-16, Windows-1256 or ISO-8859-6; convert it to UTF-8 (e.g. iconv -f ENC -t UTF-8)",
    )


def line_decoding(head: bytes, origin: str, accepted: str = ARTICLE_FILES) -> bool:
    """Whether a file opening with ``head`` can be decoded line by line (any encoding but UTF-16).

    Raises :class:`IngestError` as ``decode_bytes`` does for an empty or binary file.
    """
    if not head.strip():
        raise IngestError(origin, "empty file: nothing to ingest (remove it or fill it)")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if head.count(0) > NUL_SHARE_UTF16 * len(head) or _looks_like_arabic_utf16(head):
        return False
    if len(_CONTROL_BYTES.findall(head)) > BINARY_CONTROL_SHARE * len(head):
        raise IngestError(origin, f"binary file, not text: give {accepted}")
    return True


def decode_line(data: bytes, origin: str) -> str:
    """Decode one line of a file that ``line_decoding`` accepted: UTF-8 (BOM dropped), else as ``decode_bytes``."""
    try:
        return data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        return decode_bytes(data, origin)


def _plausible(text: str) -> bool:
    """True when a single-byte decoding reads as text: mostly Arabic or ASCII letters, digits, space, punctuation."""
    sample = text[:4000]
    good = sum(1 for c in sample if c.isascii() or "\u0600" <= c <= "\u06ff")
    return good >= PLAUSIBLE_SHARE * len(sample)


def _looks_like_arabic_utf16(head: bytes) -> bool:
    """True when one byte parity is almost all 0x06 (the Arabic block's high byte) or 0x00: BOM-less UTF-16."""
    if len(head) < 8:
        return False
    for parity in (0, 1):
        high = head[parity::2]
        if sum(b in (0x00, 0x06) for b in high) > UTF16_HIGH_BYTE_SHARE * len(high) and high.count(6) > 0:
            return True
    return False


def _decode_strict(data: bytes, encoding: str, origin: str) -> str:
    """Decode with ``encoding`` or raise naming it."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(
            origin, f"cannot decode: has a {encoding} byte-order mark but invalid {encoding} at byte {exc.start}; "
            "re-save it as UTF-8"
        ) from None


def _decode_utf16_guess(data: bytes, origin: str) -> str:
    """Decode BOM-less UTF-16, choosing the byte order that yields more Arabic/ASCII letters."""
    best, best_score = None, -1
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = len(_ARABIC_RE.findall(text[:2000])) + sum(c.isascii() and c.isalpha() for c in text[:2000])
        if score > best_score:
            best, best_score = text, score
    if best is None:
        raise IngestError(origin, "looks like UTF-16 but does not decode; re-save it as UTF-8")
    return best


def _declared_charset(head: bytes) -> str | None:
    """Return the charset an HTML meta tag or XML declaration names, if any."""
    m = _HTML_CHARSET_RE.search(head) or _XML_ENCODING_RE.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _guess_single_byte(data: bytes) -> str | None:
    """Choose between Windows-1256 and ISO-8859-6 for non-UTF-8 Arabic bytes.

    Both put Arabic letters in 0xC1..0xFF, but ISO-8859-6 leaves most of 0x80..0xBF and 0xF3..0xFF unassigned,
    so a file that uses those bytes is Windows-1256; otherwise the one whose decoding has more Arabic wins.
    """
    try:
        iso = data.decode("iso-8859-6")
    except UnicodeDecodeError:
        return "cp1256"
    try:
        win = data.decode("cp1256")
    except UnicodeDecodeError:
        return "iso-8859-6"
    return "cp1256" if len(_ARABIC_RE.findall(win)) >= len(_ARABIC_RE.findall(iso)) else "iso-8859-6"
