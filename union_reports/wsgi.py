"""WSGI entry point: `gunicorn union_reports.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "union_reports.settings")
application = get_wsgi_application()
