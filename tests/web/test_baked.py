"""Baked reads (accord/web/baked.py): a query built and compiled once per shape gives what the queryset gives."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.audit.actors import SYSTEM
from accord.plans.actions import do_set_item_owners
from accord.plans.models import Item, ItemOwner, Section
from accord.testing import factories as f
from accord.web.baked import Baked, BakeError, baked, prefetched, together


@pytest.fixture
def plan_with_items(network):
    plan = f.make_plan(network)
    first, second = f.make_section(plan, "First priority"), f.make_section(plan, "Second priority")
    org = f.make_organisation("OWNERORG")
    items = [
        f.make_item(first, "Draft the terms of reference", end=dt.date(2021, 9, 30)),
        f.make_item(first, "Hold the kick-off call", end=dt.date(2021, 8, 15)),
        f.make_item(second, "Publish the summary", end=dt.date(2021, 12, 1)),
    ]
    do_set_item_owners(SYSTEM, items[0], [org])
    return plan, items, org


def without_check(settings):
    settings.ACCORD_BAKED_CHECK = False


def test_model_rows_with_related_rows_as_the_queryset_gives(plan_with_items, settings):
    plan, items, _org = plan_with_items
    read = baked(lambda plan_id: Item.objects.filter(plan_id=plan_id).select_related("section").order_by("id"))
    rows = read(plan_id=plan.pk)
    assert [r.pk for r in rows] == [i.pk for i in items]
    with CaptureQueriesContext(connection) as q:
        assert [r.section.title for r in rows] == ["First priority", "First priority", "Second priority"]
    assert len(q) == 0  # the section came with the row


def test_values_and_values_list_and_dates(plan_with_items):
    plan, items, _org = plan_with_items
    read = baked(
        lambda plan_id, day: Item.objects.filter(plan_id=plan_id, end__gte=day).order_by("end").values("what", "end")
    )
    assert read(plan_id=plan.pk, day=dt.date(2021, 9, 1)) == [
        {"what": "Draft the terms of reference", "end": dt.date(2021, 9, 30)},
        {"what": "Publish the summary", "end": dt.date(2021, 12, 1)},
    ]
    # The same shape with other values: the SQL is reused, the values are this call's.
    assert [r["what"] for r in read(plan_id=plan.pk, day=dt.date(2021, 10, 1))] == ["Publish the summary"]
    assert len(read._plans) == 1
    flat = baked(lambda plan_id: Item.objects.filter(plan_id=plan_id).order_by("id").values_list("what", flat=True))
    assert flat(plan_id=plan.pk) == [i.what for i in items]


def test_text_values_and_a_second_call_runs_no_compiler(plan_with_items, settings, monkeypatch):
    _plan, items, _org = plan_with_items
    read = baked(lambda what: Item.objects.filter(what=what).values_list("pk", flat=True))
    assert read(what="Hold the kick-off call") == [items[1].pk]
    without_check(settings)
    from django.db.models.sql.compiler import SQLCompiler

    def refuse(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(SQLCompiler, "as_sql", refuse)
    assert read(what="Publish the summary") == [items[2].pk]


def test_the_row_converters_are_worked_out_once(plan_with_items, settings, monkeypatch):
    """Dates and flags come back converted (SQLite keeps them as text and integers) on every call, by converters
    worked out on the first call of a connection only."""
    plan, items, _org = plan_with_items
    read = baked(
        lambda plan_id: Item.objects.filter(plan_id=plan_id).order_by("id").values_list("end", "open_call", "tentative")
    )
    expected = [(i.end, i.open_call, i.tentative) for i in items]
    assert read(plan_id=plan.pk) == expected
    without_check(settings)
    from django.db.models.sql.compiler import SQLCompiler

    worked_out: list[int] = []
    original = SQLCompiler.get_converters

    def counting(self, expressions):
        worked_out.append(len(expressions))
        return original(self, expressions)

    monkeypatch.setattr(SQLCompiler, "get_converters", counting)
    for _ in range(3):
        rows = read(plan_id=plan.pk)
        assert rows == expected and isinstance(rows[0][0], dt.date) and isinstance(rows[0][1], bool)
    assert worked_out == []  # the first call's converters, kept by the shape's plan
    usual = list(Item.objects.filter(plan_id=plan.pk).order_by("id").values_list("end", "open_call", "tentative"))
    assert usual == expected and worked_out == [3]  # (the usual read works them out each time)


def test_lists_share_shapes_by_power_of_two(plan_with_items):
    _plan, items, _org = plan_with_items
    read = baked(lambda ids: Item.objects.filter(pk__in=ids).order_by("id").values_list("pk", flat=True))
    pks = [i.pk for i in items]
    assert read(ids=pks) == pks
    assert read(ids=pks[:2]) == pks[:2]
    assert read(ids=pks[:1]) == pks[:1]
    assert read(ids=[*pks, 10**9]) == pks  # four: the same shape as three
    assert read(ids=[]) == []  # matches nothing, without a query
    assert len(read._plans) == 4  # lengths 4 (3 and 4), 2, 1 and 0


def test_shape_values_are_baked_apart(plan_with_items):
    plan, items, _org = plan_with_items

    def build(plan_id, only_open_calls):
        rows = Item.objects.filter(plan_id=plan_id)
        return (rows.filter(open_call=True) if only_open_calls else rows).values_list("pk", flat=True)

    read = Baked(build, shape=["only_open_calls"])
    assert sorted(read(plan_id=plan.pk, only_open_calls=False)) == sorted(i.pk for i in items)
    assert read(plan_id=plan.pk, only_open_calls=True) == []


def test_values_that_change_the_sql_text_are_refused(plan_with_items):
    plan, _items, _org = plan_with_items
    flag = baked(lambda plan_id, open_call: Item.objects.filter(plan_id=plan_id, open_call=open_call))
    with pytest.raises(BakeError, match="shape"):
        flag(plan_id=plan.pk, open_call=True)
    limit = baked(lambda plan_id, size: Item.objects.filter(plan_id=plan_id)[:size])
    with pytest.raises(BakeError, match="size"):
        limit(plan_id=plan.pk, size=2)
    rewritten = baked(lambda word: Item.objects.filter(what__icontains=word))
    with pytest.raises(BakeError, match="rewritten"):
        rewritten(word="call")


def test_the_check_refuses_a_build_that_reads_more_than_its_values(plan_with_items):
    """A build must be a pure function of its values: one that reads something else is caught by the check
    (on in the tests) the first time that something differs."""
    plan, items, _org = plan_with_items
    chosen = {"what": "Hold the kick-off call"}
    read = baked(lambda plan_id: Item.objects.filter(plan_id=plan_id, what=chosen["what"]).values_list("pk", flat=True))
    assert read(plan_id=plan.pk) == [items[1].pk]
    chosen["what"] = "Publish the summary"
    with pytest.raises(AssertionError, match="differs"):
        read(plan_id=plan.pk)


def test_the_check_is_not_counted_as_a_query_of_the_page(plan_with_items, settings):
    plan, _items, _org = plan_with_items
    assert settings.ACCORD_BAKED_CHECK  # on in the suite
    read = baked(lambda plan_id: Section.objects.filter(plan_id=plan_id))
    read(plan_id=plan.pk)
    with CaptureQueriesContext(connection) as q:
        read(plan_id=plan.pk)
    assert len(q) == 1


def test_the_stand_in_values_never_reach_the_database(plan_with_items, settings):
    """Baking compiles the query with stand-in values but never runs it: the first call runs one query, with the
    call's own values."""
    without_check(settings)
    plan, _items, _org = plan_with_items
    read = baked(lambda plan_id: Section.objects.filter(plan_id=plan_id).select_related("plan"))
    with CaptureQueriesContext(connection) as q:
        assert len(read(plan_id=plan.pk)) == 2
    assert len(q) == 1 and str(plan.pk) in q[0]["sql"]


def test_a_key_of_the_integer_type(db, django_user_model):
    """Django's own tables key on `integer` (4 bytes on PostgreSQL): a stand-in past its range would make Django
    answer "no rows" at baking, and every call with it."""
    user = django_user_model.objects.create_user("someone")
    read = baked(lambda pk: django_user_model.objects.filter(pk=pk))
    assert read(pk=user.pk) == [user]


def test_prefetched_rows_are_read_without_a_query(plan_with_items):
    plan, _items, _org = plan_with_items
    rows = list(Item.objects.filter(plan=plan).order_by("id"))
    owners = baked(lambda ids: ItemOwner.objects.filter(item_id__in=ids).select_related("organisation"))
    prefetched(rows, "owners", owners(ids=[r.pk for r in rows]), "item_id")
    with CaptureQueriesContext(connection) as q:
        names = [[o.organisation.short_name for o in r.owners.all()] for r in rows]
    assert len(q) == 0
    assert names == [["OWNERORG"], [], []]
    assert rows[1].owners.filter(pk__gt=0).count() == 0  # a chained query matches nothing, not the table


def test_prefetched_compiles_no_query(plan_with_items, monkeypatch):
    """Copying a queryset fetches its rows first: the empty queryset each instance's copy is made from is marked
    read, so that giving the rows compiles nothing (it compiled `none()` with its model's ordering every time)."""
    from django.db.models.sql.compiler import SQLCompiler

    plan, _items, _org = plan_with_items
    rows = list(Item.objects.filter(plan=plan).order_by("id"))
    owners = list(ItemOwner.objects.filter(item__plan=plan).select_related("organisation"))
    compiled = []
    original = SQLCompiler.as_sql
    monkeypatch.setattr(SQLCompiler, "as_sql", lambda self, *a, **k: compiled.append(self) or original(self, *a, **k))
    prefetched(rows, "owners", owners, "item_id")
    assert compiled == []
    assert [[o.organisation.short_name for o in r.owners.all()] for r in rows] == [["OWNERORG"], [], []]


def test_datetime_values(plan_with_items):
    """A moment is adapted as the backend writes it (text on SQLite, a timestamp on PostgreSQL)."""
    from django.utils import timezone

    from accord.audit.models import AuditEntry

    read = baked(
        lambda network_id, since: AuditEntry.objects.filter(network_id=network_id, at__gte=since).order_by("id")
    )
    plan, _items, _org = plan_with_items
    everything = read(network_id=plan.network_id, since=timezone.now() - dt.timedelta(days=1))
    assert everything and everything == list(AuditEntry.objects.filter(network_id=plan.network_id).order_by("id"))
    assert read(network_id=plan.network_id, since=timezone.now() + dt.timedelta(days=1)) == []


def test_sql_that_depends_on_a_value_itself_is_refused(plan_with_items):
    """Two generations of stand-ins must give the same SQL: a build that branches on a value's size is caught."""
    read = baked(lambda pk: Item.objects.filter(pk=pk) if pk > 25_000 else Item.objects.none())
    with pytest.raises(BakeError, match="shape"):
        read(pk=1)


def test_a_key_past_64_bits_is_read_the_usual_way(plan_with_items):
    """A URL may carry any number: the database driver can't bind one past 64 bits, Django answers it with no rows."""
    _plan, items, _org = plan_with_items
    read = baked(lambda pk: Item.objects.filter(pk=pk))
    assert read(pk=10**30) == []
    assert read(pk=items[0].pk) == [items[0]]  # an ordinary key, baked
    many = baked(lambda pks: Item.objects.filter(pk__in=pks).order_by("pk"))
    pks = [i.pk for i in items]
    assert many(pks=pks) == items
    shapes = len(many._plans)
    for past in (2**63, -(2**63) - 1):  # in a list of ints too, at either end
        with contextlib.suppress(OverflowError):  # SQLite's driver refuses it the usual way too
            assert many(pks=[*pks, past]) == items
        assert len(many._plans) == shapes  # read the usual way: no shape baked for it


def test_a_small_integer_column(plan_with_items):
    """A stand-in within a small integer column's range: the read is not baked empty."""
    _plan, items, _org = plan_with_items
    read = baked(lambda item_id, position: ItemOwner.objects.filter(item_id=item_id, position=position))
    owner = ItemOwner.objects.get(item=items[0])
    assert read(item_id=items[0].pk, position=owner.position) == [owner]


# Reads sent together (baked.together): one round trip on PostgreSQL, the rows each read gives alone.
_items_with_section = baked(
    lambda plan_id: Item.objects.filter(plan_id=plan_id).select_related("section").order_by("id")
)
_item_words = baked(lambda plan_id: Item.objects.filter(plan_id=plan_id).order_by("-id").values("what", "end"))
_owner_keys = baked(lambda ids: ItemOwner.objects.filter(item_id__in=ids).order_by("id").values_list("item_id"))
_none_of = baked(lambda ids: Item.objects.filter(pk__in=ids).order_by("id"))
_item_by_key = baked(lambda pk: Item.objects.filter(pk=pk))
# Extra columns past the selected ones: DISTINCT ordered by a column it does not give adds that column to the
# SELECT, and Django cuts it off the rows.
_distinct_sections = baked(
    lambda plan_id: Section.objects.filter(plan_id=plan_id).order_by("-order").values_list("title").distinct()
)


def test_reads_together_give_what_each_gives_alone(plan_with_items):
    plan, items, _org = plan_with_items
    ids = [i.pk for i in items]
    alone = [
        _items_with_section(plan_id=plan.pk),
        _item_words(plan_id=plan.pk),
        _owner_keys(ids=ids),
        _none_of(ids=[]),
        _distinct_sections(plan_id=plan.pk),
        _item_by_key(pk=10**30),  # read the usual way (a key past 64 bits: Django answers it with no rows)
    ]
    with CaptureQueriesContext(connection) as q:
        rows = together(
            _items_with_section.bind(plan_id=plan.pk),
            _item_words.bind(plan_id=plan.pk),
            _owner_keys.bind(ids=ids),
            _none_of.bind(ids=[]),
            _distinct_sections.bind(plan_id=plan.pk),
            _item_by_key.bind(pk=10**30),
        )
    assert len(q) == 4  # each statement is still counted (the empty read and the overflowing key send none)
    assert [[r.pk for r in rows[0]], [r.section.title for r in rows[0]]] == [
        [r.pk for r in alone[0]],
        [r.section.title for r in alone[0]],
    ]
    assert rows[1:] == alone[1:]
    assert rows[1][0] == {"what": "Publish the summary", "end": dt.date(2021, 12, 1)}
    assert rows[2] == [(items[0].pk,)]
    assert rows[3] == rows[5] == []
    assert rows[4] == [("Second priority",), ("First priority",)]


def test_reads_together_on_postgresql_share_one_pipeline(plan_with_items, settings):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no round trips: the reads run one after the other")
    from psycopg.pq import PipelineStatus

    without_check(settings)  # the check's own reads are sent alone
    plan, _items, _org = plan_with_items
    seen = []

    def status(execute, sql, params, many, context):
        seen.append(connection.connection.info.pipeline_status)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(status):
        rows = together(_items_with_section.bind(plan_id=plan.pk), _item_words.bind(plan_id=plan.pk))
        assert seen == [PipelineStatus.ON] * 2
        assert len(rows[0]) == len(rows[1]) == 3
        seen.clear()
        _item_words(plan_id=plan.pk)  # a read alone is sent alone
        assert seen == [PipelineStatus.OFF]


def test_an_error_in_a_pipelined_read_is_raised_as_djangos(plan_with_items):
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL sends reads in a pipeline")
    from django.db import DataError, transaction

    plan, _items, _org = plan_with_items
    bad = baked(lambda pattern: Item.objects.filter(what__regex=pattern).order_by("id"))
    with pytest.raises(DataError), transaction.atomic():
        together(_item_words.bind(plan_id=plan.pk), bad.bind(pattern="(unbalanced"))
    # The connection goes on: the next reads are answered.
    assert together(_item_words.bind(plan_id=plan.pk), _items_with_section.bind(plan_id=plan.pk))[0]
