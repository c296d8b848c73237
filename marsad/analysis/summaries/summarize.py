"""Extractive, redundancy-aware summaries of one article or of a story (several articles on one event).

Each body sentence gets a score: TF-IDF cosine to the centroid of the input, plus its position in its article
(linear decay, plus a bonus for the opening sentence), plus its cosine to the title(s), times a length factor
that damps fragments and run-ons. Sentences are then picked by maximal marginal relevance (Carbonell &
Goldstein 1998): ``lambda * score - (1 - lambda) * max similarity to the sentences already picked``; near
duplicates are never picked, and a story takes at most ``per_article_cap`` sentences from one article. The
result is returned as displayed, in reading order (article order, then position).

A story (several articles) is first folded: a sentence that an earlier article already carries (a near duplicate:
wire copy, lightly edited) is not a candidate of its own but *support* for the earlier one, and support adds to
the score (issue #19: prefer what several outlets report; never repeat what a copy already said); page furniture
(an introduction ending in a colon, a link line, a dateline of numbers) is left out. :func:`summarize_story_sources`
also says which articles carry each chosen sentence, so a story's summary can name its sources.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace

from marsad.analysis.summaries.terms import (
    BackgroundIdf,
    Vector,
    content_terms,
    cosine,
    idf_table,
    split_sentences,
    tfidf,
)
from marsad.errors import ConfigError
from marsad.text.normalize import normalize
from marsad.text.tokenize import Sentence, words

#: Version of the summarizer's rules and tuned weights; stored next to every persisted summary.
SUMMARIZER_VERSION = "summary-mmr.v2"  # v2: a sentence ending in "؛" joins the next one of its paragraph; keyword lists are no candidates

# Weights and thresholds marked "tuned" were grid-searched on the 50-article tuning part of
# ../shared/data/easc-dev (``python -m evals.summaries --tune``), ROUGE-1 F averaged over the 5 references;
# scores are scale-free (MMR divides by the top score), so the centroid weight is the fixed unit.
#: Weight of the TF-IDF cosine to the input centroid (the unit the other weights are relative to).
CENTROID_WEIGHT = 1.0
#: Weight of the linear position score (1 for an article's first candidate, -> 0 for its last); tuned.
POSITION_WEIGHT = 1.0
#: Extra score of an article's first candidate sentence (the news lead); tuned.
FIRST_WEIGHT = 0.5
#: Weight of the TF-IDF cosine to the title(s); EASC has no titles, so set by hand equal to FIRST_WEIGHT.
TITLE_WEIGHT = 0.5
#: MMR trade-off between relevance (1.0) and novelty (0.0); tuned (0.5-0.7 are within 0.002 ROUGE-1).
MMR_LAMBDA = 0.6
#: Cosine (TF-IDF of stems) at or above which two sentences count as near duplicates; set by hand (no effect
#: on EASC, which has no repeated sentences; 0.7 merges the same wire sentence lightly edited by two outlets).
NEAR_DUPLICATE = 0.7
#: Sentences with fewer letter words are not candidates (bylines, datelines, "related articles" links);
#: by hand (3 and 5 tie on EASC; 5 drops the seeds' page furniture).
MIN_WORDS = 5
#: Sentences shorter than this many words get a proportionally lower score; tuned (4/8/12/16).
SHORT_WORDS = 8
#: Weight of a story sentence's support: the share of the story's other articles carrying it; set by hand equal to
#: POSITION_WEIGHT (not tuned: the story-summary set has 30 stories).
SUPPORT_WEIGHT = 1.0
#: Shingle size and containment at or above which a story sentence is a copy of an earlier one (a byline or
#: a clause added around the same wire sentence); the near-duplicate rule of the dedup stage, per sentence.
SHINGLE = 5
COPY_CONTAINMENT = 0.5
#: Share of a sentence's words that are numbers above which it is a date or figure line, not a statement (by hand).
FURNITURE_DIGITS = 0.3
#: Sentences longer than this many words get a score scaled by ``LONG_WORDS / words``; tuned (20..1000:
#: shorter caps lose ROUGE-1 on EASC, 100+ tie; 100 keeps damping unpunctuated run-ons of web copy).
LONG_WORDS = 100


@dataclass(frozen=True, slots=True)
class SummarySettings:
    """How long a summary is (exactly one of ``sentences`` / ``ratio``) and how sentences are chosen."""

    sentences: int | None = None
    ratio: float | None = None
    mmr_lambda: float = MMR_LAMBDA
    near_duplicate: float = NEAR_DUPLICATE
    min_words: int = MIN_WORDS
    per_article_cap: int | None = None
    centroid_weight: float = CENTROID_WEIGHT
    position_weight: float = POSITION_WEIGHT
    first_weight: float = FIRST_WEIGHT
    title_weight: float = TITLE_WEIGHT
    short_words: int = SHORT_WORDS
    long_words: int = LONG_WORDS

    def __post_init__(self) -> None:
        """Reject a missing/double length and out-of-range values, naming the fix."""
        if (self.sentences is None) == (self.ratio is None):
            raise ConfigError(
                f"SummarySettings(sentences={self.sentences!r}, ratio={self.ratio!r}): give exactly one, "
                "e.g. SummarySettings(sentences=3) or SummarySettings(ratio=0.3)"
            )
        if self.sentences is not None and (isinstance(self.sentences, bool) or not isinstance(self.sentences, int)
                                           or self.sentences < 1):
            raise ConfigError(f"SummarySettings.sentences={self.sentences!r}: use a whole number >= 1, e.g. 3")
        if self.ratio is not None and not (isinstance(self.ratio, (int, float)) and 0.0 < self.ratio <= 1.0):
            raise ConfigError(f"SummarySettings.ratio={self.ratio!r}: use a fraction in (0, 1], e.g. 0.3")
        if not 0.0 <= self.mmr_lambda <= 1.0:
            raise ConfigError(f"SummarySettings.mmr_lambda={self.mmr_lambda!r}: use a value in [0, 1], e.g. 0.7")
        if not 0.0 < self.near_duplicate <= 1.0:
            raise ConfigError(
                f"SummarySettings.near_duplicate={self.near_duplicate!r}: use a cosine in (0, 1], e.g. 0.7"
            )
        if self.min_words < 1:
            raise ConfigError(f"SummarySettings.min_words={self.min_words!r}: use a whole number >= 1, e.g. 5")
        if self.per_article_cap is not None and self.per_article_cap < 1:
            raise ConfigError(
                f"SummarySettings.per_article_cap={self.per_article_cap!r}: use None (automatic) or a number >= 1"
            )
        if not 1 <= self.short_words <= self.long_words:
            raise ConfigError(
                f"SummarySettings(short_words={self.short_words!r}, long_words={self.long_words!r}): "
                f"use 1 <= short_words <= long_words, e.g. {SHORT_WORDS} and {LONG_WORDS}"
            )
        for name in ("centroid_weight", "position_weight", "first_weight", "title_weight"):
            value = getattr(self, name)
            if not (isinstance(value, (int, float)) and value >= 0.0 and math.isfinite(value)):
                raise ConfigError(f"SummarySettings.{name}={value!r}: use a finite weight >= 0")

    def target_length(self, n_sentences: int) -> int:
        """Return how many sentences to pick from an input of ``n_sentences`` (at least 1, at most all)."""
        if n_sentences <= 0:
            return 0
        if self.sentences is not None:
            return min(self.sentences, n_sentences)
        assert self.ratio is not None
        return max(1, min(n_sentences, round(self.ratio * n_sentences)))


@dataclass(frozen=True, slots=True)
class ScoredSentence:
    """One body sentence of one article with its terms, vector and relevance score."""

    article: int
    position: int
    sentence: Sentence
    n_words: int
    vector: Vector
    score: float
    support: tuple[int, ...] = ()  # the articles carrying this sentence (itself first), in a story


def summarize_article(
    title: str, body: str, settings: SummarySettings, *, background: BackgroundIdf | None = None
) -> list[str]:
    """Return the summary sentences of one article, as displayed in ``body``, in their original order.

    Never empty for an article with text: when no body sentence qualifies, the first sentence of the body (else of
    the title) is the summary, and a text without a word is returned whole, stripped.
    """
    picked = summarize_story([(title, body)], settings, background=background)
    return picked or fallback_summary(title, body)


def fallback_summary(title: str, body: str) -> list[str]:
    """Return the first sentence of ``body`` (else of ``title``), else the stripped text; [] only for blank input."""
    for text in (body, title):
        sents = split_sentences(text)
        if sents:
            return [sents[0].text]
    text = body.strip() or title.strip()
    return [text] if text else []


def summarize_story(
    articles: Sequence[tuple[str, str]],
    settings: SummarySettings,
    *,
    background: BackgroundIdf | None = None,
) -> list[str]:
    """Return a multi-document summary of ``(title, body)`` pairs given in time order, in reading order.

    ``ratio`` applies to the median article length, so a story summary is about as long as one article's.
    """
    picked = select_sentences(articles, settings, background=background)
    return [s.sentence.text for s in picked]


def summarize_story_sources(
    articles: Sequence[tuple[str, str]],
    settings: SummarySettings,
    *,
    background: BackgroundIdf | None = None,
) -> list[tuple[str, tuple[int, ...]]]:
    """Return a story summary as ``(sentence, indexes of the articles carrying it)``, in reading order."""
    return [(s.sentence.text, s.support or (s.article,)) for s in select_sentences(articles, settings, background=background)]


def select_sentences(
    articles: Sequence[tuple[str, str]],
    settings: SummarySettings,
    *,
    background: BackgroundIdf | None = None,
) -> list[ScoredSentence]:
    """Return the chosen sentences with article index, position and score, in reading order.

    Fewer sentences than asked come back when the input has fewer candidates that are not near duplicates.
    """
    split = [split_sentences(body) for _, body in articles]
    lengths = [len(s) for s in split if s]
    if not lengths:
        return []
    if settings.sentences is not None:
        target = min(settings.sentences, sum(lengths))
    else:
        target = settings.target_length(int(statistics.median(lengths)))
    candidates = score_sentences(articles, split, settings, background)
    if len(articles) > 1:
        candidates = fold_copies([c for c in candidates if not is_furniture(c.sentence.text)], settings, len(articles))
    cap = settings.per_article_cap or _auto_cap(target, len(lengths))
    picked = _mmr(candidates, target, cap, settings)
    return sorted(picked, key=lambda s: (s.article, s.position))


#: Words that open an outlet's closing keyword list ("سمات استراليا طالبي اللجوء مهاجرين": 3alyoum tags), normalized.
TAG_LIST_WORDS = frozenset({"\u0633\u0645\u0627\u062a"})  # SEEN MEEM ALEF TEH: "features" (tags)
#: Most words a keyword list holds.
TAG_LIST_MAX_WORDS = 13


def is_tag_list(text: str) -> bool:
    """True for a keyword list: a tag word first, no punctuation, a few words (never a summary sentence)."""
    toks = words(text)
    return (bool(toks) and len(toks) <= TAG_LIST_MAX_WORDS and normalize(toks[0]) in TAG_LIST_WORDS
            and not any(ch in text for ch in ".,:!?\u060c\u061b\u061f"))


def is_furniture(text: str) -> bool:
    """True for page furniture in a story: an introduction ending in a colon, a link line, a line of numbers."""
    stripped = text.strip()
    if stripped.endswith((":", "\uff1a")) or "http" in stripped or "www." in stripped:
        return True
    toks = words(stripped)
    return bool(toks) and sum(t.isdigit() for t in toks) / len(toks) > FURNITURE_DIGITS


def fold_copies(candidates: list[ScoredSentence], settings: SummarySettings, n_articles: int) -> list[ScoredSentence]:
    """Keep each sentence once, at its earliest article, scored up by the share of other articles that carry it."""
    kept: list[ScoredSentence] = []
    support: list[list[int]] = []
    grams: list[set[tuple[str, ...]]] = []
    for cand in sorted(candidates, key=lambda c: (c.article, c.position)):
        mine = shingles(cand.sentence.text)
        twin = next((i for i, k in enumerate(kept) if cosine(k.vector, cand.vector) >= settings.near_duplicate
                     or containment(mine, grams[i]) >= COPY_CONTAINMENT), None)
        if twin is None:
            kept.append(cand)
            support.append([cand.article])
            grams.append(mine)
        elif cand.article not in support[twin]:
            support[twin].append(cand.article)
    share = max(1, n_articles - 1)
    return [replace(k, score=k.score * (1.0 + SUPPORT_WEIGHT * (len(arts) - 1) / share), support=tuple(arts))
            for k, arts in zip(kept, support, strict=True)]


def shingles(text: str) -> set[tuple[str, ...]]:
    """Return the ``SHINGLE``-word shingles of a sentence's normalized words (the whole sentence when shorter)."""
    toks = words(normalize(text))
    return {tuple(toks[i : i + SHINGLE]) for i in range(max(1, len(toks) - SHINGLE + 1))}


def containment(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    """Return the share of the smaller shingle set found in the other (a copy inside a longer sentence scores 1)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _auto_cap(target: int, n_articles: int) -> int:
    """Return the default per-article cap: an even share plus one, so the best article can lead."""
    return target if n_articles <= 1 else max(1, math.ceil(target / n_articles) + 1)


def score_sentences(
    articles: Sequence[tuple[str, str]],
    split: list[list[Sentence]],
    settings: SummarySettings,
    background: BackgroundIdf | None,
) -> list[ScoredSentence]:
    """Score the candidate sentences (``min_words`` letter words or more) by centroid, position, title, length.

    Positions count candidates only, so a dateline or byline does not take the lead sentence's bonus; when no
    sentence is long enough, every sentence is a candidate.
    """
    counts = [[letter_words(s.text) for s in sents] for sents in split]
    keep = [[i for i, c in enumerate(doc) if c >= settings.min_words and not is_tag_list(split[a][i].text)]
            for a, doc in enumerate(counts)]
    if not any(keep):
        keep = [list(range(len(sents))) for sents in split]
    unit_terms = [[content_terms(split[a][i].text) for i in idx] for a, idx in enumerate(keep)]
    flat = [terms for doc in unit_terms for terms in doc]
    docs = [{t for terms in doc for t in terms} for doc in unit_terms]
    idf = idf_table(flat, docs, background)
    centroid = tfidf((t for terms in flat for t in terms), idf)
    title_vec = tfidf((t for title, body in articles if not opens_body(title, body) for t in content_terms(title)), idf)
    out: list[ScoredSentence] = []
    for a, idx in enumerate(keep):
        for rank, i in enumerate(idx):
            vec = tfidf(unit_terms[a][rank], idf)
            relevance = (
                settings.centroid_weight * cosine(vec, centroid)
                + settings.position_weight * (1.0 - rank / len(idx))
                + settings.first_weight * (1.0 if rank == 0 else 0.0)
                + settings.title_weight * cosine(vec, title_vec)
            )
            n_words = counts[a][i]
            out.append(ScoredSentence(a, i, split[a][i], n_words, vec, relevance * length_factor(n_words, settings)))
    return out


def opens_body(title: str, body: str) -> bool:
    """Whether ``title`` is the body's own opening (a title derived from a text without one): no title signal.

    Compared on ``match.v1`` words, ignoring a trailing ellipsis (U+2026 HORIZONTAL ELLIPSIS) of a cut title.
    """
    head = words(normalize(title.rstrip().rstrip("\u2026")))
    return bool(head) and words(normalize(body[: len(title) + 16]))[: len(head)] == head


def letter_words(text: str) -> int:
    """Return how many words of ``text`` hold a letter (numbers and times do not count)."""
    return sum(1 for w in words(text) if not w.isdigit())


def length_factor(n_words: int, settings: SummarySettings) -> float:
    """Return the score multiplier for a sentence of ``n_words``: < 1 for fragments and run-ons."""
    if n_words < settings.short_words:
        return n_words / settings.short_words
    if n_words > settings.long_words:
        return settings.long_words / n_words
    return 1.0


def _mmr(
    candidates: list[ScoredSentence], target: int, cap: int, settings: SummarySettings
) -> list[ScoredSentence]:
    """Pick up to ``target`` sentences by MMR, skipping near duplicates and articles over ``cap``."""
    top = max((c.score for c in candidates), default=0.0) or 1.0
    redundancy = [0.0] * len(candidates)  # max cosine of each candidate to the sentences picked so far
    open_ = set(range(len(candidates)))
    picked: list[ScoredSentence] = []
    seen_text: set[str] = set()
    per_article: dict[int, int] = {}
    lam = settings.mmr_lambda
    while open_ and len(picked) < target:
        best = max(open_, key=lambda i: (lam * candidates[i].score / top - (1.0 - lam) * redundancy[i], -i))
        open_.discard(best)
        cand = candidates[best]
        key = " ".join(words(normalize(cand.sentence.text)))
        if key in seen_text or redundancy[best] >= settings.near_duplicate or per_article.get(cand.article, 0) >= cap:
            continue
        picked.append(cand)
        seen_text.add(key)
        per_article[cand.article] = per_article.get(cand.article, 0) + 1
        for i in open_:
            redundancy[i] = max(redundancy[i], cosine(candidates[i].vector, cand.vector))
    return picked
