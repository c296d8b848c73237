"""Page metadata: the publication date and author a news page states in its markup, Arabic bylines cleaned."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from marsad.config import IngestSettings
from marsad.ingest.bylines import clean_author, names_agency
from marsad.ingest.extract import extract
from marsad.ingest.pagemeta import page_metadata, visible_date
from marsad.model import RawDocument

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"


@pytest.mark.parametrize(
    ("credit", "outlets", "author"),
    [
        pytest.param("\u0643\u062a\u0628: \u0645\u062d\u0645\u062f \u0627\u0644\u0628\u062d\u0631\u0627\u0648\u064a", (), "\u0645\u062d\u0645\u062f \u0627\u0644\u0628\u062d\u0631\u0627\u0648\u064a", id="kataba-colon"),
        pytest.param("\u0643\u062a\u0628-\u0623\u062d\u0645\u062f \u0639\u0644\u064a:", (), "\u0623\u062d\u0645\u062f \u0639\u0644\u064a", id="kataba-dash-trailing-colon"),
        pytest.param("\u0643\u062a\u0628\u062a - \u0645\u0631\u0648\u0629 \u0639\u0628\u062f \u0627\u0644\u0641\u062a\u0627\u062d:", (), "\u0645\u0631\u0648\u0629 \u0639\u0628\u062f \u0627\u0644\u0641\u062a\u0627\u062d", id="katabat-spaced-dash"),
        pytest.param("\u0628\u0642\u0644\u0645: \u062f. \u0633\u0627\u0645\u064a \u0639\u0645\u0627\u0631\u0629", (), "\u062f. \u0633\u0627\u0645\u064a \u0639\u0645\u0627\u0631\u0629", id="biqalam-keeps-title"),
        pytest.param("\u0644\u0646\u062f\u0646: \u0643\u0645\u064a\u0644 \u0627\u0644\u0637\u0648\u064a\u0644", (), "\u0643\u0645\u064a\u0644 \u0627\u0644\u0637\u0648\u064a\u0644", id="place-colon-name"),
        pytest.param("\u0625\u064a\u0644\u0627\u0641 \u0645\u0646 \u0644\u0646\u062f\u0646: \u0646\u0635\u0631 \u0627\u0644\u0645\u062c\u0627\u0644\u064a", (), "\u0646\u0635\u0631 \u0627\u0644\u0645\u062c\u0627\u0644\u064a", id="outlet-from-place-colon-name"),
        pytest.param("\u0627\u0644\u0631\u064a\u0627\u0636 - \u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0627\u0644\u062d\u0633\u0646\u064a", (), "\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0627\u0644\u062d\u0633\u0646\u064a", id="place-dash-name"),
        pytest.param("\u0641\u0647\u062f \u0627\u0644\u0628\u0642\u0645\u064a (\u062c\u062f\u0629)", (), "\u0641\u0647\u062f \u0627\u0644\u0628\u0642\u0645\u064a", id="name-bracketed-place"),
        pytest.param("\u0639\u0631\u0628\u064a21- \u0623\u062d\u0645\u062f \u0635\u0642\u0631", ("\u0639\u0631\u0628\u064a21",), "\u0623\u062d\u0645\u062f \u0635\u0642\u0631", id="outlet-glued-dash-name"),
        pytest.param("\u0627\u0644\u0639\u0631\u0628\u064a\u0629.\u0646\u062a - \u0648\u0643\u0627\u0644\u0627\u062a", (), None, id="agencies-credit"),
        pytest.param("(\u0631\u0648\u064a\u062a\u0631\u0632)", (), None, id="reuters-bracketed"),
        pytest.param("\u0627\u0644\u0645\u0635\u062f\u0631: \u0631\u0648\u064a\u062a\u0631\u0632", (), None, id="source-reuters"),
        pytest.param("CNN Arabic", (), None, id="latin-outlet"),
        pytest.param("\u0641\u0631\u0627\u0646\u063324", ("\u0641\u0631\u0627\u0646\u0633 24",), None, id="outlet-digits-glued"),
        pytest.param("\u0627\u0644\u0634\u0631\u0642", ("\u0627\u0644\u0634\u0631\u0642 \u0644\u0644\u0623\u062e\u0628\u0627\u0631",), None, id="outlet-short-name"),
        pytest.param("\u0623\u0628\u0648\u0638\u0628\u064a (\u0627\u0644\u0627\u062a\u062d\u0627\u062f)", ("\u0627\u0644\u0627\u062a\u062d\u0627\u062f",), None, id="place-bracketed-outlet"),
        pytest.param("https://www.facebook.com/alghadnews", (), None, id="profile-url"),
        pytest.param("", (), None, id="empty"),
    ],
)
def test_bylines_clean_author(credit: str, outlets: tuple[str, ...], author: str | None) -> None:
    """A byline gives the person's name alone, or None when it credits only an agency or the outlet."""
    assert clean_author(credit, outlets) == author


def test_bylines_agency_needs_whole_words() -> None:
    """An agency's name matches as whole words only: a person whose name contains its letters is no agency."""
    assert names_agency("\u0648\u0627\u0633")  # SPA
    assert not names_agency("\u0648\u0627\u0633\u0645 \u064a\u0648\u0633\u0641")  # Wasim Yusuf


@pytest.mark.parametrize(
    ("text", "day"),
    [
        pytest.param("\u0627\u0644\u062e\u0645\u064a\u0633 - 24 \u0634\u0639\u0628\u0627\u0646 1444 \u0647\u0640 - 16 \u0645\u0627\u0631\u0633 2023 \u0645\u0640", "2023-03-16", id="hijri-then-gregorian"),
        pytest.param("\u0646\u064f\u0634\u0631 \u0641\u064a 16 \u0622\u0630\u0627\u0631 2023 | 11:20", "2023-03-16", id="levantine-month"),
        pytest.param("2023.03.16 | 10:31 GMT", "2023-03-16", id="year-dots"),
        pytest.param("16-3-2023 | 14:30", "2023-03-16", id="day-month-year-dashes"),
        pytest.param("\u0646\u0634\u0631 \u0641\u064a: 01 \u0641\u0628\u0631\u0627\u064a\u0631 ,2023: 09:30 \u0635", "2023-02-01", id="comma-glued-year"),
        pytest.param("\u0627\u0644\u062c\u0645\u0639\u0629\u060c \u0662\u0661 \u0623\u0628\u0631\u064a\u0644 \u0662\u0660\u0662\u0663", "2023-04-21", id="arabic-indic-digits"),
        pytest.param("\u0645\u0646\u0630 3 \u0633\u0627\u0639\u0627\u062a", None, id="relative-is-no-date"),
    ],
)
def test_pagemeta_visible_date(text: str, day: str | None) -> None:
    """Dates in page chrome: Arabic, Levantine and Hijri-with-Gregorian lines, dotted and dashed numbers."""
    got = visible_date(text)
    assert (got[:10] if got else None) == day


def test_pagemeta_json_ld_person_behind_an_id() -> None:
    """A JSON-LD author given as an ``@id`` reference is followed to the Person node; organisations are skipped."""
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "NewsArticle", "datePublished": "2023-03-16T10:15:48+00:00", "author": [{"@id": "#p"}, {"@type": "Organization", "name": "X"}]},
        {"@type": "Person", "@id": "#p", "name": "\u0639\u0628\u062f \u0627\u0644\u0635\u0645\u062f \u0644\u063a\u0645\u064a\u0634"}]}
    html = f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head><body><p>x</p></body></html>'
    meta = page_metadata(lxml.html.document_fromstring(html))
    assert (meta.date, meta.author) == ("2023-03-16T10:15:48", "\u0639\u0628\u062f \u0627\u0644\u0635\u0645\u062f \u0644\u063a\u0645\u064a\u0634")


def _fixtures() -> list:
    """Every fixture page of the three sets, as pytest params named by set and site."""
    out = []
    for folder in sorted(p for p in PAGES.iterdir() if (p / "expected.jsonl").is_file()):
        for line in (folder / "expected.jsonl").read_text("utf-8").splitlines():
            row = json.loads(line)
            out.append(pytest.param(folder, row, id=f"{folder.name}-{row['file'].removesuffix('.html')}"))
    return out


@pytest.mark.parametrize(("folder", "row"), _fixtures())
def test_pagemeta_fixture_pages(folder: Path, row: dict) -> None:
    """Each fixture page (after a real Arabic news site's markup) gives its publication day and author."""
    html = (folder / row["file"]).read_text("utf-8")
    article = extract(RawDocument(external_id=row["file"], origin=row["file"], text=html, is_html=True), IngestSettings())
    assert (article.published_at or "")[:10] == row["date"]
    assert article.byline == row["author"] or (article.byline or "").replace(".", "") == (row["author"] or "").replace(".", "")
