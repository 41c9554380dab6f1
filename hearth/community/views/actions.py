"""What members do on a topic: reply (with quote), like, share, bookmark, the read beacon."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.community import permissions, selectors, services
from hearth.community.forms import DwellForm, ReplyForm, ShareForm, errors_apply, read_depth_parse
from hearth.community.models import Reply, Status, Topic
from hearth.community.views.common import (
    HtmxHttpRequest,
    reply_visible_or_404,
    topic_visible_or_404,
)


def _topic_url(topic_id: int, *, page: int = 1, anchor: str = "") -> str:
    url = reverse("community:topic", args=[topic_id])
    if page > 1:
        url += f"?page={page}"
    return url + (f"#{anchor}" if anchor else "")


def _quote_for(topic: Topic, raw: object) -> Reply | None:
    """The reply named by ``?quote=`` / the form, if it is a visible reply of this topic."""
    try:
        pk = int(str(raw))
    except ValueError:
        return None
    quote = selectors.reply_get(pk=pk)
    if quote is None or quote.topic_id != topic.pk:
        return None
    return quote


@login_required
def reply(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """GET: the reply form (quoting ``?quote=<reply id>``); POST: publish the reply."""
    assert request.user.is_authenticated
    topic = topic_visible_or_404(request, pk)
    if not permissions.can_reply(request.user, topic):
        raise PermissionDenied(_("You cannot reply to this topic."))
    if request.method == "POST":
        form = ReplyForm(request.POST)
        quote = _quote_for(topic, request.POST.get("quote", ""))
        if form.is_valid():
            if form.cleaned_data["quote"] and quote is None:
                form.add_error(None, _("You can only quote a visible reply of this topic."))
            else:
                try:
                    new = services.reply_create(
                        author=request.user,
                        topic=topic,
                        body=form.cleaned_data["body"],
                        quote=quote,
                    )
                except ValidationError as exc:
                    errors_apply(form, exc)
                except PermissionDenied as exc:
                    form.add_error(None, str(exc))
                else:
                    if new.status == Status.HELD:
                        messages.info(
                            request,
                            _(
                                "Your reply is waiting for a moderator's review. Only you and "
                                "the moderators can see it until then."
                            ),
                        )
                    page = selectors.reply_page_number(reply=new)
                    return redirect(_topic_url(topic.pk, page=page, anchor=f"r{new.pk}"))
    else:
        quote = _quote_for(topic, request.GET.get("quote", ""))
        form = ReplyForm(initial={"quote": quote.pk if quote else None})
    context = {"topic": topic, "reply_form": form, "quote": quote}
    if request.htmx and request.method == "GET":
        return render(request, "community/_reply_form.html", context)
    return render(request, "community/reply.html", context, status=400 if form.errors else 200)


def _like_target(request: HtmxHttpRequest, kind: str, pk: int) -> Topic | Reply:
    if kind == "topic":
        return topic_visible_or_404(request, pk)
    return reply_visible_or_404(request, pk)


@require_POST
@login_required
def like(request: HtmxHttpRequest, kind: str, pk: int, undo: bool = False) -> HttpResponse:
    """Like (or with ``undo`` withdraw the like of) a topic or a reply."""
    assert request.user.is_authenticated
    target = _like_target(request, kind, pk)
    error = ""
    try:
        if undo:
            services.like_withdraw(member=request.user, target=target)
        else:
            services.like_give(member=request.user, target=target)
    except (ValidationError, PermissionDenied) as exc:
        error = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    target.refresh_from_db(fields=["like_count"])
    if request.htmx:
        return render(
            request,
            "community/_like_button.html",
            {
                "kind": kind,
                "obj": target,
                "liked": selectors.like_exists(user=request.user, target=target),
                "can_like": permissions.can_like(request.user, target),
                "error": error,
            },
        )
    if error:
        messages.error(request, error)
    topic_id = target.topic_id if isinstance(target, Reply) else target.pk
    anchor = f"r{target.pk}" if isinstance(target, Reply) else ""
    return redirect(_topic_url(topic_id, anchor=anchor))


@require_POST
def share(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Record a share to a channel and hand back the share link."""
    topic = topic_visible_or_404(request, pk)
    form = ShareForm(request.POST)
    share_url = ""
    channel = ""
    if form.is_valid():
        member = request.user if request.user.is_authenticated else None
        try:
            created = services.share_create(
                member=member, topic=topic, channel=form.cleaned_data["channel"]
            )
        except ValidationError as exc:
            errors_apply(form, exc)
        else:
            channel = created.get_channel_display()
            share_url = request.build_absolute_uri(
                reverse("community:share_visit", args=[created.code])
            )
    template = "community/_share_result.html" if request.htmx else "community/share.html"
    return render(
        request,
        template,
        {"topic": topic, "form": form, "share_url": share_url, "channel": channel},
        status=200 if share_url or request.htmx else 400,
    )


def share_visit(request: HtmxHttpRequest, code: str) -> HttpResponseRedirect:
    """A share link: count the visit and send the visitor to the topic, tagged with the channel."""
    shared = services.share_visit(code=code)
    if shared is None:
        raise Http404(_("This share link does not exist."))
    query = urlencode(
        {"utm_source": shared.channel, "utm_medium": "share", "utm_content": shared.code}
    )
    return redirect(f"{reverse('community:topic', args=[shared.topic_id])}?{query}")


@require_POST
@login_required
def bookmark(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    assert request.user.is_authenticated
    topic = topic_visible_or_404(request, pk)
    bookmarked = services.bookmark_toggle(member=request.user, topic=topic)
    if request.htmx:
        return render(
            request, "community/_bookmark_button.html", {"topic": topic, "bookmarked": bookmarked}
        )
    messages.success(request, _("Bookmarked.") if bookmarked else _("Removed from your bookmarks."))
    return redirect(_topic_url(topic.pk))


@require_POST
def read_beacon(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The topic page reports how long it was read (``dwell`` seconds) and how far
    (``depth``, percent of the topic; a bad value is ignored). Visitors: no-op."""
    if not request.user.is_authenticated:
        return HttpResponse(status=204)
    topic = topic_visible_or_404(request, pk)
    form = DwellForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("dwell must be a number of seconds."), status=400)
    services.read_record(
        member=request.user,
        topic=topic,
        dwell_seconds=form.cleaned_data["dwell"] or 0,
        source="beacon",
        depth=read_depth_parse(request.POST.get("depth")),
    )
    return HttpResponse(status=204)
