from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "accord.web"
    label = "web"
