"""Named Arabic code-point sets, written as ``\\uXXXX`` with their Unicode names.

Glyphs are never written literally here: their direction and shape are easy to misread.
"""

from __future__ import annotations

TATWEEL = "\u0640"  # ARABIC TATWEEL
ALEF = "\u0627"  # ARABIC LETTER ALEF
ALEF_MADDA = "\u0622"  # ARABIC LETTER ALEF WITH MADDA ABOVE
ALEF_HAMZA_ABOVE = "\u0623"  # ARABIC LETTER ALEF WITH HAMZA ABOVE
ALEF_HAMZA_BELOW = "\u0625"  # ARABIC LETTER ALEF WITH HAMZA BELOW
ALEF_WASLA = "\u0671"  # ARABIC LETTER ALEF WASLA
ALEF_MAKSURA = "\u0649"  # ARABIC LETTER ALEF MAKSURA
YEH = "\u064a"  # ARABIC LETTER YEH
FARSI_YEH = "\u06cc"  # ARABIC LETTER FARSI YEH
TEH_MARBUTA = "\u0629"  # ARABIC LETTER TEH MARBUTA
HEH = "\u0647"  # ARABIC LETTER HEH
HAMZA = "\u0621"  # ARABIC LETTER HAMZA
WAW_HAMZA = "\u0624"  # ARABIC LETTER WAW WITH HAMZA ABOVE
YEH_HAMZA = "\u0626"  # ARABIC LETTER YEH WITH HAMZA ABOVE
WAW = "\u0648"  # ARABIC LETTER WAW
KEHEH = "\u06a9"  # ARABIC LETTER KEHEH (Persian kaf)
KAF = "\u0643"  # ARABIC LETTER KAF

#: ALEF variants folded to bare ALEF by ``normalize_alef``.
ALEF_VARIANTS = frozenset({ALEF_MADDA, ALEF_HAMZA_ABOVE, ALEF_HAMZA_BELOW, ALEF_WASLA})

#: Harakat and Quranic marks: FATHATAN U+064B .. SUKUN U+0652, the extended marks U+0653..U+065F,
#: SUPERSCRIPT ALEF U+0670, and small Quranic annotation signs U+06D6..U+06ED.
HARAKAT = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E5)]
    + ["\u06E7", "\u06E8"]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
)

#: Bidi and zero-width controls that sites paste into text: ZWSP U+200B, ZWNJ U+200C, ZWJ U+200D,
#: LRM U+200E, RLM U+200F, the embeddings/overrides U+202A..U+202E, the isolates U+2066..U+2069,
#: ARABIC LETTER MARK U+061C, WORD JOINER U+2060, and BOM/ZWNBSP U+FEFF.
CONTROLS = frozenset(
    ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\u2060", "\ufeff"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)

#: ARABIC-INDIC DIGIT ZERO U+0660 .. NINE U+0669.
ARABIC_INDIC_DIGITS = "".join(chr(c) for c in range(0x0660, 0x066A))
#: EXTENDED ARABIC-INDIC (Persian/Urdu) DIGIT ZERO U+06F0 .. NINE U+06F9.
PERSIAN_DIGITS = "".join(chr(c) for c in range(0x06F0, 0x06FA))

#: Arabic punctuation: COMMA U+060C, SEMICOLON U+061B, QUESTION MARK U+061F, FULL STOP U+06D4,
#: PERCENT U+066A, DECIMAL SEPARATOR U+066B, THOUSANDS SEPARATOR U+066C.
ARABIC_COMMA = "\u060c"
ARABIC_SEMICOLON = "\u061b"
ARABIC_QUESTION = "\u061f"
ARABIC_FULL_STOP = "\u06d4"

#: Quote marks: LEFT/RIGHT DOUBLE U+201C/U+201D, LOW-9 U+201E, GUILLEMETS U+00AB/U+00BB,
#: SINGLE GUILLEMETS U+2039/U+203A, ASCII quote U+0022, LEFT/RIGHT SINGLE U+2018/U+2019.
QUOTE_MARKS = frozenset({"\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", "\u2039", "\u203a", '"', "\u2018", "\u2019"})

#: Arabic presentation forms A (U+FB50..U+FDFF) and B (U+FE70..U+FEFF), folded by NFKC.
PRESENTATION_RANGES = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFE))

ARABIC_LETTERS = frozenset(chr(c) for c in range(0x0621, 0x064B)) | {"\u0671", "\u067e", "\u0686", "\u06a4", KEHEH, "\u06af", FARSI_YEH}


def is_arabic_letter(ch: str) -> bool:
    """True for a base Arabic letter (no mark, digit or punctuation)."""
    return ch in ARABIC_LETTERS
