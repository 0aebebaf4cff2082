from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = "Workshop program"

    def ready(self) -> None:
        from workshops import caching

        caching.connect_signals(list(self.get_models()))
