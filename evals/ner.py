"""NER quality of the shipped model: CoNLL entity-level F1 on the ANERcorp dev split, AQMAR out of domain.

Dev split = the last 10% of sentences of ``../shared/data/anercorp-train`` (held out from the shipped model's
training by ``scripts/train_ner.py``). ``MARSAD_SHARED`` overrides the shared folder's location.
"""

from __future__ import annotations

import os
from pathlib import Path

from marsad.analysis.entities.ner import load_tagger
from marsad.analysis.entities.ner.scoring import AQMAR_TYPES, entity_scores, read_conll_file, split_dev
from marsad.analysis.entities.ner.training import tag_batched
from marsad.errors import MarsadError

SHARED = Path(os.environ.get("MARSAD_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
ANERCORP = SHARED / "data" / "anercorp-train" / "ANERCorp_CamelLab_train.reconstructed.txt"
AQMAR = SHARED / "data" / "aqmar" / "AQMAR_Arabic_NER_corpus-1.0.concatenated.txt.gz"


def _score(path: Path, tag_map: dict[str, str] | None = None, dev_only: bool = True) -> dict[str, float]:
    """Tag a CoNLL file (its dev split, or all of it) with the shipped model in consecutive batches; score it."""
    if not path.exists():
        raise MarsadError(f"evals/ner: {path} is missing; set MARSAD_SHARED to the shared data folder")
    sents = read_conll_file(path, tag_map)
    if dev_only:
        sents = split_dev(sents)[1]
    tagger = load_tagger()
    gold = [[g for _, g in s] for s in sents]
    pred = tag_batched(tagger, [[t for t, _ in s] for s in sents])  # consecutive sentences: document context
    return entity_scores(gold, pred)


def run() -> dict[str, float]:
    """Return ner_f1_<TYPE>, ner_macro_f1, ner_micro_f1 on the ANERcorp dev split and ner_aqmar_micro_f1."""
    dev = _score(ANERCORP)
    out = {f"ner_{k}": round(v, 4) for k, v in dev.items() if k.startswith(("f1_", "macro", "micro_f1"))}
    out["ner_aqmar_micro_f1"] = round(_score(AQMAR, AQMAR_TYPES, dev_only=False)["micro_f1"], 4)
    return out


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}\t{value:.4f}")
