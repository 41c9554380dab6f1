"""Cut a text into plain and marked pieces, for showing what matched where."""

from __future__ import annotations

from collections.abc import Iterable

Segment = tuple[str, bool]  # (text, marked)


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def segments(
    text: str, spans: Iterable[tuple[int, int]], *, context: int | None = None
) -> list[Segment]:
    """``text`` with ``spans`` marked; with ``context``, only that many characters around
    the first span are kept (``…`` where text was cut), as in a search result."""
    marks = _merged(spans)
    begin, finish = 0, len(text)
    if context is not None and marks:
        begin = max(0, marks[0][0] - context)
        finish = min(len(text), marks[0][1] + context)
        marks = [(max(s, begin), min(e, finish)) for s, e in marks if s < finish]
    pieces: list[Segment] = []
    if begin > 0:
        pieces.append(("…", False))
    cursor = begin
    for start, end in marks:
        if start > cursor:
            pieces.append((text[cursor:start], False))
        pieces.append((text[start:end], True))
        cursor = end
    if finish > cursor:
        pieces.append((text[cursor:finish], False))
    if finish < len(text):
        pieces.append(("…", False))
    return pieces
