from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "accord.events"
    label = "events"
    verbose_name = "Events"
