"""Bare office titles linked to the person who holds the office (issue #17: "خادم الحرمين الشريفين", "ولي العهد").

Gold: ``evals/gold/titles_dev.jsonl`` (and ``titles_dev2.jsonl``, metrics ``titles2_*``), occurrences of office
titles used without the holder's name in SaudiNewsNet 2015-08-06 articles, each with the person it refers to,
labelled by reading (see the gold README). The whole day goes through one ``Annotator`` in corpus order, as ``marsad
ingest`` would see it (the registry learns the dated office table from the titled mentions of the articles before),
and an occurrence counts as linked when a person mention overlaps its span; it is right when that mention's entity
is the gold person (``same_person``).

Metrics: ``titles_accuracy`` (right / occurrences with a person), ``titles_precision`` (right / linked),
``titles_coverage`` (linked / occurrences with a person), also for the even (``_tune``) and odd (``_check``) article
indexes: rules changed after the first look were written on the even half only. The previous release linked no bare
title (0 / 0 / 0). Before the gold day, ``WARM_UP_DAYS`` go through the same annotator, as an archive would.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from marsad.analysis.annotate import Annotator
from marsad.analysis.entities.namekey import token_key
from marsad.errors import MarsadError
from marsad.text.normalize import normalize
from marsad.text.tokenize import words

GOLD = Path(__file__).parent / "gold" / "titles_dev.jsonl"
#: The second set (2015-08-09, dealt over ten outlets), labelled after every office rule was set.
GOLD2 = Path(__file__).parent / "gold" / "titles_dev2.jsonl"
DATASET = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "saudinewsnet" / "dataset"
#: Days ingested before the gold day, as an archive would hold them (a dev day; the held-out days are never read).
WARM_UP_DAYS = ("2015-08-04",)
#: The archive before the second set's day: the day before it.
WARM_UP_DAYS2 = ("2015-08-08",)
#: Name particles left out when two names are compared (bin, ibn, al, aal).
PARTICLES = frozenset({"بن", "ابن", "ال"})


def load_gold(path: Path = GOLD) -> list[dict]:
    """Return the labelled occurrences, or raise naming the missing file."""
    if not path.is_file():
        raise MarsadError(f"{path} not found: restore evals/gold/{path.name} from the repository")
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _tokens(name: str) -> set[str]:
    """Normalized name tokens without particles (and without the article on the family name)."""
    out = set()
    for w in words(normalize(name)):
        w = w[2:] if w.startswith("ال") and len(w) > 4 else w
        if w not in PARTICLES:
            out.add(w)
    return out


def same_person(gold: str, canonical: str | None) -> bool:
    """True when two spellings name one person: every system name token matches a gold one, or two do.

    Tokens match by transliteration key ("سيرجي" / "سيرغي"), or when the system token is the gold one with its
    first letter cut off by NER ("يليب" of "فيليب", four letters or more).
    """
    gold_keys = {token_key(t) for t in _tokens(gold)}
    system = {token_key(t) for t in _tokens(canonical or "")}
    if not gold_keys or not system:
        return False
    matched = {t for t in system if t in gold_keys or (len(t) >= 3 and any(
        g.endswith(t) and len(g) == len(t) + 1 for g in gold_keys))}
    return matched == system or len(matched) >= 2 or gold_keys <= system


def _found_mentions(gold: list[dict], warm_up: tuple[str, ...]) -> dict[int, list]:
    """Annotate the warm-up days, then the gold day in corpus order; the body PER mentions of each gold article."""
    day = gold[0]["day"]
    path = DATASET / f"{day}.zip"
    if not path.is_file():
        raise MarsadError(f"{path} not found: this evaluation needs ../shared/data/saudinewsnet beside the checkout")
    with zipfile.ZipFile(path) as z:
        rows = json.loads(z.read(z.namelist()[0]))
    wanted = {g["index"] for g in gold}
    annotator = Annotator()
    for warm in warm_up:  # the archive a user would have: the office table learnt from earlier days
        with zipfile.ZipFile(DATASET / f"{warm}.zip") as z:
            for row in json.loads(z.read(z.namelist()[0])):
                annotator.annotate(row.get("title") or "", row.get("content") or "", row.get("date_extracted"))
    found: dict[int, list] = {}
    for i, row in enumerate(rows[: max(wanted) + 1]):  # later articles cannot change what came before
        analysis = annotator.annotate(row.get("title") or "", row.get("content") or "", row.get("date_extracted"))
        if i in wanted:
            found[i] = [m for m in analysis.entities if m.field == "body" and m.type == "PER"]
    return found


def _scores(rows: list[dict], found: dict[int, list], prefix: str) -> dict[str, float]:
    """Accuracy, precision and coverage of the person mentions over gold occurrences (metric names ``prefix``...)."""
    linked = right = 0
    for g in rows:
        hit = next((m for m in found.get(g["index"], []) if m.start < g["end"] and g["start"] < m.end), None)
        if hit is not None:
            linked += 1
            right += same_person(g["person"], hit.canonical)
    n = len(rows)
    return {f"{prefix}_accuracy": right / n if n else 0.0, f"{prefix}_precision": right / linked if linked else 0.0,
            f"{prefix}_coverage": linked / n if n else 0.0}


def run() -> dict[str, float]:
    """Score both gold sets: the first with its even / odd halves, the second (``titles2_``) whole."""
    gold = [g for g in load_gold() if g.get("person")]
    found = _found_mentions(gold, WARM_UP_DAYS)
    out: dict[str, float] = {}
    for part, rows_ in (("", gold), ("_tune", [g for g in gold if g["index"] % 2 == 0]),
                        ("_check", [g for g in gold if g["index"] % 2 == 1])):
        out.update({k + part: v for k, v in _scores(rows_, found, "titles").items()})
    out["titles_occurrences"] = float(len(gold))
    if GOLD2.is_file():
        gold2 = [g for g in load_gold(GOLD2) if g.get("person")]
        out.update(_scores(gold2, _found_mentions(gold2, WARM_UP_DAYS2), "titles2"))
        out["titles2_occurrences"] = float(len(gold2))
    return out


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<24} {value:.4f}")
