"""The analysis layer: what Marsad reads out of an article, one capability per package.

* ``entities`` - NER (``entities.ner``), name keys, the gazetteer, the entity registry and mention resolution;
* ``quotes`` - who said what: reporting cues, quote spans, speakers resolved to entities;
* ``times`` - time expressions resolved against the publication date (Gregorian and Hijri);
* ``dedup`` - near-duplicate copies (MinHash LSH, anchors, containment) and where they came from first;
* ``stories`` - article vectors, similarity, incremental story clustering and its state;
* ``summaries`` - extractive summaries of an article or a story;
* ``annotate`` - the per-article analyser that runs entities, quotes and times over one article.

Needs ``marsad.text`` (normalization, tokens, sentences), ``marsad.model`` and ``marsad.errors``; never the store,
the pipeline or the interfaces.
"""
