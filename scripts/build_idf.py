"""Build ``marsad/analysis/data/idf.saudinewsnet.v1.tsv.gz``: document frequencies of light stems in SaudiNewsNet.

Usage: ``.venv/bin/python scripts/build_idf.py [--shared ../shared] [--min-df 3]``.
Reads every ``data/saudinewsnet/dataset/*.zip`` (31,030 articles, CC BY-NC-SA 4.0, M. Alhagri 2015), counts in
how many articles (title + body) each light stem of ``marsad.analysis.stories.vectors.stems`` occurs, and writes stems with
df >= ``--min-df`` as a gzip TSV (``stem<TAB>df``, sorted) with a ``# n_docs=N version=V`` header.
Output is deterministic (sorted, gzip mtime 0), so rebuilding gives the same bytes.
"""

from __future__ import annotations

import argparse
import glob
import gzip
import json
import os
import sys
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad.analysis.stories.vectors import IDF_TABLE, stems  # noqa: E402

#: Stems seen in fewer articles are left out (unseen stems get the df=1 IDF): keeps the table small.
MIN_DF = 3


def default_shared() -> Path:
    """Return the shared data folder: $MARSAD_SHARED, else ../shared beside the checkout, else /work/shared."""
    env = os.environ.get("MARSAD_SHARED")
    if env:
        return Path(env)
    beside = ROOT.parent / "shared"
    return beside if beside.exists() else Path("/work/shared")


def iter_saudinewsnet(shared: Path) -> Iterator[dict]:
    """Yield the SaudiNewsNet articles (dicts) in file order; raise if the corpus is missing."""
    paths = sorted(glob.glob(str(shared / "data" / "saudinewsnet" / "dataset" / "*.zip")))
    if not paths:
        raise FileNotFoundError(f"no SaudiNewsNet zips under {shared}/data/saudinewsnet/dataset: pass --shared")
    for path in paths:
        with zipfile.ZipFile(path) as zf:
            for name in sorted(zf.namelist()):
                yield from json.loads(zf.read(name))


def build(shared: Path, min_df: int, out: Path) -> tuple[int, int]:
    """Count stem document frequencies and write the table; return (n_docs, n_stems)."""
    df: Counter[str] = Counter()
    n_docs = 0
    for art in iter_saudinewsnet(shared):
        n_docs += 1
        df.update(set(stems((art.get("title") or "") + "\n" + (art.get("content") or ""))))
    version = IDF_TABLE.removesuffix(".tsv.gz")
    lines = [f"# n_docs={n_docs} version={version} source=SaudiNewsNet(CC-BY-NC-SA-4.0) min_df={min_df}"]
    lines += [f"{stem}\t{count}" for stem, count in sorted(df.items()) if count >= min_df]
    with open(out, "wb") as fh, gzip.GzipFile(filename="", fileobj=fh, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    return n_docs, len(lines) - 1


def main() -> None:
    """Parse arguments and build the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=default_shared())
    ap.add_argument("--min-df", type=int, default=MIN_DF)
    ap.add_argument("--out", type=Path, default=ROOT / "marsad" / "analysis" / "data" / IDF_TABLE)
    args = ap.parse_args()
    n_docs, n_stems = build(args.shared, args.min_df, args.out)
    print(f"wrote {args.out} ({n_docs} articles, {n_stems} stems, {args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
