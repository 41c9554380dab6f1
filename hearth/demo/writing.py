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

    def subjects(self, board: int) -> tuple[str, str]:
        """A topic's main subject and a second one, from its board."""
        subjects = self.bank.boards[board].subjects
        if len(subjects) < 2:
            return subjects[0], subjects[0]
        first, second = self.rng.sample(subjects, 2)
        return first, second

    def _fill(
        self, template: str, board: int, city: str, subjects: tuple[str, str] | None = None
    ) -> str:
        s, s2 = subjects or self.subjects(board)
        return template.format(s=s, s2=s2, n=self.rng.randint(3, 12), y=self.year, city=city)

    def title(
        self, *, board: int, city: str, staff: bool = False, subjects: tuple[str, str] | None = None
    ) -> str:
        templates = self.bank.pgc_titles if staff else self.bank.titles
        return self._fill(self.rng.choice(templates), board, city, subjects)[:120]

    def topic_body(
        self, *, board: int, city: str, staff: bool = False, subjects: tuple[str, str] | None = None
    ) -> str:
        """Paragraphs about the topic's subjects (``subjects``, else drawn per paragraph)."""
        rng = self.rng

        def fill(template: str) -> str:
            return self._fill(template, board, city, subjects)

        if staff:
            parts = [fill(p) for p in rng.sample(self.bank.pgc_paragraphs, 2)]
        else:
            parts = [fill(rng.choice(self.bank.openings))]
        parts.extend(fill(m) for m in rng.sample(self.bank.middles, rng.randint(1, 3)))
        if staff or rng.random() < 0.3:
            points = rng.sample(self.bank.points, min(3, len(self.bank.points)))
            parts.append("几点体会：\n\n" + "\n".join(f"- {p}" for p in points))
        parts.append(fill(rng.choice(self.bank.closings)))
        return "\n\n".join(parts)

    def topic(self, *, board: int, city: str, staff: bool = False) -> tuple[str, str, str]:
        """Title, body and main subject of a topic that stays on one subject."""
        subjects = self.subjects(board)
        title = self.title(board=board, city=city, staff=staff, subjects=subjects)
        body = self.topic_body(board=board, city=city, staff=staff, subjects=subjects)
        return title, body, subjects[0]

    def reply_body(self, *, board: int, mention: str = "", subject: str = "") -> str:
        """A short reply; mostly about ``subject`` (the topic's) when it is given."""
        rng = self.rng
        subjects = self.subjects(board)
        if subject and rng.random() < 0.7:
            subjects = (subject, subjects[1] if subjects[1] != subject else subjects[0])
        pool = self.bank.replies if rng.random() < 0.4 else common.REPLIES
        text = rng.choice(common.REPLY_OPENERS) + self._fill(rng.choice(pool), board, "", subjects)
        if rng.random() < 0.25:
            text += self._fill(rng.choice(common.REPLIES), board, "", subjects)
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
