"""The classifier: training from labelled rows and files, versioned models, scoring, bad input."""

from __future__ import annotations

import csv
import json
import random
from io import StringIO
from pathlib import Path
from typing import Any

import joblib
import pytest
from django.core.management import CommandError, call_command

from hearth.moderation.classifier.features import prepare
from hearth.moderation.classifier.labels import TrainingError, read_labelled_file
from hearth.moderation.classifier.model import artefact_dir, score
from hearth.moderation.classifier.train import train_from_rows
from hearth.moderation.models import ClassifierModel

SPAM_WORDS = [
    "加微信",
    "免费领取",
    "兼职日结",
    "代理招募",
    "点击链接",
    "优惠券",
    "win cash",
    "free prize",
]
CLEAN_WORDS = [
    "今天天气",
    "这本书",
    "周末聚会",
    "代码评审",
    "版主辛苦",
    "电影不错",
    "thanks all",
    "nice photo",
]


def synthetic(n: int = 120, seed: int = 1) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    texts, labels = [], []
    for i in range(n):
        spam = i % 2 == 0
        words = rng.sample(SPAM_WORDS if spam else CLEAN_WORDS, 3) + rng.sample(CLEAN_WORDS, 1)
        texts.append(" ".join(words))
        labels.append("spam" if spam else "ham")
    return texts, labels


@pytest.fixture(autouse=True)
def _var_dir(settings: Any, tmp_path: Path) -> Path:
    settings.HEARTH_VAR_DIR = tmp_path / "var"
    return Path(settings.HEARTH_VAR_DIR)


@pytest.mark.django_db
def test_training_writes_a_measured_version_and_its_artefact() -> None:
    texts, labels = synthetic()
    model = train_from_rows(texts, labels, "spam", trained_on="synthetic")
    assert model.version == 1
    assert model.trained_on == "synthetic"
    assert model.metrics["f1"] >= 0.9
    assert model.metrics["precision"] > 0
    assert model.metrics["recall"] > 0
    assert model.metrics["train_size"] + model.metrics["test_size"] == len(texts)
    assert model.metrics["positive_label"] == "spam"
    assert (artefact_dir() / model.artefact_path).is_file()


@pytest.mark.django_db
def test_the_stored_version_is_refitted_on_every_row_after_measuring() -> None:
    texts, labels = synthetic()
    # one character of its own per text: only a model fitted on a text knows its character
    own = [c for c in map(chr, range(0x4E00 + 700, 0x4E00 + 1200)) if prepare(c) == c]
    held_out = own[: len(texts)]
    marked = [f"{text} {char}" for text, char in zip(texts, held_out, strict=True)]
    refitted = train_from_rows(marked, labels, "spam")
    measured = train_from_rows(marked, labels, "spam", refit=False)
    assert refitted.metrics["refit_rows"] == len(texts)
    assert measured.metrics["refit_rows"] is None
    assert refitted.metrics["f1"] == measured.metrics["f1"]  # the same measurement
    known = {
        model.pk: joblib.load(artefact_dir() / model.artefact_path).featurizer.views["chars"]
        for model in (refitted, measured)
    }
    assert all(char in known[refitted.pk] for char in held_out)
    assert sum(char not in known[measured.pk] for char in held_out) == measured.metrics["test_size"]


@pytest.mark.django_db
def test_scores_come_from_the_latest_version_of_each_category() -> None:
    texts, labels = synthetic()
    first = train_from_rows(texts, labels, "spam")
    flipped = ["ham" if label == "spam" else "spam" for label in labels]
    second = train_from_rows(texts, flipped, "spam")
    assert second.version == first.version + 1
    [spammy, clean] = score(["加微信 免费领取 代理招募", "今天天气 电影不错 这本书"])
    assert set(spammy) == {"spam"}
    assert spammy["spam"] < 0.5 < clean["spam"]  # the flipped labels of version 2 win
    assert all(0.0 <= value <= 1.0 for value in (*spammy.values(), *clean.values()))


@pytest.mark.django_db
def test_without_a_model_scores_are_empty() -> None:
    assert score(["任何文字", "anything"]) == [{}, {}]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("labels", "positive", "message"),
    [
        (["spam", "ham", "", "ham"], None, "Row 3 has an empty label"),
        (["spam", "ham", "maybe", "ham"], None, "Row 3 has an unknown label value 'maybe'"),
        (["a", "b", "c", "a"], "a", "Row 3 has an unknown label value 'c'"),
        (["spam", "spam", "spam", "spam"], None, "fewer than 2 classes"),
        (["spam", "ham", "ham", "ham"], None, "at least 5 rows"),
    ],
)
def test_bad_labels_name_the_row_and_save_nothing(
    labels: list[str], positive: str | None, message: str
) -> None:
    with pytest.raises(TrainingError, match=message):
        train_from_rows(["一", "二", "三", "四"], labels, "spam", positive=positive)
    assert not ClassifierModel.objects.exists()
    assert not artefact_dir().exists() or not any(artefact_dir().iterdir())


def test_a_missing_file_or_column_is_named(tmp_path: Path) -> None:
    with pytest.raises(TrainingError, match="No such file"):
        read_labelled_file(tmp_path / "absent.csv", text_column="t", label_column="l", tsv=False)
    path = tmp_path / "rows.csv"
    path.write_text("body,label\nhello,1\n", encoding="utf-8")
    with pytest.raises(TrainingError, match="text column 'TEXT' is not in the file"):
        read_labelled_file(path, text_column="TEXT", label_column="label", tsv=False)
    with pytest.raises(TrainingError, match="label column 'kind' is not in the file"):
        read_labelled_file(path, text_column="body", label_column="kind", tsv=False)


def test_row_numbers_are_file_lines(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("text,label\nhello,1\nbye,\n", encoding="utf-8")
    rows = read_labelled_file(path, text_column="text", label_column="label", tsv=False)
    with pytest.raises(TrainingError, match="Row 3 has an empty label"):
        train_from_rows(rows.texts, rows.labels, "spam", row_numbers=rows.row_numbers)


def _write_csv(path: Path, texts: list[str], labels: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "body", "kind"])
        writer.writerows(
            [i, t, label] for i, (t, label) in enumerate(zip(texts, labels, strict=False))
        )


@pytest.mark.django_db
def test_the_command_trains_from_csv_and_tsv(tmp_path: Path) -> None:
    texts, labels = synthetic()
    csv_path = tmp_path / "labelled.csv"
    _write_csv(csv_path, texts, labels)
    out = StringIO()
    call_command(
        "moderation",
        "train",
        "--csv",
        str(csv_path),
        "--text-column",
        "body",
        "--label-column",
        "kind",
        "--category",
        "ads",
        "--positive",
        "spam",
        "--seed",
        "3",
        stdout=out,
    )
    summary = json.loads(out.getvalue())
    assert summary["category"] == "ads"
    assert summary["version"] == 1
    assert summary["f1"] >= 0.9
    tsv_path = tmp_path / "sms.tsv"
    tsv_path.write_text(
        "".join(f"{lab}\t{t}\n" for t, lab in zip(texts, labels, strict=False)), "utf-8"
    )
    call_command("moderation", "train", "--tsv", str(tsv_path), "--category", "ads", stdout=out)
    latest = ClassifierModel.objects.get(category="ads", version=2)
    assert latest.trained_on == "sms.tsv"


@pytest.mark.django_db
def test_the_command_reports_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "labelled.csv"
    _write_csv(path, ["一", "二"], ["spam", "ham"])
    with pytest.raises(CommandError, match="text column 'TEXT'"):
        call_command(
            "moderation",
            "train",
            "--csv",
            str(path),
            "--text-column",
            "TEXT",
            "--label-column",
            "kind",
            "--category",
            "ads",
        )
    assert not ClassifierModel.objects.exists()


@pytest.mark.django_db
def test_trained_on_a_slice_of_cold_it_finds_offensive_text(shared_data: Path) -> None:
    rows = read_labelled_file(
        shared_data / "moderation" / "zh_COLD" / "train.csv",
        text_column="TEXT",
        label_column="label",
        tsv=False,
    )
    model = train_from_rows(rows.texts[:3000], rows.labels[:3000], "offensive", trained_on="COLD")
    assert model.metrics["f1"] >= 0.75
    assert model.metrics["test_size"] == 600


@pytest.mark.django_db
def test_a_group_column_trains_one_expert_per_group(tmp_path: Path) -> None:
    texts, labels = synthetic(240)
    path = tmp_path / "grouped.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["body", "kind", "topic"])
        writer.writerows(
            [t, label, "region" if i % 3 else "race"]
            for i, (t, label) in enumerate(zip(texts, labels, strict=True))
        )
    out = StringIO()
    call_command(
        "moderation", "train", "--csv", str(path), "--text-column", "body",
        "--label-column", "kind", "--group-column", "topic", "--category", "spam", stdout=out,
    )  # fmt: skip
    summary = json.loads(out.getvalue())
    assert summary["groups"] == ["race", "region"]
    assert summary["recipe"]["group_column"] == "topic"


def test_bad_group_columns_and_encodings_are_named(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("body,label\nhello,1\n", encoding="utf-8")
    with pytest.raises(TrainingError, match="group column 'topic' is not in the file"):
        read_labelled_file(
            path, text_column="body", label_column="label", tsv=False, group_column="topic"
        )
    with pytest.raises(TrainingError, match="A group column needs a CSV file"):
        read_labelled_file(path, text_column=None, label_column=None, tsv=True, group_column="t")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("body,label\ncaf\xe9,1\n".encode("latin-1"))
    with pytest.raises(TrainingError, match=r"latin.csv is not UTF-8 text \(byte 14\)"):
        read_labelled_file(latin, text_column="body", label_column="label", tsv=False)
