"""A bare Django view, served like the app: how fast this machine is, in the targets' terms.

The targets were set on a machine where a bare Django view served about 4,000-5,700 requests/s on
2 sync gunicorn workers. The same view (no middleware, no database, no template), served by the
same gunicorn and timed by the same load client in the same run, shows how this machine compares:
on a slower or busier one, every page's latency grows by about the same factor.

    gunicorn bench.reference:application
"""

import django
from django.conf import settings
from django.http import HttpResponse
from django.urls import path

# Requests/s of the bare view on the machine the targets were set on (2 sync workers).
TARGET_MACHINE_RPS = (4000, 5700)


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bare", bare)]

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-reference-only-0123456789abcdef0123456789abcdef",
        ALLOWED_HOSTS=["127.0.0.1"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[],
        MIDDLEWARE=[],
        DATABASES={},
        USE_TZ=True,
    )
    django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402 - after settings

application = get_wsgi_application()
