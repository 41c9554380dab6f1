"""Members and staff of the large data set, written last so that their counters are final."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from hearth.demo import effects
from hearth.demo.banks import common
from hearth.demo.bulk.large import STAFF_IDS, password_hash, topic_authors
from hearth.demo.sim.engine import Simulation
from hearth.demo.spec import GENDERS
from hearth.demo.writer import STAFF
from hearth.demo.writing import Writer

if TYPE_CHECKING:
    from hearth.demo.bulk.large import LargeLoad

SLICE = 100_000
NICKNAMES = 5000


def write_people(load: LargeLoad, sim: Simulation) -> None:
    m, acc, clock = sim.members, load.acc, load.clock
    n = m.n
    total = n + STAFF_IDS
    topic_count = np.bincount(topic_authors(acc.topics, n), minlength=total)
    reply_count = np.bincount(acc.replies.author, minlength=total)
    hashed = password_hash()
    staff_joined = clock.stamps(np.array([-7 * 86_400 + 36_000]))[0]
    staff = [n + k for k in range(STAFF_IDS)]
    load.write(
        "accounts_user",
        {
            "id": list(range(1, STAFF_IDS + 1)),
            "password": hashed,
            "username": [s.username for s in STAFF],
            "email": [f"{s.username}@gen.hearth.test" for s in STAFF],
            "display_name": [s.display_name for s in STAFF],
            "bio": [s.bio for s in STAFF],
            "is_superuser": [k == 0 for k in range(STAFF_IDS)],
            "is_staff": [k == 0 for k in range(STAFF_IDS)],
            "is_active": True,
            "date_joined": staff_joined,
            "privacy_accepted_at": staff_joined,
            "interests": "[]",
            "topic_count": topic_count[staff].tolist(),
            "reply_count": reply_count[staff].tolist(),
            "likes_received": acc.likes_received[staff].tolist(),
            "follower_count": acc.followers[staff].tolist(),
        },
        STAFF_IDS,
    )
    groups = dict(load.sink.fetch("SELECT name, id FROM auth_group"))
    load.write(
        "accounts_user_groups",
        {
            "user_id": list(range(1, STAFF_IDS + 1)),
            "group_id": [groups[s.role] for s in STAFF],
        },
        STAFF_IDS,
    )
    places = common.region_table()[0]
    provinces = np.array([p for p, _c in places], dtype=object)
    cities = np.array([c for _p, c in places], dtype=object)
    writer = Writer(load.bank, load.o.seed + 1, load.spec.window.today.year)
    nicknames = np.array([writer.nickname() for _ in range(NICKNAMES)], dtype=object)
    syllables = np.array(common.USERNAME_SYLLABLES, dtype=object)
    channels = np.array(effects.CHANNEL_KEYS, dtype=object)
    mediums = np.array([c.utm_medium for c in effects.CHANNELS], dtype=object)
    genders = np.array(GENDERS, dtype=object)
    for lo in range(0, n, SLICE):
        idx = np.arange(lo, min(lo + SLICE, n))
        ids = idx + STAFF_IDS + 1
        names = [
            f"{a}{b}{i}"
            for a, b, i in zip(
                syllables[ids % 30].tolist(),
                syllables[ids // 30 % 30].tolist(),
                ids.tolist(),
                strict=True,
            )
        ]
        joined = clock.stamps(m.join_t[idx])
        load.write(
            "accounts_user",
            {
                "id": ids.tolist(),
                "password": hashed,
                "username": names,
                "email": [f"{name}@gen.hearth.test" for name in names],
                "display_name": nicknames[ids % NICKNAMES].tolist(),
                "is_superuser": False,
                "is_staff": False,
                "is_active": True,
                "date_joined": joined,
                "last_login": clock.stamps(acc.last_t[idx]),
                "privacy_accepted_at": joined,
                "province": provinces[m.region[idx]].tolist(),
                "city": cities[m.region[idx]].tolist(),
                "birth_year": m.birth_year[idx].tolist(),
                "gender": genders[m.gender[idx]].tolist(),
                "interests": "[]",
                "channel": channels[m.channel[idx]].tolist(),
                "utm_source": channels[m.channel[idx]].tolist(),
                "utm_medium": mediums[m.channel[idx]].tolist(),
                "landing_path": "/",
                "topic_count": topic_count[idx].tolist(),
                "reply_count": reply_count[idx].tolist(),
                "likes_received": acc.likes_received[idx].tolist(),
                "follower_count": acc.followers[idx].tolist(),
            },
            len(idx),
        )
