"""Settings: frozen dataclasses, one per stage, built once at the edge (CLI, API) and passed down."""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.errors import ConfigError

#: Largest input file read whole (bytes). 64 MiB covers the largest SaudiNewsNet daily JSON (~8 MB) eightfold;
#: bigger files are rejected with a message rather than exhausting memory.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: A line that recurs in at least this share of one source's articles in a batch is site boilerplate.
#: 0.2 separates SaudiNewsNet's per-site footers (in > 50 % of a source's articles) from repeated
#: datelines such as "الرياض - واس" (which we keep as datelines, not body).
REPEATED_LINE_SHARE = 0.2
#: ... and must recur in at least this many articles (below that, two articles sharing a line is chance).
REPEATED_LINE_MIN_COUNT = 4


@dataclass(frozen=True)
class IngestSettings:
    """How inputs are read and extracted."""

    max_file_bytes: int = MAX_FILE_BYTES
    repeated_line_share: float = REPEATED_LINE_SHARE
    repeated_line_min_count: int = REPEATED_LINE_MIN_COUNT
    default_published: str | None = None  # ISO date applied to inputs that carry none (--published)
    default_source: str | None = None

    def __post_init__(self) -> None:
        """Reject impossible values with the fix."""
        if self.max_file_bytes <= 0:
            raise ConfigError(f"max_file_bytes={self.max_file_bytes}: give a positive byte count, e.g. 67108864")
        if not 0 < self.repeated_line_share <= 1:
            raise ConfigError(f"repeated_line_share={self.repeated_line_share}: give a share in (0, 1], e.g. 0.2")
        if self.repeated_line_min_count < 2:
            raise ConfigError(f"repeated_line_min_count={self.repeated_line_min_count}: give 2 or more")
        if self.default_published is not None:
            from datetime import datetime

            try:
                datetime.fromisoformat(self.default_published)
            except ValueError:
                raise ConfigError(
                    f"--published {self.default_published!r} is not an ISO date: write it like 2019-04-25"
                ) from None


#: The analysis stages a run can skip (``marsad ingest --skip STAGE``).
ANALYSIS_STAGES = ("entities", "quotes", "times", "dedup", "stories")


@dataclass(frozen=True)
class AnalysisSettings:
    """Which analysis stages run."""

    entities: bool = True
    quotes: bool = True
    times: bool = True
    stories: bool = True
    dedup: bool = True


@dataclass(frozen=True)
class Settings:
    """All settings of one run."""

    ingest: IngestSettings = field(default_factory=IngestSettings)
    analysis: AnalysisSettings = field(default_factory=AnalysisSettings)
    norm_profile: str = "match.v1"
