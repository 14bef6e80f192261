"""HTML to tagged PDF with WeasyPrint, fetching nothing but the project's own static files."""

import gc
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

REPORT_STYLESHEET = "css/report.css"


def static_roots() -> list[Path]:
    """The folders WeasyPrint may read: the collected static files and the source static dirs."""
    roots = [Path(settings.STATIC_ROOT)]
    roots.extend(
        Path(entry[1] if isinstance(entry, tuple) else entry) for entry in settings.STATICFILES_DIRS
    )
    return [root.resolve() for root in roots]


def allowed_file(url: str) -> Path | None:
    """The local path of a file:// URL inside the static folders, or None for anything else."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(unquote(parts.path)).resolve()
    for root in static_roots():
        if path.is_relative_to(root) and path.is_file():
            return path
    return None


def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class StaticOnlyFetcher(URLFetcher):
        """Refuses every URL but data: and the project's static files,
        so a report never calls out."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if allowed_file(url) is not None:
                return super().fetch(url.split("?")[0], headers)
            raise ValueError(f"Reports load only the project's own static files, not {url[:80]}")

    return StaticOnlyFetcher


def stylesheet_path() -> Path:
    found = finders.find(REPORT_STYLESHEET)
    return Path(found if found else Path(settings.STATIC_ROOT) / REPORT_STYLESHEET)


def html_to_pdf(html: str) -> bytes:
    """A PDF/UA-1 document (tagged, fonts embedded) of the HTML, styled by static/css/report.css."""
    from weasyprint import CSS, HTML

    fetcher = _fetcher_class()(allowed_protocols=["file", "data"], allow_redirects=False)
    base = stylesheet_path().parent.as_uri() + "/"
    document = HTML(string=html, base_url=base, url_fetcher=fetcher)
    stylesheet = CSS(filename=str(stylesheet_path()), url_fetcher=fetcher)
    pdf = document.write_pdf(stylesheets=[stylesheet], pdf_variant="pdf/ua-1")
    # WeasyPrint returns its memory only once the document is dropped.
    del document, stylesheet
    gc.collect()
    return pdf
