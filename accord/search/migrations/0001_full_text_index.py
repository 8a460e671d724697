from django.db import migrations

from accord.search.schema import create_index, drop_index


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
        ("plans", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
