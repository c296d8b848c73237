"""NER quality of the shipped model: CoNLL entity-level F1 on the ANERcorp dev split, AQMAR out of domain.

Dev split = the last 10% of sentences of ``../shared/data/anercorp-train`` (held out from the shipped models'
training by ``scripts/train_ner.py``). The knowledge rules of ``ner-ens.v3`` were chosen on it, so its figures
are optimistic since then; AQMAR (Arabic Wikipedia, never trained or tuned on) is the honest check, per type.
``scoring.split_heldout`` and the training scripts' ``--hold-dev`` set a tenth aside for a retrained model to be
measured on (a retrain of this stop scored 76.7 macro there; not shipped, see README). ``MARSAD_SHARED`` overrides
the shared folder's location.
"""

from __future__ import annotations

import os
from pathlib import Path

from marsad.analysis.entities.ner import load_tagger
from marsad.analysis.entities.ner.scoring import AQMAR_TYPES, Sentence, entity_scores, read_conll_file, split_heldout
from marsad.analysis.entities.ner.training import tag_batched
from marsad.errors import MarsadError

SHARED = Path(os.environ.get("MARSAD_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
ANERCORP = SHARED / "data" / "anercorp-train" / "ANERCorp_CamelLab_train.reconstructed.txt"
AQMAR = SHARED / "data" / "aqmar" / "AQMAR_Arabic_NER_corpus-1.0.concatenated.txt.gz"


def _read(path: Path, tag_map: dict[str, str] | None = None) -> list[Sentence]:
    """Read a CoNLL file, or fail with the fix."""
    if not path.exists():
        raise MarsadError(f"evals/ner: {path} is missing; set MARSAD_SHARED to the shared data folder")
    return read_conll_file(path, tag_map)


def _score(sents: list[Sentence]) -> dict[str, float]:
    """Tag sentences with the shipped model in consecutive batches (document context); score them."""
    gold = [[g for _, g in s] for s in sents]
    pred = tag_batched(load_tagger(), [[t for t, _ in s] for s in sents])
    return entity_scores(gold, pred)


def _keep(prefix: str, scores: dict[str, float]) -> dict[str, float]:
    """Return the per-type, macro and micro F1 of a score table under a metric prefix."""
    return {f"{prefix}{k}": round(v, 4) for k, v in scores.items() if k.startswith(("f1_", "macro", "micro_f1"))}


def run() -> dict[str, float]:
    """Return ner_<...> (dev split) and ner_aqmar_<...>: F1 per type, macro, micro."""
    _, _, dev = split_heldout(_read(ANERCORP))
    out = _keep("ner_", _score(dev))
    out.update(_keep("ner_aqmar_", _score(_read(AQMAR, AQMAR_TYPES))))
    return out


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}\t{value:.4f}")
