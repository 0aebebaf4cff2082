from django.http import Http404
from django.shortcuts import redirect, render

from workshops import exporters, selectors
from workshops.exporters import ical
from workshops.forms import ProgramFilterForm


def home(request):
    conference = selectors.conference_current()
    if conference is None:
        return render(request, "workshops/no_conference.html", status=200)
    return redirect(conference)


def workshop_list(request, conference_slug):
    conference = selectors.conference_for_public(slug=conference_slug)
    options = selectors.filter_options_for_program(conference=conference)
    form = ProgramFilterForm(request.GET or None, options=options)
    filters = form.filters()
    listing = selectors.workshops_for_filtered_listing(conference=conference, filters=filters)
    context = {
        "conference": conference,
        "editions": selectors.conferences_for_switcher(),
        "form": form,
        "filters": filters,
        "workshops": listing.workshops,
        "total": listing.total,
    }
    return render(request, "workshops/workshop_list.html", context)


def workshop_detail(request, conference_slug, slug):
    conference = selectors.conference_for_public(slug=conference_slug)
    context = {
        "conference": conference,
        "editions": selectors.conferences_for_switcher(),
        "workshop": selectors.workshop_for_detail(conference=conference, slug=slug),
    }
    return render(request, "workshops/workshop_detail.html", context)


def schedule(request, conference_slug):
    conference = selectors.conference_for_public(slug=conference_slug)
    options = selectors.filter_options_for_program(conference=conference)
    form = ProgramFilterForm(request.GET or None, options=options)
    filters = form.filters()
    context = {
        "conference": conference,
        "editions": selectors.conferences_for_switcher(),
        "form": form,
        "filters": filters,
        "days": selectors.schedule_for_program(
            conference=conference, options=options, filters=filters
        ),
    }
    return render(request, "workshops/schedule.html", context)


def room_list(request, conference_slug):
    conference = selectors.conference_for_public(slug=conference_slug)
    context = {
        "conference": conference,
        "editions": selectors.conferences_for_switcher(),
        "rooms": selectors.rooms_for_program(conference=conference),
    }
    return render(request, "workshops/room_list.html", context)


def room_detail(request, conference_slug, slug):
    conference = selectors.conference_for_public(slug=conference_slug)
    context = {
        "conference": conference,
        "editions": selectors.conferences_for_switcher(),
        "sign": selectors.room_for_sign(conference=conference, slug=slug),
    }
    return render(request, "workshops/room_detail.html", context)


def organizer_list(request, conference_slug):
    conference = selectors.conference_for_public(slug=conference_slug)
    context = {
        "conference": conference,
        "editions": selectors.conferences_for_switcher(),
        "organizers": selectors.organizers_for_index(conference=conference),
    }
    return render(request, "workshops/organizer_list.html", context)


def organizer_detail(request, conference_slug, slug):
    conference = selectors.conference_for_public(slug=conference_slug)
    context = {
        "conference": conference,
        "editions": selectors.conferences_for_switcher(),
        "program": selectors.organizer_for_detail(slug=slug),
    }
    return render(request, "workshops/organizer_detail.html", context)


def export_list(request, conference_slug):
    conference = selectors.conference_for_public(slug=conference_slug)
    context = {
        "conference": conference,
        "editions": selectors.conferences_for_switcher(),
        "exporters": exporters.public_exporters(),
        "rooms": selectors.rooms_for_program(conference=conference),
    }
    return render(request, "workshops/export_list.html", context)


def export(request, conference_slug, identifier):
    conference = selectors.conference_for_public(slug=conference_slug)
    try:
        exporter = exporters.get_exporter(identifier, request.GET, public_only=True)
    except exporters.UnknownFormat as error:
        raise Http404(str(error)) from error
    program = selectors.program_for_export(conference, base_url=request.build_absolute_uri("/"))
    return exporter.response(program)


def workshop_calendar(request, conference_slug, slug):
    conference = selectors.conference_for_public(slug=conference_slug)
    program = selectors.program_for_export(conference, base_url=request.build_absolute_uri("/"))
    try:
        content = ical.workshop_calendar(program, slug)
    except LookupError as error:
        raise Http404(str(error)) from error
    return ical.calendar_response(content, filename=f"{conference.slug}-{slug}.ics")


def room_calendar(request, conference_slug, room_slug):
    conference = selectors.conference_for_public(slug=conference_slug)
    program = selectors.program_for_export(conference, base_url=request.build_absolute_uri("/"))
    try:
        content = ical.room_calendar(program, room_slug)
    except LookupError as error:
        raise Http404(str(error)) from error
    return ical.calendar_response(content, filename=f"{conference.slug}-{room_slug}.ics")
