from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accord.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib import admin

        from accord.accounts import signals  # noqa: F401 - connects the sign-in receivers
        from accord.accounts.forms import ThrottledAdminAuthenticationForm

        # The admin's own sign-in page is throttled like the site's.
        admin.site.login_form = ThrottledAdminAuthenticationForm
