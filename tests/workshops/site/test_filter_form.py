"""The program's filter form, as the listing and the schedule draw it."""

from django.template import engines

from workshops.site.filters import FilterOptions
from workshops.site.forms import ProgramFilterForm


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
