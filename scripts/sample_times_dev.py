"""Draw the candidate queue for the temporal-expression dev gold (``evals/gold/times_dev.jsonl``, issue #17).

Reproducible: a fixed seed, fixed inputs, no dependence on Marsad's extractor. Pool:

* SaudiNewsNet ``2015-08-04.zip`` (``published`` = the ``date_extracted`` day). The held-out days
  2015-07-21..2015-08-03 are never read; the days of the old gold (2015-08-06..08-11) are not used either.
* ANT v2.1 multi-source and ANT v1.1 JawharaFM (``published`` = the day of the feed's own ``time`` field, in the
  feed's own UTC offset; articles whose time cannot be parsed are skipped). ANT lines are
  "<title> <abstract> <text>" collapsed to single spaces, so the whole line is the body and ``title`` stays empty.

An article is a candidate when its body has 300-2000 characters, at least ``MIN_TEMPORAL`` temporal-word hits
(Gregorian / Levantine / Hijri month names, أمس، اليوم، غدا، الماضي، المقبل، القادم، هـ، weekdays, years),
its URL is not in the gold files of ``GOLD_FILES`` and its body or title was not already taken. Candidates are
shuffled per outlet with ``random.Random(SEED)`` and interleaved round-robin over the outlets (outlet order shuffled
with the same generator), so any prefix of the queue is spread evenly. The annotator labelled the queue in order,
in whole rounds of 16 outlets, until the set held >= 250 expressions: ranks 0-63 (four rounds), none skipped.

    python scripts/sample_times_dev.py --out /tmp/times_dev_queue.jsonl --n 64
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import gzip
import json
import random
import re
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
SNN_DAY = "2015-08-04"
HELD_OUT = ("2015-07-21", "2015-08-03")  # inclusive; never read
SEED = 17
MIN_LEN, MAX_LEN = 300, 2000
MIN_TEMPORAL = 4

_MONTHS = (
    "يناير|فبراير|مارس|أبريل|ابريل|إبريل|مايو|يونيو|يونيه|يوليو|يوليه|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر"
    "|كانون الثاني|كانون الأول|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني"
    "|محرم|صفر|ربيع الأول|ربيع الآخر|ربيع الثاني|جمادى الأولى|جمادى الآخرة|جمادى الاولى|رجب|شعبان|رمضان|شوال"
    "|ذي القعدة|ذو القعدة|ذي الحجة|ذو الحجة"
)
_WORDS = (
    "أمس|الأمس|اليوم|غدا|غداً|الماضي|الماضية|المقبل|المقبلة|القادم|القادمة|الحالي|الجاري"
    "|السبت|الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة"
)
TEMPORAL = re.compile(
    rf"(?<![\w])(?:[وبلف]?(?:{_MONTHS}|{_WORDS}))(?![\w])|\d{{4}}\s*ه|\b(?:19|20)\d\d\b|\b14[0-4]\d\b"
)


def temporal_hits(text: str) -> int:
    """Number of temporal-word hits in ``text``."""
    return len(TEMPORAL.findall(text))


#: The gold files that held article URLs when the dev set was drawn; fixed so that later gold (this set included)
#: does not change the draw.
GOLD_FILES = ("quotes.jsonl", "stories.jsonl", "times.jsonl", "dedup_pairs.jsonl", "search_judgments.jsonl")


def gold_urls() -> set[str]:
    """URLs already used by the gold files of ``GOLD_FILES``."""
    urls = set()
    for path in (ROOT / "evals" / "gold" / name for name in GOLD_FILES):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                url = json.loads(line).get("url")
                if url:
                    urls.add(url)
    return urls


def snn_articles() -> list[dict]:
    """SaudiNewsNet articles of ``SNN_DAY`` (never a held-out day)."""
    assert not (HELD_OUT[0] <= SNN_DAY <= HELD_OUT[1]), "held-out day"
    path = DATA / "saudinewsnet" / "dataset" / f"{SNN_DAY}.zip"
    with zipfile.ZipFile(path) as zf:
        rows = json.loads(zf.read(zf.namelist()[0]))
    out = []
    for i, a in enumerate(rows):
        out.append({"id": f"snn-{SNN_DAY}-{i}", "source": a["source"], "url": a["url"],
                    "published": a["date_extracted"][:10], "title": a["title"], "body": a["content"]})
    return out


def _ant_date(raw: str) -> str | None:
    raw = raw.strip()
    try:
        if raw[:4].isdigit():  # ISO-8601 (JawharaFM 2017)
            return dt.datetime.fromisoformat(raw).date().isoformat()
        if re.fullmatch(r"\d\d/\d\d/\d{4}", raw):  # DD/MM/YYYY (JawharaFM before 2017)
            return dt.datetime.strptime(raw, "%d/%m/%Y").date().isoformat()
        return email.utils.parsedate_to_datetime(raw).date().isoformat()
    except (ValueError, TypeError, IndexError):
        return None


def ant_articles() -> list[dict]:
    """ANT articles (both parts) with a parsable feed date."""
    out = []
    for stem in ("ant_multisource_v2.1", "ant_jawharafm_v1.1"):
        with gzip.open(DATA / "ant-news" / f"{stem}.articles.txt.gz", "rt", encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        with gzip.open(DATA / "ant-news" / f"{stem}.meta.tsv.gz", "rt", encoding="utf-8") as fh:
            meta = fh.read().split("\n")[1:]
        for row in meta:
            if not row.strip():
                continue
            line, docno, source, _cat, time, url = row.split("\t")[:6]
            day = _ant_date(time)
            if day is None or not source.strip():
                continue
            out.append({"id": f"ant-{docno}", "source": source.replace(" ", "").lower(), "url": url,
                        "published": day, "title": "", "body": lines[int(line) - 1]})
    return out


def queue(n: int) -> list[dict]:
    """The first ``n`` candidates, interleaved over outlets."""
    used_urls = gold_urls()
    seen: set[str] = set()
    by_outlet: dict[str, list[dict]] = {}
    for art in snn_articles() + ant_articles():
        body = art["body"]
        if not MIN_LEN <= len(body) <= MAX_LEN or art["url"] in used_urls:
            continue
        key_body, key_title = body.strip(), art["title"].strip()
        if key_body in seen or (key_title and key_title in seen):
            continue
        if temporal_hits(body) < MIN_TEMPORAL:
            continue
        seen.add(key_body)
        if key_title:
            seen.add(key_title)
        by_outlet.setdefault(art["source"], []).append(art)
    rng = random.Random(SEED)
    outlets = sorted(by_outlet)
    for name in outlets:
        rng.shuffle(by_outlet[name])
    rng.shuffle(outlets)
    out: list[dict] = []
    depth = 0
    while len(out) < n and any(depth < len(by_outlet[o]) for o in outlets):
        for name in outlets:
            if depth < len(by_outlet[name]) and len(out) < n:
                out.append(by_outlet[name][depth])
        depth += 1
    return out


def queue_cli(  # noqa: ANN001 - queue_fn: n -> articles
    queue_fn, doc: str | None, default_out: str, default_n: int = 96, argv: list[str] | None = None
) -> None:
    """Parse ``--out`` / ``--n`` (from ``argv``, else the command line), draw the queue and write it as JSON lines with
    each candidate's rank."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path(default_out))
    parser.add_argument("--n", type=int, default=default_n)
    args = parser.parse_args(argv)
    rows = queue_fn(args.n)
    with args.out.open("w", encoding="utf-8") as fh:
        for rank, art in enumerate(rows):
            fh.write(json.dumps({"rank": rank, **art}, ensure_ascii=False) + "\n")
    print(f"{len(rows)} candidates -> {args.out}")


def main() -> None:
    """Write the queue (``--out``, ``--n``)."""
    queue_cli(queue, __doc__, "/tmp/times_dev_queue.jsonl", 120)


if __name__ == "__main__":
    main()
