"""Cross-validate the shipped NER recipe (CRF first pass + BiLSTM-CRF ensemble, with and without propagation).

Usage: ``.venv/bin/python scripts/cv_ner.py --folds 0 1 [--shared /work/shared]`` (torch needed, as for
``make train-ner``). For each fold (a tenth of the ANERcorp train file; fold 9 is the dev split, give or take a
sentence) it trains the CRF first pass and the BiLSTM-CRF on the other nine tenths as ``make train-ner`` does, then
scores each model and the ensemble on the held-out tenth. About 11 minutes per fold on one core; run folds in
parallel processes on more cores.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.analysis.entities.ner.ensemble import EnsembleSettings, EnsembleTagger  # noqa: E402
from marsad.analysis.entities.ner.neural import NeuralTagger  # noqa: E402
from marsad.analysis.entities.ner.scoring import TYPES, entity_scores, read_conll_file, split_fold  # noqa: E402
from marsad.analysis.entities.ner.tagger import Tagger, default_extractor  # noqa: E402
from marsad.analysis.entities.ner.training import tag_batched, train  # noqa: E402

ANERCORP = Path("data/anercorp-train/ANERCorp_CamelLab_train.reconstructed.txt")


def run_fold(shared: Path, fold: int, tmp: Path) -> dict[str, dict[str, float]]:
    """Train both models without ``fold`` and return the scores of each system on it."""
    rest, held = split_fold(read_conll_file(shared / ANERCORP), fold)
    extractor = default_extractor()
    crf_path, nn_path = tmp / f"crf{fold}.crfsuite", tmp / f"lstm{fold}.npz"
    train([([t for t, _ in s], [g for _, g in s]) for s in rest], crf_path, extractor)
    script = ROOT / "scripts" / "train_ner_nn.py"
    cmd = [sys.executable, str(script), "--shared", str(shared), "--fold", str(fold), "--out", str(nn_path)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    crf, neural = Tagger(crf_path, extractor), NeuralTagger.from_file(nn_path, extractor)
    systems = {
        "crf": crf,
        "bilstm": neural,
        "ensemble": EnsembleTagger(crf, neural, EnsembleSettings(propagate=None, knowledge=None)),
        "ensemble+propagation": EnsembleTagger(crf, neural, EnsembleSettings(knowledge=None)),
        "ensemble+knowledge+propagation": EnsembleTagger(crf, neural),
    }
    gold = [[g for _, g in s] for s in held]
    toks = [[t for t, _ in s] for s in held]
    return {name: entity_scores(gold, tag_batched(tagger, toks)) for name, tagger in systems.items()}


def main(argv: list[str] | None = None) -> int:
    """Run the requested folds and print one line per fold and system (percent F1)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--folds", type=int, nargs="+", required=True, help="folds 0-9 to hold out, one at a time")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        for fold in args.folds:
            for name, s in run_fold(args.shared, fold, Path(tmp)).items():
                cols = " ".join(f"{t}={s['f1_' + t] * 100:.1f}" for t in TYPES)
                print(f"fold {fold} {name:21s} {cols} macro={s['macro_f1'] * 100:.1f} micro={s['micro_f1'] * 100:.1f}",
                      flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
