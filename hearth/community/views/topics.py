"""The topic page, writing a topic, editing it and its edit history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hearth.community import permissions, selectors, seo, services
from hearth.community.forms import ReplyForm, TopicForm, errors_apply
from hearth.community.models import ShareChannel, Status, Topic, TopicKind
from hearth.community.views.common import HtmxHttpRequest, topic_visible_or_404, visitor_may_log_in


@visitor_may_log_in
def topic_detail(request: HtmxHttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    """The topic page. ``/t/<pk>/<slug>/`` is canonical; a stale or wrong slug moves there
    (301, query kept); plain ``/t/<pk>/`` still renders, its canonical link naming the slug."""
    topic = topic_visible_or_404(request, pk)
    canonical = topic.get_absolute_url()
    if slug is not None and request.path != canonical:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(canonical + (f"?{query}" if query else ""))
    page = selectors.topic_page(
        user=request.user, topic=topic, page=selectors.page_parse(request.GET.get("page"))
    )
    if request.user.is_authenticated:
        services.read_record(member=request.user, topic=topic, source="page")
    else:
        services.topic_view_count(topic=topic)
    return render(
        request,
        "community/topic.html",
        {
            "topic": topic,
            "tp": page,
            "reply_form": ReplyForm() if page.perms.reply else None,
            "pin_active": selectors.topic_pin_active(topic=topic),
            "share_channels": ShareChannel.choices,
            "topic_public": seo.topic_is_public(topic),
            "topic_ld": seo.topic_structured_data(request, topic),
            "canonical_path": canonical,
        },
    )


def _topic_initial(request: HtmxHttpRequest, boards: dict[int, str]) -> dict[str, object]:
    slug = request.GET.get("board", "")
    for pk, board_slug in boards.items():
        if board_slug == slug:
            return {"board": pk}
    return {}


@login_required
def topic_new(request: HtmxHttpRequest) -> HttpResponse:
    assert request.user.is_authenticated
    boards = selectors.board_list_postable(user=request.user)
    staff = permissions.can_post_staff_content(request.user)
    if request.method == "POST":
        form = TopicForm(request.POST, boards=boards, staff=staff)
        if form.is_valid():
            try:
                topic = services.topic_create(
                    author=request.user,
                    board=form.cleaned_board(),
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    tags=form.cleaned_tags(),
                    kind=TopicKind.PGC if form.cleaned_data.get("staff_content") else TopicKind.UGC,
                )
            except ValidationError as exc:
                errors_apply(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                if topic.status == Status.HELD:
                    messages.info(
                        request,
                        _(
                            "Your topic is waiting for a moderator's review. Only you and the "
                            "moderators can see it until then."
                        ),
                    )
                else:
                    messages.success(request, _("Your topic is published."))
                return redirect("community:topic", pk=topic.pk)
    else:
        initial = _topic_initial(request, {b.pk: b.slug for b in boards})
        form = TopicForm(initial=initial, boards=boards, staff=staff)
    return render(
        request,
        "community/topic_form.html",
        {"form": form, "topic": None, "no_boards": not boards},
        status=400 if form.errors else 200,
    )


def _editable(request: HtmxHttpRequest, pk: int) -> Topic:
    topic = topic_visible_or_404(request, pk)
    if not permissions.can_edit_topic(request.user, topic):
        raise PermissionDenied(_("You cannot edit this topic."))
    return topic


@login_required
def topic_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    assert request.user.is_authenticated
    topic = _editable(request, pk)
    if request.method == "POST":
        form = TopicForm(request.POST)
        if form.is_valid():
            try:
                services.topic_edit(
                    editor=request.user,
                    topic=topic,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    tags=form.cleaned_tags(),
                )
            except ValidationError as exc:
                errors_apply(form, exc)
            else:
                if topic.status == Status.HELD:
                    messages.info(request, _("Your changes are saved and wait for review."))
                else:
                    messages.success(request, _("Your changes are saved."))
                return redirect("community:topic", pk=topic.pk)
    else:
        form = TopicForm(
            initial={
                "title": topic.title,
                "body": topic.body,
                "tags": ", ".join(t.name for t in topic.tags.all()),
            }
        )
    return render(
        request,
        "community/topic_form.html",
        {"form": form, "topic": topic, "revision_count": topic.revisions.count()},
        status=400 if form.errors else 200,
    )


@login_required
def topic_revisions(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    topic = _editable(request, pk)
    return render(
        request,
        "community/revisions.html",
        {"topic": topic, "revisions": selectors.revision_list(topic=topic)},
    )
