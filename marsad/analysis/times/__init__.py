"""Times: absolute, relative and Hijri time expressions, resolved against the publication date.

Provides ``extract_times`` (the ``TimeExpr`` records of one field) and ``parse_published``. Inside: ``timewords``
(the lexicon and grammar, month names from ``marsad.text.months``), ``timerules`` (one rule per kind of
expression), ``timecalc`` (calendar arithmetic, Hijri conversion). Needs ``marsad.text``.
"""

from marsad.analysis.times.times import TIMES_VERSION, TimeSettings, extract_times, parse_published

__all__ = ["TIMES_VERSION", "TimeSettings", "extract_times", "parse_published"]
