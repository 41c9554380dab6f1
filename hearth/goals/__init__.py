"""Goals (目标), initiatives and strategy: what the community aims at, tracked against live data.

* a goal names a metric of analytics, a baseline, a target and a deadline;
  its progress, forecast and status are recomputed daily and kept per day;
* an initiative is a plan item linked to goals (boards opened, merged or
  closed are initiatives too), with its measured impact;
* strategy holds the positioning, the long-term aims, the content mix
  targets per board and the competitors' public figures.
"""
