"""The analysis part of the CLI contract: entities, quotes and times in ``analyze --json``; ner; explore commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.text.normalize import normalize

ENTITY_KEYS = {"text", "field", "start", "end", "type", "entity_id", "canonical"}
QUOTE_KEYS = {"speaker", "speaker_entity_id", "cue", "text", "field", "start", "end", "direct"}
TIME_KEYS = {"text", "field", "start", "end", "value", "calendar"}


@pytest.fixture(scope="module")
def seed_json(tmp_path_factory) -> list[dict]:
    """Both seeds analysed in one run, the 2019 one dated by --published."""
    from tests.conftest import SEEDS, CliResult  # noqa: F401 - same helpers as the cli fixture
    import io
    from contextlib import redirect_stdout

    from marsad.interfaces.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["analyze", str(SEEDS), "--published", "2019-04-25", "--json"]) == 0
    import json

    return [json.loads(x) for x in out.getvalue().splitlines()]


def ids_of(articles: list[dict], surface: str) -> set[str]:
    """Entity ids of every mention whose normalized text contains ``surface`` (normalized)."""
    key = normalize(surface)
    return {e["entity_id"] for a in articles for e in a["entities"] if key in normalize(e["text"])}


def test_cli_analysis_shapes_and_offsets(seed_json: list[dict]) -> None:
    for art in seed_json:
        for key, keys in (("entities", ENTITY_KEYS), ("quotes", QUOTE_KEYS), ("times", TIME_KEYS)):
            for item in art[key]:
                assert keys <= item.keys()
                text = art[item["field"]]
                if key != "quotes":
                    assert text[item["start"]:item["end"]] == item["text"]


@pytest.mark.parametrize(
    "variants",
    [
        pytest.param(["\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646", "\u0643\u064a\u0645 \u062c\u0648\u0646\u062c \u0623\u0648\u0646", "\u0643\u064a\u0645 \u064a\u0648\u0646\u062c \u0623\u0648\u0646"], id="kim-jong-un"),
        pytest.param(["\u0633\u064a\u0631\u062c\u0649 \u0644\u0627\u0641\u0631\u0648\u0641", "\u0633\u064a\u0631\u062c\u064a \u0644\u0627\u0641\u0631\u0648\u0641"], id="sergei-lavrov"),
        pytest.param(["\u0641\u0644\u0627\u062f\u064a\u0645\u064a\u0631 \u0628\u0648\u062a\u064a\u0646", "\u0628\u0648\u062a\u064a\u0646"], id="putin"),
    ],
)
def test_cli_analysis_variants_share_one_entity_across_seeds(seed_json: list[dict], variants: list[str]) -> None:
    ids = set().union(*(ids_of(seed_json, v) for v in variants))
    assert len(ids) == 1


def test_cli_analysis_pyongyang_spellings_are_one_place(seed_json: list[dict]) -> None:
    ids = ids_of(seed_json, "\u064a\u0627\u0646\u063a") | ids_of(seed_json, "\u064a\u0627\u0646\u062c")  # -yang
    assert len(ids) == 1


def test_cli_analysis_quotes_resolve_speakers(seed_json: list[dict]) -> None:
    a2019 = seed_json[0]
    ushakov = ids_of([a2019], "\u0623\u0648\u0634\u0627\u0643\u0648\u0641")
    speakers = [q["speaker_entity_id"] for q in a2019["quotes"]]
    assert len(ushakov) == 1 and speakers.count(next(iter(ushakov))) >= 4  # said, added, continued
    assert any(q["direct"] for q in a2019["quotes"])


def test_cli_analysis_times_resolve_against_publication(seed_json: list[dict]) -> None:
    values = {t["text"]: t["value"] for t in seed_json[0]["times"]}
    assert values["\u0627\u0644\u064a\u0648\u0645 \u0627\u0644\u062e\u0645\u064a\u0633"] == "2019-04-25"
    assert values["\u064a\u0648\u0645 \u0627\u0644\u0623\u0631\u0628\u0639\u0627\u0621"] == "2019-04-24"


def test_cli_ner_conll_format(cli, tmp_path: Path) -> None:
    conll = tmp_path / "in.conll"
    conll.write_text("\u0627\u0644\u0631\u0626\u064a\u0633 O\n\u0628\u0648\u062a\u064a\u0646 B-PERS\n\n\u0641\u064a\n\u0645\u0648\u0633\u0643\u0648\n", "utf-8")
    res = cli("ner", conll)
    lines = res.out.split("\n")
    assert res.code == 0 and lines[2] == ""
    assert lines[0].startswith("\u0627\u0644\u0631\u0626\u064a\u0633 O\t") and lines[1].split("\t")[1] == "B-PERS"
    assert lines[4].split("\t")[1] == "B-LOC"
    tags = {x.split("\t")[1] for x in lines if x}
    assert tags <= {"O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1256"])
def test_cli_ner_reads_arabic_site_encodings(cli, tmp_path: Path, encoding: str) -> None:
    """A CoNLL file saved as UTF-8 with BOM, UTF-16 or Windows-1256 is tagged like its UTF-8 text."""
    text = "\u0628\u0648\u062a\u064a\u0646 B-PERS\n\u0641\u064a O\n\u0645\u0648\u0633\u0643\u0648 B-LOC\n"
    plain, other = tmp_path / "utf8.conll", tmp_path / f"{encoding}.conll"
    plain.write_text(text, "utf-8")
    other.write_bytes(text.encode(encoding))
    res = cli("ner", other)
    assert res.code == 0 and res.out == cli("ner", plain).out and res.out.count("\t") == 3


@pytest.mark.parametrize(
    ("data", "code", "said"),
    [
        pytest.param(b"", 0, "", id="empty-file-gives-nothing"),
        pytest.param(b"\x00\x01\x02\x03\x04\x05\x06\x07" * 64, 1, "binary file", id="binary-is-refused"),
    ],
)
def test_cli_ner_bad_input_is_named(cli, tmp_path: Path, data: bytes, code: int, said: str) -> None:
    """Empty input tags to nothing; binary input is refused with its name and what to give instead."""
    path = tmp_path / "in.conll"
    path.write_bytes(data)
    res = cli("ner", path)
    assert res.code == code and res.out == "" and said in res.err and (not said or str(path) in res.err)


def test_cli_explore_entities_entity_quotes(cli, seeds_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    assert cli("ingest", seeds_dir, "--db", db, "--quiet", "--published", "2019-04-25").code == 0
    ents = cli("entities", "--db", db, "--json").json_lines()
    assert ents and {"id", "type", "canonical", "mentions", "variants"} <= ents[0].keys()
    [kim] = cli("entity", "\u0643\u064a\u0645 \u064a\u0648\u0646\u062c \u0627\u0648\u0646", "--db", db, "--json").json_lines()
    assert len(kim["variants"]) >= 3 and len(kim["articles"]) == 2
    quotes = cli("quotes", "--db", db, "--speaker", "\u0623\u0648\u0634\u0627\u0643\u0648\u0641", "--json").json_lines()
    assert len(quotes) >= 4 and all(q["speaker_canonical"] for q in quotes)
    assert cli("entity", "\u0644\u0627 \u0623\u062d\u062f", "--db", db).code == 1
