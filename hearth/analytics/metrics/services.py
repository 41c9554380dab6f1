"""Custom metrics: define, change and delete them, validated with messages an operator can act on."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.analytics.definitions import CUSTOM, CUSTOM_NAME
from hearth.analytics.metrics.catalogue import BUILTIN
from hearth.analytics.models import AnomalyAlert, CustomMetric, MetricUnit
from hearth.analytics.queries.params import known_action

NAME_MAX = 80
DESCRIPTION_MAX = 300


def _action_error(action: str) -> str | None:
    if not action:
        return _("Choose an action.")
    if action == CUSTOM or not known_action(action):
        return _(
            "Unknown action: %(action)s. Use a built-in action or a custom event's name "
            "(2 to 40 of a–z, 0–9 and _, starting with a letter)."
        ) % {"action": action[:60]}
    return None


@dataclass(frozen=True)
class _Definition:
    """A custom metric's fields an operator writes, stripped of surrounding white space."""

    name: str
    numerator: str
    denominator: str
    unit: str
    description: str

    @classmethod
    def of(
        cls, *, name: str, numerator: str, denominator: str, unit: str, description: str
    ) -> _Definition:
        return cls(name.strip(), numerator.strip(), denominator.strip(), unit, description.strip())


def _clean(definition: _Definition, *, instance: CustomMetric | None) -> dict[str, str]:
    """The field errors of a definition (empty when it is valid)."""
    name, numerator, denominator = definition.name, definition.numerator, definition.denominator
    unit, description = definition.unit, definition.description
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Give the metric a name.")
    elif len(name) > NAME_MAX:
        errors["name"] = _("A name is at most %(n)d characters.") % {"n": NAME_MAX}
    else:
        taken = CustomMetric.objects.filter(name__iexact=name)
        if instance is not None:
            taken = taken.exclude(pk=instance.pk)
        if taken.exists():
            errors["name"] = _("Another custom metric is already called %(name)s.") % {"name": name}
    found = _action_error(numerator)
    if found:
        errors["numerator"] = found
    if denominator:
        found = _action_error(denominator)
        if found:
            errors["denominator"] = found
        elif denominator == numerator:
            errors["denominator"] = _("The denominator must be another action than the numerator.")
    if unit not in MetricUnit.values:
        errors["unit"] = _("Count events or distinct members.")
    if len(description) > DESCRIPTION_MAX:
        errors["description"] = _("A description is at most %(n)d characters.") % {
            "n": DESCRIPTION_MAX
        }
    return errors


def _key_error(key: str) -> str | None:
    if not CUSTOM_NAME.fullmatch(key):
        return _("A key is 2 to 40 of a–z, 0–9 and _, starting with a letter; got %(key)s.") % {
            "key": key[:60]
        }
    if key in BUILTIN:
        return _("%(key)s is a built-in metric's key.") % {"key": key}
    if CustomMetric.objects.filter(key=key).exists():
        return _("A custom metric with the key %(key)s exists already.") % {"key": key}
    return None


@transaction.atomic
def custom_metric_create(
    *,
    key: str,
    name: str,
    numerator: str,
    denominator: str = "",
    unit: str = MetricUnit.EVENTS,
    description: str = "",
    created_by: User | None = None,
) -> CustomMetric:
    """Define a custom metric; ValidationError names each wrong field."""
    key = key.strip()
    found = _Definition.of(
        name=name, numerator=numerator, denominator=denominator, unit=unit, description=description
    )
    errors = _clean(found, instance=None)
    key_error = _key_error(key)
    if key_error:
        errors["key"] = key_error
    if errors:
        raise ValidationError(errors)
    return CustomMetric.objects.create(key=key, created_by=created_by, **asdict(found))


@transaction.atomic
def custom_metric_update(
    *,
    metric: CustomMetric,
    name: str,
    numerator: str,
    denominator: str = "",
    unit: str = MetricUnit.EVENTS,
    description: str = "",
) -> CustomMetric:
    """Change a custom metric's definition (its key stays: goals and alerts name it)."""
    found = _Definition.of(
        name=name, numerator=numerator, denominator=denominator, unit=unit, description=description
    )
    errors = _clean(found, instance=metric)
    if errors:
        raise ValidationError(errors)
    before = (metric.numerator, metric.denominator, metric.unit)
    changed = before != (found.numerator, found.denominator, found.unit)
    for field, value in asdict(found).items():
        setattr(metric, field, value)
    metric.save()
    if changed:  # the open alerts measured the old definition
        AnomalyAlert.objects.filter(metric=metric.key, status="open").delete()
    return metric


@transaction.atomic
def custom_metric_delete(*, metric: CustomMetric) -> None:
    """Delete a custom metric and its alerts (they measured something that no longer exists)."""
    AnomalyAlert.objects.filter(metric=metric.key).delete()
    metric.delete()
