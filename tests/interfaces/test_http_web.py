"""The web pages of ``marsad serve`` in process: each renders right to left, links its JSON twin and the other
pages, escapes untrusted text; the highlight and chart helpers behind them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from marsad.interfaces.http.marks import Span, locate, mentions_chart, pieces, quote_runs

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

MARIA = "\u0645\u0627\u0631\u064a\u0627"


@pytest.fixture(scope="module")
def client(demo_db: Path):
    """A read-only server over the shared demo archive."""
    from fastapi.testclient import TestClient

    from marsad.interfaces.http import ServeSettings, create_app

    with TestClient(create_app(ServeSettings(db=str(demo_db))), raise_server_exceptions=False) as c:
        yield c


def page_paths(client) -> dict[str, str]:
    """One path of every page kind in the demo archive."""
    story = client.get("/api/v1/stories?min_size=2&limit=1").json()["items"][0]
    return {"home": "/", "story": f"/stories/{story['id']}", "entity": f"/entities/{story['entities'][0]['entity_id']}",
            "article": f"/articles/{story['articles'][0]['id']}", "search": f"/search?q={MARIA}"}


@pytest.mark.parametrize("kind", ["home", "story", "entity", "article", "search"])
def test_http_web_page_is_rtl_and_links_its_json_twin(client, kind: str) -> None:
    response = client.get(page_paths(client)[kind])
    html = response.text
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert '<html lang="ar" dir="rtl">' in html and "<script" not in html and " style=" not in html
    twin = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)">', html).group(1)
    assert client.get(twin.replace("&amp;", "&")).status_code == 200


@pytest.mark.parametrize(("kind", "links_to"), [("home", "/stories/"), ("story", "/entities/"), ("story", "/articles/"),
                                                 ("entity", "/articles/"), ("article", "/entities/"),
                                                 ("article", "/stories/"), ("search", "/articles/")])
def test_http_web_pages_link_to_each_other(client, kind: str, links_to: str) -> None:
    assert f'href="{links_to}' in client.get(page_paths(client)[kind]).text


@pytest.mark.parametrize("path", ["/stories/S000", "/entities/zzzz", "/articles/nope"])
def test_http_web_unknown_page_is_a_404_page(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404 and '<html lang="ar" dir="rtl">' in response.text


def test_http_web_bad_search_says_what_to_type(client) -> None:
    response = client.get("/search?q=-x")
    assert response.status_code == 400 and 'class="error"' in response.text


def test_http_web_article_highlights_entities_and_dates_with_their_values(client) -> None:
    html = client.get(page_paths(client)["article"]).text
    assert re.search(r'<mark class="entity ent-\w+" title="[^"]+ \((PER|LOC|ORG|MISC)\)">', html)
    assert re.search(r'<mark class="time" title="\d{4}(-\d\d)*', html)


@pytest.mark.parametrize(
    ("text", "start", "end", "surface", "expected"),
    [
        pytest.param("\u0642\u0627\u0644 \u0628\u0648\u062a\u064a\u0646", 4, 9, "\u0628\u0648\u062a\u064a\u0646", (4, 9),
                     id="stored-offsets"),
        pytest.param("\u0642\u0627\u0644 \u0628\u0648\u062a\u064a\u0646", 0, 3, "\u0628\u0648\u062a\u064a\u0646", (4, 9),
                     id="found-by-text"),
        pytest.param("abc", 5, 9, "zz", None, id="absent"),
    ],
)
def test_http_web_locate_span(text: str, start: int, end: int, surface: str, expected) -> None:
    assert locate(text, start, end, surface, set()) == expected


def test_http_web_pieces_nest_marks_inside_quotes() -> None:
    text = "he said Putin met Kim today"
    cut = pieces(text, [Span(8, 27, "quote", "he"), Span(8, 13, "entity", "Putin (PER)"), Span(22, 27, "time", "2019")])
    assert "".join(p.text for p in cut) == text
    runs = quote_runs(cut)
    assert [bool(q) for q, _ in runs] == [False, True] and [p.text for p in runs[1][1] if p.mark] == ["Putin", "today"]


@pytest.mark.parametrize(
    ("per_day", "unit", "bars", "peak"),
    [
        pytest.param([{"day": "2015-08-04", "mentions": 2}, {"day": "2015-08-07", "mentions": 4}], "day", 4, 4,
                     id="days"),
        pytest.param([{"day": "2018-06-01", "mentions": 1}, {"day": "2019-08-25", "mentions": 3}], "month", 15, 3,
                     id="months"),
    ],
)
def test_http_web_mentions_chart_has_a_gapless_axis(per_day: list, unit: str, bars: int, peak: int) -> None:
    chart = mentions_chart(per_day)
    assert (chart.unit, len(chart.bars), chart.peak) == (unit, bars, peak)
    assert max(b.height for b in chart.bars) == chart.height - 2 * chart.pad


def test_http_web_story_summary_is_computed_once_per_state_of_the_story(client, monkeypatch) -> None:
    """The story page and its JSON twin share one summary per story state (size, last article), not one per request."""
    from marsad.retrieval import views

    calls = []
    real = views._summarize
    monkeypatch.setattr(views, "_summarize", lambda *a: calls.append(1) or real(*a))
    client.app.state.summaries = views.SummaryCache()
    path = page_paths(client)["story"]
    for _ in range(3):
        assert client.get(path).status_code == 200
        assert client.get("/api/v1" + path).status_code == 200
    assert len(calls) == 1


def test_http_web_summary_cache_keeps_the_latest_stories() -> None:
    """The cache holds at most its size, dropping the least recently used story."""
    from marsad.retrieval import SummaryCache

    cache = SummaryCache(size=2)
    cache.put(("a",), (["x"], [["s"]]))
    cache.put(("b",), (["y"], [["s"]]))
    assert cache.get(("a",)) is not None  # now the most recently used
    cache.put(("c",), (["z"], [["s"]]))
    assert cache.get(("b",)) is None and cache.get(("a",)) and cache.get(("c",))
