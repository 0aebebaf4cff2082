"""The service worker that keeps a conference's pages for offline reading.

Its code is the static file js/sw.js, served from /<conference>/sw.js so that its scope is
that conference's pages (a worker controls only the pages under its own address).
"""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

SOURCE = "js/sw.js"


def service_worker_source() -> bytes:
    """The worker's code: from the static source folders, or from the collected files where
    the source folders are not deployed."""
    path = finders.find(SOURCE)
    if path:
        with open(path, "rb") as file:
            return file.read()
    with staticfiles_storage.open(SOURCE) as file:
        return file.read()
