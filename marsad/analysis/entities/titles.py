"""Office titles (issue #17): "خادم الحرمين الشريفين", "ولي العهد", "الرئيس الأمريكي" name a person at the article's date.

Saudi and Gulf news name people by office. When a person mention follows an office title ("استقبل خادم الحرمين
الشريفين الملك سلمان"), the registry records the office for that entity with the article's date (a dated role table
learnt from the archive). A bare title later ("وأكد خادم الحرمين الشريفين ...") becomes a person mention linked to
the person the same article named with that office, else to the holder the archive names with it near the article's
date (``EntityRegistry.office_holder``: clear evidence only). Offices are keys of two or more words with trailing
honorifics dropped ("ولي العهد الأمير" -> "ولي العهد"); one-word titles ("الوزير", "الرئيس") name too many people.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence

from marsad.analysis.entities.namekey import PROCLITICS, title_words
from marsad.analysis.entities.registry import EntityRegistry
from marsad.analysis.entities.resolve import resolve_mentions
from marsad.model import Mention
from marsad.text.normalize import normalize_word
from marsad.text.tokenize import word_spans

#: Version of the office rules; part of the resolution version stored with entities.
TITLES_VERSION = "offices.v1"
#: Longest office title, in words, looked for before a name or alone.
MAX_TITLE_WORDS = 6
#: Honorifics dropped from the end of an office ("الملك", "الأمير", "الشيخ" ...), normalized (match.v1).
HONORIFICS = frozenset(
    normalize_word(w)
    for w in ("الملك", "الملكة", "الأمير", "الأميرة", "الشيخ", "الشيخة", "السيد", "السيدة", "الدكتور", "الدكتورة",
              "المهندس", "اللواء", "الفريق", "العميد", "سمو", "صاحب", "السمو", "الملكي", "معالي", "فخامة", "سعادة",
              "جلالة", "دولة")
)
#: Words before a title that make another office of it ("نائب خادم الحرمين الشريفين" is the deputy, "سفير خادم
#: الحرمين" the ambassador), normalized: deputy, assistant, adviser, representative, envoy, undersecretary,
#: ambassador, delegate, "spokesman of".
RELATIONAL = frozenset(
    normalize_word(w) for w in ("نائب", "مساعد", "مستشار", "ممثل", "مبعوث", "وكيل", "سفير", "مندوب", "باسم")
)


def _without_proclitic(norms: Sequence[str]) -> tuple[list[str], int]:
    """The title words with a one-letter proclitic dropped from the first ("لخادم" -> "خادم"), and 1 if it was."""
    words = list(norms)
    if words and words[0][:1] in PROCLITICS and len(words[0]) > 3 and not title_words([*words, "x"]) \
            and title_words([words[0][1:], *words[1:], "x"]):
        return [words[0][1:], *words[1:]], 1
    return words, 0


def office_key(norms: Sequence[str]) -> str | None:
    """The office a run of normalized title words names, trailing honorifics dropped; None under two words."""
    words, _ = _without_proclitic(norms)
    while words and words[-1] in HONORIFICS:
        words.pop()
    return " ".join(words) if len(words) >= 2 else None


def _title_before(norms: Sequence[str], i: int, name: Sequence[str], joined: Sequence[bool]) -> tuple[int, str] | None:
    """(first word index, office key) of the nearest office title written right before word ``i`` (where the name
    starts): the fewest words that make a title naming an office ("ولي العهد الأمير", not "خادم الحرمين الشريفين
    وولي العهد الأمير"). ``joined[k]`` says word ``k`` follows word ``k - 1`` with only spaces between."""
    for k in range(1, min(MAX_TITLE_WORDS, i) + 1):
        if not joined[i - k + 1]:
            return None  # a comma or a stop between the title and the name
        words, _ = _without_proclitic(norms[i - k : i])
        if title_words([*words, *name]) == k and (key := office_key(norms[i - k : i])) is not None:
            return None if _relational(norms, i - k) else (i - k, key)
    return None


def _title_after(norms: Sequence[str], j: int, spans: Sequence, text: str) -> str | None:
    """The office of a title in apposition right after a name ending before word ``j`` ("فلاديمير بوتين، الرئيس الروسي،",
    "الأمير فيصل بن خالد أمير منطقة عسير"): the title words run to a comma, a stop or the end of the title."""
    if j >= len(spans) or j == 0 or text[spans[j - 1].end : spans[j].start].strip() not in ("", ",", "\u060c"):
        return None
    k = title_words([*norms[j : j + MAX_TITLE_WORDS], "x"])
    if k < 2 or _relational(norms, j):
        return None
    end = j + k
    if end < len(spans) and not text[spans[end - 1].end : spans[end].start].strip():
        return None  # the title runs on into other words: not a clean apposition
    return office_key(norms[j:end])


def _shortened(key: str, local: dict[str, str]) -> str | None:
    """The entity of the one office named in this article that ``key`` shortens ("وزير الخارجية" after "وزير الخارجية
    الإيراني محمد جواد ظريف"), or None when none or several do."""
    holders = {entity_id for office, entity_id in local.items() if office.startswith(key + " ")}
    return holders.pop() if len(holders) == 1 else None


def _relational(norms: Sequence[str], j: int) -> bool:
    """True when the word before word ``j`` makes the title there another office ("نائب" + title)."""
    if j == 0:
        return False
    before = norms[j - 1]
    return before in RELATIONAL or (before[:1] in PROCLITICS and before[1:] in RELATIONAL)


def resolve_with_offices(
    raw: Sequence[Mention], registry: EntityRegistry, texts: dict[str, str], day: str | None
) -> list[Mention]:
    """``resolve_mentions`` of one article, plus its bare office titles as person mentions, in field and text order.

    The one call ``marsad ingest`` (``Annotator.annotate``) and ``marsad batch`` (its driver) both make, so the two
    give every article the same rows. ``day``: the article's publication date (ISO; a date-time is cut to its day).
    """
    day = day[:10] if day else None
    mentions = resolve_mentions(list(raw), registry)
    offices = title_mentions(texts, mentions, registry, day)
    if not offices:
        return mentions
    order = {f: k for k, f in enumerate(texts)}
    return sorted([*mentions, *offices], key=lambda m: (order.get(m.field, len(order)), m.start, m.end))


def title_mentions(
    texts: dict[str, str], mentions: Sequence[Mention], registry: EntityRegistry, day: str | None
) -> list[Mention]:
    """Record the offices of the article's titled person mentions, and return mentions for its bare titles.

    ``texts`` maps each field to its display text; ``day`` is the article's ISO publication date (or None).
    """
    out: list[Mention] = []
    local: dict[str, str] = {}  # office -> entity id named with it in this article
    fields = {f: _words(t) for f, t in texts.items()}
    for m in mentions:
        if m.type != "PER" or m.entity_id is None or m.field not in fields:
            continue
        spans, norms, joined, starts = fields[m.field]
        i = bisect_left(starts, m.start)  # the first word of the name
        if i == len(spans):
            continue
        name = [n for s, n in zip(spans, norms) if m.start <= s.start < m.end]
        found = _title_before(norms, i, name, joined)
        after = _title_after(norms, i + len(name), spans, texts[m.field])
        entity = registry.get(m.entity_id)
        for key in (found[1] if found else None, after):
            if key is not None and entity is not None:
                registry.observe_office(entity, key, day)
                local.setdefault(key, entity.entity_id)
    for f, (spans, norms, _, _) in fields.items():
        taken = [(m.start, m.end) for m in mentions if m.field == f]
        out.extend(_bare_titles(texts[f], f, spans, norms, taken, local, registry, day))
    return out


def _words(text: str) -> tuple[list, list[str], list[bool], list[int]]:
    """The word spans of ``text``, their normalized forms, whether only spaces separate each from the one before, and
    their start offsets."""
    spans = word_spans(text)
    joined = [False] + [not text[a.end : b.start].strip() for a, b in zip(spans, spans[1:])]
    return spans, [normalize_word(s.text) for s in spans], joined, [s.start for s in spans]


def _bare_titles(
    text: str, field: str, spans: Sequence, norms: Sequence[str], taken: Iterable[tuple[int, int]],
    local: dict[str, str], registry: EntityRegistry, day: str | None,
) -> list[Mention]:
    """Person mentions for the office titles of one field that no name follows."""
    taken = list(taken)
    out: list[Mention] = []
    heads = {key.split(" ", 1)[0] for key in local}  # an office key found below begins with one of these or a known one
    j = 0
    while j < len(spans):
        first = norms[j]
        if not (first in heads or registry.may_start_office(first) or (
                first[:1] in PROCLITICS and (first[1:] in heads or registry.may_start_office(first[1:])))):
            j += 1
            continue
        hit = None
        for n in range(min(MAX_TITLE_WORDS, len(spans) - j), 1, -1):
            key = office_key(norms[j : j + n])
            if key is None or not (key in local or registry.knows_office(key) or _shortened(key, local)):
                continue
            words, clitic = _without_proclitic(norms[j : j + n])
            if title_words([*words, "x"]) >= n:  # every word is part of the title
                hit = (n, key, clitic)
                break
        if hit is None:
            j += 1
            continue
        n, key, clitic = hit
        size = n
        while size > 1 and norms[j + size - 1] in HONORIFICS:
            size -= 1  # the span is the office ("خادم الحرمين الشريفين"), not the honorifics after it
        after = j + n
        while after < len(spans) and norms[after] in HONORIFICS:
            after += 1  # "... صاحب السمو الملكي الأمير" + a name: a titled name, not a bare title
        start, end = _word_start(spans[j], clitic), spans[j + size - 1].end
        followed = _relational(norms, j) or (
            after < len(spans) and any(a <= spans[after].start < b for a, b in taken))
        inside = any(a < end and start < b for a, b in taken)
        entity_id = local.get(key) or _shortened(key, local)
        entity = registry.get(entity_id) if entity_id else registry.office_holder(key, day)
        if not followed and not inside and entity is not None:
            out.append(Mention(text[start:end], field, start, end, "PER", entity.entity_id, entity.canonical))  # type: ignore[arg-type]
        j += n
    return out


def _word_start(span, clitic: int) -> int:  # noqa: ANN001 - a tokenize word span
    """Start offset of a word, after its one-letter proclitic (and any harakat on it) when ``clitic``."""
    if not clitic:
        return span.start
    rest = normalize_word(span.text[1:])
    for k in range(1, len(span.text)):
        if span.text[k].isalpha() and normalize_word(span.text[k:]) == rest:  # harakat are not letters
            return span.start + k
    return span.start


__all__ = ["TITLES_VERSION", "office_key", "resolve_with_offices", "title_mentions"]
