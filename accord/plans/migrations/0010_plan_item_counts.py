"""Each plan's item counts, kept by the database: triggers on the items' table add and take away a plan's counts
whenever an item is written, moved, has its status or open call changed, or is deleted, in the writer's own
transaction, whatever writes it (an action, an import, the demo's bulk insert). docs/decisions/0016."""

from django.db import migrations, models

DONE = "done"
OPEN = ("planned", "in_progress")  # plans.models.OPEN_STATUSES (a test checks they agree)
_open = ", ".join(f"'{s}'" for s in OPEN)


def _change(sign: str, row: str, cast: str = "") -> str:
    """The UPDATE that adds (sign "+") or takes away ("-") the item `row` (NEW or OLD) from its plan's counts."""
    # Built from this module's constants only (no value from outside reaches the SQL).
    return (
        f"UPDATE plans_plan SET items_total = items_total {sign} 1, "  # noqa: S608
        f"items_done = items_done {sign} ({row}.status = '{DONE}'){cast}, "
        f"items_open_calls = items_open_calls {sign} ({row}.open_call AND {row}.status IN ({_open})){cast} "
        f"WHERE id = {row}.plan_id"
    )


CHANGED = (
    "OLD.plan_id IS DISTINCT FROM NEW.plan_id OR OLD.status IS DISTINCT FROM NEW.status "
    "OR OLD.open_call IS DISTINCT FROM NEW.open_call"
)

SQLITE = [
    f"CREATE TRIGGER plans_item_counts_insert AFTER INSERT ON plans_item BEGIN {_change('+', 'NEW')}; END",
    f"CREATE TRIGGER plans_item_counts_delete AFTER DELETE ON plans_item BEGIN {_change('-', 'OLD')}; END",
    "CREATE TRIGGER plans_item_counts_update AFTER UPDATE OF plan_id, status, open_call ON plans_item "
    f"WHEN {CHANGED.replace('IS DISTINCT FROM', 'IS NOT')} "
    f"BEGIN {_change('-', 'OLD')}; {_change('+', 'NEW')}; END",
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS plans_item_counts_{op}" for op in ("insert", "delete", "update")]

POSTGRESQL = [
    "CREATE FUNCTION plans_item_counts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {_change('-', 'OLD', '::int')}; END IF; "
    f"IF TG_OP IN ('UPDATE', 'INSERT') THEN {_change('+', 'NEW', '::int')}; END IF; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER plans_item_counts_insert_delete AFTER INSERT OR DELETE ON plans_item "
    "FOR EACH ROW EXECUTE FUNCTION plans_item_counts()",
    "CREATE TRIGGER plans_item_counts_update AFTER UPDATE OF plan_id, status, open_call ON plans_item "
    f"FOR EACH ROW WHEN ({CHANGED}) EXECUTE FUNCTION plans_item_counts()",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS plans_item_counts_insert_delete ON plans_item",
    "DROP TRIGGER IF EXISTS plans_item_counts_update ON plans_item",
    "DROP FUNCTION IF EXISTS plans_item_counts()",
]

# Every plan's counts from its items, in one statement (the plans that exist when the triggers start keeping them).
# Built from this module's constants only, as the triggers are.
RECOUNT = (
    "UPDATE plans_plan SET "  # noqa: S608
    "items_total = (SELECT COUNT(*) FROM plans_item i WHERE i.plan_id = plans_plan.id), "
    f"items_done = (SELECT COUNT(*) FROM plans_item i WHERE i.plan_id = plans_plan.id AND i.status = '{DONE}'), "
    "items_open_calls = (SELECT COUNT(*) FROM plans_item i WHERE i.plan_id = plans_plan.id "
    f"AND i.open_call AND i.status IN ({_open}))"
)


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor) -> None:
        vendor = schema_editor.connection.vendor
        if vendor not in statements:
            raise RuntimeError(f"plan item counts: no triggers written for {vendor}")
        for sql in statements[vendor]:
            schema_editor.execute(sql)

    return run


create = _run({"sqlite": [*SQLITE, RECOUNT], "postgresql": [*POSTGRESQL, RECOUNT]})
drop = _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP})


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0009_item_plan_status_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="items_done",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="plan",
            name="items_open_calls",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="plan",
            name="items_total",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(create, drop),
    ]
