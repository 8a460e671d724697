from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "accord.plans"
    label = "plans"
    verbose_name = "Plans"

    def ready(self) -> None:
        from accord.plans import receivers  # noqa: F401 - connects the receivers
