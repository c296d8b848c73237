"""The SaudiNewsNet benchmark corpus (read from ``../shared``): records, subsets and JSONL copies."""

from __future__ import annotations

import json
import zipfile
from functools import cache
from pathlib import Path

DATASET = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "saudinewsnet" / "dataset"


@cache
def records() -> tuple[dict, ...]:
    """All 31,030 SaudiNewsNet records in file order; raise naming the folder when it is missing."""
    if not DATASET.is_dir():
        raise FileNotFoundError(f"{DATASET}: the SaudiNewsNet zips are needed for this benchmark (../shared/data)")
    out: list[dict] = []
    for z in sorted(DATASET.glob("*.zip")):
        with zipfile.ZipFile(z) as archive:
            for name in sorted(archive.namelist()):
                out.extend(json.loads(archive.read(name)))
    return tuple(out)


def write_jsonl(recs: tuple[dict, ...] | list[dict], path: Path) -> int:
    """Write records as JSON Lines; return the byte size."""
    with path.open("w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path.stat().st_size
