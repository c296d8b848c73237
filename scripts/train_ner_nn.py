"""Train the neural Arabic NER tagger (BiLSTM-CRF, ``ner-lstm.v2``) with torch and write its NumPy model file.

Data: ANERcorp CAMeL train file; the tenth before its last 10% of sentences (the held-out split,
``scoring.split_heldout``) is never trained on; the dev split (the last 10%) only with ``--hold-dev`` (models to
make choices with), so the dev scores of the shipped model are not honest. The train part is cut again: its
last ``--tune-fraction`` of sentences picks the epoch (early stopping), the rest is trained on. Every score is
computed by the shipped NumPy tagger (``marsad.analysis.entities.ner.neural``) on arrays exported from the torch
model, so what is shipped is what is measured. torch is a build-time dependency (``pip install torch==2.13.0``);
nothing under ``marsad/`` imports it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.analysis.entities.ner.neural import (  # noqa: E402
    GAZ_MARKS,
    KIND_OOV,
    MAX_CHARS,
    MODEL_FILE,
    MODEL_VERSION,
    SHAPES,
    NeuralTagger,
    WordEncoder,
    ft_normalize,
    gazetteer_matrix,
)
from marsad.analysis.entities.ner.resources import data_path  # noqa: E402
from marsad.analysis.entities.ner.scoring import (  # noqa: E402
    LABELS,
    TYPES,
    Sentence,
    entity_scores,
    read_conll_file,
    split_fold,
    split_heldout,
)
from marsad.analysis.entities.ner.tagger import default_extractor  # noqa: E402
from marsad.analysis.entities.ner.training import tag_batched  # noqa: E402
from marsad.errors import ConfigError  # noqa: E402

ANERCORP = Path("data/anercorp-train/ANERCorp_CamelLab_train.reconstructed.txt")
FASTTEXT = Path("data/ant-fasttext-sg100")
BROWN = Path("data/ant-brown-c500/paths.txt")
#: Brown path prefixes used as features (Ratinov & Roth 2009 use 4, 6, 10 and the full path).
BROWN_PREFIXES = (4, 6, 10, 99)
#: Characters seen fewer times in training map to the unknown-character id (rare letters are noise).
CHAR_MIN_COUNT = 2


@dataclass(frozen=True, slots=True)
class NetSettings:
    """Hyper-parameters of the BiLSTM-CRF and of its training."""

    min_count: int = 5  # fastText words kept: corpus count >= this (5 = the Brown clusters' vocabulary, 77.5k)
    dims: int = 64  # PCA dimensions of the frozen vectors (100 = no reduction): 64 keeps the file at ~5-6 MB
    # (100 dims would be 7.8 MB of int8 vectors alone); the F1 cost of the reduction was not measured
    proj: int = 100  # trained projection of the frozen vector
    char_dim: int = 25
    filters: int = 50
    shape_dim: int = 4
    kind_dim: int = 4
    brown_dim: int = 8
    # trained embedding of words seen >= word_min_count times in training (0 = none); picked on the tune slice:
    # macro 72.7 with 50 vs 69.7 with 0 (dev: 69.9 vs 71.4, i.e. within the +-1.5 seed-to-seed spread)
    word_dim: int = 50
    word_min_count: int = 2
    hidden: int = 100  # LSTM units per direction
    dropout: float = 0.5  # on the LSTM inputs and outputs
    word_dropout: float = 0.05  # tokens whose vector (and Brown ids) are replaced by "no vector" in training
    lr: float = 0.002
    batch: int = 16
    epochs: int = 30
    patience: int = 6  # epochs without a better tune-slice macro-F1 before stopping (best epochs seen: 12-16)
    seed: int = 13

    def __post_init__(self) -> None:
        """Reject sizes and rates outside their useful ranges."""
        if self.word_dim < 0:
            raise ConfigError(f"NetSettings.word_dim={self.word_dim}: use 0 (no trained words) or a size like 50")
        sizes = ("min_count", "word_min_count", "dims", "proj", "char_dim", "filters", "hidden", "batch", "epochs")
        for name in (*sizes, "patience"):
            if getattr(self, name) < 1:
                raise ConfigError(f"NetSettings.{name}={getattr(self, name)}: use a positive value")
        if self.dims > 100:
            raise ConfigError(f"NetSettings.dims={self.dims}: the vectors have 100 dimensions; use 1..100 (64)")
        for name in ("dropout", "word_dropout"):
            if not 0.0 <= getattr(self, name) < 1.0:
                raise ConfigError(f"NetSettings.{name}={getattr(self, name)}: use a rate in [0, 1), e.g. 0.5")
        if self.lr <= 0:
            raise ConfigError(f"NetSettings.lr={self.lr}: use a positive learning rate such as 0.002")


def load_vectors(shared: Path, settings: NetSettings) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Return the kept words, their int8 vectors (PCA-reduced) and the per-dimension scale."""
    words: list[str] = []
    with open(shared / FASTTEXT / "vocab.txt", encoding="utf-8") as fh:
        for line in fh:
            word, count = line.rstrip("\n").split("\t")
            if int(count) < settings.min_count:
                break  # sorted by count, descending
            words.append(word)
    vecs = np.load(shared / FASTTEXT / "vectors.f16.npy")[: len(words)].astype(np.float64)
    if settings.dims < vecs.shape[1]:
        centred = vecs - vecs.mean(axis=0)
        _, _, vt = np.linalg.svd(centred[:20000], full_matrices=False)  # components of the frequent words
        vecs = centred @ vt[: settings.dims].T
    scale = np.abs(vecs).max(axis=0) / 127.0
    codes = np.clip(np.round(vecs / scale), -127, 127).astype(np.int8)
    return words, codes, scale.astype(np.float32)


def load_brown(shared: Path, words: list[str]) -> tuple[np.ndarray, list[int]]:
    """Return (words x prefixes) Brown-prefix ids (0 = no cluster) and the id count of each prefix length."""
    paths: dict[str, str] = {}
    with open(shared / BROWN, encoding="utf-8") as fh:
        for line in fh:
            path, word, _ = line.rstrip("\n").split("\t")
            paths[word] = path
    tables: list[dict[str, int]] = [{} for _ in BROWN_PREFIXES]
    ids = np.zeros((len(words), len(BROWN_PREFIXES)), dtype=np.int16)
    for i, word in enumerate(words):
        path = paths.get(word)
        if path is None:
            continue
        for j, k in enumerate(BROWN_PREFIXES):
            ids[i, j] = tables[j].setdefault(path[:k], len(tables[j]) + 1)
    return ids, [len(t) + 1 for t in tables]


class Net(nn.Module):
    """BiLSTM-CRF over word-type features (mirrors ``NeuralTagger``'s NumPy forward pass)."""

    def __init__(self, s: NetSettings, ft: np.ndarray, n_chars: int, brown_sizes: list[int], n_trained: int) -> None:
        """Create the layers; ``ft`` is the dequantized frozen vector table (its last row: no vector)."""
        super().__init__()
        self.s = s
        self.register_buffer("ft", torch.tensor(ft, dtype=torch.float32))
        self.proj = nn.Linear(ft.shape[1], s.proj)
        self.char_emb = nn.Embedding(n_chars, s.char_dim, padding_idx=0)
        self.conv = nn.Conv1d(s.char_dim, s.filters, 3, padding=1)
        self.shape_emb = nn.Embedding(len(SHAPES), s.shape_dim)
        self.kind_emb = nn.Embedding(KIND_OOV + 1, s.kind_dim)
        self.word_emb = nn.Embedding(n_trained + 1, s.word_dim)
        self.brown_embs = nn.ModuleList(nn.Embedding(n, s.brown_dim) for n in brown_sizes)
        n_in = s.proj + s.filters + s.shape_dim + s.kind_dim + s.word_dim + s.brown_dim * len(brown_sizes)
        n_in += len(GAZ_MARKS)
        self.drop = nn.Dropout(s.dropout)
        self.lstm = nn.LSTM(n_in, s.hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * s.hidden, len(LABELS))
        self.trans = nn.Parameter(torch.zeros(len(LABELS), len(LABELS)))
        self.start = nn.Parameter(torch.zeros(len(LABELS)))
        self.end = nn.Parameter(torch.zeros(len(LABELS)))

    def emissions(self, batch: dict[str, torch.Tensor]) -> torch.Tensor:
        """Return (batch x time x labels) emission scores."""
        chars = batch["chars"]  # (types, MAX_CHARS)
        conv = self.conv(self.char_emb(chars).transpose(1, 2)).transpose(1, 2)
        conv = conv.masked_fill((chars == 0)[..., None], float("-inf")).max(dim=1).values
        inv = batch["inv"]  # (batch, time) -> type
        parts = [
            self.proj(self.ft[batch["row"]]),
            conv[inv],
            self.shape_emb(batch["shape"][inv]),
            self.kind_emb(batch["kind"]),
            self.word_emb(batch["wid"]),
        ]
        parts += [emb(batch["brown"][..., j]) for j, emb in enumerate(self.brown_embs)]
        x = self.drop(torch.cat([*parts, batch["gaz"]], dim=-1))
        packed = nn.utils.rnn.pack_padded_sequence(x, batch["lens"], batch_first=True, enforce_sorted=False)
        out, _ = self.lstm(packed)
        out, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=x.shape[1])
        return self.out(self.drop(out))

    def nll(self, batch: dict[str, torch.Tensor]) -> torch.Tensor:
        """Return the mean CRF negative log-likelihood of the batch's gold label paths."""
        em, tags, mask = self.emissions(batch), batch["tags"], batch["mask"]
        n_b, n_t, _ = em.shape
        ar = torch.arange(n_b)
        gold = self.start[tags[:, 0]] + em[ar, 0, tags[:, 0]]
        alpha = self.start + em[:, 0]
        for t in range(1, n_t):
            m = mask[:, t]
            gold = gold + (self.trans[tags[:, t - 1], tags[:, t]] + em[ar, t, tags[:, t]]) * m
            nxt = torch.logsumexp(alpha[:, :, None] + self.trans[None] + em[:, t, None, :], dim=1)
            alpha = torch.where(m[:, None] > 0, nxt, alpha)
        gold = gold + self.end[tags[ar, batch["lens"] - 1]]
        return (torch.logsumexp(alpha + self.end, dim=1) - gold).mean()


class Corpus:
    """Encoded sentences: word types (with their codes), per-token type ids, gazetteer marks and labels."""

    def __init__(self, encoder: WordEncoder, brown: np.ndarray, n_words: int) -> None:
        """Start with no types; ``brown`` is the (words x prefixes) id table."""
        self.encoder, self.brown, self.n_words = encoder, brown, n_words
        self.types: dict[str, int] = {}
        self.rows: list[int] = []
        self.wids: list[int] = []
        self.kinds: list[int] = []
        self.shapes: list[int] = []
        self.chars: list[tuple[int, ...]] = []

    def type_id(self, token: str) -> int:
        """Return the type id of a token, encoding it on first sight."""
        got = self.types.get(token)
        if got is None:
            code = self.encoder.encode(token)
            got = self.types[token] = len(self.rows)
            self.rows.append(code.row)
            self.wids.append(code.wid)
            self.kinds.append(code.kind)
            self.shapes.append(code.shape)
            self.chars.append(code.chars)
        return got

    def encode(self, sents: list[Sentence], extractor) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Return (type ids, gazetteer multi-hot, label ids) per sentence."""
        lab = {name: i for i, name in enumerate(LABELS)}
        out = []
        for s in sents:
            toks = [t for t, _ in s]
            ids = np.array([self.type_id(t) for t in toks], dtype=np.int64)
            out.append((ids, gazetteer_matrix(extractor, toks), np.array([lab[g] for _, g in s], dtype=np.int64)))
        return out

    def batch(self, items: list[tuple[np.ndarray, np.ndarray, np.ndarray]], word_dropout: float,
              rng: np.random.Generator) -> dict[str, torch.Tensor]:  # fmt: skip
        """Return the padded tensors of a batch of encoded sentences (word dropout applied per token)."""
        lens = [len(i[0]) for i in items]
        n_b, n_t = len(items), max(lens)
        ids = np.zeros((n_b, n_t), dtype=np.int64)
        gaz = np.zeros((n_b, n_t, len(GAZ_MARKS)), dtype=np.float32)
        tags = np.zeros((n_b, n_t), dtype=np.int64)
        for b, (i, g, t) in enumerate(items):
            ids[b, : len(i)], gaz[b, : len(i)], tags[b, : len(i)] = i, g, t
        uniq, inv = np.unique(ids, return_inverse=True)
        inv = inv.reshape(ids.shape)
        rows, kinds, wids = np.array(self.rows)[ids], np.array(self.kinds)[ids], np.array(self.wids)[ids]
        if word_dropout > 0:
            drop = rng.random(ids.shape) < word_dropout
            rows[drop], kinds[drop] = self.n_words, KIND_OOV
            wids[rng.random(ids.shape) < word_dropout] = 0
        chars = np.zeros((len(uniq), MAX_CHARS), dtype=np.int64)
        for k, u in enumerate(uniq.tolist()):
            chars[k, : len(self.chars[u])] = self.chars[u]
        brown = np.vstack([self.brown, np.zeros((1, self.brown.shape[1]), dtype=self.brown.dtype)])[rows]
        mask = np.arange(n_t)[None, :] < np.array(lens)[:, None]
        return {
            "row": torch.from_numpy(rows), "wid": torch.from_numpy(wids), "kind": torch.from_numpy(kinds),
            "inv": torch.from_numpy(inv),
            "shape": torch.from_numpy(np.array(self.shapes)[uniq]), "chars": torch.from_numpy(chars),
            "brown": torch.from_numpy(brown.astype(np.int64)), "gaz": torch.from_numpy(gaz),
            "tags": torch.from_numpy(tags), "mask": torch.from_numpy(mask.astype(np.float32)),
            "lens": torch.tensor(lens, dtype=torch.int64),
        }  # fmt: skip


def export(net: Net, words: list[str], trained: list[str], codes: np.ndarray, scale: np.ndarray, brown: np.ndarray,
           chars: list[str], meta: dict) -> dict[str, np.ndarray]:  # fmt: skip
    """Return the model's arrays as ``NeuralTagger`` reads them (float16 weights, int8 vectors)."""
    sd = {k: v.detach().cpu().numpy().copy() for k, v in net.state_dict().items()}  # copies: training goes on
    f16 = {
        "proj_w": sd["proj.weight"], "proj_b": sd["proj.bias"], "char_emb": sd["char_emb.weight"],
        "conv_w": sd["conv.weight"], "conv_b": sd["conv.bias"], "shape_emb": sd["shape_emb.weight"],
        "kind_emb": sd["kind_emb.weight"], "word_emb": sd["word_emb.weight"], "out_w": sd["out.weight"],
        "out_b": sd["out.bias"],
        "w_ih": np.stack([sd["lstm.weight_ih_l0"], sd["lstm.weight_ih_l0_reverse"]]),
        "w_hh": np.stack([sd["lstm.weight_hh_l0"], sd["lstm.weight_hh_l0_reverse"]]),
        "b": np.stack([sd["lstm.bias_ih_l0"] + sd["lstm.bias_hh_l0"],
                       sd["lstm.bias_ih_l0_reverse"] + sd["lstm.bias_hh_l0_reverse"]]),
    }  # fmt: skip
    for j in range(len(BROWN_PREFIXES)):
        f16[f"brown_emb{j}"] = sd[f"brown_embs.{j}.weight"]
    arrays = {k: v.astype(np.float16) for k, v in f16.items()}
    arrays.update(trans=sd["trans"], start=sd["start"], end=sd["end"], ft=codes, ft_scale=scale, brown=brown)
    arrays["words"] = np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8)
    arrays["trained"] = np.frombuffer("\n".join(trained).encode("utf-8"), dtype=np.uint8)
    arrays["meta"] = np.frombuffer(json.dumps({**meta, "chars": chars}).encode("utf-8"), dtype=np.uint8)
    return arrays


def evaluate(tagger: NeuralTagger, sents: list[Sentence]) -> dict[str, float]:
    """Score the NumPy tagger on sentences tagged in consecutive batches of 256 (as the eval does)."""
    return entity_scores([[g for _, g in s] for s in sents], tag_batched(tagger, [[t for t, _ in s] for s in sents]))


def show(label: str, s: dict[str, float]) -> str:
    """Return one line of per-type, macro and micro F1 (percent)."""
    cols = " ".join(f"{t}={s['f1_' + t] * 100:.1f}" for t in TYPES)
    return f"{label}: {cols} macro={s['macro_f1'] * 100:.2f} micro={s['micro_f1'] * 100:.2f}"


def train(args: argparse.Namespace, s: NetSettings) -> None:
    """Train with epoch selection on the tune slice, write the model, print dev scores."""
    torch.set_num_threads(1)
    random.seed(s.seed)
    np.random.seed(s.seed)
    torch.manual_seed(s.seed)
    rng = np.random.default_rng(s.seed)
    t0 = time.perf_counter()
    every = read_conll_file(args.shared / ANERCORP)
    if args.fold is None:  # the held-out tenth (scoring.HELDOUT_FOLD) is neither trained on nor scored here
        train_part, _, dev = split_heldout(every)
        if not args.hold_dev:  # shipped models: dev trained on too (its tail is the tune slice), scores not honest
            train_part = train_part + dev
    else:
        train_part, dev = split_fold(every, args.fold)
    cut = len(train_part) - round(len(train_part) * args.tune_fraction)
    fit, tune = train_part[:cut], train_part[cut:]
    words, codes, scale = load_vectors(args.shared, s)
    brown, brown_sizes = load_brown(args.shared, words)
    counts = Counter(c for sent in fit for t, _ in sent for c in ft_normalize(t) or t)
    chars = sorted(c for c, n in counts.items() if n >= CHAR_MIN_COUNT)
    wcounts = Counter(ft_normalize(t) or t for sent in fit for t, _ in sent)
    trained = sorted(w for w, n in wcounts.items() if n >= s.word_min_count) if s.word_dim else []
    encoder = WordEncoder.build(words, trained, chars)
    extractor = default_extractor()
    corpus = Corpus(encoder, brown, len(words))
    fit_items = corpus.encode(fit, extractor)
    ft = np.vstack([codes.astype(np.float32) * scale, np.zeros((1, codes.shape[1]), dtype=np.float32)])
    net = Net(s, ft, len(chars) + 2, brown_sizes, len(trained))
    opt = torch.optim.Adam(net.parameters(), lr=s.lr)
    meta = {"version": MODEL_VERSION, "settings": asdict(s), "brown_prefixes": list(BROWN_PREFIXES)}
    print(f"setup {time.perf_counter() - t0:.0f}s: {len(words)} words x {codes.shape[1]}, {len(chars)} chars, "
          f"{len(trained)} trained words, fit {len(fit)} / tune {len(tune)} / dev {len(dev)} sentences",
          flush=True)  # fmt: skip
    best, best_arrays, since = -1.0, None, 0
    order = np.argsort([len(i[0]) for i in fit_items], kind="stable")
    for epoch in range(1, s.epochs + 1):
        net.train()
        noisy = order[np.argsort(np.array([len(fit_items[i][0]) for i in order]) + rng.random(len(order)) * 8)]
        batches = [noisy[i : i + s.batch] for i in range(0, len(noisy), s.batch)]
        rng.shuffle(batches)
        total = 0.0
        for idx in batches:
            opt.zero_grad()
            loss = net.nll(corpus.batch([fit_items[i] for i in idx], s.word_dropout, rng))
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += loss.item() * len(idx)
        net.eval()
        arrays = export(net, words, trained, codes, scale, brown, chars, meta)
        score = evaluate(NeuralTagger(arrays, extractor), tune)
        print(f"epoch {epoch} loss {total / len(fit):.3f} {show('tune', score)} "
              f"({time.perf_counter() - t0:.0f}s)", flush=True)  # fmt: skip
        if score["macro_f1"] > best:
            best, best_arrays, since = score["macro_f1"], arrays, 0
        else:
            since += 1
            if since >= s.patience:
                break
    assert best_arrays is not None
    out = args.out or data_path(MODEL_FILE)
    np.savez_compressed(out, **best_arrays)
    print(f"trained in {time.perf_counter() - t0:.0f}s; wrote {out} ({out.stat().st_size / 1e6:.2f} MB)", flush=True)
    tagger = NeuralTagger.from_file(out, default_extractor())
    print(show("tune (best epoch)", evaluate(tagger, tune)), flush=True)
    scores = evaluate(tagger, dev)
    print(show("dev", scores) + f" P={scores['micro_p'] * 100:.1f} R={scores['micro_r'] * 100:.1f}", flush=True)


def main(argv: list[str] | None = None) -> None:
    """Parse options (every ``NetSettings`` field is an option) and train."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=None, help="model file (default: the package data)")
    ap.add_argument("--tune-fraction", type=float, default=0.05, help="last part of train used to pick the epoch")
    ap.add_argument("--fold", type=int, default=None, help="hold out this tenth of the file instead of the dev split")
    ap.add_argument("--hold-dev", action="store_true", help="hold the dev split out too (models to tune rules on)")
    for name, value in asdict(NetSettings()).items():
        ap.add_argument("--" + name.replace("_", "-"), type=type(value), default=value)
    args = ap.parse_args(argv)
    settings = NetSettings(**{k: getattr(args, k) for k in asdict(NetSettings())})
    train(args, settings)


if __name__ == "__main__":
    main()
