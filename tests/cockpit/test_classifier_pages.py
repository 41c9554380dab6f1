"""Cockpit: the classifier page (versions, labels waiting) and retraining from decisions."""

# ruff: noqa: F401, F811 (pytest fixtures imported from the fixture modules are parameters here)
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.core import roles
from hearth.moderation.classifier.train import MIN_DECISIONS_PER_CLASS, train_from_rows
from hearth.moderation.models import AuditEntry, ClassifierModel
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
PAGE = "cockpit:classifier"
RETRAIN = "cockpit:classifier_retrain"


@pytest.fixture
def manager(make_staff: Callable[..., Any], queue_defaults: None) -> Any:
    return make_staff(roles.COMMUNITY_MANAGER, username="lan")


@pytest.fixture
def moderator(make_staff: Callable[..., Any], queue_defaults: None) -> Any:
    return make_staff(roles.MODERATOR, username="mod")


@pytest.mark.parametrize(
    ("role", "status", "retrain_button"),
    [
        (roles.ADMIN, 200, True),
        (roles.COMMUNITY_MANAGER, 200, True),
        (roles.MODERATOR, 200, False),
        (roles.CONTENT_EDITOR, 403, False),
        (roles.ANALYST, 403, False),
    ],
)
def test_who_sees_the_page_and_who_may_retrain(
    make_staff: Callable[..., Any],
    login: Callable[[Any], Client],
    decided_rude_and_kind: Callable[[int], None],
    role: str,
    status: int,
    retrain_button: bool,
) -> None:
    decided_rude_and_kind(MIN_DECISIONS_PER_CLASS)
    client = login(make_staff(role))
    response = client.get(reverse(PAGE))
    assert response.status_code == status
    if status == 200:
        assert ('data-testid="retrain-offensive"' in response.text) is retrain_button
    posted = client.post(reverse(RETRAIN), {"category": "offensive"})
    assert posted.status_code == (302 if retrain_button else 403)
    assert ClassifierModel.objects.exists() is retrain_button


def test_visitors_are_sent_to_log_in(login: Callable[[Any], Client]) -> None:
    response = login(None).get(reverse(PAGE))
    assert response.status_code == 302
    assert "/login" in response["Location"]


def test_versions_show_their_figures_and_the_live_one(
    manager: Any, login: Callable[[Any], Client], decide: Callable[..., Any]
) -> None:
    texts, labels = synthetic(100)
    first = train_from_rows(texts, labels, "spam", positive="spam", trained_on="sms.tsv")
    second = train_from_rows(texts, labels, "spam", positive="spam", trained_on="sms.tsv")
    decide("加微信领优惠", "rejected", rule="no-ads")  # after both versions: a new label
    decide("今天天气", "approved")
    response = login(manager).get(reverse(PAGE))
    page = response.text
    assert 'data-testid="versions-spam"' in page
    assert f'data-version="{second.version}" class="classifier-live"' in page
    assert f'data-version="{first.version}">' in page
    assert page.count('data-testid="live"') == 1
    assert f"{second.metrics['f1']:.3f}" in page
    assert "<code>sms.tsv</code>" in page
    assert "<strong>2</strong> review decisions since the live version" in page
    assert "(1 rejected, 1 approved or overturned)" in page
    assert "No version yet" in page  # offensive: listed before its first version
    assert "hearth moderation train --tsv" not in page  # no recipe: trained in the shell


def test_retraining_from_decisions_makes_a_live_version_and_audits_it(
    manager: Any, login: Callable[[Any], Client], decided_rude_and_kind: Callable[[int], None]
) -> None:
    decided_rude_and_kind(MIN_DECISIONS_PER_CLASS + 2)
    client = login(manager)
    response = client.post(reverse(RETRAIN), {"category": "offensive"}, follow=True)
    model = ClassifierModel.objects.get(category="offensive")
    assert f"Version 1 of “offensive” is live: F1 {model.metrics['f1']:.3f}" in response.text
    assert model.metrics["sources"] == {"decisions": 2 * (MIN_DECISIONS_PER_CLASS + 2)}
    entry = AuditEntry.objects.get(action="classifier.retrain")
    assert (entry.actor, entry.target_id, entry.before) == (manager, model.pk, {})
    assert entry.after["f1"] == model.metrics["f1"]
    assert "<strong>0</strong> review decisions since the live version" in response.text


def test_too_few_decisions_show_what_is_missing(
    manager: Any, login: Callable[[Any], Client], decided_rude_and_kind: Callable[[int], None]
) -> None:
    decided_rude_and_kind(3)
    client = login(manager)
    page = client.get(reverse(PAGE)).text
    assert 'data-testid="retrain-offensive"' not in page
    assert (
        f"Retraining from decisions alone needs {MIN_DECISIONS_PER_CLASS} rejected and "
        f"{MIN_DECISIONS_PER_CLASS} approved texts; there are 3 and 3." in page
    )
    response = client.post(reverse(RETRAIN), {"category": "offensive"}, follow=True)
    assert "the decisions give 3 and 3" in response.text
    assert not ClassifierModel.objects.exists()
    assert not AuditEntry.objects.filter(action="classifier.retrain").exists()


def test_a_version_from_a_file_is_replaced_only_when_asked(
    manager: Any,
    login: Callable[[Any], Client],
    decided_rude_and_kind: Callable[[int], None],
    tmp_path: Any,
) -> None:
    decided_rude_and_kind(MIN_DECISIONS_PER_CLASS)
    texts, labels = synthetic(100)
    recipe = {"csv": "/data/cold.csv", "text_column": "TEXT", "label_column": "label"}
    train_from_rows(
        texts, labels, "offensive", positive="spam", trained_on="cold.csv", recipe=recipe
    )
    client = login(manager)
    page = client.get(reverse(PAGE)).text
    assert (
        "hearth moderation train --csv /data/cold.csv --text-column TEXT --label-column label "
        "--with-decisions --category offensive"
    ) in page
    refused = client.post(reverse(RETRAIN), {"category": "offensive"}, follow=True)
    assert "Tick the box to replace it" in refused.text
    assert ClassifierModel.objects.filter(category="offensive").count() == 1
    client.post(reverse(RETRAIN), {"category": "offensive", "replace_file_version": "1"})
    assert ClassifierModel.objects.filter(category="offensive").count() == 2


@pytest.mark.parametrize("data", [{}, {"category": "no such!"}, {"category": "infringement-x"}])
def test_bad_retrain_input_is_a_message_not_an_error(
    manager: Any, login: Callable[[Any], Client], data: dict[str, str]
) -> None:
    response = login(manager).post(reverse(RETRAIN), data, follow=True)
    assert response.status_code == 200
    assert "Choose a category" in response.text or "give no labels" in response.text
    assert not ClassifierModel.objects.exists()


def test_the_page_reads_in_few_queries(
    manager: Any,
    login: Callable[[Any], Client],
    decided_rude_and_kind: Callable[[int], None],
    django_assert_max_num_queries: Any,
) -> None:
    decided_rude_and_kind(5)
    texts, labels = synthetic(60)
    for category in ("spam", "offensive", "ads"):
        train_from_rows(texts, labels, category, positive="spam")
    client = login(manager)
    with django_assert_max_num_queries(20):
        assert client.get(reverse(PAGE)).status_code == 200
