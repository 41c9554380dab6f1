"""Forms of the watched-word pages: import, words, variants, policies and the test box."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hearth.accounts.models import User
from hearth.community.models import Board
from hearth.gamification.selectors import level_list
from hearth.moderation.models import (
    ModerationPolicy,
    SignalAction,
    WatchedWord,
    WordAction,
    WordCategory,
)
from hearth.moderation.words.policy_services import MAX_FIRST_POSTS_HELD, PolicyFields
from hearth.moderation.words.rows import MAX_FILE_BYTES, Defaults
from hearth.moderation.words.text import split_tags
from hearth.moderation.words.word_services import WordFields

SEVERITY_CHOICES = [
    (1, _("1 · mild")),
    (2, _("2 · medium")),
    (3, _("3 · strong")),
    (4, _("4 · severe")),
]
FORMAT_CHOICES = [
    ("", _("From the file name")),
    ("txt", _("Plain text, one term per line")),
    ("csv", _("CSV with a header row")),
    ("json", _("JSON")),
]


def _boards() -> forms.ModelChoiceField[Board]:
    return forms.ModelChoiceField(
        label=_("Board"),
        queryset=Board.objects.order_by("position", "id"),
        required=False,
        empty_label=_("Every board"),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Lexicon file"),
        allow_empty_file=True,  # the importer names an empty file as such
        help_text=_(
            "Plain text (one term per line; commas or | separate terms on a line), CSV with "
            "the header term,category,action,severity,tags,board (only term is required), "
            "or JSON. UTF-8 or GB18030, at most 10 MB."
        ),
    )
    name = forms.CharField(
        label=_("List name"),
        max_length=120,
        required=False,
        help_text=_("Empty: the file name."),
    )
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, required=False)
    category = forms.ChoiceField(
        label=_("Category"),
        choices=WordCategory.choices,
        initial=WordCategory.CUSTOM,
        help_text=_("For rows that do not name one."),
    )
    action = forms.ChoiceField(
        label=_("Action"),
        choices=WordAction.choices,
        initial=WordAction.HOLD,
        help_text=_("For rows that do not name one."),
    )
    severity = forms.TypedChoiceField(
        label=_("Severity"), choices=SEVERITY_CHOICES, coerce=int, initial=2
    )
    skip_duplicates = forms.BooleanField(
        label=_("Skip repeated terms (keep the first)"),
        required=False,
        help_text=_("Without it, a term that repeats another is an error and nothing is imported."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                _("The file is larger than %(mb)d MB.") % {"mb": MAX_FILE_BYTES // 2**20}
            )
        return upload

    def defaults(self) -> Defaults:
        data = self.cleaned_data
        return Defaults(data["category"], data["action"], data["severity"])


class ListCreateForm(forms.Form):
    name = forms.CharField(label=_("List name"), max_length=120)


class WordForm(forms.Form):
    term = forms.CharField(label=_("Term"), max_length=100)
    category = forms.ChoiceField(label=_("Category"), choices=WordCategory.choices)
    action = forms.ChoiceField(label=_("Action"), choices=WordAction.choices)
    severity = forms.TypedChoiceField(
        label=_("Severity"), choices=SEVERITY_CHOICES, coerce=int, initial=2
    )
    board = _boards()
    tags = forms.CharField(
        label=_("Tags"), max_length=200, required=False, help_text=_("Separated by commas.")
    )
    message = forms.CharField(
        label=_("Message to the author"),
        max_length=200,
        required=False,
        help_text=_("Shown when the word blocks a post."),
    )

    @classmethod
    def for_word(cls, word: WatchedWord) -> WordForm:
        return cls(
            initial={
                "term": word.term,
                "category": word.category,
                "action": word.action,
                "severity": word.severity,
                "board": word.board_id,
                "tags": ", ".join(word.tags),
                "message": word.message,
            }
        )

    def word_fields(self) -> WordFields:
        data = self.cleaned_data
        board = data["board"]
        return WordFields(
            term=data["term"],
            category=data["category"],
            action=data["action"],
            severity=data["severity"],
            board_id=board.pk if board else None,
            tags=split_tags(data["tags"]),
            message=data["message"].strip(),
        )


class WordFilterForm(forms.Form):
    q = forms.CharField(label=_("Term or tag contains"), max_length=100, required=False)
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("Any category")), *WordCategory.choices],
        required=False,
    )
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("Any action")), *WordAction.choices], required=False
    )
    board = forms.ChoiceField(label=_("Board"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        boards = Board.objects.order_by("position", "id").values_list("pk", "name")
        cast(forms.ChoiceField, self.fields["board"]).choices = [
            ("", _("Any board")),
            ("site", _("Every board only")),
            *((str(pk), name) for pk, name in boards),
        ]


class VariantForm(forms.Form):
    variant = forms.CharField(label=_("Variant"), max_length=60, help_text=_("e.g. vx"))
    canonical = forms.CharField(label=_("Stands for"), max_length=60, help_text=_("e.g. 微信"))


def _signal(label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=SignalAction.choices)


def _score(label: Any) -> forms.FloatField:
    return forms.FloatField(
        label=label,
        min_value=0.0,
        max_value=1.0,
        required=False,
        help_text=_("0–1; empty: never."),
        widget=forms.NumberInput(attrs={"step": "0.01"}),
    )


class PolicyForm(forms.Form):
    board = _boards()
    max_level_position = forms.TypedChoiceField(
        label=_("For members up to level"),
        coerce=int,
        empty_value=None,
        required=False,
    )
    first_posts_held = forms.IntegerField(
        label=_("First posts always held"), min_value=0, max_value=MAX_FIRST_POSTS_HELD
    )
    contact_action = _signal(_("Contact details"))
    link_action = _signal(_("Links"))
    shortener_action = _signal(_("Link shorteners"))
    repeat_action = _signal(_("Repeated characters"))
    flood_action = _signal(_("Copy-paste flooding"))
    repost_action = _signal(_("Reposts of others' content"))
    classifier_hold = _score(_("Classifier score that holds"))
    classifier_block = _score(_("Classifier score that blocks"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["max_level_position"]).choices = [
            ("", _("Every level")),
            *((level.position, f"{level.position} · {level.name}") for level in level_list()),
        ]

    @classmethod
    def for_policy(cls, policy: ModerationPolicy, **kwargs: Any) -> PolicyForm:
        initial = {name: getattr(policy, name) for name in PolicyFields.__dataclass_fields__}
        initial["board"] = initial.pop("board_id")
        return cls(initial=initial, **kwargs)

    def lock_scope(self) -> None:
        """The site-wide row for every level is the fallback: its board and level stay."""
        for name in ("board", "max_level_position"):
            self.fields[name].disabled = True
        self.fields["board"].help_text = _("The fallback covers every board and level.")

    def values(self) -> PolicyFields:
        data = dict(self.cleaned_data)
        board = data.pop("board")
        return PolicyFields(board_id=board.pk if board else None, **data)


class TestBoxForm(forms.Form):
    text = forms.CharField(
        label=_("Text"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 7})
    )
    title = forms.CharField(
        label=_("Title"), max_length=120, required=False, help_text=_("For a topic.")
    )
    kind = forms.ChoiceField(
        label=_("Posted as"),
        choices=[("topic", _("Topic")), ("reply", _("Reply")), ("profile", _("Profile text"))],
        initial="reply",
    )
    board = _boards()
    member = forms.CharField(
        label=_("Member"),
        max_length=150,
        required=False,
        help_text=_(
            "A username: their level, first posts and history apply. Empty: an established member."
        ),
    )

    def clean_member(self) -> User | None:
        name = self.cleaned_data["member"].strip().lstrip("@")
        if not name:
            return None
        member = User.objects.filter(username__iexact=name).first()
        if member is None:
            raise ValidationError(_("No member with the username “%(name)s”.") % {"name": name})
        return member
