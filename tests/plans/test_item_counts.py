"""Each plan's item counts are kept by the database (triggers on the items' table, migration 0010,
docs/decisions/0016): whatever writes the items (an action, a bulk insert, a queryset update or delete, a
cascade), the plan's row says how many items it has, how many are done and how many open ones ask for an owner."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection
from django.db.models import Count, Q

from accord.audit.actors import SYSTEM
from accord.plans import actions
from accord.plans.models import OPEN_STATUSES, Item, ItemStatus, Plan
from accord.testing import factories as f

pytestmark = pytest.mark.django_db

migration = importlib.import_module("accord.plans.migrations.0010_plan_item_counts")


def counted(plan: Plan) -> tuple[int, int, int]:
    """The plan's counts counted from its items, as the triggers must keep them."""
    got = Item.objects.filter(plan=plan).aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=ItemStatus.DONE)),
        wanted=Count("pk", filter=Q(open_call=True, status__in=OPEN_STATUSES)),
    )
    return got["total"], got["done"], got["wanted"]


def kept(plan: Plan) -> tuple[int, int, int]:
    row = Plan.objects.values_list("items_total", "items_done", "items_open_calls").get(pk=plan.pk)
    return tuple(row)


def assert_kept(*plans: Plan) -> None:
    for plan in plans:
        assert kept(plan) == counted(plan), plan.title


def test_every_way_of_writing_items_keeps_the_plans_counts(network):
    first, second = f.make_plan(network, title="First"), f.make_plan(network, title="Second")
    a, b = f.make_section(first), f.make_section(second)
    items = [f.make_item(a, what=f"Task {n}") for n in range(6)]
    assert kept(first) == (6, 0, 0) and kept(second) == (0, 0, 0)
    # Through the actions: a status, an open call, a deletion; and a move to another plan (no action moves an item
    # out of its plan: a queryset update does).
    actions.do_update_item(SYSTEM, items[0], status=ItemStatus.DONE)
    actions.do_set_item_owners(SYSTEM, items[1], [], open_call=True)
    Item.objects.filter(pk=items[2].pk).update(plan=second, section=b)
    actions.do_delete_item(SYSTEM, Item.objects.get(pk=items[3].pk))
    assert kept(first) == (4, 1, 1) and kept(second) == (1, 0, 0)
    assert_kept(first, second)
    # Around the actions: a bulk insert, a queryset update (status and open call at once), a queryset delete.
    Item.objects.bulk_create(
        [Item(plan=second, section=b, what=f"Bulk {n}", order=10 + n, open_call=n % 2 == 0) for n in range(5)]
    )
    assert kept(second) == (6, 0, 3)
    Item.objects.filter(plan=second, what__startswith="Bulk").update(status=ItemStatus.IN_PROGRESS)
    Item.objects.filter(plan=second, what="Bulk 0").update(status=ItemStatus.DONE, open_call=False)
    Item.objects.filter(plan=first, status=ItemStatus.PLANNED, open_call=False).delete()
    assert_kept(first, second)
    # A full save that changes nothing counted, and one that changes the status back.
    done = Item.objects.get(pk=items[0].pk)
    done.what = "Renamed"
    done.save()
    done.status = ItemStatus.DROPPED
    done.save()
    assert_kept(first, second)
    assert kept(first)[1] == 0
    # Deleting a section, then a plan, takes their items with them.
    actions.do_delete_section(SYSTEM, b)
    assert kept(second) == (0, 0, 0)
    actions.do_delete_plan(SYSTEM, first)
    assert not Plan.objects.filter(pk=first.pk).exists()


def test_a_plan_saved_from_an_old_copy_keeps_the_counts_of_its_items(network):
    plan = f.make_plan(network)
    section = f.make_section(plan)
    old_copy = Plan.objects.get(pk=plan.pk)
    for n in range(3):
        f.make_item(section, what=f"Task {n}", status=ItemStatus.DONE if n == 0 else ItemStatus.PLANNED)
    old_copy.title = "Work Programme, renamed"
    old_copy.save()  # its counts were read before the items existed
    assert kept(plan) == (3, 1, 0)
    old_copy.save(update_fields=["title", "items_total"])  # named or not, the counts are never written from Python
    assert kept(plan) == (3, 1, 0)
    assert Plan.objects.get(pk=plan.pk).title == "Work Programme, renamed"


def test_the_migration_counts_what_the_models_count():
    assert migration.DONE == ItemStatus.DONE
    assert set(migration.OPEN) == set(OPEN_STATUSES)


def test_the_migrations_recount_gives_every_plan_its_counts(network):
    plans = [f.make_plan(network, title=f"Plan {n}") for n in range(3)]
    for n, plan in enumerate(plans):
        section = f.make_section(plan)
        for m in range(n + 2):
            f.make_item(section, what=f"Task {m}", status=ItemStatus.DONE if m == 0 else ItemStatus.PLANNED)
    Plan.objects.filter(pk__in=[p.pk for p in plans]).update(items_total=0, items_done=0, items_open_calls=0)
    with connection.cursor() as cursor:
        cursor.execute(migration.RECOUNT)
    assert [kept(p) for p in plans] == [(2, 1, 0), (3, 1, 0), (4, 1, 0)]


def test_plans_count_their_items_again_after_rows_are_loaded_with_their_counts(network):
    plan = f.make_plan(network)
    section = f.make_section(plan)
    for n in range(3):
        f.make_item(section, what=f"Task {n}", open_call=n == 1)
    Plan.objects.filter(pk=plan.pk).update(items_total=7, items_done=5, items_open_calls=4)  # counted twice
    Plan.recount_derived()
    assert kept(plan) == (3, 0, 1)
    empty = f.make_plan(network, title="Nothing yet")
    Plan.recount_derived()
    assert kept(empty) == (0, 0, 0)
