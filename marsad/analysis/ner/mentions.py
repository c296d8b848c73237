"""Apply the tagger to text and CoNLL files: mentions with offsets (clitics trimmed) and ``marsad ner`` output."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from marsad.analysis.ner.resources import WordClusters, load_clusters, proclitic_length
from marsad.analysis.ner.scoring import spans
from marsad.analysis.ner.tagger import Tagger
from marsad.errors import ConfigError
from marsad.model import Mention
from marsad.text.tokenize import sentences, tokens

#: ANERcorp type -> ``Mention.type``.
MENTION_TYPES = {"PERS": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}
#: Longest token run tagged at once; text without sentence punctuation is cut into windows of this size
#: (ANERcorp sentences average ~31 tokens; 150 keeps context without quadratic-looking slowdowns).
MAX_WINDOW = 150
FIELDS = ("title", "body")


def find_mentions(text: str, field: str, tagger: Tagger, clusters: WordClusters | None = None) -> list[Mention]:
    """Return the named-entity mentions of ``text`` (one article field) with offsets into ``text``.

    A leading conjunction/preposition glued to the entity's first word ("and-Putin") is left out of the span
    when the lexicon says the remainder is the more common word; "ll-" (li + al-) is kept with its article.
    """
    if field not in FIELDS:
        raise ConfigError(f"find_mentions field={field!r}: use 'title' or 'body'")
    clusters = clusters or load_clusters()
    out: list[Mention] = []
    for sent in sentences(text):
        toks = tokens(sent.text)
        for w0 in range(0, len(toks), MAX_WINDOW):
            window = toks[w0 : w0 + MAX_WINDOW]
            tags = tagger.tag([t.text for t in window])
            for s, e, etype in spans(tags):
                first = window[s]
                cut = proclitic_length(first.text, clusters) if e - s > 0 else 0
                start = sent.start + first.start + cut
                end = sent.start + window[e - 1].end
                surface = text[start:end]
                if not any(c.isalnum() for c in surface):
                    continue
                out.append(Mention(surface, field, start, end, MENTION_TYPES.get(etype, etype)))  # type: ignore[arg-type]
    return out


def tag_conll(lines: Iterable[str], tagger: Tagger | None = None) -> Iterator[str]:
    """Yield each CoNLL input line (newline stripped) plus a TAB and its IOB2 tag; blank lines stay blank.

    The token is the first white-space-separated column; further columns are kept in the output but ignored.
    """
    if tagger is None:
        from marsad.analysis.ner.tagger import load_tagger

        tagger = load_tagger()
    block: list[str] = []
    for raw in lines:
        line = raw.rstrip("\r\n")
        if line.strip():
            block.append(line)
            continue
        yield from _tag_block(block, tagger)
        block = []
        yield ""
    yield from _tag_block(block, tagger)


def _tag_block(block: list[str], tagger: Tagger) -> Iterator[str]:
    """Tag one sentence of CoNLL lines and yield them with their tags."""
    if not block:
        return
    tags = tagger.tag([ln.split()[0] for ln in block])
    for line, tag in zip(block, tags, strict=True):
        yield f"{line}\t{tag}"
