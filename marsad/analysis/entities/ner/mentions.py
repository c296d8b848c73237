"""Apply the tagger to text and CoNLL files: mentions with offsets (clitics trimmed) and ``marsad ner`` output."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from marsad.analysis.entities.ner.resources import WordClusters, proclitic_length
from marsad.analysis.entities.ner.scoring import spans
from marsad.analysis.entities.ner.ensemble import EnsembleTagger, load_tagger
from marsad.analysis.entities.ner.tagger import Tagger
from marsad.errors import ConfigError
from marsad.model import Mention
from marsad.text.doc import Doc, as_doc

#: Either shipped tagger: the CRF alone or the CRF + BiLSTM ensemble (both have ``tag_sentences`` and ``extractor``).
NerTagger = Tagger | EnsembleTagger
#: ANERcorp type -> ``Mention.type``.
MENTION_TYPES = {"PERS": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}
#: Longest token run tagged at once; text without sentence punctuation is cut into windows of this size
#: (ANERcorp sentences average ~31 tokens; 150 keeps context without quadratic-looking slowdowns).
MAX_WINDOW = 150
FIELDS = ("title", "body")
#: Sentences decoded together by ``tag_conll`` (batched Viterbi; memory stays small).
CONLL_BATCH = 256


def find_mentions(text: str | Doc, field: str, tagger: NerTagger, clusters: WordClusters | None = None) -> list[Mention]:
    """Return the named-entity mentions of ``text`` (one article field) with offsets into ``text``.

    A leading conjunction/preposition glued to the entity's first word ("and-Putin") is left out of the span
    unless the full word is itself a known name (Faisal; Pyong Yang with the next word), when the remainder is a
    known name or the more common word; "ll-" (li + al-) is kept with its article. The lexicon and gazetteer are
    the tagger's (``clusters`` overrides the word lexicon).
    """
    return find_article_mentions({field: text}, tagger, clusters)


def find_article_mentions(
    fields: Mapping[str, str | Doc], tagger: NerTagger, clusters: WordClusters | None = None
) -> list[Mention]:
    """Return the mentions of an article's fields (``{"title": ..., "body": ...}``, text or ``Doc``), as one batch.

    One batch is one document for the tagger: a name found in the body is also found in the title. Offsets index
    each field's own text; mentions come field by field, in the order of ``fields``.
    """
    for field in fields:
        if field not in FIELDS:
            raise ConfigError(f"find_mentions field={field!r}: use 'title' or 'body'")
    clusters = clusters or tagger.extractor.clusters
    gazetteer = tagger.extractor.gazetteer
    docs = {field: as_doc(text, field) for field, text in fields.items()}
    windows = []
    for field, doc in docs.items():
        for sent, toks in zip(doc.sentences, doc.sentence_tokens, strict=True):
            windows += [(field, sent.start, toks[w : w + MAX_WINDOW]) for w in range(0, len(toks), MAX_WINDOW)]
    all_tags = tagger.tag_sentences([[t.text for t in window] for _, _, window in windows])
    out: list[Mention] = []
    for (field, base, window), tags in zip(windows, all_tags, strict=True):
        text = docs[field].text
        for s, e, etype in spans(tags):
            follow = window[s + 1].text if s + 1 < len(window) else ""
            start = base + window[s].start + proclitic_length(window[s].text, clusters, gazetteer, follow)
            end = base + window[e - 1].end
            surface = text[start:end]
            if any(c.isalnum() for c in surface):
                mtype = MENTION_TYPES.get(etype, etype)
                out.append(Mention(surface, field, start, end, mtype))  # type: ignore[arg-type]
    return out


def tag_conll(lines: Iterable[str], tagger: NerTagger | None = None) -> Iterator[str]:
    """Yield each CoNLL input line (newline stripped) plus a TAB and its IOB2 tag; blank lines stay blank.

    The token is the first white-space-separated column; further columns are kept in the output but ignored.
    """
    tagger = tagger or load_tagger()
    blocks: list[list[str]] = [[]]
    trailing: list[int] = [0]  # blank lines after each block
    for raw in lines:
        line = raw.rstrip("\r\n")
        if line.strip():
            if trailing[-1]:
                blocks.append([])
                trailing.append(0)
            blocks[-1].append(line)
        else:
            trailing[-1] += 1
        if len(blocks) > CONLL_BATCH:
            yield from _tag_blocks(blocks[:-1], trailing[:-1], tagger)
            blocks, trailing = blocks[-1:], trailing[-1:]
    yield from _tag_blocks(blocks, trailing, tagger)


def _tag_blocks(blocks: list[list[str]], trailing: list[int], tagger: NerTagger) -> Iterator[str]:
    """Tag sentences of CoNLL lines in one batch; yield each line with its tag, then the blank lines after it."""
    all_tags = tagger.tag_sentences([[ln.split()[0] for ln in block] for block in blocks])
    for block, tags, blanks in zip(blocks, all_tags, trailing, strict=True):
        for line, tag in zip(block, tags, strict=True):
            yield f"{line}\t{tag}"
        yield from [""] * blanks
