"""`__in` with a list: one array parameter on PostgreSQL (accord.web.lookups), Django's `IN (...)` elsewhere, and
the same rows either way."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.network.models import Organisation
from accord.plans.models import Item, ItemOwner
from accord.testing import factories as f
from accord.web.baked import baked

pytestmark = pytest.mark.django_db

ON_POSTGRESQL = connection.vendor == "postgresql"


@pytest.fixture
def items(network):
    plan = f.make_plan(network)
    section = f.make_section(plan, "First priority")
    made = [f.make_item(section, f"Item {n}", end=dt.date(2027, 1, n + 1)) for n in range(5)]
    return plan, made


def sql_of(queryset) -> tuple[str, tuple]:
    sql, params = queryset.query.get_compiler(using="default").as_sql()
    return sql, tuple(params)


def test_ints_are_one_array_parameter_on_postgresql(items):
    _plan, made = items
    ids = [i.pk for i in made[:3]]
    sql, params = sql_of(Item.objects.filter(pk__in=ids))
    if ON_POSTGRESQL:
        assert "= ANY(%s)" in sql and " IN (" not in sql
        assert params == (ids,)
    else:
        assert " IN (%s, %s, %s)" in sql and params == tuple(ids)
    assert sorted(Item.objects.filter(pk__in=ids).values_list("pk", flat=True)) == sorted(ids)


def test_the_statement_is_the_same_whatever_the_length(items):
    _plan, made = items
    one = sql_of(Item.objects.filter(pk__in=[made[0].pk]))[0]
    five = sql_of(Item.objects.filter(pk__in=[i.pk for i in made]))[0]
    assert (one == five) is ON_POSTGRESQL


def test_text_foreign_keys_and_objects(items, network):
    plan, made = items
    orgs = [f.make_organisation(code) for code in ("ALPHA", "BETA", "GAMMA")]
    slugs = [o.slug for o in orgs[:2]]
    assert sorted(Organisation.objects.filter(slug__in=slugs).values_list("slug", flat=True)) == sorted(slugs)
    by_object = Item.objects.filter(plan__in=[plan]).count()
    by_id = Item.objects.filter(plan_id__in=[plan.pk]).count()
    by_reverse = Item.objects.filter(section__in=[made[0].section]).count()
    assert by_object == by_id == by_reverse == len(made)
    for queryset in (Item.objects.filter(plan__in=[plan]), Organisation.objects.filter(slug__in=slugs)):
        assert ("= ANY(%s)" in sql_of(queryset)[0]) is ON_POSTGRESQL


def test_none_duplicates_exclusion_and_nothing(items):
    _plan, made = items
    ids = [made[0].pk, None, made[0].pk, made[1].pk]
    assert sorted(Item.objects.filter(pk__in=ids).values_list("pk", flat=True)) == sorted([made[0].pk, made[1].pk])
    if ON_POSTGRESQL:
        assert sql_of(Item.objects.filter(pk__in=ids))[1] == ([made[0].pk, made[1].pk],)
    kept = Item.objects.filter(plan=made[0].plan).exclude(pk__in=[made[0].pk]).count()
    assert kept == len(made) - 1
    with CaptureQueriesContext(connection) as queries:
        assert list(Item.objects.filter(pk__in=[])) == []
        assert list(Item.objects.filter(pk__in=[None])) == []
    assert len(queries) == 0  # matches nothing: no query, as Django's own


def test_other_values_keep_djangos_sql(items):
    plan, made = items
    days = [made[0].end, made[1].end]
    sql, _params = sql_of(Item.objects.filter(end__in=days))
    assert " IN (%s, %s)" in sql and "ANY" not in sql
    assert Item.objects.filter(end__in=days).count() == 2
    mixed = sql_of(Item.objects.filter(pk__in=[made[0].pk, str(made[1].pk)]))  # prepared to ints by the field
    assert ("= ANY(%s)" in mixed[0]) is ON_POSTGRESQL
    assert Item.objects.filter(pk__in=[made[0].pk, str(made[1].pk)]).count() == 2
    from django.db.models import F

    with_expression = Item.objects.filter(pk__in=[F("pk"), made[0].pk])  # an expression among the values
    assert "ANY" not in sql_of(with_expression)[0] and with_expression.count() == len(made)
    subquery = Item.objects.filter(plan=plan).values("pk")
    sql, _params = sql_of(ItemOwner.objects.filter(item_id__in=subquery))
    assert " IN (SELECT" in sql


def test_a_baked_read_sends_one_array_for_every_length(items, settings):
    _plan, made = items
    read = baked(lambda ids: Item.objects.filter(pk__in=ids).order_by("id").values_list("pk", flat=True))
    pks = [i.pk for i in made]
    statements = set()
    for n in (1, 2, 3, 5):
        with CaptureQueriesContext(connection) as queries:
            assert read(ids=pks[:n]) == pks[:n]  # checked against the usual read (ACCORD_BAKED_CHECK)
        statements.add(queries[0]["sql"].split(" WHERE ")[0])
        if ON_POSTGRESQL:
            assert "= ANY(" in queries[0]["sql"]
    assert read(ids=[]) == []
    plan = next(iter(read._plans.values()))
    if ON_POSTGRESQL:
        assert len({p.sql for p in read._plans.values() if p.queryset is not None}) == 1
        assert [s.index for s in plan.slots] == [None]  # the whole list, one parameter
