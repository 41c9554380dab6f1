"""Cockpit: the classifier's versions per category, and retraining from review decisions."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.cockpit.permissions import can_moderate_content
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.moderation.classifier.decisions import decided_text_count
from hearth.moderation.classifier.labels import TrainingError
from hearth.moderation.classifier.overview import classifier_overview
from hearth.moderation.classifier.permissions import can_retrain_classifier
from hearth.moderation.classifier.services import classifier_retrain_from_decisions


class RetrainForm(forms.Form):
    category = forms.SlugField(max_length=40)
    replace_file_version = forms.BooleanField(required=False)


@cockpit_view(can_moderate_content)
def classifier_versions(request: HttpRequest) -> HttpResponse:
    overview = classifier_overview()
    context = {
        "categories": overview,
        "can_retrain": can_retrain_classifier(request.user),
        "live_count": sum(1 for c in overview if c.live),
        "version_count": sum(c.version_count for c in overview),
        "decided_texts": decided_text_count(),
    }
    return render_page(request, "cockpit/classifier/versions.html", context, active="classifier")


@require_POST
@cockpit_view(can_moderate_content)
def classifier_retrain(request: HttpRequest) -> HttpResponse:
    if not can_retrain_classifier(request.user):
        raise PermissionDenied
    form = RetrainForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a category to retrain."))
        return redirect("cockpit:classifier")
    category = form.cleaned_data["category"]
    entry = next((c for c in classifier_overview() if c.category == category), None)
    if entry is None or not entry.learns_from_decisions:
        messages.error(request, _("Review decisions give no labels for this category."))
        return redirect("cockpit:classifier")
    if entry.live_from_file and not form.cleaned_data["replace_file_version"]:
        messages.error(
            request,
            _(
                "The live version was trained on %(file)s. Tick the box to replace it with a "
                "version trained on the decisions alone, or run the command shown to keep the "
                "file's rows."
            )
            % {"file": entry.live.from_file if entry.live else ""},
        )
        return redirect("cockpit:classifier")
    try:
        model = classifier_retrain_from_decisions(actor=acting_user(request), category=category)
    except TrainingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Version %(version)d of “%(category)s” is live: F1 %(f1).3f on its held-out split.")
            % {"version": model.version, "category": category, "f1": model.metrics["f1"]},
        )
    return redirect("cockpit:classifier")
