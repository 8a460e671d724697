from django.http import HttpRequest

from accord.web.access import LoginRequired, login_redirect


class LoginRequiredMiddleware:
    """Turns LoginRequired raised by access helpers into a redirect to the sign-in page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, LoginRequired):
            return login_redirect(request)
        return None
