"""WSGI entry point for production servers (``hearth serve`` uses it)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
application = get_wsgi_application()
