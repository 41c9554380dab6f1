"""Anomaly alerts on the key metrics: a day far from what its recent history predicts.

Watched: DAU, new members, reads, replies, topics, shares, and every custom
metric, each per day (days cut in the community's time zone). Run
``hearth analytics anomalies`` once a day from cron; it is idempotent.

The method, for a metric on day *d* (:mod:`~hearth.analytics.anomalies.method`):

1. **Seasonal baseline.** The values on the same weekday of the 6 weeks
   before *d* (at least 4 known; before the log's first day nothing is
   known); their median is the typical value of that weekday.
2. **Recent level.** Each of the 7 days before *d* against the median of its
   own weekday's 6 weeks; the median of those 7 ratios (kept within ½…2) says
   whether the community is running above or below its usual level. A single
   unusual day among them does not move it.
3. **Expected** = typical × level.
4. **Spread**: the largest of the median absolute deviation of the 6 weekday
   values × 1.4826 (a robust standard deviation) × level; the day-to-day
   noise, the same robust spread of the 28 days before *d* each against its
   weekday's median, × expected (six values of one weekday alone underrate
   it); for counts, √expected (a Poisson count's noise: 100 readers a day
   vary by about 10); and 2 % of expected.
5. **Band** = expected ± threshold × spread (threshold 3 by default, not below
   0); **score** = (value − expected) ÷ spread, signed.
6. **Flag** when the value is outside the band *and* at least a minimum
   absolute change from expected (10 for counts, 5 percentage points for
   ratios), so that tiny numbers raise nothing.

Each alert carries an **explanation** (:mod:`~hearth.analytics.anomalies.explain`):
the segments (channel, region, age band, gender, level, device, board) whose
count on the day differs most from their baseline share of the expected
total — the contribution analysis of the board drill-down.

One alert per metric and day. Re-running updates an open alert, withdraws
an open alert the data no longer support (late rows), and never touches one
that staff acknowledged or dismissed.
"""

from __future__ import annotations

from hearth.analytics.anomalies.services import (
    DetectReport,
    anomalies_detect,
    anomaly_acknowledge,
    anomaly_dismiss,
    detected_metrics,
)

__all__ = [
    "DetectReport",
    "anomalies_detect",
    "anomaly_acknowledge",
    "anomaly_dismiss",
    "detected_metrics",
]
