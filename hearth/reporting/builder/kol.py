"""Rising KOL candidates: members whose influence grew most against the period before.

A member's influence over some days is what others did with what they wrote:

* each reply by someone else to one of their topics counts ``REPLY_WEIGHT`` (3);
* each like they received (on a topic or a reply: ``like_received``) counts ``LIKE_WEIGHT`` (2);
* each read of one of their topics by someone else counts ``READ_WEIGHT`` (0.5).

Only members' topics (UGC) count, and staff are left out: a KOL candidate is a member
the community could invite, sponsor or feature.

Candidates have at least ``MIN_SCORE`` (20) this period and a growth of at least
``MIN_GROWTH`` (10) points, so a handful of reads does not make a KOL; they are ranked
by the growth in points (then by this period's score).
"""

from __future__ import annotations

from django.db.models import Count

from hearth.accounts.models import MemberFollow, User
from hearth.reporting.builder.content import member_names, missing_member
from hearth.reporting.builder.context import Context
from hearth.reporting.sections import KolRow

REPLY_WEIGHT, LIKE_WEIGHT, READ_WEIGHT = 3.0, 2.0, 0.5
MIN_SCORE, MIN_GROWTH = 20.0, 10.0
TOP = 10

_INFLUENCE = """
WITH received AS (
  SELECT t.author_id AS member_id, a.day AS day,
         CASE WHEN a.action = 'reply' THEN {reply} ELSE {read} END AS points
  FROM activity AS a JOIN topics AS t ON t.topic_id = a.topic_id
  WHERE a.day BETWEEN {first} AND {end} AND a.action IN ('reply', 'read')
    AND a.member_id <> t.author_id AND t.kind = 'ugc'
  UNION ALL
  SELECT member_id, day, {like} AS points FROM activity
  WHERE day BETWEEN {first} AND {end} AND action = 'like_received'
), scored AS (
  SELECT member_id,
         SUM(CASE WHEN day >= {start} THEN points ELSE 0 END) AS score,
         SUM(CASE WHEN day < {start} THEN points ELSE 0 END) AS previous
  FROM received GROUP BY member_id
)
SELECT member_id, score, previous FROM scored
WHERE score >= {min_score} AND score - previous >= {min_growth}
ORDER BY score - previous DESC, score DESC, member_id
LIMIT 40
"""


def kol_candidates(ctx: Context) -> list[KolRow]:
    first, _last = ctx.previous
    sql = _INFLUENCE.replace("{reply}", str(REPLY_WEIGHT)).replace("{read}", str(READ_WEIGHT))
    sql = sql.replace("{like}", str(LIKE_WEIGHT)).replace("{min_score}", str(MIN_SCORE))
    sql = sql.replace("{min_growth}", str(MIN_GROWTH))
    found = ctx.rows(sql, first=first, start=ctx.period.start, end=ctx.period.end)
    staff = set(
        User.objects.filter(pk__in=[int(r[0]) for r in found], is_staff=True).values_list(
            "pk", flat=True
        )
    )
    found = [r for r in found if int(r[0]) not in staff][:TOP]
    ids = [int(r[0]) for r in found]
    names = member_names(ids)
    followers = dict(
        MemberFollow.objects.filter(followed__in=ids)
        .values("followed")
        .annotate(n=Count("pk"))
        .values_list("followed", "n")
    )
    rows: list[KolRow] = []
    for pk, score, previous in found:
        before = float(previous or 0)
        rows.append(
            KolRow(
                member_id=int(pk),
                name=names.get(int(pk)) or missing_member(int(pk)),
                score=round(float(score), 1),
                previous=round(before, 1),
                growth=round((float(score) - before) / before, 4) if before else None,
                followers=int(followers.get(int(pk), 0)),
            )
        )
    return rows
