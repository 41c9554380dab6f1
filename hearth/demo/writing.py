"""Chinese text for the demo: names, titles, topic bodies and replies from the word banks."""

from __future__ import annotations

import random

from hearth.demo.banks import ThemeBank, common


class Writer:
    """Composes text deterministically from a seed."""

    def __init__(self, bank: ThemeBank, seed: int, year: int) -> None:
        self.bank = bank
        self.rng = random.Random(seed)
        self.year = year

    def _fill(self, template: str, board: int, city: str) -> str:
        subjects = self.bank.boards[board].subjects
        s, s2 = self.rng.sample(subjects, 2) if len(subjects) > 1 else (subjects[0],) * 2
        return template.format(s=s, s2=s2, n=self.rng.randint(3, 12), y=self.year, city=city)

    def title(self, *, board: int, city: str, staff: bool = False) -> str:
        templates = self.bank.pgc_titles if staff else self.bank.titles
        return self._fill(self.rng.choice(templates), board, city)[:120]

    def topic_body(self, *, board: int, city: str, staff: bool = False) -> str:
        rng = self.rng
        if staff:
            parts = [self._fill(p, board, city) for p in rng.sample(self.bank.pgc_paragraphs, 2)]
        else:
            parts = [self._fill(rng.choice(self.bank.openings), board, city)]
        middles = rng.sample(self.bank.middles, rng.randint(1, 3))
        parts.extend(self._fill(m, board, city) for m in middles)
        if staff or rng.random() < 0.3:
            points = rng.sample(self.bank.points, min(3, len(self.bank.points)))
            parts.append("几点体会：\n\n" + "\n".join(f"- {p}" for p in points))
        parts.append(self._fill(rng.choice(self.bank.closings), board, city))
        return "\n\n".join(parts)

    def reply_body(self, *, board: int, mention: str = "") -> str:
        rng = self.rng
        pool = self.bank.replies if rng.random() < 0.4 else common.REPLIES
        text = rng.choice(common.REPLY_OPENERS) + self._fill(rng.choice(pool), board, "")
        if rng.random() < 0.25:
            text += self._fill(rng.choice(common.REPLIES), board, "")
        return f"@{mention} {text}" if mention else text

    def nickname(self) -> str:
        rng = self.rng
        form = rng.random()
        if form < 0.4:
            return rng.choice(common.NICK_ADJECTIVES) + "的" + rng.choice(common.NICK_THINGS)
        if form < 0.7:
            return rng.choice(common.NICK_PREFIXES) + rng.choice(common.NICK_THINGS)
        return rng.choice(common.GIVEN_NAMES) + rng.choice(("", "", "酱", "同学", "呀"))

    def username(self, taken: set[str]) -> str:
        rng = self.rng
        while True:
            name = "".join(rng.sample(common.USERNAME_SYLLABLES, rng.randint(2, 3)))
            if rng.random() < 0.7:
                name += str(rng.randint(1, 9999))
            if name not in taken:
                taken.add(name)
                return name

    def bio(self, *, city: str, interests: list[str]) -> str:
        i1 = interests[0] if interests else "生活"
        i2 = interests[1] if len(interests) > 1 else "读书"
        return self.rng.choice(common.BIO_TEMPLATES).format(city=city, i1=i1, i2=i2)
