"""The listing and the schedule render with the cyclic garbage collector paused, for a bounded
time, however renders overlap in a worker's threads."""

import gc
import threading

import pytest

from workshops import memory, prepared, selectors
from workshops.demo import demo_load


@pytest.fixture
def collector_on():
    was_on = gc.isenabled()
    gc.enable()
    yield
    if not was_on:
        gc.disable()


class Render(threading.Thread):
    """A render in a thread of its own, held inside the pause until released."""

    def __init__(self):
        super().__init__(daemon=True)
        self.inside, self.release = threading.Event(), threading.Event()

    def run(self):
        with memory.collector_paused():
            self.inside.set()
            self.release.wait(5)

    def __enter__(self):
        self.start()
        assert self.inside.wait(5)
        return self

    def end(self):
        self.release.set()
        self.join(5)

    def __exit__(self, *exc):
        self.end()


@pytest.mark.parametrize(
    ("url", "selector"),
    [
        ("/mlsys-2023/schedule/", "schedule_for_program"),
        ("/mlsys-2023/?q=benchmark", "workshops_for_filtered_listing"),
    ],
)
def test_the_listing_and_the_schedule_render_with_the_collector_paused(
    client, db, monkeypatch, collector_on, url, selector
):
    demo_load()
    seen = []
    real = getattr(selectors, selector)

    def spy(**kwargs):
        seen.append(gc.isenabled())
        return real(**kwargs)

    monkeypatch.setattr(selectors, selector, spy)
    client.get(url)  # rendered
    client.get(url)  # from the cache

    assert seen == [False]
    assert gc.isenabled()


@pytest.mark.parametrize(
    ("identifier", "paused"),
    [("schedule.xml", True), ("program.ics", True), ("booklet.pdf", False)],
)
def test_exports_render_with_the_collector_paused_except_the_booklet(
    client, db, monkeypatch, collector_on, identifier, paused
):
    demo_load()
    seen = []
    real = selectors.program_for_export

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(selectors, "program_for_export", spy)
    monkeypatch.setattr(prepared, "render", lambda exporter, program: b"drawn")  # no drawing
    response = client.get(f"/mlsys-2023/export/{identifier}")

    assert response.status_code == 200
    assert seen == [not paused]
    assert gc.isenabled()


def test_the_collector_comes_back_when_the_last_overlapping_render_ends(collector_on):
    with Render() as first:
        with Render():
            first.end()
            still_paused = not gc.isenabled()
        after_both = gc.isenabled()

    assert still_paused
    assert after_both


def test_renders_that_keep_overlapping_do_not_keep_the_collector_off(collector_on, monkeypatch):
    monkeypatch.setattr(memory, "PAUSE_SECONDS", 0.0)
    with Render() as first, Render():
        first.end()  # ends after the longest pause, while the second still renders
        back_on = gc.isenabled()
        with Render():  # begins during an overlap: the collector stays on
            stays_on = gc.isenabled()

    assert back_on
    assert stays_on
    assert gc.isenabled()
    with Render():  # once no render runs, the next one pauses it again
        assert not gc.isenabled()


def test_the_collector_comes_back_after_a_failed_render(collector_on):
    with pytest.raises(RuntimeError), memory.collector_paused():
        raise RuntimeError("the template failed")

    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off(collector_on):
    gc.disable()
    with Render():
        pass

    assert not gc.isenabled()
