"""Draw the articles for the quote-attribution dev gold (``evals/gold/quotes_dev.jsonl``).

Pool: SaudiNewsNet 2015-08-04 (10 outlets; a day no quote rule was fitted to; 2015-07-21..2015-08-03 are held out
and never read) and ANT v2.1 multi-source (skynews, alarabia, BBC, CNN, france24; 2018). An article is eligible
when its body has 400-2500 characters, at least two reporting cues from a broad list (``CUES``: قال أكد أوضح أشار
أضاف تابع صرح أعلن كشف ذكر بين لفت اعتبر رأى نفى حذر شدد طالب دعا أبدى استنكر اتهم طلب أبلغ توقع أورد حث and the
participles مؤكدا مشيرا مضيفا, with feminine, plural and present forms), and its URL is in none of the gold files
that existed when it was drawn (``GOLD_FILES``).

Order: each outlet's eligible articles are shuffled with a fixed seed, then dealt round-robin (outlet order
reshuffled every round), so any prefix of the output is spread evenly over the 15 outlets. The annotators labelled
the articles in this order, blind to the system, until the set held at least 300 quotes.

Output: JSON lines {id, source, url, published, title, body} in labelling order (``--out``, default stdout).
``body`` is the corpus text verbatim (SaudiNewsNet ``content``; the whole ANT article line, whose first words are
the headline, since the ANT files keep title and text on one line) so gold offsets index it exactly.

    python scripts/sample_quote_dev.py --n 120 --out /tmp/quote_dev_candidates.jsonl
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import hashlib
import json
import random
import re
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
SNN_DAY = "2015-08-04"
SNN_ZIP = DATA / "saudinewsnet" / "dataset" / f"{SNN_DAY}.zip"
ANT = DATA / "ant-news"
ANT_ARTICLES = ANT / "ant_multisource_v2.1.articles.txt.gz"
ANT_META = ANT / "ant_multisource_v2.1.meta.tsv.gz"
SEED = 17
MIN_CHARS, MAX_CHARS = 400, 2500
MIN_CUES = 2

#: Reporting-cue word forms (past, feminine, plural, present, participle), matched as whole words after an
#: optional و/ف prefix. Deliberately broader than any system lexicon: it only decides which articles are read.
_CUE_FORMS = """
قال قالت قالوا يقول تقول يقولون قائلا قائلة
أكد أكدت أكدوا يؤكد تؤكد يؤكدون مؤكدا مؤكدة مؤكدين
أوضح أوضحت أوضحوا يوضح توضح موضحا موضحة
أشار أشارت أشاروا يشير تشير مشيرا مشيرة مشيرين
أضاف أضافت أضافوا يضيف تضيف مضيفا مضيفة
تابع تابعت متابعا
صرح صرحت صرحوا يصرح
أعلن أعلنت أعلنوا يعلن تعلن معلنا
كشف كشفت كشفوا يكشف تكشف كاشفا
ذكر ذكرت ذكروا يذكر تذكر
بين بينت بينوا يبين تبين مبينا
لفت لفتت لافتا
اعتبر اعتبرت اعتبروا يعتبر تعتبر معتبرا
رأى رأت رأوا يرى ترى
نفى نفت نفوا ينفي تنفي نافيا
حذر حذرت حذروا يحذر تحذر محذرا
شدد شددت شددوا يشدد تشدد مشددا
طالب طالبت طالبوا يطالب تطالب مطالبا
دعا دعت دعوا يدعو تدعو داعيا
أبدى أبدت
استنكر استنكرت
اتهم اتهمت اتهموا يتهم تتهم متهما
طلب طلبت طلبوا يطلب تطلب
أبلغ أبلغت
توقع توقعت توقعوا يتوقع تتوقع يتوقعون
أورد أوردت
حث حثت يحث تحث
"""
_STRIP = str.maketrans({"إ": "ا", "أ": "ا", "آ": "ا", "ى": "ي", "ً": None, "ٌ": None, "ٍ": None})
CUES = {w.translate(_STRIP) for w in _CUE_FORMS.split()}
_TOKEN = re.compile(r"[\u0621-\u064A\u064B-\u0652]+")


def cue_count(text: str) -> int:
    """Number of tokens that are a reporting cue (optionally prefixed by و or ف)."""
    n = 0
    for tok in _TOKEN.findall(text):
        t = tok.translate(_STRIP)
        if t in CUES or (t[:1] in "وف" and t[1:] in CUES):
            n += 1
    return n


#: The gold files that existed when the set was drawn (2026-12); their articles are excluded. A fixed list, so that
#: dev sets added later (times_dev.jsonl, drawn at the same time, shares 2 articles with this one) leave the draw as is.
GOLD_FILES = ("quotes.jsonl", "stories.jsonl", "times.jsonl", "dedup_pairs.jsonl", "search_judgments.jsonl")


def gold_urls() -> set[str]:
    """URLs already used by the GOLD_FILES (those articles are excluded)."""
    urls: set[str] = set()
    for name in GOLD_FILES:
        path = ROOT / "evals" / "gold" / name
        if not path.exists():
            continue
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                url = json.loads(line).get("url")
                if url:
                    urls.add(url)
    return urls


def _id(prefix: str, url: str) -> str:
    return f"{prefix}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:12]}"


def snn_articles() -> list[dict]:
    """SaudiNewsNet articles of SNN_DAY as gold records (body = content verbatim)."""
    with zipfile.ZipFile(SNN_ZIP) as z:
        items = json.loads(z.read(z.namelist()[0]))
    return [
        {
            "id": _id("snn", a["url"]),
            "source": a["source"],
            "url": a["url"],
            "published": a["date_extracted"][:10],
            "title": a["title"],
            "body": a["content"],
        }
        for a in items
    ]


def ant_articles() -> list[dict]:
    """ANT v2.1 multi-source articles as gold records (body = the article line verbatim, title empty)."""
    with gzip.open(ANT_META, "rt", encoding="utf-8") as fh:
        meta = [line.rstrip("\n").split("\t") for line in fh][1:]
    with gzip.open(ANT_ARTICLES, "rt", encoding="utf-8") as fh:
        lines = [line.rstrip("\n") for line in fh]
    out = []
    for row in meta:
        line_no, _docno, source, _cat, when, url = row[:6]
        try:
            published = email.utils.parsedate_to_datetime(when).date().isoformat()
        except (TypeError, ValueError):
            published = ""
        out.append(
            {
                "id": _id("ant", url),
                "source": source,
                "url": url,
                "published": published,
                "title": "",
                "body": lines[int(line_no) - 1],
            }
        )
    return out


def eligible(articles: list[dict], exclude: set[str]) -> list[dict]:
    """Articles within the length bounds, with enough cues, not in any gold file (first copy of a URL/body)."""
    seen_urls: set[str] = set()
    seen_bodies: set[str] = set()
    out = []
    for a in articles:
        body = a["body"]
        if a["url"] in exclude or a["url"] in seen_urls or body.strip() in seen_bodies:
            continue
        if not MIN_CHARS <= len(body) <= MAX_CHARS or cue_count(body) < MIN_CUES:
            continue
        seen_urls.add(a["url"])
        seen_bodies.add(body.strip())
        out.append(a)
    return out


def deal(articles: list[dict], seed: int = SEED) -> list[dict]:
    """Shuffle each outlet's articles, then deal them round-robin over outlets (outlet order shuffled per round)."""
    rng = random.Random(seed)
    by_outlet: dict[str, list[dict]] = defaultdict(list)
    for a in articles:
        by_outlet[a["source"]].append(a)
    outlets = sorted(by_outlet)
    for o in outlets:
        rng.shuffle(by_outlet[o])
    order: list[dict] = []
    rnd = 0
    while any(len(by_outlet[o]) > rnd for o in outlets):
        this_round = [o for o in outlets if len(by_outlet[o]) > rnd]
        rng.shuffle(this_round)
        order.extend(by_outlet[o][rnd] for o in this_round)
        rnd += 1
    return order


def main(argv: list[str] | None = None) -> int:
    """Write the first ``--n`` articles of the dealt order as JSON lines."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=150, help="articles to write (labelling stops at >= 300 quotes)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, help="output file (default stdout)")
    args = parser.parse_args(argv)
    for path in (SNN_ZIP, ANT_ARTICLES, ANT_META):
        if not path.exists():
            print(f"missing {path}: this script needs the shared data folder beside the checkout", file=sys.stderr)
            return 1
    pool = eligible(snn_articles() + ant_articles(), gold_urls())
    order = deal(pool, args.seed)[: args.n]
    text = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in order)
    if args.out:
        args.out.write_text(text, "utf-8")
    else:
        sys.stdout.write(text)
    counts: dict[str, int] = defaultdict(int)
    for a in pool:
        counts[a["source"]] += 1
    print(f"eligible {len(pool)}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
