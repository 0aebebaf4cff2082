"""The demo's topics travel as tracks, and its streams, recordings, slides and chat rooms as
links, in files that still validate against the frab XSD and the c3voc JSON schema."""

import json

from lxml import etree

from workshops.exchange.exporters import get_exporter
from workshops.models import Conference
from workshops.program import selectors


def _render(identifier: str) -> bytes:
    conference = Conference.objects.get(slug="mlsys-2023")
    return get_exporter(identifier, {}).render(selectors.program_for_export(conference))


def test_frab_carries_topics_as_tracks_and_the_links(demo, xsd):
    document = etree.fromstring(_render("schedule.xml"))

    assert xsd.validate(document), "\n".join(str(error) for error in xsd.error_log)
    tracks = document.findall("conference/track")
    assert ("Benchmarks and measurement", "benchmarks", "#1f6f8b") in [
        (t.get("name"), t.get("slug"), t.get("color")) for t in tracks
    ]
    event = next(
        e
        for e in document.iter("event")
        if e.findtext("slug").endswith("benchmarking-ml-workloads")
    )
    assert event.findtext("track") == "Benchmarks and measurement"
    links = {(link.get("type"), link.get("href")) for link in event.find("links")}
    assert ("stream", "https://example.org/demo/live/room-241") in links
    assert ("chat", "https://example.org/demo/chat/benchmarking") in links
    attachments = [(a.get("type"), a.text) for a in event.find("attachments")]
    assert attachments == [("slides", "Slides: Invited talk")]
    assert event.findtext("recording/link") == (
        "https://example.org/demo/recordings/benchmarking-keynote"
    )


def test_c3voc_carries_topics_as_tracks_and_the_links(demo, json_validator):
    data = json.loads(_render("schedule.json"))

    json_validator.validate(data)
    conference = data["schedule"]["conference"]
    assert {"name": "Edge and wireless", "slug": "edge", "color": "#8a1c4a"} in conference["tracks"]
    events = [
        event
        for day in conference["days"]
        for room in day["rooms"].values()
        for event in room
        if event["slug"].endswith("benchmarking-ml-workloads")
    ]
    assert [event["track"] for event in events] == ["Benchmarks and measurement"]
    assert {
        "url": "https://example.org/demo/recordings/benchmarking-keynote",
        "title": "Recording: Invited talk",
        "type": "media",
    } in events[0]["links"]
    assert events[0]["attachments"] == [
        {
            "url": "https://example.org/demo/slides/benchmarking-keynote.pdf",
            "title": "Slides: Invited talk",
            "type": "slides",
        }
    ]
