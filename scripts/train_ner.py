"""Train the shipped two-pass Arabic NER CRF (``make train-ner``) and print its dev-split scores.

Data: ANERcorp CAMeL train file (``../shared/data/anercorp-train``); the last 10% of its sentences are the dev
split and the tenth before it the held-out split (``scoring.split_heldout``). The shipped models are trained on
everything but the held-out split (dev included: choices are made with ``--hold-dev`` models first, then the
shipped ones are retrained with dev, the usual train/dev/test protocol); ``--full`` trains on the whole file;
``--aqmar`` adds AQMAR Wikipedia NER to training. Word clusters and the gazetteer are (re)built first by
``scripts/build_ner_resources.py`` when missing or with ``--rebuild``.
``--cv`` only cross-validates the first pass over ten folds of the whole file. ``--tune`` grid-searches c1/c2 of
the first pass on the dev split (temporary models) before training the shipped pair (first pass +
document-consistency second pass, see ``marsad/analysis/entities/ner/training.py``).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from marsad.analysis.entities.ner.resources import CLUSTERS_FILE, GAZETTEER_FILE, data_path  # noqa: E402
from marsad.analysis.entities.ner.scoring import (  # noqa: E402
    AQMAR_TYPES,
    Sentence,
    entity_scores,
    read_conll_file,
    split_fold,
    split_heldout,
)
from marsad.analysis.entities.ner.consistency import ConsistencySettings  # noqa: E402
from marsad.analysis.entities.ner.tagger import (  # noqa: E402
    FIRST_PASS_FILE,
    MODEL_FILE,
    Tagger,
    TrainSettings,
    default_extractor,
)
from marsad.analysis.entities.ner.training import StackSettings, tag_batched, train, train_stacked  # noqa: E402

ANERCORP = Path("data/anercorp-train/ANERCorp_CamelLab_train.reconstructed.txt")
AQMAR = Path("data/aqmar/AQMAR_Arabic_NER_corpus-1.0.concatenated.txt.gz")
GRID_C1 = (0.0, 0.05, 0.2)
GRID_C2 = (0.01, 0.05)


def _pairs(sents: list[Sentence]) -> list[tuple[list[str], list[str]]]:
    """Return sentences as (tokens, tags) pairs."""
    return [([t for t, _ in s], [g for _, g in s]) for s in sents]


def evaluate(tagger: Tagger, dev: list[Sentence]) -> dict[str, float]:
    """Score a tagger on the dev sentences (tagged in consecutive batches, as ``tag_conll`` does)."""
    pairs = _pairs(dev)
    return entity_scores([g for _, g in pairs], tag_batched(tagger, [t for t, _ in pairs]))


def _show(label: str, s: dict[str, float]) -> None:
    """Print one line of scores."""
    cols = " ".join(f"{k}={v * 100:.2f}" for k, v in s.items())
    print(f"{label}: {cols}", flush=True)


def cross_validate(sents: list[Sentence], settings: TrainSettings, folds: int = 10) -> None:
    """Print the first-pass CRF's scores on each tenth of the whole file, trained on the other nine tenths.

    The last fold is the dev split (give or take one sentence of rounding); the spread over folds shows how far one
    400-sentence split is from another.
    """
    macros = []
    extractor = default_extractor()
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(folds):
            rest, held = split_fold(sents, k, folds)
            model = Path(tmp) / f"fold{k}.crfsuite"
            train(_pairs(rest), model, extractor, settings)
            scores = evaluate(Tagger(model, extractor), held)
            macros.append(scores["macro_f1"])
            _show(f"fold {k} ({len(held)} sentences)", scores)
    mean = sum(macros) / len(macros)
    low, high = min(macros) * 100, max(macros) * 100
    print(f"macro F1 over {folds} folds: mean {mean * 100:.1f}, min {low:.1f}, max {high:.1f}")


def main(argv: list[str] | None = None) -> None:
    """Build resources if needed, optionally tune, train and write the shipped model, print dev scores."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--rebuild", action="store_true", help="rebuild clusters and gazetteer first")
    ap.add_argument("--aqmar", action="store_true", help="add AQMAR to the training data")
    ap.add_argument("--full", action="store_true", help="train on train+held out+dev (no honest scores then)")
    ap.add_argument("--hold-dev", action="store_true", help="hold the dev split out too (models to tune rules on)")
    ap.add_argument("--tune", action="store_true", help="grid-search c1/c2 on the dev split first")
    ap.add_argument("--cv", action="store_true", help="only cross-validate the first pass over 10 folds")
    ap.add_argument("--c1", type=float, default=None)
    ap.add_argument("--c2", type=float, default=None)
    ap.add_argument("--iterations", type=int, default=None)
    ap.add_argument("--c1-second", type=float, default=None, help="c1 of the second pass (default: --c1)")
    ap.add_argument("--window", type=int, default=None, help="consistency window in sentences")
    ap.add_argument("--out", type=Path, default=None, help="folder for the two models (default: the package data)")
    args = ap.parse_args(argv)
    if args.rebuild or not (data_path(CLUSTERS_FILE).exists() and data_path(GAZETTEER_FILE).exists()):
        import build_ner_resources

        build_ner_resources.main(["--shared", str(args.shared)])
    path = args.shared / ANERCORP
    if not path.exists():
        raise SystemExit(f"{path} not found: pass --shared pointing at the shared data folder")
    train_s, held_s, dev_s = split_heldout(read_conll_file(path))  # the held-out tenth is never trained or tuned on
    extra = read_conll_file(args.shared / AQMAR, AQMAR_TYPES) if args.aqmar else []
    print(f"train {len(train_s)} sentences (+{len(extra)} AQMAR), dev {len(dev_s)}, held out {len(held_s)}", flush=True)
    base = TrainSettings()
    settings = TrainSettings(
        c1=base.c1 if args.c1 is None else args.c1,
        c2=base.c2 if args.c2 is None else args.c2,
        max_iterations=args.iterations or base.max_iterations,
    )
    if args.cv:
        cross_validate(read_conll_file(path), settings)
        return
    if args.tune:
        best = (-1.0, settings)
        with tempfile.TemporaryDirectory() as tmp:
            for c1, c2 in itertools.product(GRID_C1, GRID_C2):
                t0 = time.time()
                trial = TrainSettings(c1=c1, c2=c2, max_iterations=settings.max_iterations)
                model = Path(tmp) / "trial.crfsuite"
                train(_pairs(train_s + extra), model, default_extractor(), trial)
                scores = evaluate(Tagger(model, default_extractor()), dev_s)
                _show(f"c1={c1} c2={c2} ({time.time() - t0:.0f}s)", scores)
                if scores["macro_f1"] > best[0]:
                    best = (scores["macro_f1"], trial)
        settings = best[1]
        print(f"best: c1={settings.c1} c2={settings.c2}")
    first, second = data_path(FIRST_PASS_FILE), data_path(MODEL_FILE)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        first, second = args.out / FIRST_PASS_FILE, args.out / MODEL_FILE
    stack = StackSettings(
        first=settings,
        second=TrainSettings(
            c1=settings.c1 if args.c1_second is None else args.c1_second,
            c2=settings.c2,
            max_iterations=settings.max_iterations,
        ),
        consistency=ConsistencySettings() if args.window is None else ConsistencySettings(window=args.window),
    )
    t0 = time.time()

    def log(msg: str) -> None:
        """Print a progress line with the seconds elapsed."""
        print(f"{msg} ({time.time() - t0:.0f}s)", flush=True)

    pairs = _pairs(train_s + extra + ([] if args.hold_dev else dev_s) + (held_s if args.full else []))
    tagger = train_stacked(pairs, first, second, default_extractor(), stack, log)
    size = (first.stat().st_size + second.stat().st_size) / 1e6
    print(f"trained {first.name} + {second.name} in {time.time() - t0:.0f}s ({size:.1f} MB)")
    suffix = "" if args.hold_dev else " (seen in training)"
    _show("dev first pass" + suffix, evaluate(Tagger(first, default_extractor()), dev_s))
    _show("dev" + suffix, evaluate(tagger, dev_s))


if __name__ == "__main__":
    main()
