from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    """The password reset throttle keeps its counts in a database cache table (settings:
    CACHES["throttle"]): made here so that every database that migrates has it."""
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):

    dependencies = [
        ("strategy", "0012_partnership_history"),
    ]

    operations = [
        migrations.RunPython(create_cache_tables, migrations.RunPython.noop),
    ]
