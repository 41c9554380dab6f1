"""Watched words: validation naming the row, one-pass matching, board scope, censoring."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hearth.moderation.text.lexicon import Action, Category, Entry, Lexicon, LexiconError

ROOT = Path(__file__).resolve().parents[2]


def entry(term: str, **fields: object) -> Entry:
    values: dict[str, object] = {"category": "advertising", "action": "hold", "severity": 2}
    values.update(fields)
    return Entry(term, **values)  # type: ignore[arg-type]


def test_scan_finds_every_word_with_its_rule_and_original_span() -> None:
    lexicon = Lexicon.compile(
        [entry("加微信"), entry("傻逼", category="vulgar", action="replace", severity=3)]
    )
    text = "快 加-微 信，别理那个傻 逼"
    hits = lexicon.scan(text)
    assert [(h.term, h.category, h.action, h.severity) for h in hits] == [
        ("加微信", Category.ADVERTISING, Action.HOLD, 2),
        ("傻逼", Category.VULGAR, Action.REPLACE, 3),
    ]
    assert [h.matched for h in hits] == ["加-微 信", "傻 逼"]
    assert text[hits[1].start : hits[1].end] == "傻 逼"


def test_censor_replaces_only_replace_hits_in_the_original_text() -> None:
    lexicon = Lexicon.compile(
        [entry("刷单"), entry("傻逼", action="replace"), entry("他妈的", action="replace")]
    )
    text = "刷单的都是傻❤逼，他媽 的！"
    assert lexicon.censor(text, lexicon.scan(text)) == "刷单的都是***，***！"


def test_overlapping_replace_hits_are_merged() -> None:
    lexicon = Lexicon.compile([entry("你妈", action="replace"), entry("妈的", action="replace")])
    text = "你妈的"
    assert lexicon.censor(text, lexicon.scan(text)) == "***"


def test_board_scope() -> None:
    lexicon = Lexicon.compile([entry("代购", board_id=7), entry("赌博", category="illegal")])
    assert {h.term for h in lexicon.scan("代购 赌博")} == {"赌博"}
    assert {h.term for h in lexicon.scan("代购 赌博", board_id=7)} == {"代购", "赌博"}
    assert {h.term for h in lexicon.scan("代购 赌博", board_id=8)} == {"赌博"}


def test_entry_variants_and_configured_variants() -> None:
    lexicon = Lexicon.compile(
        [entry("加微信", variants=("加薇信",))], variants={"vx": "微信", "weixin": "微信"}
    )
    for text in ("加薇❤信", "加VX", "加 wei xin", "加ｖｘ"):
        assert [h.term for h in lexicon.scan(text)] == ["加微信"], text


def test_latin_words_must_stand_alone() -> None:
    lexicon = Lexicon.compile([entry("ass", category="vulgar")])
    assert lexicon.scan("a glass of water, class") == []
    assert [h.matched for h in lexicon.scan("you a.s.s!")] == ["a.s.s"]


def test_empty_lexicon_scans_nothing() -> None:
    assert Lexicon.compile([]).scan("任何内容") == []


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        (entry("  "), "empty"),
        (entry("(a+)+"), "regular expression"),
        (entry(r"\d+元"), "regular expression"),
        (entry("刷.*单"), "regular expression"),
        (entry("刷单", category="spam"), "unknown category"),
        (entry("刷单", action="delete"), "unknown action"),
        (entry("刷单", severity=5), "severity"),
        (entry("刷单", severity="high"), "severity"),
        (entry("!!!"), "no letters"),
    ],
)
def test_bad_entries_name_their_row_and_nothing_is_compiled(bad: Entry, words: str) -> None:
    with pytest.raises(LexiconError) as caught:
        Lexicon.compile([entry("加微信"), entry("代开发票"), bad])
    (error,) = caught.value.errors
    assert error.row == 3
    assert "Row 3" in error.message
    assert words in error.message


def test_every_bad_row_is_reported_with_its_own_number() -> None:
    with pytest.raises(LexiconError) as caught:
        Lexicon.compile([entry("", row=10), entry("ok", row=11), entry("x", category="?", row=12)])
    assert [e.row for e in caught.value.errors] == [10, 12]


def test_literal_plus_signs_are_not_mistaken_for_regexes() -> None:
    lexicon = Lexicon.compile([entry("c++代写", category="custom")])
    assert len(lexicon.scan("C++代写作业")) == 1


def test_bench_runs_on_a_small_lexicon(shared_data: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "moderation.py"), "--terms", "300", "--posts",
         "200", "--baseline-posts", "20"],
        capture_output=True, text=True, check=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    result = json.loads(done.stdout)
    assert result["lexicon_terms"] == 300
    assert (result["posts"], result["baseline_posts"]) == (200, 20)
    assert min(result["posts_per_s"], result["baseline_posts_per_s"], result["avg_chars"]) > 0
    assert {"word_hits", "detector_signals", "engine_seconds"} <= result.keys()


def test_row_errors_are_translated() -> None:
    from django.utils import translation

    from hearth.moderation.text import Entry, Lexicon, LexiconError

    with translation.override("zh-hans"), pytest.raises(LexiconError) as caught:
        Lexicon.compile([Entry(term="", category="vulgar", action="block", severity=2, row=3)])
    assert caught.value.errors[0].message == "第 3 行：词条为空。"
