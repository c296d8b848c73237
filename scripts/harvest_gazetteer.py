"""Harvest typed names (ORG / MISC / LOC) from unlabelled news by head-word patterns; write the NER name tables.

A head word that announces a name (نادي، شركة، صحيفة، قناة، وكالة ... ORG; مسلسل، برنامج، فيلم، مهرجان ... MISC;
مدينة، محافظة، ولاية، نهر ... LOC) is followed by the name: a quoted title (« ... » or " ... ", up to six words) or
the run of up to four words before a stop (punctuation, a digit, a function word, a word joined by "and", a
nisba adjective after a club/company-style head). Every prefix of a run is counted with the outlets it was seen
in; a phrase is kept when it was seen ``--min-count`` times or more in two outlets or more and is not a fragment of
one longer name (a prefix that extends the same way in 70% of its uses); a one-word name must follow a head in 5%
of its uses or more and be neither a nisba adjective nor one of the 2,000 commonest words. After heads that belong
to the name in ANERcorp's convention (وزارة، حزب، مجلس، بطولة ...) the head is kept in the name.
Output: ``marsad/analysis/entities/ner/data/names-harvested.v1.tsv.gz`` (type, normalized name, its commonest head
word, count, outlets) and ``names-world.v1.tsv.gz`` (the typed names of ``../shared/data/world-gazetteers``,
normalized, one to four words), read by ``marsad.analysis.entities.ner.knowledge``.

Sources (``../shared/data``): ANT v2.1 + v1.1 (every outlet) and SaudiNewsNet 2015-08-04..08-11 only: the days
2015-07-21..08-03 are reserved and never read. Only names and counts are written, no article text.
Usage: ``.venv/bin/python scripts/harvest_gazetteer.py [--shared ../shared] [--min-count 5]`` (about 3 minutes).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.analysis.entities.ner.knowledge import (  # noqa: E402
    HARVEST_FILE,
    HEADS,
    QUOTE_ONLY_HEADS,
    WORLD_FILE,
    NAME_STOPS,
    QUOTES,
    head_of,
)
from marsad.analysis.entities.ner.resources import data_path  # noqa: E402
from marsad.text.normalize import normalize_word  # noqa: E402

_TOKEN_RE = re.compile(r"\d+(?:[.,\u066b\u066c]\d+)*|[^\W_]+(?:['\u2019-][^\W_]+)*|[^\s]", re.UNICODE)
#: SaudiNewsNet days that may be read (2015-07-21..08-03 are reserved for evaluation and never read).
SNN_FIRST_DAY = "2015-08-04"
#: Longest name run after a head word, in words; longest quoted title.
MAX_RUN = 4
MAX_QUOTED = 6
#: A prefix is a fragment of a longer name when one extension covers this share of its uses.
FRAGMENT_SHARE = 0.7
#: Outlets a name must be seen in.
MIN_OUTLETS = 2
#: A definite nisba adjective (السعودي، الإسبانية): ends a name run after a name-announcing head.
NISBA_RE = re.compile("^\u0627\u0644..+\u064a\u0647?$")
#: A nisba adjective with or without al-: never a one-word name.
ANY_NISBA_RE = re.compile("^.{3,}\u064a\u0647?$")
#: A one-word name must follow a head word in this share of its uses at least (ذاتها، الثامنة, صينية fail).
MIN_HEAD_SHARE = 0.05
#: One-word names among this many most frequent words of the news are common words: left out of the tables.
COMMON_WORDS = 2000
ARABIC_RE = re.compile("[\u0621-\u064a]")


def read_ant(shared: Path) -> Iterator[tuple[str, str]]:
    """Yield (outlet, text) of every ANT article (v2.1 multi-source and v1.1 JawharaFM)."""
    folder = shared / "data" / "ant-news"
    for stem in ("ant_multisource_v2.1", "ant_jawharafm_v1.1"):
        with gzip.open(folder / f"{stem}.meta.tsv.gz", "rt", encoding="utf-8") as fh:
            next(fh)
            outlets = [line.split("\t")[2] for line in fh]
        with gzip.open(folder / f"{stem}.articles.txt.gz", "rt", encoding="utf-8") as fh:
            for outlet, line in zip(outlets, fh, strict=False):
                yield "ant:" + outlet, line


def read_saudinewsnet(shared: Path) -> Iterator[tuple[str, str]]:
    """Yield (outlet, title + text) of SaudiNewsNet articles extracted on or after ``SNN_FIRST_DAY``."""
    for zpath in sorted((shared / "data" / "saudinewsnet" / "dataset").glob("*.zip")):
        if zpath.stem < SNN_FIRST_DAY:
            continue
        with zipfile.ZipFile(zpath) as zf:
            for member in zf.namelist():
                for art in json.loads(zf.read(member)):
                    yield "snn:" + str(art.get("source")), f"{art.get('title') or ''} . {art.get('content') or ''}"


def name_runs(toks: list[str]) -> Iterator[tuple[str, list[str]]]:
    """Yield (head, name words) for every head word of a normalized token list."""
    n = len(toks)
    for i, tok in enumerate(toks):
        head = head_of(tok)
        if head is None or head in QUOTE_ONLY_HEADS or i + 1 >= n:
            continue
        j = i + 1
        if toks[j] in QUOTES:
            end = j + 1
            while end < n and end - j <= MAX_QUOTED and toks[end] not in QUOTES:
                end += 1
            if end < n and toks[end] in QUOTES and end > j + 1:
                run = toks[j + 1 : end]
                if all(ARABIC_RE.search(t) or t.isalnum() for t in run):
                    yield head, run
            continue
        run = []
        while j < n and len(run) < MAX_RUN:
            t = toks[j]
            if not ARABIC_RE.search(t) or t in NAME_STOPS or head_of(t) is not None:
                break
            if run and t[0] == "\u0648" and len(t) > 3:  # "and X": a second name, or a clause
                break
            if run and not HEADS[head][1] and NISBA_RE.match(t):  # "نادي الهلال السعودي": the adjective is no name
                break
            run.append(t)
            j += 1
        if run:
            yield head, run


def harvest(texts: Iterator[tuple[str, str]], log_every: int = 10_000) -> tuple[Counter, dict, Counter]:
    """Count (head, name) pairs over texts: counts, outlets per pair, and every normalized word's frequency."""
    counts: Counter[tuple[str, tuple[str, ...]]] = Counter()
    outlets: dict[tuple[str, tuple[str, ...]], set[str]] = defaultdict(set)
    words: Counter[str] = Counter()
    t0 = time.time()
    for k, (outlet, text) in enumerate(texts, 1):
        toks = [normalize_word(t) for t in _TOKEN_RE.findall(text)]
        words.update(toks)
        for head, run in name_runs(toks):
            for m in range(1, len(run) + 1):
                key = (head, tuple(run[:m]))
                counts[key] += 1
                outlets[key].add(outlet)
        if k % log_every == 0:
            print(f"{k} articles, {len(counts)} candidates ({time.time() - t0:.0f}s)", flush=True)
    return counts, outlets, words


def select(
    counts: Counter, outlets: dict, min_count: int, common: set[str], words: Counter
) -> list[tuple[str, str, str, int, int]]:
    """Return kept names as (type, name, head, count, outlets), one row per (type, name), commonest head."""
    by_name: dict[tuple[str, tuple[str, ...]], Counter[str]] = defaultdict(Counter)
    seen: dict[tuple[str, tuple[str, ...]], set[str]] = defaultdict(set)
    for (head, name), c in counts.items():
        etype, with_head = HEADS[head]
        key = (etype, (head, *name) if with_head else name)  # "مجلس الشيوخ" whole; "نادي الهلال" as "الهلال"
        by_name[key][head] += c
        seen[key] |= outlets[(head, name)]
    total = {k: sum(v.values()) for k, v in by_name.items()}
    ext: dict[tuple[str, tuple[str, ...]], int] = defaultdict(int)  # the commonest one-word extension's count
    for (etype, name), c in total.items():
        if len(name) > 1:
            parent = (etype, name[:-1])
            ext[parent] = max(ext[parent], c)
    rows = []
    for key, c in total.items():
        etype, name = key
        if c < min_count or len(seen[key]) < MIN_OUTLETS:
            continue
        if ext.get(key, 0) >= FRAGMENT_SHARE * c:
            continue  # a fragment: nearly always continued the same way
        if len(name) == 1 and (len(name[0]) < 3 or name[0] in common or c < MIN_HEAD_SHARE * words[name[0]]):
            continue
        if len(name) == 1 and ANY_NISBA_RE.match(name[0]):
            continue  # صينية، الكاتالوني، التلفزيونية: adjectives (clubs such as الأهلي are lost with them)
        head = by_name[key].most_common(1)[0][0]
        rows.append((etype, " ".join(name), head, c, len(seen[key])))
    return sorted(rows)


def write(rows: list[tuple[str, str, str, int, int]], out: Path, min_count: int) -> None:
    """Write the harvested table with its header (sources, attribution, selection)."""
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# names-harvested.v1: type<TAB>normalized name<TAB>head word<TAB>count<TAB>outlets\n")
        fh.write("# Harvested by scripts/harvest_gazetteer.py from the words after head words (club, company, ...)\n")
        fh.write(f"# kept: seen >= {min_count} times in >= {MIN_OUTLETS} outlets, not a fragment of a longer name.\n")
        fh.write("# Sources: ANT corpus v2.1/v1.1 (Chouigui, Ben Khiroun, Elayeb, AICCSA 2017; research use with\n")
        fh.write("# citation) and SaudiNewsNet 2015-08-04..08-11 (M. Alhagri 2015, CC BY-NC-SA 4.0).\n")
        fh.write("# Names and counts only (statistics), no article text; commercial redistribution not cleared.\n")
        for row in rows:
            fh.write("\t".join(map(str, row)) + "\n")


def write_world(shared: Path, out: Path, common: set[str]) -> Counter:
    """Write the world gazetteer's names (Wikidata labels, ArWikiCats titles), normalized, common one-word names out."""
    folder = shared / "data" / "world-gazetteers"
    rows: set[tuple[str, str]] = set()
    for name in ("wikidata_cultlama_ar.tsv.gz", "arwikicats_ar.tsv.gz"):
        with gzip.open(folder / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                if line.startswith("#") or len(cols) < 2:
                    continue
                toks = [normalize_word(t) for t in _TOKEN_RE.findall(cols[1])]
                toks = [t for t in toks if ARABIC_RE.search(t)]
                if not toks or len(toks) > MAX_RUN or (len(toks) == 1 and (toks[0] in common or len(toks[0]) < 3)):
                    continue
                rows.add(("PERS" if cols[0] == "PER" else cols[0], " ".join(toks)))
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# names-world.v1: type<TAB>normalized name (one to four words; frequent one-word names left out)\n")
        fh.write("# Entity labels from Wikidata (CC0), selected via DLAMA/CultLAMA - Keleg & Magdy,\n")
        fh.write("# Findings of ACL 2023, github.com/AMR-KELEG/DLAMA; and English-Arabic name tables from\n")
        fh.write("# ArWikiCats (github.com/ArWikiCats/ArWikiCats), (c) Ibrahim Qasim, MIT License.\n")
        fh.write("# Types by rule: a few % wrong.\n")
        for etype, name in sorted(rows):
            fh.write(f"{etype}\t{name}\n")
    return Counter(t for t, _ in rows)


def main(argv: list[str] | None = None) -> None:
    """Harvest names from ANT and SaudiNewsNet (allowed days) and write the shipped table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)

    def texts() -> Iterator[tuple[str, str]]:
        yield from read_ant(args.shared)
        yield from read_saudinewsnet(args.shared)

    counts, outlets, words = harvest(texts())
    common = {w for w, _ in words.most_common(COMMON_WORDS)}
    world_out = data_path(WORLD_FILE) if args.out is None else args.out.with_name(WORLD_FILE)
    world = write_world(args.shared, world_out, common)
    print(f"world names: {dict(world)}")
    rows = select(counts, outlets, args.min_count, common, words)
    out = args.out or data_path(HARVEST_FILE)
    write(rows, out, args.min_count)
    by_type = Counter(r[0] for r in rows)
    print(f"wrote {out}: {len(rows)} names {dict(by_type)} ({out.stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
