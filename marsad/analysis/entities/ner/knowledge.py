"""World knowledge after decoding: names announced by a head word, and given names that need context.

The tagger learnt from ANERcorp (2003-2006 newswire); the clubs, channels, programmes and newspapers of later news
are mostly unknown to it. Two rules run on the decoded labels of a batch, before names are propagated:

1. Head words (``HEADS``): a quoted title right after a head that announces a name (نادي، صحيفة، قناة، وكالة، شركة
   ... ORG; برنامج، مسلسل، فيلم، ملعب، بعنوان ... MISC; مدينة، محافظة، ولاية ... LOC), « ... » or " ... " of up to
   six words, takes the head's type; an entity the tagger found right after a club, media, stadium or programme
   head but typed otherwise is retyped (نادي قطر, ملعب سانتياغو برنابيو, برنامج « ستار مايكر »; ``RETYPE_FROM``).
   The head stays outside the span, as in ANERcorp. With ``known_after_head`` a name of the harvested or world
   tables of the head's type is also tagged after it (off: see below).
2. Given names that are also common words (سعيد happy, أمين, كريم ...): a person span of such a word followed by
   (or ending with) the adjective's complement ("سعيد برؤيتكم", "سعيد بالفوز", "كريم جدا") is dropped unless a
   title or another name stands before it.

Measured (``ner-ens.v3`` models; before -> after, macro-F1): ANERcorp dev split, where the rules were chosen, with
models not trained on it 70.3 -> 74.8 (MISC 47.2 -> 64.2, ORG 65.5 -> 66.3); the held-out split, never used for a
choice, 76.5 -> 76.7 (ORG 67.3 -> 68.0, other types unchanged); AQMAR 42.1 -> 42.1. The dev gain does not carry
over: ANERcorp's held-out tenth has few quoted titles after head words. The guard changes no span of either split;
it is there for news text ("سعيد برأيتكم" in the seed report).
Not kept: known names after head words (dev 74.8 -> 74.7; checked on the held-out split too, after the fact: 76.7
-> 76.4, AQMAR micro 42.5 -> 42.2: "الفائز", "التجارة الحرة" survive the harvest's filters); known multi-word names
tagged wherever they occur untagged (dev 73.3 -> 71.6 with the ner-ens.v2 models: ANERcorp does not tag
ministries, councils or "صاحب السمو", and the world table's rule-typed entries are noisy); the same for one-word
names (64.5).

Tables (read only with ``known_after_head``): ``data/names-harvested.v1.tsv.gz`` and ``data/names-world.v1.tsv.gz``,
built by ``scripts/harvest_gazetteer.py``.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache

from marsad.analysis.entities.ner.resources import data_path
from marsad.analysis.entities.ner.scoring import spans
from marsad.text.normalize import normalize_word

#: Version of the knowledge rules and tables; part of the shipped tagger's version.
KNOWLEDGE_VERSION = "ner-knowledge.v1"
HARVEST_FILE = "names-harvested.v1.tsv.gz"
WORLD_FILE = "names-world.v1.tsv.gz"

#: Head words -> (type, whether the head is part of the name in ANERcorp's convention).
_HEADS_RAW = {
    "ORG": ("نادي فريق شركة بنك مصرف صحيفة جريدة مجلة قناة شبكة وكالة", False),
    "ORG+": ("وزارة هيئة حزب حركة جماعة جامعة مستشفى مؤسسة منظمة مجلس اتحاد جبهة", True),
    "MISC": ("مسلسل برنامج فيلم مهرجان جائزة ملعب استاد بعنوان", False),
    "MISC+": ("بطولة كأس دوري", True),
    "LOC": ("مدينة محافظة منطقة ولاية جزيرة نهر بحيرة", False),
}
HEADS: dict[str, tuple[str, bool]] = {
    normalize_word(w): (etype.rstrip("+"), with_head)
    for etype, (ws, with_head) in _HEADS_RAW.items()
    for w in ws.split()
}
#: Proclitic strings stripped before a head word is looked up (and, so, with/in, for/to, the).
_HEAD_PREFIXES = ("", "ال", "و", "وال", "ف", "فال", "ب", "بال", "ل", "لل", "ول", "ولل", "وب", "وبال")
#: Quote marks that delimit a title after a head word.
QUOTES = frozenset({"«", "»", '"', "“", "”", "'"})
#: Words that end a name run after a head word (function words, time words, common verbs of reporting).
NAME_STOPS = frozenset(
    normalize_word(w)
    for w in (
        "في من على إلى الى عن مع أن إن ان أو او ثم التي الذي الذين اللذين هذا هذه ذلك تلك هو هي هم كان كانت قد "
        "لا لم لن ما منذ حتى بعد قبل خلال عبر بين حول ضد عند لدى أمام امام وفق حيث كما لكن بل إلا الا غير أي كل بعض "
        "جميع عام العام اليوم أمس امس الماضي المقبل الحالي الجديد الجديدة قال قالت أعلن أعلنت أكد أكدت ذكر ذكرت "
        "يوم أول آخر عدة عدد اكثر أكثر أقل كبير كبيرة رئيس مدير وزير نائب لها له لهم بها به بهم فيها فيه منها منه "
        "عليها عليه إليها إليه الجمعة السبت الأحد الاثنين الثلاثاء الأربعاء الخميس"
    ).split()
)
#: Heads whose following entity is retyped when the tagger typed it otherwise, and the types it may have had:
#: clubs and media are rarely places or people; a stadium named after a city stays a place (استاد القاهرة); a
#: programme's name may be an organisation's (برنامج الأمم المتحدة الإنمائي), so only "persons" are retyped there.
RETYPE_FROM: dict[str, frozenset[str]] = {
    **{normalize_word(w): frozenset({"PERS", "LOC", "MISC"}) for w in "نادي صحيفة جريدة مجلة قناة شبكة وكالة".split()},
    **{normalize_word(w): frozenset({"PERS", "ORG"}) for w in ("ملعب", "استاد")},
    **{normalize_word(w): frozenset({"PERS"}) for w in ("مسلسل", "برنامج", "فيلم")},
}
#: Heads followed by a name only when it is quoted ("بعنوان « ... »" titles a programme, a book, a talk).
QUOTE_ONLY_HEADS = frozenset({normalize_word("بعنوان")})
#: Given names that are common words too (سعيد happy, أمين faithful, كريم generous ...): checked by the guard.
AMBIGUOUS_GIVEN = frozenset(
    normalize_word(w)
    for w in "سعيد أمين كريم جميل عادل نبيل شريف رشيد منير سالم صالح فاضل حكيم سعيدة جميلة أمينة كريمة لطيف رحيم "
    "حميد مجيد نجيب ظريف طيب فريد وحيد سعد نور أمل هدى رضا عزيز".split()
)
#: Words that make a neighbouring ambiguous given name a person (titles, kinship, honorifics).
NAME_CONTEXT = frozenset(
    normalize_word(w)
    for w in "السيد السيدة الشيخ الدكتور د الأستاذ الرئيس الأمير الملك المهندس اللواء العميد العقيد الفريق "
    "الوزير النائب الكابتن اللاعب الفنان الفنانة المطرب الكاتب الشاعر المخرج الحاج بن ابن بنت أبو ابو أم "
    "المواطن الزميل الطفل الشاب".split()
)
#: Words after which an ambiguous given name is an adjective (very, with/for this or that).
_VERY = frozenset(normalize_word(w) for w in "جدا جداً للغاية بهذا بهذه بذلك لذلك لهذا".split())
#: Pronoun suffixes of a complement (برؤيتكم، بلقائها، لرؤيتهم); ه/ك/ي are left out (too many names end so).
_PRONOUN_SUFFIXES = ("كم", "كما", "كن", "ها", "هم", "هما", "نا")


#: Every surface form of a head word (head with each proclitic string): a sentence without one is skipped at once.
_HEAD_FORMS: dict[str, str] = {pre + head: head for head in HEADS for pre in reversed(_HEAD_PREFIXES)}
#: Surface forms of the ambiguous given names (bare, or after and/so/with/for).
_GIVEN_FORMS = frozenset(AMBIGUOUS_GIVEN | {p + w for w in AMBIGUOUS_GIVEN for p in ("و", "ف", "ب", "ل")})


def head_of(norm: str) -> str | None:
    """Return the head word a normalized token is (after a proclitic and al-), or None."""
    return _HEAD_FORMS.get(norm)


@dataclass(frozen=True, slots=True)
class Knowledge:
    """Typed names: ``by_type[type]`` = normalized name tuples (a name may have two types); ``longest`` in words."""

    by_type: dict[str, frozenset[tuple[str, ...]]]
    longest: int


def _read(name: str) -> list[tuple[str, tuple[str, ...]]]:
    """Return (type, normalized name words) rows of a shipped table (first two columns)."""
    path = data_path(name)
    if not path.exists():
        return []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [ln.rstrip("\n").split("\t") for ln in fh if ln.strip() and not ln.startswith("#")]
    return [(r[0], tuple(normalize_word(w) for w in r[1].split())) for r in rows if len(r) >= 2]


@cache
def load_knowledge() -> Knowledge:
    """Load the harvested and world name tables (once per process)."""
    types: dict[tuple[str, ...], set[str]] = {}
    for etype, name in _read(HARVEST_FILE) + _read(WORLD_FILE):
        if name:
            types.setdefault(name, set()).add("PERS" if etype == "PER" else etype)
    by_type: dict[str, set[tuple[str, ...]]] = {}
    for name, ts in types.items():
        for t in ts:
            by_type.setdefault(t, set()).add(name)
    longest = max((len(n) for n in types), default=0)
    return Knowledge({t: frozenset(v) for t, v in by_type.items()}, longest)


@dataclass(frozen=True, slots=True)
class KnowledgeSettings:
    """Which rules run (all on by default)."""

    heads: bool = True
    known_after_head: bool = False  # also tag a known name of the head's type after it (tables; see the module doc)
    given_guard: bool = True


def _set(labs: list[str], start: int, end: int, etype: str) -> None:
    """Label tokens ``start..end-1`` as one entity of ``etype`` (IOB2)."""
    labs[start:end] = [f"B-{etype}"] + [f"I-{etype}"] * (end - start - 1)


def _free(labs: list[str], start: int, end: int) -> bool:
    """Whether tokens ``start..end-1`` are all outside entities and no entity continues into ``end``."""
    if any(lab != "O" for lab in labs[start:end]):
        return False
    return end >= len(labs) or not labs[end].startswith("I-")


def _after_head(toks: list[str], labs: list[str], i: int, etype: str, kn: Knowledge | None) -> None:
    """Apply the head-word rule to the head at ``i`` (name-announcing heads only)."""
    j, n = i + 1, len(toks)
    if j >= n:
        return
    if toks[j] in QUOTES:
        end = j + 1
        while end < n and end - j <= 6 and toks[end] not in QUOTES:
            end += 1
        if end < n and toks[end] in QUOTES and end > j + 1:
            inner = spans(labs[j + 1 : end])
            allowed = RETYPE_FROM.get(head_of(toks[i]) or "", frozenset())
            retype = len(inner) == 1 and inner[0][:2] == (0, end - j - 1) and inner[0][2] in allowed
            if retype or _free(labs, j + 1, end):
                _set(labs, j + 1, end, etype)
        return
    head = head_of(toks[i])
    if head in QUOTE_ONLY_HEADS:
        return
    if kn is not None:
        known = kn.by_type.get(etype, frozenset())
        for k in range(min(kn.longest, n - j, 4), 0, -1):
            if tuple(toks[j : j + k]) in known:
                if _free(labs, j, j + k):
                    _set(labs, j, j + k, etype)
                    return
                break
    if labs[j].startswith("B-") and labs[j][2:] in RETYPE_FROM.get(head, frozenset()):
        if labs[j][2:] != etype:
            end = j + 1
            while end < n and labs[end] == "I-" + labs[j][2:]:
                end += 1
            _set(labs, j, end, etype)


def _adjective_use(word: str) -> bool:
    """Whether a word reads as an adjective's complement: جدا، بهذا، or بـ/لـ + a definite noun or a pronoun suffix.

    "سعيد برؤيتكم" (happy to see you), "سعيد بالفوز", "كريم معنا"; names after a given name rarely look so (بوتفليقة).
    """
    if word in _VERY:
        return True
    if len(word) < 4 or word[0] not in ("ب", "ل"):
        return False
    return word.startswith(("بال", "لل")) or word.endswith(_PRONOUN_SUFFIXES)


def _guard_given(toks: list[str], labs: list[str]) -> None:
    """Drop person spans that are an ambiguous given name used as an adjective, with no title or name beside them.

    The span is the word alone followed by its complement, or the word and its complement (the tagger may take an
    unknown complement such as a misspelt "برأيتكم" for a family name).
    """
    for start, end, etype in spans(labs):
        if etype != "PERS" or end - start > 2:
            continue
        word = toks[start]
        bare = word[1:] if word[:1] in ("و", "ف", "ب", "ل") and word[1:] in AMBIGUOUS_GIVEN else word
        if bare not in AMBIGUOUS_GIVEN:
            continue
        before = toks[start - 1] if start > 0 else ""
        if before in NAME_CONTEXT or (start > 0 and labs[start - 1] != "O"):
            continue
        if end - start == 2:
            if not _adjective_use(toks[start + 1]):
                continue
        elif end >= len(labs) or labs[end] != "O" or not _adjective_use(toks[end]):
            continue
        labs[start:end] = ["O"] * (end - start)


def apply_knowledge(
    norms: list[list[str]], labels: list[list[str]], settings: KnowledgeSettings | None = None
) -> list[list[str]]:
    """Return ``labels`` (IOB2, one list per sentence of normalized tokens) with the knowledge rules applied."""
    settings = settings or KnowledgeSettings()
    kn = load_knowledge() if settings.heads and settings.known_after_head else None
    out: list[list[str]] = []
    for toks, labs in zip(norms, labels, strict=True):
        guard = settings.given_guard and not _GIVEN_FORMS.isdisjoint(toks) and "B-PERS" in labs
        heads = settings.heads and not _HEAD_FORMS.keys().isdisjoint(toks)
        if guard or heads:  # most sentences have neither: passed through uncopied
            labs = list(labs)
            if guard:
                _guard_given(toks, labs)
            if heads:
                for i, tok in enumerate(toks):
                    head = _HEAD_FORMS.get(tok)
                    if head is not None and not HEADS[head][1] and labs[i] == "O":
                        _after_head(toks, labs, i, HEADS[head][0], kn)
        out.append(labs)
    return out


__all__ = [
    "HEADS",
    "KNOWLEDGE_VERSION",
    "QUOTE_ONLY_HEADS",
    "Knowledge",
    "KnowledgeSettings",
    "apply_knowledge",
    "head_of",
    "load_knowledge",
]
