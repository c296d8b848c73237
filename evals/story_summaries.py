"""ROUGE of multi-article story summaries (``marsad story --json``) against references written by reading.

Gold: ``evals/gold/story_summaries.jsonl`` (issue 19, item 3; how it was built: ``evals/gold/stories.md``): 30
SaudiNewsNet stories of 3+ articles taken from the two story gold sets, each with an extractive reference of
sentences copied verbatim from its articles (3-5, two stories have 2), chosen for the gist across outlets with
near-duplicate copies counted once, in timeline order. Article texts come from ``stories_dev.jsonl`` and
``stories.jsonl``.

System: the summary ``marsad story --json`` shows, produced through the same call path
(:func:`marsad.retrieval.views._story_detail`: ``summarize_story`` over the ``(title, body)`` pairs in publication
order with ``SummarySettings(sentences=min(5, 1 + n_articles))``) on a stand-in store holding the gold articles.
Baseline: first-article lead, the first k sentences of the earliest article's body (k = the system summary's
sentence count, cut by :func:`marsad.analysis.summaries.terms.split_sentences`). Both are scored with
:func:`evals.rouge.rouge_multi` against the single reference (sentences joined by spaces), averaged over stories.

Also reported, for the system: ``story_summary_redundant_share``, the share of summaries holding two sentences
whose 5-word-shingle containment (``|A & B| / min(|A|, |B|)`` over normalized ROUGE tokens) is >= 0.5, i.e. one
near-duplicate copy repeating another; ``story_summary_source_coverage``, the mean number of distinct outlets
whose articles contribute a sentence (a sentence found verbatim in several articles is credited to the earliest
one, the copy a reader would see first), beside the same figure for the references.
``python -m evals.story_summaries`` prints the metrics; ``--show`` prints each story's three summaries.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from evals.rouge import rouge_multi, rouge_tokens
from marsad.analysis.summaries.terms import split_sentences
from marsad.errors import MarsadError

HERE = Path(__file__).parent
GOLD = HERE / "gold" / "story_summaries.jsonl"
ARTICLE_FILES = (HERE / "gold" / "stories_dev.jsonl", HERE / "gold" / "stories.jsonl")
#: Shingle size and containment at or above which two summary sentences count as one repeated text.
SHINGLE = 5
REDUNDANT_CONTAINMENT = 0.5


@cache
def load_articles() -> dict[str, dict[str, Any]]:
    """Return the gold articles of both story sets by id, or raise naming a missing file."""
    out: dict[str, dict[str, Any]] = {}
    for path in ARTICLE_FILES:
        if not path.is_file():
            raise MarsadError(f"{path} not found: restore evals/gold/{path.name} from the repository")
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[row["id"]] = row
    return out


@cache
def load_gold(path: Path = GOLD) -> tuple[dict[str, Any], ...]:
    """Return the judged stories in file order, or raise naming the missing file."""
    if not path.is_file():
        raise MarsadError(f"{path} not found: restore evals/gold/{path.name} from the repository")
    return tuple(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


class _GoldStore:
    """The few store reads ``_story_detail`` makes, answered from the gold articles (no quotes, no duplicates)."""

    def __init__(self, articles: dict[str, dict[str, Any]]) -> None:
        self._articles = articles

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """Return one article row (``title``, ``body``, ``source``, ...) or None."""
        row = self._articles.get(article_id)
        return None if row is None else {**row, "published_at": row["published"]}

    def __getattr__(self, name: str) -> Any:
        """Any other read (quotes, duplicates, ...) returns an empty list: the summary does not depend on it."""
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *args, **kwargs: []


def _text(item: Any) -> str:
    """Return a summary item's sentence text (a plain string, or a dict/object carrying ``text``)."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        return str(item.get("text") or item.get("sentence") or "")
    return str(getattr(item, "text", item))


def system_summary(article_ids: Sequence[str]) -> list[str]:
    """Return the story summary as ``marsad story --json`` computes it for these articles (publication order)."""
    from marsad.retrieval.views import _story_detail

    articles = load_articles()
    rows = [{"id": i, "external_id": i, "title": articles[i]["title"], "source": articles[i]["source"],
             "url": articles[i].get("url"), "published_at": articles[i]["published"]} for i in article_ids]
    detail = _story_detail(_GoldStore(articles), rows)  # type: ignore[arg-type]
    return [t for t in (_text(s) for s in detail["summary"]) if t]


def lead_summary(article_ids: Sequence[str], k: int) -> list[str]:
    """Return the first ``k`` sentences of the earliest article's body (first-article lead)."""
    body = load_articles()[article_ids[0]]["body"]
    return [s.text for s in split_sentences(body)[:k]]


def _shingles(text: str) -> set[tuple[str, ...]]:
    """Return the word ``SHINGLE``-grams of ``text`` (the whole token tuple when shorter)."""
    toks = rouge_tokens(text)
    if len(toks) < SHINGLE:
        return {tuple(toks)} if toks else set()
    return {tuple(toks[i : i + SHINGLE]) for i in range(len(toks) - SHINGLE + 1)}


def containment(a: str, b: str) -> float:
    """Return the 5-word-shingle containment of the shorter sentence in the longer one (0..1)."""
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def is_redundant(sentences: Sequence[str]) -> bool:
    """Whether two of ``sentences`` repeat one text (containment >= ``REDUNDANT_CONTAINMENT``)."""
    return any(containment(sentences[i], sentences[j]) >= REDUNDANT_CONTAINMENT
               for i in range(len(sentences)) for j in range(i + 1, len(sentences)))


def _squash(text: str) -> str:
    """Collapse whitespace (the unit in which sentences are matched back to articles)."""
    return " ".join(text.split())


def origin_ids(sentences: Sequence[str], article_ids: Sequence[str]) -> list[str | None]:
    """Return the earliest article holding each sentence verbatim (a sentence of it, its title, else a span of its
    body), None if none does."""
    articles = load_articles()
    texts = []
    for i in article_ids:
        a = articles[i]
        texts.append((i, {_squash(a["title"])} | {_squash(s.text) for s in split_sentences(a["body"])},
                      _squash(a["body"])))
    out: list[str | None] = []
    for sent in sentences:
        key = _squash(sent)
        exact = next((aid for aid, sents, _ in texts if key in sents), None)
        out.append(exact or next((aid for aid, _, body in texts if key and key in body), None))
    return out


def origin_sources(sentences: Sequence[str], article_ids: Sequence[str]) -> list[str | None]:
    """Return the outlet of the earliest article holding each sentence verbatim, None if none does."""
    articles = load_articles()
    return [articles[i]["source"] if i else None for i in origin_ids(sentences, article_ids)]


@cache
def copy_groups(article_ids: tuple[str, ...]) -> dict[str, str]:
    """Return article id -> near-duplicate group (``DedupIndex`` defaults, publication order) for one story."""
    from marsad.analysis.dedup.index import DedupIndex
    from marsad.text.normalize import normalize

    articles = load_articles()
    index = DedupIndex()
    for i in article_ids:
        a = articles[i]
        index.check_and_add(i, normalize((a["title"] or "") + "\n" + (a["body"] or "")), a["source"], a["published"])
    group = {i: i for i in article_ids}
    for first, members in index.groups().items():
        for member in members:
            group[member] = first
    return group


def has_copy_pair(sentences: Sequence[str], article_ids: Sequence[str]) -> bool:
    """Whether two sentences come from two different articles that ``DedupIndex`` groups as near-duplicates."""
    group = copy_groups(tuple(article_ids))
    origins = [i for i in origin_ids(sentences, article_ids) if i]
    return any(a != b and group[a] == group[b] for k, a in enumerate(origins) for b in origins[k + 1 :])


def score_story(story: dict[str, Any]) -> dict[str, Any]:
    """Return the system and lead summaries of one judged story with their ROUGE, redundancy and outlets."""
    ids = story["articles"]
    reference = " ".join(story["reference"])
    ours = system_summary(ids)
    lead = lead_summary(ids, len(ours))
    r_ours = rouge_multi(" ".join(ours), [reference])
    r_lead = rouge_multi(" ".join(lead), [reference])
    ours_sources = {s for s in origin_sources(ours, ids) if s}
    ref_sources = {s for s in origin_sources(story["reference"], ids) if s}
    return {"story": story["story"], "system": ours, "lead": lead, "reference": story["reference"],
            "rouge1_f": r_ours["rouge1_f"], "rouge2_f": r_ours["rouge2_f"], "lead_rouge1_f": r_lead["rouge1_f"],
            "lead_rouge2_f": r_lead["rouge2_f"], "redundant": is_redundant(ours),
            "reference_redundant": is_redundant(story["reference"]), "copy_pair": has_copy_pair(ours, ids),
            "sources": len(ours_sources), "reference_sources": len(ref_sources), "sentences": len(ours)}


def run() -> dict[str, float]:
    """Return mean ROUGE-1/2 F of the story summaries and of first-article lead, redundancy and outlet coverage."""
    rows = [score_story(s) for s in load_gold()]

    def mean(key: str) -> float:
        return statistics.mean(float(r[key]) for r in rows)

    return {
        "story_summary_rouge1_f": mean("rouge1_f"),
        "story_summary_lead_rouge1_f": mean("lead_rouge1_f"),
        "story_summary_gain_over_lead": mean("rouge1_f") - mean("lead_rouge1_f"),
        "story_summary_rouge2_f": mean("rouge2_f"),
        "story_summary_lead_rouge2_f": mean("lead_rouge2_f"),
        "story_summary_rouge2_gain": mean("rouge2_f") - mean("lead_rouge2_f"),
        "story_summary_redundant_share": mean("redundant"),
        "story_summary_copy_pair_share": mean("copy_pair"),
        "story_summary_source_coverage": mean("sources"),
        "story_summary_ref_source_coverage": mean("reference_sources"),
        "story_summary_sentences_mean": mean("sentences"),
        "story_summary_stories": float(len(rows)),
    }


if __name__ == "__main__":
    if "--show" in sys.argv:
        for row in (score_story(s) for s in load_gold()):
            print(f"== {row['story']}  R1 {row['rouge1_f']:.3f} (lead {row['lead_rouge1_f']:.3f})  "
                  f"outlets {row['sources']} (ref {row['reference_sources']})  redundant {row['redundant']}")
            for label in ("reference", "system", "lead"):
                for sent in row[label]:
                    print(f"  [{label[:3]}] {sent}")
    else:
        for name, value in run().items():
            print(f"{name:40s} {value:.4f}")
