from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "accord.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from accord.search.schema import ensure_index

        # SQLite drops a table's triggers when a migration rebuilds the table; put them back after every migrate.
        post_migrate.connect(ensure_index, sender=self, dispatch_uid="accord.search.ensure_index")
