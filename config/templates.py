"""Django's template backend, freeing a page's context as soon as the page is rendered.

Django's RequestContext refers to itself: each ContextDict on its stack keeps the context
(`ContextDict.context`, for `with context.push():`). So once a page was rendered, its whole
context (for the schedule of a large program, thousands of slots and tens of thousands of
grid cells) stayed in memory as cyclic garbage until the garbage collector's next pass found
it: 20,000 objects and 7 ms for the large schedule. Emptying the stack after rendering breaks
the cycle, and reference counting frees the context at once.

A template tag that copies the context keeps it alive in the same way (crispy's `{% crispy %}`
does): the program's pages render their filter form apart (`program_filter_form`).
"""

from __future__ import annotations

from django.template import TemplateDoesNotExist
from django.template.backends import django as backend
from django.template.context import make_context


class DjangoTemplates(backend.DjangoTemplates):
    def from_string(self, template_code):
        return Template(self.engine.from_string(template_code), self)

    def get_template(self, template_name):
        try:
            return Template(self.engine.get_template(template_name), self)
        except TemplateDoesNotExist as exc:
            backend.reraise(exc, self)


class Template(backend.Template):
    def render(self, context=None, request=None):
        context = make_context(context, request, autoescape=self.backend.engine.autoescape)
        try:
            rendered = self.template.render(context)
        except TemplateDoesNotExist as exc:
            backend.reraise(exc, self.backend)
        # Only after a render that worked: the debug page and error reports show the
        # context of a failed one.
        context.dicts.clear()  # the ContextDicts, each of which refers to the context
        return rendered
