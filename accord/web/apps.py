from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "accord.web"
    label = "web"

    def ready(self) -> None:
        from accord.web import checks  # noqa: F401 - registers the deployment checks
