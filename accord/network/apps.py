from django.apps import AppConfig

from accord.accounts.with_user import read_with_user


class NetworkConfig(AppConfig):
    name = "accord.network"
    label = "network"
    verbose_name = "Networks and organisations"

    def ready(self) -> None:
        from accord.network.permissions import keep_roles, roles_read

        # Nearly every signed-in page reads the person's roles (the network it names, the page's scope): on
        # PostgreSQL they come in the same round trip as the person's own row.
        read_with_user(roles_read, keep_roles)
