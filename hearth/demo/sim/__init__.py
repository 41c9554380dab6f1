"""A vectorised simulation of a community's members and actions (numpy).

The demo (a few thousand members, rows written through the ORM) and the large
benchmark data set (a million members, rows written with the database's bulk
paths) both draw from it, so they carry the same planted effects
(:mod:`hearth.demo.effects`). Times are *wall seconds* since local midnight of
the window's first day; ``Window`` turns them into aware datetimes or UTC epochs.
"""
