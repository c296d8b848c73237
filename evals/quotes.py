"""Quote attribution evaluation on evals/gold/quotes.jsonl (38 hand-annotated SaudiNewsNet articles).

A system quote matches a gold quote when (1) the spans overlap substantially: at least half of the gold span's
word tokens (``marsad.text.tokenize.word_spans``) lie inside the system span, and (2) for the attributed
metrics, the speakers agree: after ``match.v1`` normalization, light stemming and dropping quote marks, one
speaker's token set contains the other's, or both end with the same token (the head name: "يوري أوشاكوف" vs
"أوشاكوف", "مصدر أمني" vs "المصدر"). Matching is greedy in gold order, each system quote used at most once.

Metrics: ``quote_precision``/``quote_recall``/``quote_f1`` (span and speaker right), ``quote_span_f1`` (span
only), ``quote_speaker_accuracy`` (speaker right among span matches).

The same metrics with the prefix ``quote_dev_`` score the dev set evals/gold/quotes_dev.jsonl (80 articles, 312
quotes from 15 outlets: SaudiNewsNet 2015-08-04 and ANT 2018, labelled blind to the system; see the gold README).
Its quotes carry ``speaker_resolved`` (the named person or organisation a title, anaphor or continuation refers to,
or null); a system speaker counts as right when it agrees with ``speaker`` or with ``speaker_resolved`` under the
rule above. ``quote_dev2_`` scores the second dev set ``quotes_dev2.jsonl`` (65 articles, 253 quotes, 15 outlets:
SaudiNewsNet 2015-08-08 and ANT 2018), labelled blind after ``quotes-rules.v2``; ``quotes-rules.v3`` was written on
it, so ``quote_dev3_`` (``quotes_dev3.jsonl``: 60 articles, 256 quotes, 17 outlets, SaudiNewsNet 2015-08-10 and ANT,
labelled blind meanwhile) was the figure no rule saw. ``quotes-rules.v4`` (characterisations, adverbs before the
speaker, "من قبل إن", forecasts and signs are no speakers) was written on the first three dev sets while
``quotes_dev4.jsonl`` (64 articles, 275 quotes, 15 outlets: SaudiNewsNet 2015-08-09 and ANT) was labelled blind by two
annotators; scored once with v4 as written (``quote_dev4_*`` first look: F1 0.774, v3 0.780), then one fix was made
after reading its errors (a participle with no speaker before it takes its sentence's subject), so it is seen data now.
``quotes_dev5.jsonl`` (64 articles, 263 quotes, 15 outlets: SaudiNewsNet 2015-08-07 and ANT) was labelled blind after
the rules were frozen on the first four and scored once: F1 0.810 (v3 0.809); ``quotes-rules.v5`` (verb-like words,
"عدم", months and "ثم" are no speakers, an addressee before the speaker is skipped, colon speech runs on, "كما أنه"
is no content clause) was then written on all five. ``quotes_dev6.jsonl`` (64 articles, 258 quotes, 16 outlets:
SaudiNewsNet 2015-08-06 and ANT) was labelled blind by two annotators while v5 was written and scored once after it
was frozen: F1 0.789 (v4 0.780). ``quotes_dev7.jsonl`` (64 articles, 248 quotes, 18 outlets: SaudiNewsNet 2015-08-11
and ANT), labelled blind later, is a second untouched set for v5: F1 0.772 (v4 0.768). No rule has been written on
either. On these two sets the eval also scores the speaker *entity* of each quote found with the right speaker,
through the annotator as ``marsad ingest`` runs it (``_speaker_entity_*``; no rule was written on it).
``quotes-rules.v7`` (nested quote marks, statements running over "؛", speakers from context, "إلى"-objects) was written
on the first seven sets while ``quotes_dev8.jsonl`` (64 articles, 251 quotes, 15 outlets: SaudiNewsNet 2015-08-09 and
ANT) was labelled blind by two annotators; scored once after v7 was frozen: F1 0.855 (v6 0.858). One fix was then
made on its errors ("استنادا إلى" and an "إلى" after a comma are adverbials, not the cue's object): 0.862, seen data.
``quotes_dev9.jsonl`` (81 articles, 301 quotes, 16 outlets: SaudiNewsNet 2015-08-10 and ANT), labelled blind by three
annotators after v7 was frozen, is the issue's set of 300+ quotes no rule saw: F1 0.798 (v6 0.798). ``quotes-rules.v8``
changes speaker entities only (a definite description such as "المراسلة" or "الصحيفة" links to the entity it named
earlier; written on sets 1-8): speaker-entity accuracy on the ninth 0.735 -> 0.757 (first look), sets 1-8 +0.006..+0.112.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from marsad.analysis.quotes.quotes import extract_quotes
from marsad.model import Quote
from marsad.text.normalize import normalize
from marsad.text.stem import light_stem
from marsad.text.tokenize import word_spans, words

GOLD = Path(__file__).parent / "gold" / "quotes.jsonl"
DEV_GOLD = Path(__file__).parent / "gold" / "quotes_dev.jsonl"
#: The later dev sets by number (``quotes_devN.jsonl``, N = 2..9, reported as ``quote_devN_*``; how each was drawn and
#: which rules saw it: the module docstring and evals/gold/README.md).
DEV_GOLDS = {n: Path(__file__).parent / "gold" / f"quotes_dev{n}.jsonl" for n in range(2, 10)}
#: The sets whose speaker entities are scored through the annotator (no entity rule was written on them first).
ENTITY_SETS = (6, 7, 8, 9)
#: Share of the gold span's words the system span must cover (the criterion stated in the module docstring).
MIN_OVERLAP = 0.5


def load_gold(path: Path = GOLD) -> list[dict]:
    """Read the gold articles, or raise naming the missing file."""
    if not path.exists():
        raise FileNotFoundError(f"{path}: gold quotes missing; restore evals/gold/{path.name} from git")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def speaker_tokens(speaker: str | None) -> list[str]:
    """Normalized, light-stemmed tokens of a speaker string (empty for None)."""
    if not speaker:
        return []
    return [light_stem(w) for w in words(normalize(speaker))]


def same_speaker(gold: str | None, system: str | None) -> bool:
    """True when two speaker strings name the same speaker (containment or same last token)."""
    g, s = speaker_tokens(gold), speaker_tokens(system)
    if not g or not s:
        return False
    return set(g) <= set(s) or set(s) <= set(g) or g[-1] == s[-1]


def span_overlap(body: str, gold: dict, quote: Quote) -> float:
    """Share of the gold span's words that lie inside the system quote's span."""
    spans = [t for t in word_spans(body[gold["start"] : gold["end"]])]
    if not spans:
        return 0.0
    inside = sum(1 for t in spans if quote.start <= gold["start"] + t.start and gold["start"] + t.end <= quote.end)
    return inside / len(spans)


def gold_speaker_agrees(gold: dict, system: str | None, resolved: bool = False) -> bool:
    """True when the system speaker agrees with the gold ``speaker`` (or, if ``resolved``, its ``speaker_resolved``)."""
    if same_speaker(gold["speaker"], system):
        return True
    return resolved and same_speaker(gold.get("speaker_resolved"), system)


def _match(body: str, golds: list[dict], system: list[Quote], need_speaker: bool, resolved: bool = False) -> int:
    """Greedy one-to-one matching count of gold and system quotes."""
    used: set[int] = set()
    hits = 0
    for g in golds:
        for k, q in enumerate(system):
            if k in used or span_overlap(body, g, q) < MIN_OVERLAP:
                continue
            if need_speaker and not gold_speaker_agrees(g, q.speaker, resolved):
                continue
            used.add(k)
            hits += 1
            break
    return hits


def _prf(hits: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts."""
    p = hits / n_sys if n_sys else 0.0
    r = hits / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def dev_half(article: dict) -> str:
    """``tune`` or ``check``: the half of the dev set an article is in (the parity of its id's SHA-1).

    Rules changed after the dev set was labelled are written against the tuning half only; the check half is the
    figure no rule saw.
    """
    return "tune" if int(hashlib.sha1(article["id"].encode("utf-8")).hexdigest(), 16) % 2 == 0 else "check"


def score(path: Path, prefix: str, resolved: bool = False, half: str | None = None) -> dict[str, float]:
    """Evaluate ``extract_quotes`` on one gold file (or one half of it); metric names start with ``prefix``."""
    n_gold = n_sys = hits = span_hits = 0
    for art in load_gold(path):
        if half is not None and dev_half(art) != half:
            continue
        system = extract_quotes(art["body"], "body")
        n_gold += len(art["quotes"])
        n_sys += len(system)
        hits += _match(art["body"], art["quotes"], system, need_speaker=True, resolved=resolved)
        span_hits += _match(art["body"], art["quotes"], system, need_speaker=False)
    p, r, f = _prf(hits, n_sys, n_gold)
    return {
        f"{prefix}_precision": round(p, 4),
        f"{prefix}_recall": round(r, 4),
        f"{prefix}_f1": round(f, 4),
        f"{prefix}_span_f1": round(_prf(span_hits, n_sys, n_gold)[2], 4),
        f"{prefix}_speaker_accuracy": round(hits / span_hits if span_hits else 0.0, 4),
    }


def speaker_entities(path: Path, prefix: str) -> dict[str, float]:
    """How often a quote found with the right speaker also carries the right speaker entity, as ``marsad ingest``
    stores it (entities resolved first, then quotes linked to them; one annotator over the set in order).

    Over gold quotes whose ``speaker_resolved`` names someone and that the system found with an agreeing speaker:
    ``_speaker_entity_accuracy`` (the entity's canonical name is that person or body, compared as in
    ``evals/titles.same_person``) and ``_speaker_entity_coverage`` (any entity id at all).
    """
    from evals.titles import same_person
    from marsad.analysis.annotate import Annotator

    annotator = Annotator()
    found = right = with_id = 0
    for art in load_gold(path):
        analysis = annotator.annotate("", art["body"], art.get("published"))
        canonical = {m.entity_id: m.canonical for m in analysis.entities if m.entity_id}
        system = [q for q in analysis.quotes if q.field == "body"]
        for g in art["quotes"]:
            if not g.get("speaker_resolved"):
                continue
            q = next((q for q in system if span_overlap(art["body"], g, q) >= MIN_OVERLAP
                      and gold_speaker_agrees(g, q.speaker, True)), None)
            if q is None:
                continue
            found += 1
            name = canonical.get(q.speaker_entity_id)
            with_id += name is not None
            right += name is not None and same_person(g["speaker_resolved"], name)
    return {f"{prefix}_speaker_entity_accuracy": round(right / found, 4) if found else 0.0,
            f"{prefix}_speaker_entity_coverage": round(with_id / found, 4) if found else 0.0}


def run() -> dict[str, float]:
    """Evaluate ``extract_quotes`` on the seed gold (``quote_*``) and the dev gold (``quote_dev_*``)."""
    halves = {f"quote_dev_f1_{h}": score(DEV_GOLD, "x", resolved=True, half=h)["x_f1"] for h in ("tune", "check")}
    later = {k: v for n, path in DEV_GOLDS.items() for k, v in score(path, f"quote_dev{n}", resolved=True).items()}
    entities = {k: v for n in ENTITY_SETS for k, v in speaker_entities(DEV_GOLDS[n], f"quote_dev{n}").items()}
    return {**score(GOLD, "quote"), **score(DEV_GOLD, "quote_dev", resolved=True), **halves, **later, **entities}

if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
