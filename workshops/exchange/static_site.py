"""A conference's public pages as a static site: a folder and a .zip with relative links.

The pages are rendered by the real views through Django's test client (no second copy of the
templates), then every link is made relative with lxml, so the folder works from any static
host and straight from disk (file://). Directories become index.html. Links that leave the
exported edition (other editions, the admin, sign-in) go to the live site when its address is
given, and are dropped otherwise.
"""

from __future__ import annotations

import json
import posixpath
import shutil
import zipfile
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit

import lxml.html
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.test.utils import override_settings
from django.urls import Resolver404, resolve, reverse

from workshops.exchange import exporters, prepared
from workshops.models import Conference
from workshops.program import selectors

# The attributes that hold addresses; data-* attributes holding a site path count too.
LINK_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data")
# What a page says of the live site's addresses: to search engines and link previews, and the
# export page's feed addresses, subscriptions (with their separators) and embed snippets.
SHARING_TAGS = (
    '//link[@rel="canonical"] | //link[@rel="manifest"]'
    ' | //meta[starts-with(@property, "og:")] | //meta[starts-with(@name, "twitter:")]'
    ' | //*[@class="feed-address"] | //*[@data-copy] | //*[@data-live-only]'
    ' | //section[@aria-labelledby="embed"]'
)
# The address the exports' own links use when no live site is given, as export_program does.
DEFAULT_BASE_URL = "http://localhost:8000"
ROOT_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="refresh" content="0; url={target}">
  <title>{name} workshops</title>
</head>
<body><p><a href="{target}">{name} workshops</a></p></body>
</html>
"""


class SiteExportError(Exception):
    """The site could not be written: a page failed or the folder is in the way."""


@dataclass
class StaticSite:
    """What export_site wrote: the folder, its files (relative paths) and the zip."""

    folder: Path
    files: list[str] = field(default_factory=list)
    zip_path: Path | None = None
    skipped: list[str] = field(default_factory=list)  # linked, but not 200: left out


def url_to_file(path: str) -> str:
    """The file that serves a site path: "/mlsys-2023/" → "mlsys-2023/index.html"."""
    relative = unquote(path).lstrip("/")
    if not relative or relative.endswith("/"):
        relative += "index.html"
    parts = PurePosixPath(relative).parts
    if any(part in ("..", ".") for part in parts):
        raise SiteExportError(f"Refusing a path outside the site: {path}")
    return relative


def variant_file(path: str, query: str) -> str:
    """The file for an export with switches: program.csv?bom=1 → program-bom.csv."""
    base = url_to_file(path)
    stem, dot, extension = base.rpartition(".")
    words = [name if value in ("1", "") else f"{name}-{value}" for name, value in parse_qsl(query)]
    suffix = "-".join(words)
    return f"{stem}-{suffix}.{extension}" if dot else f"{base}-{suffix}"


def relative_link(from_file: str, to_file: str) -> str:
    """The href from one file of the site to another: "../../index.html"."""
    start = posixpath.dirname(from_file) or "."
    return quote(posixpath.relpath(to_file, start))


class _Builder:
    def __init__(self, conference: Conference, base_url: str | None) -> None:
        self.conference = conference
        self.live = base_url.rstrip("/") if base_url else None
        self.base_url = self.live or DEFAULT_BASE_URL  # where the exports' own links point
        parts = urlsplit(self.base_url)
        self.host = parts.netloc
        self.hostname = parts.hostname or "localhost"
        self.secure = parts.scheme == "https"
        self.prefix = conference.get_absolute_url()  # "/mlsys-2023/"
        self.static_url = "/" + settings.STATIC_URL.strip("/") + "/"
        self.client = Client(HTTP_HOST=self.host)
        self.pages: dict[str, bytes] = {}  # file → the page's HTML, rewritten at the end
        self.files: dict[str, bytes] = {}  # file → content written as it is
        self.url_files: dict[tuple[str, str], str] = {}  # (path, query) → file
        self.skipped: set[str] = set()  # linked addresses that did not answer 200
        self.assets: set[str] = set()  # static names, "css/site.css"
        self.required: set[tuple[str, str]] = set()

    # Fetching ---------------------------------------------------------------------------

    def seeds(self) -> list[tuple[str, str]]:
        slug = self.conference.slug
        names = ["workshop-list", "schedule", "room-list", "organizer-list", "export-list"]
        seeds = [(reverse(f"workshops:{name}", args=[slug]), "") for name in names]
        for workshop in selectors.workshops_for_listing(conference=self.conference):
            seeds.append((reverse("workshops:workshop-detail", args=[slug, workshop.slug]), ""))
        for room in selectors.rooms_for_program(conference=self.conference):
            seeds.append((reverse("workshops:room-detail", args=[slug, room.slug]), ""))
        for organizer in selectors.organizers_for_index(conference=self.conference):
            seeds.append((reverse("workshops:organizer-detail", args=[slug, organizer.slug]), ""))
        for exporter in exporters.public_exporters():
            path = reverse("workshops:export", args=[slug, exporter.identifier])
            seeds.append((path, ""))
            seeds.extend((path, urlencode({option: "1"})) for option in exporter.options)
        return seeds

    def crawl(self) -> None:
        queue = deque(self.seeds())
        self.required = set(queue)  # the pages the site must have: a failure stops the export
        seen = set(queue)
        while queue:
            path, query = queue.popleft()
            for link in self.fetch(path, query):
                if link not in seen:
                    seen.add(link)
                    queue.append(link)

    def fetch(self, path: str, query: str) -> list[tuple[str, str]]:
        """Render one address into memory; the site addresses its page links to."""
        data = dict(parse_qsl(query, keep_blank_values=True))
        response = self.client.get(path, data, secure=self.secure)
        if response.status_code != 200:
            if (path, query) in self.required:
                raise SiteExportError(f"{path} answered {response.status_code}.")
            self.skipped.add(path + (f"?{query}" if query else ""))
            return []
        if getattr(response, "streaming", False):
            content = b"".join(response.streaming_content)
        else:
            content = response.content
        file = variant_file(path, query) if query else url_to_file(path)
        self.url_files[(path, query)] = file
        if not response["Content-Type"].startswith("text/html"):
            self.files[file] = content
            return []
        self.pages[file] = content
        return [link for link in self._links_of(path, content) if self.crawlable(*link)]

    def _links_of(self, page_path: str, content: bytes) -> list[tuple[str, str]]:
        document = lxml.html.document_fromstring(content)
        links = []
        for _element, _attribute, value in _addresses(document):
            internal = self.internal(page_path, value)
            if internal is None:
                continue
            path, query, _fragment = internal
            if path.startswith(self.static_url):
                self.assets.add(path[len(self.static_url) :])
            elif not query:
                links.append((path, ""))
        for script in _json_scripts(document):
            for value in _json_paths(json.loads(script.text)):
                internal = self.internal(page_path, value)
                if internal and not internal[1]:
                    links.append((internal[0], ""))
        return links

    def crawlable(self, path: str, query: str) -> bool:
        """Pages of this edition that the public views serve; never other editions or admin."""
        if query or not path.startswith(self.prefix):
            return False
        try:
            match = resolve(path)
        except Resolver404:
            return False
        return match.namespace == "workshops"

    def internal(self, page_path: str, value: str) -> tuple[str, str, str] | None:
        """(path, query, fragment) of an address on this site; None for others and anchors."""
        value = value.strip()
        if not value or value.startswith("#"):
            return None
        parts = urlsplit(urljoin(f"http://{self.host}{page_path}", value))
        if parts.scheme not in ("http", "https") or parts.netloc != self.host:
            return None
        return parts.path or "/", parts.query, parts.fragment

    # Writing ----------------------------------------------------------------------------

    def rewrite(self, file: str, content: bytes) -> bytes:
        page_path = "/" + (file[: -len("index.html")] if file.endswith("index.html") else file)
        document = lxml.html.document_fromstring(content)
        for element in document.xpath(SHARING_TAGS):
            element.drop_tree()  # they name the live site's addresses, which a copy is not
        for element, attribute, value in _addresses(document):
            internal = self.internal(page_path, value)
            if internal is None:
                continue
            new = self.target(file, *internal, data=attribute.startswith("data-"))
            if new is None:
                del element.attrib[attribute]
            else:
                element.set(attribute, new)
        for script in _json_scripts(document):
            # Data for the page's scripts (json_script): its site paths become relative too.
            data = _json_map(json.loads(script.text), lambda value: self._json_link(file, value))
            script.text = _json_for_script(data)
        html = lxml.html.tostring(document, encoding="unicode", method="html")
        return ("<!doctype html>\n" + html).encode()

    def _json_link(self, file: str, value: str) -> str:
        page_path = "/" + (file[: -len("index.html")] if file.endswith("index.html") else file)
        internal = self.internal(page_path, value)
        if internal is None:
            return value
        return self.target(file, *internal, data=False) or ""

    def target(self, file: str, path: str, query: str, fragment: str, *, data: bool) -> str | None:
        """Where a link of `file` goes in the folder, on the live site, or nowhere (None)."""
        anchor = f"#{fragment}" if fragment else ""
        if path.startswith(self.static_url):
            name = path[len(self.static_url) :]
            return relative_link(file, f"static/{name}") + anchor
        found = self.url_files.get((path, query))
        if found is None and not self.live:
            found = self.url_files.get((path, ""))  # a filter link shows the whole page
        if found is not None:
            if data and found.endswith("index.html"):  # scripts want the folder, as the site
                return relative_link(file, posixpath.dirname(found)) + "/"
            return relative_link(file, found) + anchor
        if self.live:
            return f"{self.live}{path}" + (f"?{query}" if query else "") + anchor
        return None

    def copy_assets(self, out: Path) -> list[str]:
        names = set(self.assets)
        for folder in settings.STATICFILES_DIRS:  # the project's own: scripts load some by name
            root = Path(folder[1] if isinstance(folder, tuple) else folder)
            names.update(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
        written = []
        for name in sorted(names):
            source = finders.find(name)
            if source is None:
                raise SiteExportError(f"The static file {name} is missing.")
            target = out / "static" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            written.append(f"static/{name}")
        return written

    def prepare_slow_exports(self) -> None:
        """Render the slow exports (a big program's booklets) here and now, as the task worker
        would: the crawl then finds them ready instead of "being prepared"."""
        program = selectors.program_for_export(self.conference, base_url=self.base_url)
        for exporter_class in exporters.public_exporters():
            exporter = exporter_class()
            if prepared.is_slow(exporter, program):
                prepared.prepare_now(exporter, self.conference)

    def build(self, out: Path) -> list[str]:
        self.prepare_slow_exports()
        self.crawl()
        written = []
        for file, content in sorted(self.files.items()):
            _write(out, file, content)
            written.append(file)
        for file, content in sorted(self.pages.items()):
            _write(out, file, self.rewrite(file, content))
            written.append(file)
        written += self.copy_assets(out)
        if "index.html" not in written:
            target = relative_link("index.html", url_to_file(self.prefix))
            root = ROOT_PAGE.format(target=target, name=_escape(self.conference.name))
            _write(out, "index.html", root.encode())
            written.append("index.html")
        return sorted(written)


def _addresses(document) -> list[tuple[object, str, str]]:
    """Every (element, attribute, value) that holds an address, data-* paths included."""
    found = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        for attribute, value in element.attrib.items():
            if attribute in LINK_ATTRIBUTES or (
                attribute.startswith("data-") and value.startswith("/") and value[1:2] != "/"
            ):
                found.append((element, attribute, value))
    return found


def _json_scripts(document) -> list:
    """The page's <script type="application/json"> blocks that hold JSON."""
    found = []
    for script in document.iter("script"):
        if script.get("type") == "application/json" and script.text:
            try:
                json.loads(script.text)
            except ValueError:
                continue
            found.append(script)
    return found


def _is_site_path(value: object) -> bool:
    return isinstance(value, str) and value.startswith("/") and value[1:2] != "/"


def _json_paths(data: object) -> list[str]:
    """Every string in a JSON document that is a site path ("/mlsys-2023/...")."""
    found: list[str] = []
    _json_map(data, lambda value: found.append(value) or value)
    return found


def _json_map(data: object, change) -> object:
    """The JSON document with `change` applied to each string that is a site path."""
    if isinstance(data, dict):
        return {key: _json_map(value, change) for key, value in data.items()}
    if isinstance(data, list):
        return [_json_map(value, change) for value in data]
    return change(data) if _is_site_path(data) else data


def _json_for_script(data: object) -> str:
    """JSON safe inside <script>, escaped as Django's json_script escapes it."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _write(out: Path, file: str, content: bytes) -> None:
    target = (out / file).resolve()
    if not target.is_relative_to(out.resolve()):
        raise SiteExportError(f"Refusing to write outside {out}: {file}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)


def _zip(out: Path, files: list[str]) -> Path:
    zip_path = out.with_name(out.name + ".zip")
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            archive.write(out / file, arcname=file)
    return zip_path


def site_export(
    *, conference: Conference, out: Path, base_url: str | None = None, replace: bool = False
) -> StaticSite:
    """Write a published edition's public pages, assets and exports into `out` with relative
    links, and out.zip beside it; refuses a folder that holds files unless `replace`."""
    if not conference.published:
        raise SiteExportError(f"{conference} is not published: it has no public pages.")
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        if not replace:
            raise SiteExportError(f"{out} is not empty; choose another folder or replace it.")
        shutil.rmtree(out) if out.is_dir() else out.unlink()
    out.mkdir(parents=True, exist_ok=True)
    builder = _Builder(conference, base_url)
    plain_static = {
        **settings.STORAGES,
        # Plain names, copied from the finders: no collectstatic run or manifest needed.
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(
        ALLOWED_HOSTS=[builder.hostname, f"[{builder.hostname}]"],
        SECURE_SSL_REDIRECT=False,
        STORAGES=plain_static,
        SITE_URL=builder.base_url,
    ):
        files = builder.build(out)
    return StaticSite(
        folder=out, files=files, zip_path=_zip(out, files), skipped=sorted(builder.skipped)
    )
