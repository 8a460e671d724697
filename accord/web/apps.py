from django.apps import AppConfig
from django.db.models.signals import post_migrate


class WebConfig(AppConfig):
    name = "accord.web"
    label = "web"

    def ready(self) -> None:
        from accord.web import checks  # noqa: F401 - registers the deployment checks
        from accord.web.lookups import register as register_lookups
        from accord.web.planner import after_migrate

        # Planner statistics once the tables exist (SQLite keeps none until asked).
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="accord.web.planner")
        # `__in` with a list: one array parameter on PostgreSQL (`= ANY(%s)`), whatever the list's length.
        register_lookups()
