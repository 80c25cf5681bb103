"""Serves plotly.js from the installed plotly package, so charts need no CDN."""

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PLOTLY_JS = "vendor/plotly.min.js"


class PlotlyFinder(BaseFinder):
    """Finds `vendor/plotly.min.js`, the copy of plotly.js the Python package ships."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=Path(plotly.__file__).parent / "package_data")
        self.storage.prefix = "vendor"

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        if path != PLOTLY_JS:
            return [] if find_all or kwargs.get("all") else None
        found = self.storage.path("plotly.min.js")
        return [found] if find_all or kwargs.get("all") else found

    def list(self, ignore_patterns):
        yield "plotly.min.js", self.storage
