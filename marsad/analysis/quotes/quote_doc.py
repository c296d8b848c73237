"""One field's text prepared for the quote rules: merged tokens, normalized forms, sentences and quote spans.

Quote marks are paired into spans tolerating mixed styles and unclosed quotes (Arabic news does both).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from marsad.text import chars as C
from marsad.text.doc import Doc, as_doc
from marsad.text.normalize import normalize_word
from marsad.text.tokenize import Sentence, Token, tokens


#: Marks that open or close a quotation: the typographic pairs, guillemets, low-9 and the ASCII quote.
MARKS = frozenset(C.QUOTE_MARKS - {"\u2018", "\u2019"})  # single curly quotes double as apostrophes: left out
_MARK_OR_NEWLINE = re.compile("[\n" + re.escape("".join(sorted(MARKS))) + "]")
_SENTENCE_END = ".!?\u061f\u06d4"  # ARABIC QUESTION MARK, ARABIC FULL STOP
COMMAS = frozenset({",", "\u060c"})  # comma, ARABIC COMMA
NESTING_OPEN, NESTING_CLOSE = "\u00ab", "\u00bb"  # LEFT/RIGHT GUILLEMET: distinct glyphs, so «...«...»...» nests
#: Longest quote, in words, read as nested inside an open quote (a name or title: "ملك الشياطين"); by hand.
MAX_NESTED_WORDS = 6
#: Longest quoted name, in characters, whose dots do not end a sentence ("بي. بي. سي", "إتش.إس.بي.سي").
MAX_NAME_CHARS = 24


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quoted span: ``open``/``close`` are the mark offsets (``close`` is the paragraph end when unclosed)."""

    open: int
    close: int
    closed: bool

    @property
    def inner(self) -> tuple[int, int]:
        """Offsets of the content between the marks."""
        return self.open + 1, self.close


def _can_open(text: str, i: int) -> bool:
    """A mark can open unless it is glued to the end of a word and followed by a space or the end."""
    prev_letter = i > 0 and text[i - 1].isalnum()
    next_space = i + 1 >= len(text) or text[i + 1].isspace() or text[i + 1] in ".,\u060c:"
    return not (prev_letter and next_space)


def _can_close(text: str, i: int) -> bool:
    """A mark can close unless it follows a space (or starts the text) and is glued to the next word."""
    prev_space = i == 0 or text[i - 1].isspace()
    next_word = i + 1 < len(text) and text[i + 1].isalnum()
    after_colon = text[max(0, i - 2) : i].rstrip().endswith(":")  # ':»' opens a quote even with a closing glyph
    return not (prev_space and next_word) and not after_colon


def _unclosed_end(text: str, start: int, stop: int) -> int:
    """End an unclosed quote at the last sentence end before ``stop`` (or at ``stop``)."""
    j = stop
    while j > start and text[j - 1].isspace():
        j -= 1
    k = j
    while k > start + 1:
        if text[k - 1] in _SENTENCE_END:
            return k
        k -= 1
    return j


def _nests(text: str, i: int) -> bool:
    """Whether the opening-only mark at ``i`` opens a short quote inside the open one ('مادة "الثقافة الإسلامية" ...'):
    its closing mark follows within ``MAX_NESTED_WORDS`` words, and another mark, not glued to a next word, closes the
    open quote before the next sentence end."""
    stop = text.find("\n", i)
    stop = len(text) if stop < 0 else stop
    closers = [m.start() for m in _MARK_OR_NEWLINE.finditer(text, i + 1, stop) if _can_close(text, m.start())]
    if len(closers) < 2 or len(text[i + 1 : closers[0]].split()) > MAX_NESTED_WORDS:
        return False
    outer = closers[1]
    glued = outer + 1 < len(text) and text[outer + 1].isalnum()  # 'و"مستعدة' opens the next quote
    return not glued and not any(ch in _SENTENCE_END for ch in text[i + 1 : outer])


def quote_spans(text: str) -> list[QuoteSpan]:
    """Return the quoted spans of ``text`` in order; a quote never crosses a newline."""
    spans: list[QuoteSpan] = []
    opened = -1
    depth = 0  # guillemets opened inside a guillemet quote ("«... ميناء «جبل علي» ...»")
    for m in _MARK_OR_NEWLINE.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "\n":
            if opened >= 0:
                spans.append(QuoteSpan(opened, _unclosed_end(text, opened + 1, i), False))
                opened = -1
            depth = 0
            continue
        if opened < 0:
            if _can_open(text, i):
                opened = i
        elif text[opened] == NESTING_OPEN and ch == NESTING_OPEN and _can_open(text, i):
            depth += 1
        elif depth and ch == NESTING_CLOSE:
            depth -= 1
        elif depth and _can_close(text, i):  # closes a quote nested in the open one
            depth -= 1
        elif _can_close(text, i):
            spans.append(QuoteSpan(opened, i, True))
            opened = -1
        elif _nests(text, i):  # '"إن ... مادة "الثقافة" ..."': a quote inside the open one
            depth += 1
        else:  # an opening-only mark while open: the previous quote was never closed
            spans.append(QuoteSpan(opened, _unclosed_end(text, opened + 1, i), False))
            opened = i
    if opened >= 0:
        spans.append(QuoteSpan(opened, _unclosed_end(text, opened + 1, len(text)), False))
    return spans


def _is_mark(ch: str) -> bool:
    """True for a combining mark (harakat, shadda, tanween), which the tokenizer splits off words."""
    return unicodedata.category(ch) == "Mn"


def merged_tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Return the tokens of ``text[start:end]`` (offsets into ``text``) with harakat re-attached ("مشيرًا")."""
    out: list[Token] = []
    for tok in tokens(text, start, end):
        glued = out and tok.start == out[-1].end
        if glued and (_is_mark(tok.text[0]) or (_is_mark(text[out[-1].end - 1]) and tok.text[0].isalnum())):
            prev = out[-1]
            out[-1] = Token(text[prev.start : tok.end], prev.start, tok.end)
        else:
            out.append(tok)
    return out


def _join_sentences(text: str, sents: list[Sentence], glued: Callable[[Sentence, Sentence], bool]) -> list[Sentence]:
    """Merge each sentence into the one before it when ``glued(before, sentence)`` holds."""
    out: list[Sentence] = []
    for s in sents:
        if out and glued(out[-1], s):
            out[-1] = Sentence(text[out[-1].start : s.end], out[-1].start, s.end)
        else:
            out.append(s)
    return out


def _quote_sentences(text: str, sents: list[Sentence], spans: list[QuoteSpan]) -> list[Sentence]:
    """The sentences as the quote rules read them: the shared splitter's, joined where a reported statement runs on
    over U+061B ARABIC SEMICOLON in one paragraph ("خلال هذه الفترة؛ بلغ") and at a dot inside a short quoted name
    ("هيئة الإذاعة البريطانية "بي. بي. سي" أنه")."""
    names = [n for n in spans if n.closed and n.close - n.open <= MAX_NAME_CHARS]
    sents = _join_sentences(text, sents, lambda before, s: text[before.start : before.end].rstrip().endswith("\u061b")
                            and "\n" not in text[before.end : s.start])
    return _join_sentences(text, sents, lambda before, _s: any(n.open < before.end <= n.close for n in names))


class QuoteDoc:
    """Tokens with normalized forms, the sentence each token is in, and the quoted spans of one text."""

    def __init__(
        self,
        source: str | Doc,
        starts_statement: Callable[[str], bool],
        active: Callable[[int, int], bool] = lambda _a, _b: True,
        resumes_report: Callable[[str], bool] = lambda _n: False,
    ) -> None:
        """Index the paragraphs ``text[a:b]`` that ``active(a, b)`` selects (the others can hold no quote).

        ``source`` is the field's ``Doc`` (its sentences are reused) or its text. ``starts_statement(norm)`` tells
        whether a sentence-initial word opens a new attribution; ``resumes_report(norm)`` whether a word after a comma
        is the reporter's again ("، مؤكداً أن": a participle cue), which ends an unclosed quote.
        """
        doc = self.source = as_doc(source, "body")  # the whole field: its sentences serve rules that look back
        text = self.text = doc.text
        paragraphs = []
        pos = 0
        for line in text.split("\n"):
            if active(pos, pos + len(line)):
                paragraphs.append((pos, pos + len(line)))
            pos += len(line) + 1
        self.toks = [t for a, b in paragraphs for t in merged_tokens(text, a, b)]
        self.norms = [normalize_word(t.text) for t in self.toks]
        self.starts = [t.start for t in self.toks]
        self.is_word = [n[:1].isalnum() for n in self.norms]
        self.word_prefix = [0]
        for flag in self.is_word:
            self.word_prefix.append(self.word_prefix[-1] + flag)
        n = len(self.toks)
        self.sent_end = [len(text)] * n
        self.sent_first = [0] * n
        raw_spans = quote_spans(text)
        sents = [s for a, b in paragraphs for s in doc.sentences_within(a, b)]
        sents = _quote_sentences(text, sents, raw_spans)
        for s in sents:
            a, b = bisect_left(self.starts, s.start), bisect_left(self.starts, s.end)
            for k in range(a, b):
                self.sent_end[k], self.sent_first[k] = s.end, a
        self.spans = [self._cut_unclosed(s, sents, starts_statement, resumes_report) for s in raw_spans]
        self.span_at = {s.open: s for s in self.spans}
        self.span_opens = [s.open for s in self.spans]

    def _cut_unclosed(
        self, span: QuoteSpan, sents: list[Sentence], starts_statement: Callable[[str], bool],
        resumes_report: Callable[[str], bool],
    ) -> QuoteSpan:
        """End an unclosed quote before a comma and a participle cue in it, or before the first later sentence that
        starts with a reporting verb."""
        if span.closed:
            return span
        for k in range(bisect_left(self.starts, span.open + 1) + 1, bisect_left(self.starts, span.close)):
            if self.toks[k - 1].text in COMMAS and resumes_report(self.norms[k]):
                return QuoteSpan(span.open, max(self.toks[k - 1].start, span.open + 1), False)
        prev_end = None
        for s in sents:
            if s.start <= span.open:
                prev_end = s.end
                continue
            if s.start >= span.close:
                break
            k = bisect_left(self.starts, s.start)
            if k < len(self.toks) and starts_statement(self.norms[k]) and prev_end is not None:
                return QuoteSpan(span.open, max(prev_end, span.open + 1), False)
            prev_end = s.end
        return span

    def inside_quote(self, pos: int) -> bool:
        """True when offset ``pos`` lies strictly inside a quoted span."""
        k = bisect_left(self.span_opens, pos) - 1
        return k >= 0 and self.spans[k].open < pos < self.spans[k].close

    def word_count(self, start: int, end: int) -> int:
        """Count word tokens starting in ``[start, end)``."""
        return self.word_prefix[bisect_left(self.starts, end)] - self.word_prefix[bisect_left(self.starts, start)]

    def token_index(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect_left(self.starts, pos)

    def last_token_before(self, pos: int) -> int:
        """Index of the last token starting before ``pos`` (-1 when none)."""
        return bisect_right(self.starts, pos - 1) - 1
