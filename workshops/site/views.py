from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.csp import CSP

from workshops.exchange import exporters, prepared
from workshops.exchange.exporters import ical
from workshops.pagecache.key import flag, text
from workshops.pagecache.middleware import cached_page
from workshops.program import releases, selectors
from workshops.site import favourites, offline, qr, sharing, workshop_page
from workshops.site.feeds import ReleaseFeed
from workshops.site.filters import filter_options_for_program, workshops_for_filtered_listing
from workshops.site.forms import ProgramFilterForm
from workshops.site.rooms import room_for_sign, rooms_now_and_next
from workshops.site.schedule import default_day, schedule_options, schedule_page

ALL_DAYS = object()  # the schedule's printable page of every day

# The query parameters each cached page reads (the page cache keys it by these alone).
FILTERS = dict.fromkeys(ProgramFilterForm.base_fields, text)
ROOM_SIGN = {"screen": flag}
SHARED_STARS = {"s": text}


def _export_options(kwargs: dict) -> dict:
    return exporters.query_for(kwargs["identifier"])


def _page(request, template: str, conference, context: dict):
    """A page of one edition: the conference and the edition switcher, then the page's own."""
    context = {
        "conference": conference,
        "editions": selectors.conferences_for_switcher(),
        **context,
    }
    return render(request, template, context)


def home(request):
    conference = selectors.conference_current()
    if conference is None:
        return render(request, "workshops/no_conference.html", status=200)
    return redirect(conference)


@cached_page(query=FILTERS)
def workshop_list(request, conference_slug):
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    options = filter_options_for_program(conference=conference)
    form = ProgramFilterForm(request.GET or None, options=options)
    filters = form.filters()
    listing = workshops_for_filtered_listing(conference=conference, filters=filters)
    context = {
        "form": form,
        "filters": filters,
        "workshops": listing.workshops,
        "total": listing.total,
        "version": selectors.program_version_for(conference=conference),
    }
    return _page(request, "workshops/workshop_list.html", conference, context)


@cached_page(by_clock=True)  # a stream's "Watch live" shows while its item runs
def workshop_detail(request, conference_slug, slug):
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    workshop = selectors.workshop_for_detail(conference=conference, slug=slug, user=request.user)
    workshop_page.attach_links(workshop, timezone.now())
    context = {
        "workshop": workshop,
        "paper_groups": workshop_page.paper_groups(workshop),
        "changes": releases.latest_changes_for(conference, slug),
        "other_editions": selectors.workshop_other_editions(workshop=workshop),
        "version": selectors.program_version_for(conference=conference),
        "event": sharing.workshop_event(workshop, conference),
    }
    return _page(request, "workshops/workshop_detail.html", conference, context)


@cached_page
def paper_detail(request, conference_slug, slug, pk):
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    workshop = selectors.workshop_for_detail(conference=conference, slug=slug, user=request.user)
    context = {"workshop": workshop, "paper": selectors.paper_for_detail(workshop=workshop, pk=pk)}
    return _page(request, "workshops/paper_detail.html", conference, context)


def _schedule(request, conference_slug, day, template="workshops/schedule.html"):
    """A page of the schedule: `day`, or every day (ALL_DAYS), or the default day (None)."""
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    schedule = selectors.schedule_for_program(conference=conference)
    form = ProgramFilterForm(request.GET or None, options=schedule_options(schedule))
    filters = form.filters()
    if day is None:
        day = default_day(schedule)
    page = schedule_page(schedule, filters, day=None if day is ALL_DAYS else day, query=request.GET)
    context = {"form": form, "filters": filters, "page": page, "version": schedule.version}
    return _page(request, template, conference, context)


@cached_page(by_clock=True, query=FILTERS)  # the default day is today's while it runs
def schedule(request, conference_slug):
    return _schedule(request, conference_slug, None)


@cached_page(query=FILTERS)
def schedule_day(request, conference_slug, day):
    return _schedule(request, conference_slug, day)


@cached_page(query=FILTERS)
def schedule_all(request, conference_slug):
    return _schedule(request, conference_slug, ALL_DAYS)


# The views another site may show in an iframe: the schedule and the listing, without the
# site's chrome. Only they may be framed, and only by the sites settings.EMBED_ALLOWED_ORIGINS
# names (frame-ancestors; browsers that know only X-Frame-Options get none, as for any page
# meant to be framed).


def _embeddable(response):
    response._csp_config = {
        **settings.SECURE_CSP,
        "frame-ancestors": [CSP.SELF, *settings.EMBED_ALLOWED_ORIGINS],
    }
    response.xframe_options_exempt = True
    return response


@cached_page(query=FILTERS)
def embed_schedule(request, conference_slug):
    return _embeddable(
        _schedule(request, conference_slug, ALL_DAYS, "workshops/embed_schedule.html")
    )


@cached_page(query=FILTERS)
def embed_listing(request, conference_slug):
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    options = filter_options_for_program(conference=conference)
    filters = ProgramFilterForm(request.GET or None, options=options).filters()
    listing = workshops_for_filtered_listing(conference=conference, filters=filters)
    context = {"workshops": listing.workshops}
    return _embeddable(_page(request, "workshops/embed_listing.html", conference, context))


@cached_page(by_clock=True)  # what is on now and next
def room_list(request, conference_slug):
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    context = {
        "rooms": rooms_now_and_next(conference=conference, moment=timezone.now()),
    }
    return _page(request, "workshops/room_list.html", conference, context)


@cached_page(query=ROOM_SIGN)
def room_detail(request, conference_slug, slug):
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    context = {
        "sign": room_for_sign(conference=conference, slug=slug),
        "version": selectors.program_version_for(conference=conference),
        "screen": request.GET.get("screen") == "1",
    }
    return _page(request, "workshops/room_detail.html", conference, context)


@cached_page
def organizer_list(request, conference_slug):
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    context = {
        "organizers": selectors.organizers_for_index(conference=conference),
    }
    return _page(request, "workshops/organizer_list.html", conference, context)


@cached_page
def organizer_detail(request, conference_slug, slug):
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    context = {
        "program": selectors.organizer_for_detail(slug=slug),
    }
    return _page(request, "workshops/organizer_detail.html", conference, context)


@cached_page
def export_list(request, conference_slug):
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    context = {
        "exporters": exporters.public_exporters(),
        "rooms": selectors.rooms_for_program(conference=conference),
    }
    return _page(request, "workshops/export_list.html", conference, context)


@cached_page(query=_export_options)
def export(request, conference_slug, identifier):
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    try:
        exporter = exporters.get_exporter(identifier, request.GET, public_only=True)
    except exporters.UnknownFormat as error:
        raise Http404(str(error)) from error
    program = selectors.program_for_export(conference)
    try:
        content = prepared.render(exporter, program)
    except prepared.NotReady as waiting:
        context = {"exporter": exporter, "retry_after": waiting.retry_after}
        response = _page(request, "workshops/export_preparing.html", conference, context)
        response.status_code = 503
        response["Retry-After"] = str(waiting.retry_after)
        return response
    response = exporter.download(content, conference)
    response["Access-Control-Allow-Origin"] = "*"  # public data: another site's script may read it
    return response


@cached_page
def workshop_calendar(request, conference_slug, slug):
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    program = selectors.program_for_export(conference)
    try:
        content = ical.workshop_calendar(program, slug)
    except LookupError as error:
        raise Http404(str(error)) from error
    return ical.calendar_response(content, filename=f"{conference.slug}-{slug}.ics")


@cached_page
def item_calendar(request, conference_slug, guid):
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    program = selectors.program_for_export(conference)
    try:
        content = ical.item_calendar(program, str(guid))
    except LookupError as error:
        raise Http404(str(error)) from error
    return ical.calendar_response(content, filename=f"{conference.slug}-{guid}.ics")


@cached_page
def room_calendar(request, conference_slug, room_slug):
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    program = selectors.program_for_export(conference)
    try:
        content = ical.room_calendar(program, room_slug)
    except LookupError as error:
        raise Http404(str(error)) from error
    return ical.calendar_response(content, filename=f"{conference.slug}-{room_slug}.ics")


@cached_page
def changelog(request, conference_slug):
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    context = {
        "entries": releases.changelog(conference),
    }
    return _page(request, "workshops/changelog.html", conference, context)


@cached_page
def changelog_feed(request, conference_slug):
    return ReleaseFeed()(request, conference_slug=conference_slug)


# The attendee's tools: "My schedule", the starred set's feed and link, QR codes, offline.


@cached_page(query=SHARED_STARS)
def my_schedule(request, conference_slug):
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    workshops = selectors.workshops_for_favourites(conference=conference)
    version = selectors.program_version_for(conference=conference)
    try:
        shared = favourites.slugs_from_token(conference=conference, token=request.GET["s"])
    except (KeyError, favourites.BadToken):
        shared = None  # no link, or a damaged one: the page shows the browser's own stars
    context = {
        "version": version,
        "program": favourites.program_data(
            conference=conference, workshops=workshops, version=version
        ),
        "shared": favourites.workshops_in(workshops, shared),
        "shared_link": shared is not None,
    }
    return _page(request, "workshops/my_schedule.html", conference, context)


@cached_page
def favourites_program(request, conference_slug):
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    version = selectors.program_version_for(conference=conference)
    workshops = selectors.workshops_for_favourites(conference=conference)
    data = favourites.program_data(conference=conference, workshops=workshops, version=version)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def favourites_link(request, conference_slug):
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    asked = favourites.clean_slugs(request.GET.getlist("w"))
    slugs = selectors.workshop_slugs_for_stars(
        conference=conference, slugs=asked, item_guids=favourites.item_guids(asked)
    )
    token = favourites.token_for(conference=conference, slugs=slugs)
    links = favourites.links_for(
        conference=conference, token=token, absolute=request.build_absolute_uri
    )
    response = JsonResponse({**links, "workshops": slugs})
    # The same for everyone who asks for these stars: public, so the offline worker keeps it.
    response["Cache-Control"] = "public, no-cache"
    return response


@cached_page
def favourites_feed(request, conference_slug, token):
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    try:
        slugs = favourites.slugs_from_token(conference=conference, token=token)
    except favourites.BadToken as error:
        raise Http404("No such calendar feed.") from error
    program = selectors.program_for_export(conference)
    content = favourites.favourites_calendar(program, slugs)
    return ical.calendar_response(content, filename=f"{conference.slug}-my-workshops.ics")


def qr_code(request, conference_slug):
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    try:
        target = qr.qr_target(
            data=request.GET.get("data", ""),
            conference=conference,
            host=request.get_host(),
            secure=request.is_secure(),
        )
    except qr.NotDrawn as refusal:
        return HttpResponseBadRequest(str(refusal), content_type="text/plain; charset=utf-8")
    etag = qr.qr_etag(target)
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        qr.qr_svg(target), content_type="image/svg+xml"
    )
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={qr.CACHE_SECONDS}"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@cached_page
def manifest(request, conference_slug):
    """The web app manifest of an edition: installable, opening at its listing."""
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    return render(
        request,
        "workshops/manifest.webmanifest",
        {"conference": conference},
        content_type="application/manifest+json",
    )


def service_worker(request, conference_slug):
    conference = selectors.conference_for_public(slug=conference_slug, user=request.user)
    response = HttpResponse(offline.service_worker_source(), content_type="text/javascript")
    response["Service-Worker-Allowed"] = conference.get_absolute_url()
    response["Cache-Control"] = "no-cache"
    return response


# For search engines: the sitemap of every published edition, and robots.txt.

SITEMAP_PAGE = {"p": text}


@cached_page(query=SITEMAP_PAGE)
def sitemap(request):
    return sitemap_views.sitemap(request, {"program": sharing.ProgramSitemap})


def robots(request):
    response = render(request, "robots.txt", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
