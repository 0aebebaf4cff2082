"""The admin app, set to use the program's admin site (workshops.backoffice.site)."""

from django.contrib.admin.apps import AdminConfig


class ProgramAdminConfig(AdminConfig):
    default_site = "workshops.backoffice.site.ProgramAdminSite"
