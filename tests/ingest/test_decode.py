"""Decoding: the same Arabic text in every encoding Arabic sites use comes back identical."""

from __future__ import annotations

import codecs

import pytest

from marsad.errors import IngestError
from marsad.ingest.decode import decode_bytes

#: "Putin meets Kim in Vladivostok today, Thursday." with Arabic comma and digits; representable in all encodings.
TEXT = (
    "\u064a\u0644\u062a\u0642\u064a \u0628\u0648\u062a\u064a\u0646 \u0643\u064a\u0645 \u0641\u064a "
    "\u0641\u0644\u0627\u062f\u064a\u0641\u0648\u0633\u062a\u0648\u0643\u060c \u0627\u0644\u064a\u0648\u0645 "
    "\u0627\u0644\u062e\u0645\u064a\u0633 25 \u0623\u0628\u0631\u064a\u0644 2019.\n"
    "\u0648\u0642\u0627\u0644 \u0625\u0646 \u0627\u0644\u0642\u0645\u0629 \u0645\u0647\u0645\u0629 \u062c\u062f\u0627\u064b.\n"
)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(TEXT.encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + TEXT.encode("utf-8"), id="utf-8-bom"),
        pytest.param(TEXT.encode("cp1256"), id="windows-1256"),
        pytest.param(TEXT.replace("\u064b", "").encode("iso-8859-6"), id="iso-8859-6"),
        pytest.param(TEXT.encode("utf-16"), id="utf-16-bom"),
        pytest.param(TEXT.encode("utf-16-le"), id="utf-16-le-no-bom"),
        pytest.param(TEXT.encode("utf-16-be"), id="utf-16-be-no-bom"),
    ],
)
def test_decode_recovers_arabic_text(data: bytes) -> None:
    assert decode_bytes(data, "x.txt").replace("\u064b", "") == TEXT.replace("\u064b", "")


def test_decode_html_meta_charset_is_honoured() -> None:
    html = '<html><head><meta charset="windows-1256"></head><body>' + TEXT + "</body></html>"
    assert TEXT in decode_bytes(html.encode("cp1256"), "page.html")


@pytest.mark.parametrize(
    "data, message",
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b"   \n\n", "empty", id="blank"),
        pytest.param(bytes(range(256)) * 40, "binary", id="binary"),
    ],
)
def test_decode_rejects_bad_bytes_naming_the_file(data: bytes, message: str) -> None:
    with pytest.raises(IngestError, match=message) as err:
        decode_bytes(data, "bad.txt")
    assert "bad.txt" in str(err.value)
