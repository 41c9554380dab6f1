"""Cockpit pages: the channel registry, campaigns, tracked links and their posters."""

from django.urls import URLPattern, URLResolver, path

from hearth.cockpit.views.growth_channels import campaigns, channels, links

urlpatterns: list[URLPattern | URLResolver] = [
    path("growth/channels/", channels.channel_list, name="growth_channels"),
    path("growth/channels/new/", channels.channel_new, name="growth_channel_new"),
    path("growth/channels/<int:pk>/", channels.channel_detail, name="growth_channel"),
    path("growth/channels/<int:pk>/edit/", channels.channel_edit, name="growth_channel_edit"),
    path("growth/channels/<int:pk>/links/new/", links.link_new, name="growth_link_new"),
    path("growth/links/<int:pk>/edit/", links.link_edit, name="growth_link_edit"),
    path("growth/links/<int:pk>/poster/", links.link_poster, name="growth_link_poster"),
    path("growth/campaigns/", campaigns.campaign_list, name="growth_campaigns"),
    path("growth/campaigns/new/", campaigns.campaign_new, name="growth_campaign_new"),
    path("growth/campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="growth_campaign_edit"),
]
