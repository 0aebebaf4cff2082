"""The account pages this project changes: the password reset, throttled."""

from django.contrib.auth import views as auth_views

from accounts import throttling


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, answered 429 (and no e-mail sent) past the limits per client
    address and per e-mail address (accounts.throttling.password_reset_wait)."""

    def form_valid(self, form):
        wait = throttling.password_reset_wait(self.request, form.cleaned_data["email"])
        if wait is not None:
            template = "registration/password_reset_throttled.html"
            return throttling.too_many_response(self.request, template, {}, wait)
        return super().form_valid(form)
