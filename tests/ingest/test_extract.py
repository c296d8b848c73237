"""Extraction: title, byline, in-text date, dateline and a boilerplate-free body from the seeds and HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.config import IngestSettings
from marsad.ingest.extract import extract, is_boilerplate, line_key
from marsad.ingest.readers import read_paths
from marsad.model import RawDocument
from marsad.text.normalize import normalize

SEEDS = Path(__file__).parent.parent / "data" / "seeds"
SETTINGS = IngestSettings()


def seed(name: str):
    """The extracted Article of one seed file."""
    [raw] = read_paths([SEEDS / name], SETTINGS)
    return extract(raw, SETTINGS)


def test_extract_seed_2019_title_byline_and_clean_body() -> None:
    a = seed("000_fc13acc477961b1c.txt")
    assert a.title.startswith("\u0642\u0645\u0629 \u201d \u0628\u0648\u062a\u064a\u0646")
    assert a.byline == "\u062d\u0633\u0627\u0645 \u0627\u0644\u062c\u0628\u0627\u0644\u064a"  # Hossam El-Gabaly
    assert a.body.startswith("\u0628\u0639\u062f \u0641\u0634\u0644")
    for boiler in ("\u0645\u0642\u0627\u0644\u0627\u062a \u0630\u0627\u062a \u0635\u0644\u0629", "\u0632\u0631 \u0627\u0644\u0630\u0647\u0627\u0628"):
        assert boiler not in a.body
    assert "\u0643\u062a\u0628 :" not in a.body and a.title not in a.body
    assert a.body.rstrip().endswith("\u062a\u0631\u0648\u0646\u062c.")


def test_extract_seed_2018_in_text_date_line() -> None:
    a = seed("003_9e8d747f78e969ee.txt")
    assert a.published_at == "2018-06-01T13:10"
    assert "2018 01:10" not in a.body
    assert a.title.startswith("\u0645\u0648\u0633\u0643\u0648 \u062a\u0633\u0639\u0649")


@pytest.mark.parametrize(
    "body, dateline, rest",
    [
        pytest.param("\u0627\u0644\u0631\u064a\u0627\u0636 - \u0648\u0627\u0633\n\u0623\u0639\u0644\u0646\u062a \u0627\u0644\u0648\u0632\u0627\u0631\u0629",
                     "\u0627\u0644\u0631\u064a\u0627\u0636 - \u0648\u0627\u0633", "\u0623\u0639\u0644\u0646\u062a", id="riyadh-spa"),
        pytest.param("\u0645\u0648\u0633\u0643\u0648 (\u0631\u0648\u064a\u062a\u0631\u0632) - \u0642\u0627\u0644 \u0627\u0644\u0643\u0631\u0645\u0644\u064a\u0646",
                     "\u0645\u0648\u0633\u0643\u0648 (\u0631\u0648\u064a\u062a\u0631\u0632)", "\u0642\u0627\u0644", id="moscow-reuters"),
        pytest.param("\u062c\u062f\u0629 - \u0645\u062d\u0645\u062f \u0627\u0644\u0639\u062a\u064a\u0628\u064a:\n\u0627\u0641\u062a\u062a\u062d",
                     "\u062c\u062f\u0629 - \u0645\u062d\u0645\u062f \u0627\u0644\u0639\u062a\u064a\u0628\u064a", "\u0627\u0641\u062a\u062a\u062d", id="jeddah-reporter"),
        # "موسكو - (أ ف ب): قال": the agency in brackets after the dash
        pytest.param("\u0645\u0648\u0633\u0643\u0648 - (\u0623 \u0641 \u0628): \u0642\u0627\u0644 \u0627\u0644\u0643\u0631\u0645\u0644\u064a\u0646",
                     "\u0645\u0648\u0633\u0643\u0648 - (\u0623 \u0641 \u0628)", "\u0642\u0627\u0644", id="moscow-dash-bracketed-afp"),
        # "موسكو ـ «القدس العربي»: قال": a tatweel for the dash and the outlet in guillemets
        pytest.param("\u0645\u0648\u0633\u0643\u0648 \u0640 \u00ab\u0627\u0644\u0642\u062f\u0633 \u0627\u0644\u0639\u0631\u0628\u064a\u00bb: \u0642\u0627\u0644 \u0627\u0644\u0643\u0631\u0645\u0644\u064a\u0646",
                     "\u0645\u0648\u0633\u0643\u0648 \u0640 \u00ab\u0627\u0644\u0642\u062f\u0633 \u0627\u0644\u0639\u0631\u0628\u064a\u00bb", "\u0642\u0627\u0644", id="moscow-tatweel-quoted-outlet"),
        pytest.param("\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 \u0625\u0646 \u0627\u0644\u0648\u0636\u0639 \u0645\u0633\u062a\u0642\u0631",
                     None, "\u0642\u0627\u0644", id="no-dateline"),
    ],
)
def test_extract_dateline_is_split_off_the_body(body: str, dateline: str | None, rest: str) -> None:
    a = extract(RawDocument(external_id="x", origin="x", text=body, title="T"), SETTINGS)
    assert a.dateline == dateline and a.body.startswith(rest)


@pytest.mark.parametrize(
    "line, kind",
    [
        pytest.param("\u0645\u0642\u0627\u0644\u0627\u062a \u0630\u0627\u062a \u0635\u0644\u0629", "stop", id="related-articles"),
        pytest.param("\u0627\u0642\u0631\u0623 \u0623\u064a\u0636\u0627\u064b:", "stop", id="read-also"),
        pytest.param("\u0632\u0631 \u0627\u0644\u0630\u0647\u0627\u0628 \u0625\u0644\u0649 \u0627\u0644\u0623\u0639\u0644\u0649", "drop", id="back-to-top"),
        pytest.param("\u0634\u0627\u0631\u0643 \u0639\u0644\u0649 \u062a\u0648\u064a\u062a\u0631", "drop", id="share-on-twitter"),
        # "رابط الخبر بصحيفة الوئام: <title>": a link line carrying the whole title (alweeam)
        pytest.param("\u0631\u0627\u0628\u0637 \u0627\u0644\u062e\u0628\u0631 \u0628\u0635\u062d\u064a\u0641\u0629 \u0627\u0644\u0648\u0626\u0627\u0645: \u0645\u0633\u0644\u0645 \u0625\u0641\u0631\u064a\u0642\u064a \u0647\u0648 \u0645\u0646 \u0623\u063a\u0646\u0649 10 \u0634\u062e\u0635\u064a\u0627\u062a \u0641\u064a \u0627\u0644\u062a\u0627\u0631\u064a\u062e", "drop",
                     id="link-line-with-title"),
        pytest.param("\u0645\u0634\u0627\u0631\u0643\u0629 \u0627\u0644\u0645\u0645\u0644\u0643\u0629 \u0641\u064a \u0627\u0644\u0642\u0645\u0629 \u0627\u0644\u0627\u0642\u062a\u0635\u0627\u062f\u064a\u0629 \u0627\u0644\u0639\u0627\u0644\u0645\u064a\u0629 \u0627\u0644\u0643\u0628\u0631\u0649", None, id="real-sentence-kept"),
    ],
)
def test_extract_boilerplate_phrases(line: str, kind: str | None) -> None:
    assert is_boilerplate(normalize(line)) == kind


@pytest.mark.parametrize(
    "last, kept",
    [
        # "... بالموقع.   رابط الخبر بصحيفة الوئام: مدني سكاكا ...": alweeam's link line glued after no-break spaces
        pytest.param("\u0628\u0627\u0644\u0645\u0648\u0642\u0639. \u00a0 \u00a0 \u0631\u0627\u0628\u0637 \u0627\u0644\u062e\u0628\u0631 \u0628\u0635\u062d\u064a\u0641\u0629 \u0627\u0644\u0648\u0626\u0627\u0645: \u0645\u062f\u0646\u064a \u0633\u0643\u0627\u0643\u0627",
                     "\u0628\u0627\u0644\u0645\u0648\u0642\u0639.", id="glued-link-line-dropped"),
        # "قال إن رابط الخبر بصحيفة الوئام مفيد" : the phrase inside a sentence stays
        pytest.param("\u0642\u0627\u0644 \u0625\u0646 \u0631\u0627\u0628\u0637 \u0627\u0644\u062e\u0628\u0631 \u0628\u0635\u062d\u064a\u0641\u0629 \u0627\u0644\u0648\u0626\u0627\u0645 \u0645\u0641\u064a\u062f",
                     "\u0642\u0627\u0644 \u0625\u0646 \u0631\u0627\u0628\u0637 \u0627\u0644\u062e\u0628\u0631 \u0628\u0635\u062d\u064a\u0641\u0629 \u0627\u0644\u0648\u0626\u0627\u0645 \u0645\u0641\u064a\u062f", id="phrase-in-sentence-kept"),
    ],
)
def test_extract_footer_glued_to_the_last_paragraph_is_dropped(last: str, kept: str) -> None:
    """A footer phrase after the last sentence of a body goes with what follows it, and only there."""
    raw = RawDocument(external_id="x", origin="x", text=f"\u062e\u0628\u0631 \u0645\u0647\u0645.\n{last}", title="T")
    assert extract(raw, SETTINGS).body.endswith(kept)


def test_extract_repeated_lines_of_a_source_are_dropped() -> None:
    footer = "\u062d\u0642\u0648\u0642 \u0627\u0644\u0646\u0634\u0631 \u0644\u0635\u062d\u064a\u0641\u0629 \u0627\u0644\u064a\u0648\u0645"
    raw = RawDocument(external_id="x", origin="x", text=f"\u062e\u0628\u0631 \u0645\u0647\u0645\n{footer}", title="T", source="s")
    assert footer not in extract(raw, SETTINGS, repeated={line_key(footer)}).body


def test_extract_html_through_trafilatura() -> None:
    para = " ".join(["\u0627\u0644\u0642\u0645\u0629 \u0627\u0644\u0631\u0648\u0633\u064a\u0629 \u0627\u0644\u0643\u0648\u0631\u064a\u0629 \u0641\u064a \u0641\u0644\u0627\u062f\u064a\u0641\u0648\u0633\u062a\u0648\u0643."] * 12)
    html = (f"<html><head><title>\u0642\u0645\u0629 \u0628\u0648\u062a\u064a\u0646 \u0648\u0643\u064a\u0645</title>"
            '<meta name="author" content="\u062d\u0633\u0627\u0645"><meta property="article:published_time" content="2019-04-25">'
            f"</head><body><nav>\u0627\u0644\u0631\u0626\u064a\u0633\u064a\u0629 | \u0623\u062e\u0628\u0627\u0631</nav><article><h1>\u0642\u0645\u0629 \u0628\u0648\u062a\u064a\u0646 \u0648\u0643\u064a\u0645</h1><p>{para}</p><p>{para}</p></article>"
            "<footer>\u062c\u0645\u064a\u0639 \u0627\u0644\u062d\u0642\u0648\u0642 \u0645\u062d\u0641\u0648\u0638\u0629</footer></body></html>")
    a = extract(RawDocument(external_id="p", origin="p.html", text=html, is_html=True), SETTINGS)
    assert a.title == "\u0642\u0645\u0629 \u0628\u0648\u062a\u064a\u0646 \u0648\u0643\u064a\u0645"
    assert a.published_at == "2019-04-25" and "\u0641\u0644\u0627\u062f\u064a\u0641\u0648\u0633\u062a\u0648\u0643" in a.body
    assert "\u0645\u062d\u0641\u0648\u0638\u0629" not in a.body


def _page(head: str, nav: str = "") -> str:
    """A small article page with ``head`` markup and a navigation bar ``nav``."""
    para = " ".join(["\u0627\u0644\u0642\u0645\u0629 \u0627\u0644\u0631\u0648\u0633\u064a\u0629 \u0627\u0644\u0643\u0648\u0631\u064a\u0629 \u0641\u064a \u0641\u0644\u0627\u062f\u064a\u0641\u0648\u0633\u062a\u0648\u0643."] * 12)
    return (f"<html><head><title>\u0642\u0645\u0629</title>{head}</head><body><nav>{nav}</nav>"
            f"<article><p>{para}</p><p>{para}</p></article></body></html>")


@pytest.mark.parametrize(
    "head, url",
    [
        pytest.param('<link rel="canonical" href="https://portal.example.com/news/123">', "https://portal.example.com/news/123",
                     id="canonical"),
        pytest.param('<meta property="og:url" content="https://portal.example.com/n/9">', "https://portal.example.com/n/9",
                     id="og-url"),
        pytest.param('<link rel="canonical" href="/news/123">', None, id="relative-is-no-address"),
    ],
)
def test_extract_html_page_names_its_address_and_outlet(head: str, url: str | None) -> None:
    """The page's canonical address (else og:url) and og:site_name fill an input's missing url and source."""
    site = '<meta property="og:site_name" content="\u0628\u0648\u0627\u0628\u0629 \u0627\u0644\u0623\u062e\u0628\u0627\u0631">'
    a = extract(RawDocument(external_id="p", origin="p.html", text=_page(head + site), is_html=True), SETTINGS)
    assert a.url == url and a.source == "\u0628\u0648\u0627\u0628\u0629 \u0627\u0644\u0623\u062e\u0628\u0627\u0631"
    given = RawDocument(external_id="p", origin="p.html", text=_page(head + site), is_html=True, url="u", source="s")
    assert (extract(given, SETTINGS).url, extract(given, SETTINGS).source) == ("u", "s")  # the input's own win


def test_extract_keeps_display_text_and_normalized_form_apart() -> None:
    a = seed("000_fc13acc477961b1c.txt")
    assert "\u0623" in a.body and "\u0623" not in a.body_norm and a.norm_profile == "match.v1"


_SENTENCE = "\u0627\u0644\u0646\u0627\u064a \u0622\u0644\u0629 \u0646\u0641\u062e\u064a\u0629 \u062a\u0639\u062f \u0623\u0642\u062f\u0645 \u0622\u0644\u0629 \u0645\u0648\u0633\u064a\u0642\u064a\u0629 \u0641\u064a \u0627\u0644\u062a\u0627\u0631\u064a\u062e"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(" .".join([_SENTENCE] * 12), id="one-long-paragraph"),
        pytest.param(".".join([_SENTENCE] * 12), id="glued-full-stops"),
    ],
)
def test_extract_paragraph_first_line_is_not_taken_for_a_title(text: str) -> None:
    """A text whose first line is a paragraph keeps all of it in the body; its title is the first sentence."""
    a = extract(RawDocument(external_id="easc", origin="easc.txt", text=text), SETTINGS)
    assert a.body == text.strip()
    assert a.title.startswith(_SENTENCE.split()[0]) and len(a.title.split()) <= 16


def test_extract_headline_first_line_is_the_title() -> None:
    """A short first line is the headline and leaves the body."""
    a = extract(RawDocument(external_id="x", origin="x.txt", text=f"\u0639\u0646\u0648\u0627\u0646 \u0642\u0635\u064a\u0631\n{_SENTENCE}."), SETTINGS)
    assert a.title == "\u0639\u0646\u0648\u0627\u0646 \u0642\u0635\u064a\u0631" and a.body == f"{_SENTENCE}."
