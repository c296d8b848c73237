"""Invariants of the judged story-summary set (``evals/gold/story_summaries.jsonl``, issue 19 item 3)."""

from __future__ import annotations

from evals.story_summaries import containment, is_redundant, load_articles, load_gold, origin_sources


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_at_least_30_stories_of_3_or_more_articles_in_publication_order():
    gold = load_gold()
    articles = load_articles()
    assert len(gold) >= 30
    assert len({g["story"] for g in gold}) == len(gold)
    for g in gold:
        assert len(g["articles"]) >= 3, g["story"]
        rows = [articles[i] for i in g["articles"]]
        assert all(r["story"] == g["story"] for r in rows), g["story"]
        assert [r["published"] for r in rows] == sorted(r["published"] for r in rows), g["story"]
        assert g["sources"] == list(dict.fromkeys(r["source"] for r in rows)), g["story"]


def test_every_dev_story_of_3_plus_articles_is_in_the_set():
    gold = {g["story"] for g in load_gold()}
    dev = {}
    for row in load_articles().values():
        if row["id"].startswith("2015-08-04/"):
            dev.setdefault(row["story"], []).append(row)
    qualifying = {s for s, rows in dev.items() if len(rows) >= 3}
    assert qualifying <= gold  # all qualifying dev stories come first; stories.jsonl only fills up


def test_reference_sentences_are_verbatim_and_between_2_and_5():
    articles = load_articles()
    for g in load_gold():
        assert 2 <= len(g["reference"]) <= 5, g["story"]
        texts = [_squash(articles[i]["body"]) + "\n" + _squash(articles[i]["title"]) for i in g["articles"]]
        for sent in g["reference"]:
            assert any(_squash(sent) in t for t in texts), (g["story"], sent)
        assert all(origin_sources(g["reference"], g["articles"])), g["story"]
        assert set(g["reference_articles"]) <= set(g["articles"]), g["story"]


def test_references_do_not_repeat_themselves():
    for g in load_gold():
        assert len(set(g["reference"])) == len(g["reference"]), g["story"]
        assert not is_redundant(g["reference"]), g["story"]


def test_containment_counts_a_copied_sentence_once():
    a = "أعلنت الهيئة العامة للغذاء والدواء رفض فسح 1137 طنا من الأغذية المستوردة خلال شهر رمضان"
    assert containment(a, a + " الماضي") == 1.0
    assert containment(a, "ارتفع النفط إلى أعلى قليلا من 50 دولارا للبرميل اليوم") == 0.0
