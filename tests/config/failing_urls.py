"""A URL whose view fails, to see how a server error is logged."""

from django.urls import path


def failing_view(request):
    raise RuntimeError("the view broke")


urlpatterns = [path("fails/", failing_view)]
