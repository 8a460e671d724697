from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "accord.network"
    label = "network"
    verbose_name = "Networks and organisations"
