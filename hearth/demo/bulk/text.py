"""Short texts for the large data set: titles per topic, bodies from a rendered pool."""

from __future__ import annotations

from hearth.core import markdown
from hearth.demo.banks import ThemeBank
from hearth.demo.rows import Renderer
from hearth.demo.writing import Writer

TOPIC_BODIES_PER_BOARD = 40
REPLY_BODIES_PER_BOARD = 60


class TextPool:
    """Topic and reply bodies rendered once each (per board), reused across rows."""

    def __init__(self, bank: ThemeBank, seed: int, year: int) -> None:
        self.writer = Writer(bank, seed, year)
        render = Renderer()
        self.topics: list[list[tuple[str, str, str]]] = []
        self.subjects: list[list[tuple[str, str]]] = []
        self.replies: list[list[tuple[str, str]]] = []
        for board in range(len(bank.boards)):
            subjects = [self.writer.subjects(board) for _ in range(TOPIC_BODIES_PER_BOARD)]
            bodies = [self.writer.topic_body(board=board, city="", subjects=s) for s in subjects]
            self.subjects.append(subjects)
            self.topics.append([(b, render(b), markdown.excerpt(b)) for b in bodies])
            replies = [self.writer.reply_body(board=board) for _ in range(REPLY_BODIES_PER_BOARD)]
            self.replies.append([(b, render(b)) for b in replies])
