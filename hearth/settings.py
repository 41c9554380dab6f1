"""Django settings for Hearth. Every value comes from :mod:`hearth.conf.env`."""

from __future__ import annotations

import sys
from urllib.parse import unquote, urlsplit

from django.utils.translation import gettext_lazy as _

from hearth.conf.env import BASE_DIR, ConfigError, read_env

try:
    ENV = read_env()
except ConfigError as error:
    sys.stderr.write(f"Hearth configuration error: {error}\n")
    raise SystemExit(2) from error

SECRET_KEY = ENV.secret_key
DEBUG = ENV.debug
ALLOWED_HOSTS = list(ENV.allowed_hosts)
CSRF_TRUSTED_ORIGINS = [f"http://{h}:8000" for h in ENV.allowed_hosts if h != "*"]
HEARTH_VAR_DIR = ENV.var_dir
HEARTH_SHARED_DATA = ENV.shared_data
HEARTH_ANALYTICS_ENGINE = ENV.analytics_engine
HEARTH_SERVE_MEDIA = ENV.serve_media
REDIS_URL = ENV.redis_url
HEARTH_TASKS = ENV.tasks
HEARTH_SITE_URL = ENV.site_url

HEARTH_APPS = [
    "hearth.core",
    "hearth.accounts",
    "hearth.community",
    "hearth.notifications",
    "hearth.cockpit",
    "hearth.api",
    "hearth.demo",
    # Planned homes for the capabilities to come; each is an empty app today.
    "hearth.moderation",
    "hearth.gamification",
    "hearth.imports",
    "hearth.growth",
    "hearth.analytics",
    "hearth.goals",
    "hearth.reporting",
    "hearth.events",
    "hearth.content",
    "hearth.team",
    "hearth.feedback",
    "hearth.partners",
    "hearth.search",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_htmx",
    "huey.contrib.djhuey",
    *HEARTH_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "hearth.growth.attribution.middleware.AttributionMiddleware",
    "hearth.analytics.middleware.VisitMiddleware",
]

ROOT_URLCONF = "hearth.urls"
WSGI_APPLICATION = "hearth.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hearth.core.context_processors.brand",
                "hearth.notifications.context_processors.unread",
            ],
        },
    },
]

DATABASES = {"default": ENV.database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "community:home"
LOGOUT_REDIRECT_URL = "community:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

CACHES = (
    {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    if REDIS_URL
    else {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
)

# Background tasks (huey): the same task code on a SQLite queue (embedded), on Redis, or inline.
HUEY: dict[str, object] = {
    "name": "hearth",
    "immediate": HEARTH_TASKS == "immediate",
    "utc": True,
    "consumer": {"workers": 2, "worker_type": "thread", "periodic": True},
    **(
        {"huey_class": "huey.RedisHuey", "url": REDIS_URL}
        if HEARTH_TASKS == "redis"
        else {"huey_class": "huey.SqliteHuey", "filename": str(ENV.var_dir / "tasks.sqlite3")}
    ),
}

LANGUAGE_CODE = ENV.language
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "hearth" / "locale"]
TIME_ZONE = ENV.time_zone
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = ENV.var_dir / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
STATICFILES_DIRS = [
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/echarts", BASE_DIR / "node_modules" / "echarts" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = ENV.var_dir / "media"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024


def _email(url: str) -> dict[str, object]:
    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme == "file":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": parts.path or str(ENV.var_dir / "mail"),
        }
    if parts.scheme in {"smtp", "smtps"}:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parts.hostname or "localhost",
            "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 25),
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_SSL": parts.scheme == "smtps",
        }
    sys.stderr.write(f"Hearth configuration error: EMAIL_URL: unsupported scheme in {url!r}\n")
    raise SystemExit(2)


globals().update(_email(ENV.email_url))
DEFAULT_FROM_EMAIL = "Hearth <noreply@localhost>"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"jieba": {"level": "ERROR"}},
}
