"""Whole archives on a dask.distributed cluster: ``marsad batch`` (analyse, write Parquet) and ``marsad load``.

Sits just above ``marsad.pipeline`` (``.importlinter``): it reuses the pipeline's reading, extraction, ids and
JSON shapes, and the analysis and store layers below it. Needs the ``batch`` extra (``pip install
"marsad[batch]"``: dask[distributed], pyarrow); nothing here is imported by the rest of Marsad.

Parallel: the per-article analysis (NER, entity resolution, quotes, times), per partition of consecutive articles.
Sequential on the driver: extraction (cheap, in ingest's batches), the merge of the partition entity registries
(one entity per name across the archive) and the near-duplicate and story pass over cheap features, in input order
(``crosspass`` says why and how it stays bounded).
"""

from __future__ import annotations

from marsad.distributed.batch import BatchReport, BatchSettings, run_batch
from marsad.distributed.load import LoadReport, load_tables
from marsad.distributed.tables import INSTALL_HINT, require_batch

__all__ = ["INSTALL_HINT", "BatchReport", "BatchSettings", "LoadReport", "load_tables", "require_batch", "run_batch"]
