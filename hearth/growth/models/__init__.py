"""Models of the growth app, one module per aggregate."""

from hearth.growth.models.attribution import MemberAttribution, MemberDevice, Touch
from hearth.growth.models.channels import (
    DIRECT,
    OTHER,
    REFERRAL,
    SEARCH,
    SOCIAL_KINDS,
    Channel,
    ChannelKind,
)
from hearth.growth.models.links import Campaign, TrackedLink
from hearth.growth.models.onboarding import (
    STEP_FIELDS,
    OnboardingProgress,
    OnboardingSettings,
    OnboardingStep,
)
from hearth.growth.models.outreach import (
    Assignment,
    AssignmentStatus,
    MessagePreference,
    Outreach,
    OutreachKind,
    OutreachRecipient,
    OutreachStatus,
    RecipientGroup,
    SkipReason,
)
from hearth.growth.models.spend import Spend, SpendKind

__all__ = [
    "DIRECT",
    "OTHER",
    "REFERRAL",
    "SEARCH",
    "SOCIAL_KINDS",
    "STEP_FIELDS",
    "Assignment",
    "AssignmentStatus",
    "Campaign",
    "Channel",
    "ChannelKind",
    "MemberAttribution",
    "MemberDevice",
    "MessagePreference",
    "OnboardingProgress",
    "OnboardingSettings",
    "OnboardingStep",
    "Outreach",
    "OutreachKind",
    "OutreachRecipient",
    "OutreachStatus",
    "RecipientGroup",
    "SkipReason",
    "Spend",
    "SpendKind",
    "Touch",
    "TrackedLink",
]
