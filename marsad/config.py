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
#: Raw documents read before the repeated-line pass and one store transaction. 2,000 holds a SaudiNewsNet
#: daily file (~1,700 articles) in one batch, so per-source footers are seen often enough to be dropped.
BATCH_SIZE = 2000
#: ... and at most this many characters of raw text per batch, so a file of long articles is held a slice at a
#: time (the largest SaudiNewsNet day, 6.5 M characters, is one batch; 8 M characters are ~16-32 MB of text).
BATCH_CHARS = 8_000_000
#: Longest raw text of one article (markup included) that is extracted and analysed; longer is rejected.
#: The longest SaudiNewsNet article has 7.7 k characters, a long news page with its markup ~1 M.
MAX_ARTICLE_CHARS = 2_000_000
#: Seconds one article may spend in extraction and analysis before it is rejected (0: no limit). Full analysis
#: reads ~30 k characters/s on one core, so 60 s passes any article under the size limit on a loaded machine
#: and stops pathological input. Enforced in the main thread (SIGALRM, POSIX); elsewhere it is not.
ARTICLE_SECONDS = 60.0
#: Total uncompressed bytes read from one zip archive, nested archives included: members past it are rejected
#: (a zip bomb's members may each stay under ``max_file_bytes``). The 18 SaudiNewsNet zips hold ~150 MB in all.
MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024
#: Archives inside archives read at most this deep (a zip quine recurses for ever).
MAX_ARCHIVE_DEPTH = 2


@dataclass(frozen=True)
class IngestSettings:
    """How inputs are read and extracted."""

    max_file_bytes: int = MAX_FILE_BYTES
    repeated_line_share: float = REPEATED_LINE_SHARE
    repeated_line_min_count: int = REPEATED_LINE_MIN_COUNT
    default_published: str | None = None  # ISO date applied to inputs that carry none (--published)
    default_source: str | None = None
    batch_size: int = BATCH_SIZE
    batch_chars: int = BATCH_CHARS
    max_article_chars: int = MAX_ARTICLE_CHARS
    article_seconds: float = ARTICLE_SECONDS
    max_archive_bytes: int = MAX_ARCHIVE_BYTES
    max_archive_depth: int = MAX_ARCHIVE_DEPTH

    def __post_init__(self) -> None:
        """Reject impossible values with the fix."""
        for name in ("max_file_bytes", "batch_size", "batch_chars", "max_article_chars", "max_archive_bytes"):
            if (value := getattr(self, name)) <= 0:
                raise ConfigError(f"{name}={value}: give a positive number, e.g. {getattr(IngestSettings, name)}")
        if self.article_seconds < 0 or self.max_archive_depth < 0:
            raise ConfigError(f"article_seconds={self.article_seconds}, max_archive_depth={self.max_archive_depth}: "
                              "give 0 or more (article_seconds=0: no time limit)")
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
