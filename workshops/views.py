from django.shortcuts import redirect, render

from workshops import selectors


def home(request):
    conference = selectors.conference_current()
    if conference is None:
        return render(request, "workshops/no_conference.html", status=200)
    return redirect(conference)


def workshop_list(request, conference_slug):
    conference = selectors.conference_for_public(slug=conference_slug)
    context = {
        "conference": conference,
        "editions": selectors.conferences_for_switcher(),
        "workshops": list(selectors.workshops_for_listing(conference=conference)),
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
