"""The changelog as an Atom feed: one entry per release, newest first, with what it changed."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from workshops.program import releases, selectors
from workshops.program.releases import ReleaseEntry


class ReleaseFeed(Feed):
    """Releases of one conference; each entry's id is its place on the changelog page. Made
    afresh for each request (release_feed), so what it keeps between its steps is that
    request's alone."""

    feed_type = Atom1Feed
    description_template = "workshops/feeds/release_entry.html"

    def get_object(self, request, conference_slug):
        self.request = request
        return selectors.conference_for_public(slug=conference_slug, user=request.user)

    def title(self, conference) -> str:
        return f"{conference.name}: program changes"

    def subtitle(self, conference) -> str:
        return f"Every released version of the {conference.name} workshop program."

    def link(self, conference) -> str:
        return reverse("workshops:changelog", kwargs={"conference_slug": conference.slug})

    def feed_url(self, conference) -> str:
        return reverse("workshops:changelog-feed", kwargs={"conference_slug": conference.slug})

    def feed_guid(self, conference) -> str:
        return self.request.build_absolute_uri(self.feed_url(conference))

    def items(self, conference) -> list[ReleaseEntry]:
        self.entries = releases.changelog(conference)
        return self.entries

    def item_title(self, entry: ReleaseEntry) -> str:
        return f"Version {entry.release.version}"

    def item_link(self, entry: ReleaseEntry) -> str:
        changelog = reverse(
            "workshops:changelog", kwargs={"conference_slug": entry.release.conference.slug}
        )
        return f"{changelog}#release-{entry.release.pk}"

    def item_pubdate(self, entry: ReleaseEntry):
        return entry.release.created

    def item_updateddate(self, entry: ReleaseEntry):
        return entry.release.created

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entry"] = kwargs["item"]
        context["first"] = kwargs["item"] is self.entries[-1]
        return context
