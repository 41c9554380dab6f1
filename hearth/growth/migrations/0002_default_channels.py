"""The channel registry every community starts with; operators add and rename channels after."""

from django.db import migrations

# key, name (zh-Hans, the default language), kind, other UTM sources
DEFAULT_CHANNELS = [
    ("wechat", "微信", "wechat", ["weixin", "wx"]),
    ("weibo", "微博", "weibo", []),
    ("douyin", "抖音", "douyin", ["tiktok"]),
    ("xiaohongshu", "小红书", "xiaohongshu", ["xhs", "redbook"]),
    ("bilibili", "哔哩哔哩", "bilibili", ["b23"]),
    ("zhihu", "知乎", "zhihu", []),
    ("seo", "搜索引擎", "search", ["baidu", "sogou", "so360", "bing", "google"]),
    ("content", "内容营销", "content", []),
    ("offline", "线下活动", "offline", []),
    ("partner", "合作伙伴", "partner", []),
    ("referral", "会员邀请", "referral", ["invite"]),
    ("other", "其他", "other", []),
    ("direct", "直接访问", "other", []),
]


def create_channels(apps, schema_editor):
    Channel = apps.get_model("growth", "Channel")
    for key, name, kind, aliases in DEFAULT_CHANNELS:
        Channel.objects.get_or_create(
            key=key, defaults={"name": name, "kind": kind, "source_aliases": aliases}
        )


def remove_channels(apps, schema_editor):
    Channel = apps.get_model("growth", "Channel")
    Channel.objects.filter(
        key__in=[row[0] for row in DEFAULT_CHANNELS], links__isnull=True, spend__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("growth", "0001_initial")]

    operations = [migrations.RunPython(create_channels, remove_channels)]
