"""The review queue (审核队列) and members' reports, in the cockpit.

Views parse input, ask :mod:`hearth.moderation.selectors.queue` who may act,
call one service of :mod:`hearth.moderation.services.queue` and redraw: an
HTMX post gets the item's card back, a plain post goes back to the queue with
a message. The queue page costs a fixed number of queries whatever it shows.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from hearth.accounts.models import User
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.community.models import Board
from hearth.gamification.selectors import NO_MARKS, author_marks_for_members
from hearth.moderation.models import (
    CommunityRule,
    ContentKind,
    Report,
    ReportReason,
    ReviewItem,
    WordCategory,
)
from hearth.moderation.selectors import queue as q
from hearth.moderation.selectors import reports as r
from hearth.moderation.selectors.queue import QueueRow, can_decide_item, can_review_queue
from hearth.moderation.services import queue as decisions

PAGE_SIZE = 20
SANCTION_CHOICES = (
    ("", gettext_lazy("No sanction")),
    (decisions.SANCTION_WARNING, gettext_lazy("Warning")),
    (decisions.SANCTION_LADDER, gettext_lazy("Next step on the ladder")),
)


def _choices(form: forms.Form, name: str, choices: list[tuple[Any, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _rule_choices() -> list[tuple[str, str]]:
    rules = CommunityRule.objects.filter(active=True).values_list("pk", "title")
    return [("", _("Rule broken…"))] + [(str(pk), title) for pk, title in rules]


class QueueFilterForm(forms.Form):
    tab = forms.ChoiceField(choices=[(t, t) for t in q.TABS], required=False)
    origin = forms.ChoiceField(label=gettext_lazy("Origin"), required=False)
    board = forms.TypedChoiceField(label=gettext_lazy("Board"), coerce=int, required=False)
    category = forms.ChoiceField(label=gettext_lazy("Category"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        _choices(self, "origin", every + list(ReviewItem.Origin.choices))
        boards = Board.objects.values_list("pk", "name")
        _choices(self, "board", every + [(pk, name) for pk, name in boards])
        _choices(self, "category", every + list(WordCategory.choices))

    def filters(self) -> q.QueueFilters:
        if not self.is_valid():
            return q.QueueFilters()
        data = self.cleaned_data
        return q.QueueFilters(
            tab=data["tab"] or q.TAB_OPEN,
            origin=data["origin"],
            board_id=data["board"] if data["board"] != "" else None,
            category=data["category"],
        )


class RejectForm(forms.Form):
    rule = forms.TypedChoiceField(
        label=gettext_lazy("Rule"),
        coerce=int,
        error_messages={"required": gettext_lazy("Choose the community rule the content breaks.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Note to the author"), required=False, max_length=1000
    )
    sanction = forms.ChoiceField(
        label=gettext_lazy("Sanction"), choices=SANCTION_CHOICES, required=False
    )

    def __init__(self, *args: Any, rules: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "rule", rules)


class EscalateForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Why escalate?"),
        max_length=1000,
        error_messages={"required": gettext_lazy("Say why you escalate this item.")},
    )


class EditForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=120, required=False)
    body = forms.CharField(
        label=gettext_lazy("Text"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": gettext_lazy("The text cannot be empty.")},
    )


def _card(
    user: User,
    row: QueueRow,
    *,
    level: str = "",
    rules: list[tuple[str, str]],
    reject_form: RejectForm | None = None,
    error: str = "",
    saved: str = "",
) -> dict[str, Any]:
    """What ``review/_item.html`` needs to draw one item with its actions."""
    item = row.item
    prefix = f"i{item.pk}"
    return {
        "row": row,
        "item": item,
        "level": level,
        "can_decide": item.state != ReviewItem.State.DECIDED and can_decide_item(user, item),
        "mine": row.holder is not None and row.holder.pk == user.pk,
        "reject_form": reject_form or RejectForm(rules=rules, prefix=prefix),
        "escalate_form": EscalateForm(prefix=prefix),
        "error": error,
        "saved": saved,
    }


def _cards(user: User, rows: list[QueueRow], rules: list[tuple[str, str]]) -> list[dict[str, Any]]:
    marks = author_marks_for_members({row.item.author_id for row in rows})
    return [
        _card(user, row, level=marks.get(row.item.author_id, NO_MARKS).level, rules=rules)
        for row in rows
    ]


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() else 1


@cockpit_view(can_review_queue)
def review_queue(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form = QueueFilterForm(request.GET or None)
    filters = form.filters()
    paginator = Paginator(q.queue_items(filters), PAGE_SIZE)
    page = paginator.get_page(_page_number(request))
    rules = _rule_choices()
    query = request.GET.copy()
    query.pop("page", None)
    tab_query = request.GET.copy()
    for name in ("page", "tab"):
        tab_query.pop(name, None)
    context = {
        "filter_form": form,
        "filters": filters,
        "counts": q.queue_counts(),
        "page": page,
        "cards": _cards(user, q.queue_rows(list(page.object_list)), rules),
        "rules": rules[1:],
        "query": query.urlencode(),
        "tab_query": tab_query.urlencode(),
        "return_to": request.get_full_path(),
        "can_decide_escalated": q.can_decide_escalated(user),
        "tabs": [
            (q.TAB_OPEN, _("Open")),
            (q.TAB_ESCALATED, _("Escalated")),
            (q.TAB_DECIDED, _("Decided (7 days)")),
        ],
    }
    return render_page(request, "cockpit/review/queue.html", context, active="review")


def _item_or_404(pk: int) -> ReviewItem:
    item = q.item_get(pk)
    if item is None:
        raise Http404(_("There is no such review item."))
    return item


def _item_page(
    request: HttpRequest,
    item: ReviewItem,
    *,
    edit_form: EditForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = acting_user(request)
    rules = _rule_choices()
    row = q.queue_rows([item])[0]
    content = row.content
    context = {
        "card": _cards(user, [row], rules)[0],
        "edit_form": edit_form
        or EditForm(
            initial={
                "title": content.title if content else "",
                "body": content.text if content else "",
            }
        ),
        "editable": content is not None and item.content_kind in ("topic", "reply"),
        "history": q.item_history(item),
        "return_to": request.get_full_path(),
    }
    return render_page(request, "cockpit/review/item.html", context, active="review", status=status)


@cockpit_view(can_review_queue)
def review_item(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_page(request, _item_or_404(pk))


def _respond(
    request: HttpRequest,
    pk: int,
    *,
    saved: str = "",
    error: str = "",
    reject_form: RejectForm | None = None,
) -> HttpResponse:
    """HTMX gets the item's card redrawn; a plain post goes back with a message."""
    if request.headers.get("HX-Request") == "true":
        user = acting_user(request)
        item = _item_or_404(pk)
        rules = _rule_choices()
        card = _cards(user, q.queue_rows([item]), rules)[0]
        card.update(error=error, saved=saved)
        if reject_form is not None:
            card["reject_form"] = reject_form
        return render(
            request,
            "cockpit/review/_item.html",
            {"card": card, "return_to": request.POST.get("next", "")},
        )
    if saved:
        messages.success(request, saved)
    if error:
        messages.error(request, error)
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("cockpit:review")


def _why(error: ValidationError | PermissionDenied) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You cannot do this.")


@require_POST
@cockpit_view(can_review_queue)
def review_claim(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(pk)
    try:
        if request.POST.get("release"):
            decisions.item_release(moderator=acting_user(request), item=item)
            saved = _("The item is back in the queue.")
        else:
            decisions.item_claim(moderator=acting_user(request), item=item)
            saved = _("You hold this item for 15 minutes.")
    except (ValidationError, PermissionDenied) as error:
        return _respond(request, pk, error=_why(error))
    return _respond(request, pk, saved=saved)


@require_POST
@cockpit_view(can_review_queue)
def review_approve(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(pk)
    try:
        decisions.item_approve(moderator=acting_user(request), item=item)
    except (ValidationError, PermissionDenied) as error:
        return _respond(request, pk, error=_why(error))
    return _respond(request, pk, saved=_("Approved: the content is published."))


@require_POST
@cockpit_view(can_review_queue)
def review_reject(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(pk)
    rules = _rule_choices()
    form = RejectForm(request.POST, rules=rules, prefix=f"i{pk}")
    if not form.is_valid():
        error = " ".join(str(m) for errors in form.errors.values() for m in errors)
        return _respond(request, pk, error=error, reject_form=form)
    data = form.cleaned_data
    try:
        decisions.item_reject(
            moderator=acting_user(request),
            item=item,
            rule=CommunityRule.objects.filter(pk=data["rule"], active=True).first(),
            note=data["note"],
            sanction=data["sanction"],
        )
    except (ValidationError, PermissionDenied) as error:
        return _respond(request, pk, error=_why(error), reject_form=form)
    return _respond(request, pk, saved=_("Rejected: the author is told which rule it breaks."))


@require_POST
@cockpit_view(can_review_queue)
def review_escalate(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(pk)
    form = EscalateForm(request.POST, prefix=f"i{pk}")
    if not form.is_valid():
        return _respond(request, pk, error=_("Say why you escalate this item."))
    try:
        decisions.item_escalate(
            moderator=acting_user(request), item=item, note=form.cleaned_data["note"]
        )
    except (ValidationError, PermissionDenied) as error:
        return _respond(request, pk, error=_why(error))
    return _respond(request, pk, saved=_("Escalated to the community managers."))


@cockpit_view(can_review_queue)
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the text, then approve it (GET: the item page with the editor)."""
    item = _item_or_404(pk)
    if request.method != "POST":
        return _item_page(request, item)
    form = EditForm(request.POST)
    if form.is_valid():
        try:
            decisions.item_edit_approve(
                moderator=acting_user(request),
                item=item,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _why(error))
        else:
            messages.success(request, _("Edited and approved: the corrected content is published."))
            return redirect("cockpit:review")
    return _item_page(request, item, edit_form=form, status=400)


def _ids(raw: list[str]) -> list[int]:
    return [int(value) for value in raw if value.isdigit()]


@require_POST
@cockpit_view(can_review_queue)
def review_bulk(request: HttpRequest) -> HttpResponse:
    action = request.POST.get("action", "")
    raw_rule = request.POST.get("rule", "")
    rule = (
        CommunityRule.objects.filter(pk=int(raw_rule), active=True).first()
        if raw_rule.isdigit()
        else None
    )
    try:
        result = decisions.items_bulk_decide(
            moderator=acting_user(request),
            item_ids=_ids(request.POST.getlist("items")),
            action=action,
            rule=rule,
            note=request.POST.get("note", ""),
        )
    except ValidationError as error:
        messages.error(request, _why(error))
    else:
        if result.done:
            done = len(result.done)
            messages.success(
                request,
                (
                    ngettext("%(n)d item approved.", "%(n)d items approved.", done)
                    if action == "approve"
                    else ngettext("%(n)d item rejected.", "%(n)d items rejected.", done)
                )
                % {"n": done},
            )
        for pk, why in result.refused:
            messages.error(request, _("Item %(pk)d: %(why)s") % {"pk": pk, "why": why})
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("cockpit:review")


class ReportFilterForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        choices=[("", gettext_lazy("All")), *Report.Outcome.choices],
        required=False,
    )
    reason = forms.ChoiceField(
        label=gettext_lazy("Reason"),
        choices=[("", gettext_lazy("All")), *ReportReason.choices],
        required=False,
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Content"),
        choices=[
            ("", gettext_lazy("All")),
            (ContentKind.TOPIC.value, ContentKind.TOPIC.label),
            (ContentKind.REPLY.value, ContentKind.REPLY.label),
        ],
        required=False,
    )
    reporter = forms.CharField(label=gettext_lazy("Reporter (username)"), required=False)


@cockpit_view(can_review_queue)
def report_list(request: HttpRequest) -> HttpResponse:
    """Every report, newest first, with its reporter's accuracy and the item it joined."""
    form = ReportFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    reports = r.report_list(
        outcome=data.get("outcome", ""),
        reason=data.get("reason", ""),
        kind=data.get("kind", ""),
        reporter=data.get("reporter", "").strip(),
    )
    page = Paginator(reports, 50).get_page(_page_number(request))
    rows = list(page.object_list)
    records = r.reporter_records({report.reporter_id for report in rows})
    contents = q.contents_for(rows)
    query = request.GET.copy()
    query.pop("page", None)
    by_reason = r.report_counts_by_reason()
    context = {
        "filter_form": form,
        "page": page,
        "rows": [
            (
                report,
                records.get(report.reporter_id, r.NO_RECORD),
                contents.get((report.content_kind, report.content_id)),
            )
            for report in rows
        ],
        "by_reason": [(label, by_reason.get(value, 0)) for value, label in ReportReason.choices],
        "by_outcome": r.report_counts_by_outcome(),
        "query": query.urlencode(),
    }
    return render_page(request, "cockpit/review/reports.html", context, active="reports")
