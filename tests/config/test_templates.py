"""A rendered page's context is freed by reference counting, not left to the garbage collector."""

import gc
import weakref

import pytest
from django.template import engines
from django.test.signals import template_rendered

from workshops.filters import FilterOptions
from workshops.forms import ProgramFilterForm


class Held:
    """Something a page's context holds (a large page holds thousands of such objects)."""


@pytest.fixture
def collector_off():
    """Only reference counting frees objects: what a cycle holds stays."""
    was_on = gc.isenabled()
    gc.collect()
    gc.disable()
    yield
    if was_on:
        gc.enable()


def freed_after_rendering(template: str, rf, **context) -> bool:
    held = Held()
    alive = weakref.ref(held)
    engines["django"].from_string(template).render({"held": held, **context}, rf.get("/"))
    del held
    return alive() is None


def test_a_pages_context_is_freed_once_rendered(rf, collector_off):
    # Django's RequestContext refers to itself through the ContextDicts on its stack.
    assert freed_after_rendering("{% with shown=held %}{{ shown }}{% endwith %}", rf)


class Broken:
    @property
    def value(self):
        raise RuntimeError("a bug in a template's object")


def test_a_failed_render_keeps_its_context_for_the_error_report(rf):
    rendering = []

    def keep(sender, context, **kwargs):
        rendering.append(context)

    template_rendered.connect(keep)
    try:
        with pytest.raises(RuntimeError):
            engines["django"].from_string("{{ broken.value }}").render(
                {"broken": Broken()}, rf.get("/")
            )
    finally:
        template_rendered.disconnect(keep)

    [context] = rendering
    assert isinstance(context.get("broken"), Broken)


def test_the_program_filter_form_keeps_no_copy_of_the_pages_context(rf, collector_off):
    form = ProgramFilterForm({"q": "edge"}, options=FilterOptions(rooms=[], days=[]))
    page = '{% include "includes/program_filters.html" %}{{ held }}'

    assert freed_after_rendering(page, rf, form=form, filters=form.filters())


def test_the_program_filter_form_is_laid_out_by_its_helper(rf):
    form = ProgramFilterForm({"q": "edge"}, options=FilterOptions(rooms=[], days=[]))
    html = (
        engines["django"]
        .from_string('{% include "includes/program_filters.html" %}')
        .render({"form": form, "filters": form.filters()}, rf.get("/mlsys-2023/"))
    )

    assert 'aria-label="Filter the program" class="filters" role="search" method="get"' in html
    assert 'value="edge"' in html
    assert 'href="/mlsys-2023/">Clear filters</a>' in html
