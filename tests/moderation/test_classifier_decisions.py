"""Review decisions as labels, and training from them (command and service)."""

# ruff: noqa: F401, F811 (pytest fixtures imported from the fixture modules are parameters here)
from __future__ import annotations

import json
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from hearth.community.services import topic_edit
from hearth.moderation.classifier.decisions import decision_label_count, decision_labels
from hearth.moderation.classifier.labels import TrainingError
from hearth.moderation.classifier.train import (
    DECISION_WEIGHT,
    MIN_DECISIONS_PER_CLASS,
    train_from_decisions,
    train_from_rows,
)
from hearth.moderation.models import AuditEntry, ClassifierModel, ReviewItem
from tests.moderation.classifier_fixtures import (
    _var_dir,
    decide,
    decided_rude_and_kind,
    make_topic,
    queue_defaults,
    synthetic,
    writer,
)

pytestmark = pytest.mark.django_db


def _labels(category: str) -> dict[str, int]:
    return {d.text.split("\n", 1)[1]: d.label for d in decision_labels(category)}


def test_a_rejection_labels_the_category_of_its_rule(decide: Callable[..., ReviewItem]) -> None:
    decide("你这个傻逼", "rejected", rule="be-respectful")
    decide("加微信领优惠", "rejected", rule="no-ads")
    decide("搬运别人的文章", "rejected", rule="no-infringement")
    assert _labels("offensive") == {"你这个傻逼": 1}
    assert _labels("spam") == {"加微信领优惠": 1}


def test_approved_edited_and_overturned_texts_are_negatives(
    decide: Callable[..., ReviewItem],
) -> None:
    decide("今天天气不错", "approved")
    decide("改过的文字", "edited")
    decide("被误判的吐槽", "rejected", rule="no-vulgarity", overturned=True)
    assert _labels("offensive") == {"今天天气不错": 0, "改过的文字": 0, "被误判的吐槽": 0}
    assert _labels("spam") == _labels("offensive")


def test_without_a_rule_the_reasons_categories_count(decide: Callable[..., ReviewItem]) -> None:
    decide("骂人的话", "rejected", reasons=("abuse",))
    decide("广告的话", "rejected", reasons=("advertising", "custom"))
    decide("不知道为什么", "rejected")
    assert _labels("offensive") == {"骂人的话": 1}
    assert _labels("spam") == {"广告的话": 1}


def test_only_the_latest_decision_on_a_text_counts(
    decide: Callable[..., ReviewItem], writer: Any
) -> None:
    first = decide("原来骂人的话", "rejected", rule="be-respectful")
    topic = type(writer).objects.get(pk=writer.pk).topics.get(pk=first.content_id)
    topic_edit(editor=writer, topic=topic, title=topic.title, body="改好了的话")
    decide("", "approved", topic=topic)
    assert _labels("offensive") == {"改好了的话": 0}
    assert decision_label_count("offensive") == {0: 1, 1: 0}


def test_counts_since_a_moment(decide: Callable[..., ReviewItem]) -> None:
    old = decide("旧的骂人", "rejected", rule="be-respectful")
    decide("新的骂人", "rejected", rule="be-respectful")
    assert decision_label_count("offensive", since=old.decided_at) == {0: 0, 1: 1}
    assert decision_label_count("offensive") == {0: 0, 1: 2}


def test_too_few_decisions_say_how_many_are_needed(
    decided_rude_and_kind: Callable[[int], None],
) -> None:
    decided_rude_and_kind(7)
    message = (
        f"needs at least {MIN_DECISIONS_PER_CLASS} rejected and {MIN_DECISIONS_PER_CLASS} "
        "approved texts; the decisions give 7 and 7"
    )
    with pytest.raises(TrainingError, match=message):
        train_from_decisions("offensive")
    with pytest.raises(CommandError, match=message):
        call_command("moderation", "train", "--from-decisions", "--category", "offensive")
    assert not ClassifierModel.objects.exists()


def test_a_category_decisions_cannot_label_is_refused(queue_defaults: None) -> None:
    with pytest.raises(TrainingError, match="give no labels for “infringing-ish”"):
        train_from_decisions("infringing-ish")


def test_training_from_decisions_alone(decided_rude_and_kind: Callable[[int], None]) -> None:
    decided_rude_and_kind(MIN_DECISIONS_PER_CLASS + 5)
    out = StringIO()
    call_command("moderation", "train", "--from-decisions", "--category", "offensive", stdout=out)
    summary = json.loads(out.getvalue())
    assert (summary["version"], summary["sources"]) == (1, {"decisions": 50})
    assert summary["f1"] >= 0.9
    assert summary["train_size"] + summary["test_size"] == 50
    assert summary["split"] == {"held_out": 0.2, "seed": 0, "stratified": True}
    model = ClassifierModel.objects.get()
    assert model.trained_on == "review-decisions"
    entry = AuditEntry.objects.get(action="classifier.train")
    assert (entry.actor, entry.target_kind, entry.target_id) == (None, "classifier", model.pk)
    assert entry.before == {}
    assert entry.after["version"] == 1


def test_file_rows_with_decisions_weigh_decisions_up(
    decided_rude_and_kind: Callable[[int], None], tmp_path: Path
) -> None:
    decided_rude_and_kind(10)
    texts, labels = synthetic(100)
    model = train_from_rows(
        texts, labels, "offensive", positive="spam", trained_on="file.csv", with_decisions=True
    )
    assert model.trained_on == "file.csv + review-decisions"
    assert model.metrics["sources"] == {"file": 100, "decisions": 20}
    assert model.metrics["decision_weight"] == DECISION_WEIGHT
    assert model.metrics["decisions"]["rows"] == 4  # stratified: 20 % of the decisions held out
    assert model.version == 1


def test_the_command_adds_decisions_to_a_file_and_versions_increase(
    decided_rude_and_kind: Callable[[int], None], tmp_path: Path
) -> None:
    decided_rude_and_kind(10)
    texts, labels = synthetic(100)
    path = tmp_path / "rows.tsv"
    path.write_text("".join(f"{lab}\t{t}\n" for t, lab in zip(texts, labels, strict=True)), "utf-8")
    for expected in (1, 2):
        out = StringIO()
        call_command(
            "moderation", "train", "--tsv", str(path), "--category", "offensive",
            "--with-decisions", stdout=out,
        )  # fmt: skip
        summary = json.loads(out.getvalue())
        assert summary["version"] == expected
        assert summary["sources"] == {"file": 100, "decisions": 20}
        assert summary["recipe"] == {"tsv": str(path.resolve())}
    second = AuditEntry.objects.filter(action="classifier.train").order_by("pk").last()
    assert second is not None
    assert second.before["version"] == 1
    assert second.after["version"] == 2
