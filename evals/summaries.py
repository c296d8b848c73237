"""ROUGE of the extractive summarizer on EASC (``../shared/data/easc-dev``), beside lead-k and random baselines.

The 76 articles are split 50/26 by a fixed hash of their file name: the first 50 in SHA-1 order are the
tuning part (weights in :mod:`marsad.analysis.summaries.summarize` were tuned there), the other 26 are held out.
Every system gets, per article, the references' average length in sentences (counted with the summarizer's
own splitter). ROUGE F is averaged over the 5 human summaries (the EASC convention); ``*_max`` metrics take
the best reference instead. ``python -m evals.summaries`` prints the metrics; ``--tune`` runs the grid search.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import random
import statistics
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from evals.rouge import rouge_multi
from marsad.analysis.summaries.summarize import SummarySettings, summarize_article
from marsad.analysis.summaries.terms import split_sentences

#: Where the EASC development half lives (read-only shared data, never bundled).
EASC_PATH = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "easc-dev" / "easc_dev.jsonl.gz"
#: Size of the tuning part; the rest (26 of 76) is held out.
N_TUNE = 50
#: Seeds of the random baseline (averaged).
RANDOM_SEEDS = (0, 1, 2, 3, 4)

System = Callable[["Article", int], list[str]]


@dataclass(frozen=True, slots=True)
class Article:
    """One EASC article: id, text and its human summaries."""

    id: str
    text: str
    references: tuple[str, ...]

    @property
    def target(self) -> int:
        """Return the references' average length in sentences (rounded, at least 1)."""
        return max(1, round(statistics.mean(len(split_sentences(r)) for r in self.references)))


@cache
def load_easc(path: Path = EASC_PATH) -> tuple[Article, ...]:
    """Load the EASC development half, or raise naming the missing file."""
    if not path.exists():
        raise FileNotFoundError(
            f"EASC data not found at {path}: this evaluation needs ../shared/data/easc-dev beside the checkout"
        )
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return tuple(Article(r["article_file"], r["text"], tuple(s["text"] for s in r["summaries"])) for r in rows)


def split_parts(articles: Iterable[Article]) -> tuple[list[Article], list[Article]]:
    """Return (tuning, held-out) parts: the first ``N_TUNE`` articles in SHA-1-of-id order tune."""
    ordered = sorted(articles, key=lambda a: hashlib.sha1(a.id.encode("utf-8")).hexdigest())
    return ordered[:N_TUNE], ordered[N_TUNE:]


def marsad_system(settings: SummarySettings | None = None) -> System:
    """Return the summarizer as a system (EASC has no titles: the title is empty)."""
    base = settings or SummarySettings(sentences=1)

    def run(article: Article, n: int) -> list[str]:
        """Summarize one article to ``n`` sentences."""
        return summarize_article("", article.text, replace(base, sentences=n))

    return run


def lead_system(article: Article, n: int) -> list[str]:
    """Return the first ``n`` sentences (lead-k baseline)."""
    return [s.text for s in split_sentences(article.text)[:n]]


def random_system(seed: int) -> System:
    """Return ``n`` random sentences in document order (seeded baseline)."""

    def run(article: Article, n: int) -> list[str]:
        """Pick ``n`` sentences with a generator seeded by ``seed`` and the article id."""
        sents = split_sentences(article.text)
        rng = random.Random(f"{seed}:{article.id}")
        return [sents[i].text for i in sorted(rng.sample(range(len(sents)), min(n, len(sents))))]

    return run


#: The ratio of ``marsad summarize --ratio`` compared with the lead baseline of the same share (issue #13).
RATIO = 0.4


def ratio_scores(articles: Iterable[Article], ratio: float = RATIO) -> dict[str, float]:
    """ROUGE-1 F of ``marsad summarize --ratio`` and of lead-``ratio`` over the same articles and scorer.

    Each EASC text goes through extraction as a ``.txt`` file would (title heuristics included), then
    ``summarize_article`` at ``ratio``; lead takes the first ``round(ratio * n)`` of the same body's sentences (at
    least one), cut by the same splitter. Also counts empty summaries (there must be none).
    """
    from marsad.config import Settings
    from marsad.ingest.extract import extract
    from marsad.model import RawDocument

    settings = Settings()
    ours, lead, empty = [], [], 0
    for art in articles:
        item = extract(RawDocument(external_id=art.id, origin=f"{art.id}.txt", text=art.text), settings.ingest)
        summary = summarize_article(item.title, item.body, SummarySettings(ratio=ratio))
        empty += not summary
        sents = split_sentences(item.body)
        head = [x.text for x in sents[: max(1, round(ratio * len(sents)))]]
        ours.append(rouge_multi(" ".join(summary), art.references)["rouge1_f"])
        lead.append(rouge_multi(" ".join(head), art.references)["rouge1_f"])
    return {"rouge1_f": statistics.mean(ours), "lead_rouge1_f": statistics.mean(lead), "empty": float(empty)}


def score(system: System, articles: Iterable[Article]) -> dict[str, float]:
    """Return mean ROUGE F (average and max over references) and word count of ``system`` over ``articles``."""
    rows = []
    for art in articles:
        summary = system(art, art.target)
        row = rouge_multi(" ".join(summary), art.references)
        row["words"] = float(sum(len(s.split()) for s in summary))
        rows.append(row)
    return {k: statistics.mean(r[k] for r in rows) for k in rows[0]}


def _mean_dicts(dicts: list[dict[str, float]]) -> dict[str, float]:
    """Average a list of metric dicts key by key."""
    return {k: statistics.mean(d[k] for d in dicts) for k in dicts[0]}


def run() -> dict[str, float]:
    """Return the summarizer's ROUGE (held-out and all) with lead and random baselines on the held-out part."""
    articles = load_easc()
    tune, held = split_parts(articles)
    ours_held = score(marsad_system(), held)
    ours_tune = score(marsad_system(), tune)
    ours_all = score(marsad_system(), articles)
    lead = score(lead_system, held)
    rand = _mean_dicts([score(random_system(s), held) for s in RANDOM_SEEDS])
    lead_all = score(lead_system, articles)
    ratio_held, ratio_all = ratio_scores(held), ratio_scores(articles)
    return {
        "ratio40_rouge1_f": ratio_held["rouge1_f"],
        "ratio40_lead_rouge1_f": ratio_held["lead_rouge1_f"],
        "ratio40_gain_over_lead": ratio_held["rouge1_f"] - ratio_held["lead_rouge1_f"],
        "ratio40_rouge1_f_all": ratio_all["rouge1_f"],
        "ratio40_lead_rouge1_f_all": ratio_all["lead_rouge1_f"],
        "ratio40_gain_over_lead_all": ratio_all["rouge1_f"] - ratio_all["lead_rouge1_f"],
        "ratio40_non_empty_share_all": 1.0 - ratio_all["empty"] / len(articles),
        "summary_rouge1_f": ours_held["rouge1_f"],
        "summary_rouge2_f": ours_held["rouge2_f"],
        "summary_rougeL_f": ours_held["rougeL_f"],
        "summary_rouge1_f_max": ours_held["rouge1_f_max"],
        "summary_rouge1_f_tune": ours_tune["rouge1_f"],
        "summary_rouge1_f_all": ours_all["rouge1_f"],
        "summary_rouge2_f_all": ours_all["rouge2_f"],
        "summary_rougeL_f_all": ours_all["rougeL_f"],
        "lead_rouge1_f": lead["rouge1_f"],
        "lead_rouge2_f": lead["rouge2_f"],
        "lead_rougeL_f": lead["rougeL_f"],
        "lead_rouge1_f_all": lead_all["rouge1_f"],
        "random_rouge1_f": rand["rouge1_f"],
        "random_rouge2_f": rand["rouge2_f"],
        "random_rougeL_f": rand["rougeL_f"],
        "summary_words_mean": ours_held["words"],
        "lead_words_mean": lead["words"],
        "random_words_mean": rand["words"],
    }


#: Last stage of the grid searched by ``--tune`` (on the tuning part only); earlier stages fixed the rest.
TUNE_GRID: dict[str, tuple[float, ...]] = {
    "position_weight": (0.5, 1.0, 1.5),
    "first_weight": (0.0, 0.25, 0.5),
    "mmr_lambda": (0.5, 0.6),
    "long_words": (60, 100, 150),
}


def tune() -> list[tuple[float, dict[str, float]]]:
    """Grid-search :data:`TUNE_GRID` on the tuning part; return (ROUGE-1 F, settings) best first."""
    tune_part, _ = split_parts(load_easc())
    results = []
    keys = list(TUNE_GRID)
    for values in itertools.product(*(TUNE_GRID[k] for k in keys)):
        params = dict(zip(keys, values))
        settings = SummarySettings(sentences=1, **params)  # type: ignore[arg-type]
        results.append((score(marsad_system(settings), tune_part)["rouge1_f"], params))
    results.sort(key=lambda r: -r[0])
    return results


if __name__ == "__main__":
    if "--tune" in sys.argv:
        for f1, params in tune()[:15]:
            print(f"{f1:.4f} {params}")
    else:
        for name, value in run().items():
            print(f"{name:28s} {value:.4f}")
