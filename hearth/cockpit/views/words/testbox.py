"""The test box: paste a text, see the decision, every reason that fired and where."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from hearth.cockpit.permissions import can_moderate_content
from hearth.cockpit.views.base import cockpit_view
from hearth.cockpit.views.words.common import words_page
from hearth.cockpit.words_forms import TestBoxForm
from hearth.moderation.words.explain import explain
from hearth.moderation.words.hooks import evaluate


def _result(form: TestBoxForm) -> dict[str, Any]:
    data = form.cleaned_data
    board = data["board"]
    screening = evaluate(
        data["text"],
        title=data["title"],
        kind=data["kind"],
        board_id=board.pk if board else None,
        member=data["member"],
    )
    reasons, marked = explain(data["text"], screening.reasons)
    return {
        "screening": screening,
        "reasons": reasons,
        "marked": marked,
        "scores": sorted(screening.scores.items(), key=lambda item: -item[1]),
        "censored": screening.text != data["text"],
    }


@cockpit_view(can_moderate_content)
def word_test(request: HttpRequest) -> HttpResponse:
    """GET shows the empty box; a submitted text (GET or POST) is screened, nothing is saved."""
    data = (
        request.POST
        if request.method == "POST"
        else (request.GET if "text" in request.GET else None)
    )
    form = TestBoxForm(data, initial={"kind": "reply"})
    context: dict[str, Any] = {"form": form}
    status = 200
    if data is not None:
        if form.is_valid():
            context.update(_result(form))
        else:
            status = 400
    return words_page(request, "test.html", context, tab="test", status=status)
