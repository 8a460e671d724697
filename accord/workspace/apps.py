from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "accord.workspace"
    label = "workspace"
    verbose_name = "Workspace"
