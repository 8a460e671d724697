from django.db import migrations

from accord.search.schema import postgres_fastupdate


class Migration(migrations.Migration):
    """PostgreSQL: the full-text GIN indexes without their pending list (accord.search.schema.postgres_indexes)."""

    dependencies = [("search", "0001_full_text_index")]

    operations = [migrations.RunPython(postgres_fastupdate(on=False), postgres_fastupdate(on=True))]
