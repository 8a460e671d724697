"""Baked reads: a page's query built and compiled once per shape, then run with each request's values.

Django builds a query (filters into lookups, joins, the select list) and compiles it to SQL on every evaluation.
On our pages that Python costs more than the database's own work: 0.3–1 ms a query against 0.05–0.2 ms of
SQLite, so a cold page of ten queries spent most of its time writing SQL it had written before
(docs/decisions/0015-baked-reads.md). A baked read does that work once per process and shape:

    items_of_plan = baked(lambda plan_id: Item.objects.filter(plan_id=plan_id).order_by("order", "id"))
    rows = items_of_plan(plan_id=plan.pk)  # a list, as list(queryset) would give

The first call builds the queryset with stand-in values (sentinels), compiles it, and notes which parameter of
the SQL each value feeds and how the database backend adapted it (a date becomes text on SQLite). Later calls put
their values into those places and run the same SQL through Django's own compiler state, so the rows come back as
the queryset would have given them: model objects (with their `select_related` rows), dicts of `values()`,
tuples of `values_list()`, and `prefetch_related` done as usual.

The rules, checked where they can be:

- `build` is a pure function of its arguments: whatever else it reads is frozen at the first call.
- Values are ints, strings, dates and datetimes, or lists and tuples of those. A list is for `__in`: its
  length is rounded up to a power of two by repeating its last element (the same rows), so that lists of every
  length share a few shapes.
- Anything that changes the SQL's text rather than a parameter (a flag that adds a filter, None, a slice's
  bounds) is named in `shape`: each distinct value of those is baked apart.
- A value must reach the SQL unchanged as a parameter (not through `contains`, which rewrites it, nor into a
  LIMIT): baking refuses otherwise.

With `settings.ACCORD_BAKED_CHECK` (on in the test suite) every call also builds and compiles the query the usual
way and refuses a difference in the SQL, its parameters or its rows: a baked read can only be wrong where the
tests would fail.
"""

from __future__ import annotations

import copy
import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, QuerySet

T = TypeVar("T")

# Shapes kept per baked read (lists of every length, each flag's values): the oldest is dropped past this.
MAX_SHAPES = 64
# Within PostgreSQL's integer range: Django answers a lookup on an `integer` column (AutoField, the auth tables'
# keys) with a value past it as matching nothing (EmptyResultSet), which would bake an empty read.
# Stand-ins: two generations, compiled apart, must give the same SQL with the values in the same places (so that a
# constant of the query that happens to equal a stand-in, or SQL that depends on a value itself, is caught). Ints
# stay within a small integer column's range: Django answers a lookup whose value overflows the column with "no
# rows" at compile time, which would bake an empty read.
_SENTINEL_INTS = (21_000, 26_000)
_SENTINEL_TEXT = "\x1fbaked-{}-{}\x1f"
_SENTINEL_DAYS = (dt.date(1001, 1, 1), dt.date(1501, 1, 1))
_MAX_VALUES = 2048  # more values than this in one call (a list of thousands) are read the usual way
_INT64 = 2**63
_UTC = dt.UTC


class BakeError(TypeError):
    """A baked read's query can't be baked as written (a value that changes the SQL's text, an unknown type)."""


@dataclass(frozen=True)
class _Slot:
    """Where one parameter of the SQL comes from: a value (by name, and its index in a list value) passed through
    `adapt`, or a constant of the query (`name` None)."""

    name: str | None
    index: int | None
    adapt: Callable[[Any], Any] | None
    constant: Any = None


_CONVERTER_SETS = 32


class _Plan:
    """One shape's compiled query: the SQL, where each parameter comes from, and the compiler state the rows are
    read with (None when the query can match nothing, as `pk__in=[]`)."""

    def __init__(self, queryset: QuerySet[Any] | None, compiler: Any, sql: str, slots: list[_Slot]) -> None:
        if queryset is not None:
            # Marked read, so that copying it (`run`) never evaluates it: QuerySet.__getstate__ fetches the rows of
            # an unread queryset, which would run the stand-ins' query (an error where a value must be well formed,
            # as a full-text query's text).
            queryset._result_cache = []
            queryset._prefetch_done = True
        self.queryset = queryset
        self.compiler = compiler
        self.sql = sql
        self.slots = slots
        # The row converters of each connection (Django works them out from every selected column on every
        # read: 40 lookups for a read of ten columns); they depend on the compiled columns and the backend only.
        self._converters: dict[tuple[int, tuple[int, ...]], Any] = {}

    def params(self, values: dict[str, Any]) -> tuple[Any, ...]:
        out = []
        for slot in self.slots:
            if slot.name is None:
                out.append(slot.constant)
                continue
            value = values[slot.name]
            if slot.index is not None:
                value = value[slot.index]
            out.append(slot.adapt(value) if slot.adapt else value)
        return tuple(out)

    def _converters_of(self, compiler: Any, connection: Any) -> Callable[[Any], Any]:
        """`compiler.get_converters`, worked out once per connection and list of columns (the compiled query's own
        column objects, which this plan keeps, so their ids name them; a memo's converters keep their connection,
        so its id is never another's)."""
        memo, work_out = self._converters, compiler.get_converters

        def get_converters(expressions: Any) -> Any:
            key = (id(connection), tuple(map(id, expressions)))
            found = memo.get(key)
            if found is None:
                if len(memo) >= _CONVERTER_SETS:  # one set per connection (thread) in practice: stay bounded
                    memo.clear()
                found = memo[key] = work_out(expressions)
            return found

        return get_converters

    def run(self, alias: str, params: tuple[Any, ...], fetched: list[tuple[Any, ...]] | None = None) -> list[Any]:
        """The rows, read with `params`; or, given `fetched` (this SQL's rows as the cursor gave them, read by
        `together`), made from those without running the SQL again."""
        if self.queryset is None:
            return []
        compiler = copy.copy(self.compiler)
        connection = compiler.connection = connections[alias]
        sql = self.sql
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        compiler.get_converters = self._converters_of(compiler, connection)
        if fetched is not None:
            if compiler.has_extra_select:  # the columns past the selected ones are the ordering's, as Django cuts
                fetched = [row[: compiler.col_count] for row in fetched]
            chunks = [fetched] if fetched else []
            # Every iterable of a queryset (models, values, values_list) reads its rows through execute_sql.
            compiler.execute_sql = lambda *args, **kwargs: iter(chunks)
        query = copy.copy(self.queryset.query)
        query.get_compiler = lambda using=None, connection=None, elide_empty=True: compiler
        queryset = copy.copy(self.queryset)
        queryset._query = query
        queryset._result_cache = None
        queryset._prefetch_done = False
        return list(queryset)


def _sentinel(value: Any, n: int, generation: int) -> Any:
    if isinstance(value, bool) or value is None:
        raise BakeError(f"{value!r} changes the SQL's text, not a parameter: name it in `shape`")
    if isinstance(value, int):
        return _SENTINEL_INTS[generation] + n
    if isinstance(value, str):
        return _SENTINEL_TEXT.format(generation, n)
    if isinstance(value, dt.datetime):
        day = _SENTINEL_DAYS[generation]
        moment = dt.datetime(day.year, day.month, day.day, tzinfo=_UTC if value.tzinfo else None)
        return moment + dt.timedelta(seconds=n)
    if isinstance(value, dt.date):
        return _SENTINEL_DAYS[generation] + dt.timedelta(days=n)
    raise BakeError(f"a value of type {type(value).__name__} can't be baked: pass ints, text or dates")


def _bindable(value: Any) -> bool:
    """Whether the database takes the value as a parameter as the usual query would (an int past 64 bits, which a
    URL may carry, is read the usual way: Django answers it with no rows, SQLite's driver with an error)."""
    if isinstance(value, list | tuple):
        if value and set(map(type, value)) == {int}:  # a list of ints (a plan's 250 item ids): its bounds alone
            return min(value) >= -_INT64 and max(value) < _INT64
        return all(_bindable(v) for v in value)
    return not isinstance(value, int) or -_INT64 <= value < _INT64


def _whole_list(param: Any, where: dict[Any, tuple[str, int | None]]) -> str | None:
    """The name of the list value a parameter is, whole and in order (its stand-ins, one array parameter), or
    None."""
    if not isinstance(param, list) or not param:
        return None
    try:
        places = [where.get(s) for s in param]
    except TypeError:
        return None
    name = places[0][0] if places[0] is not None else None
    if name is None or places != [(name, i) for i in range(len(param))]:
        return None
    return name


def _adapters(alias: str, sentinel: Any) -> list[Callable[[Any], Any]]:
    """How the backend may have turned a value of the sentinel's type into a parameter."""
    ops = connections[alias].ops
    if isinstance(sentinel, dt.datetime):
        return [ops.adapt_datetimefield_value, str]
    if isinstance(sentinel, dt.date):
        return [ops.adapt_datefield_value, str]
    return [str]


class Baked(Generic[T]):
    """A read whose query `build(**values)` is built and compiled once per shape (see the module's text)."""

    def __init__(self, build: Callable[..., QuerySet[Any]], shape: Iterable[str] = ()) -> None:
        self.build = build
        self.shape = frozenset(shape)
        code = getattr(build, "__code__", None)
        where = f":{code.co_firstlineno}" if code is not None else ""
        self.name = f"{getattr(build, '__module__', '')}.{getattr(build, '__qualname__', repr(build))}{where}"
        self._plans: OrderedDict[tuple[Any, ...], _Plan] = OrderedDict()
        self._lock = threading.Lock()

    def _key(self, alias: str, values: dict[str, Any]) -> tuple[Any, ...]:
        key: list[Any] = [alias, tuple(sorted(values))]  # the names given (a build's optional values)
        for name in sorted(values):
            value = values[name]
            if name in self.shape:
                key.append((name, value))
            elif isinstance(value, list | tuple):
                key.append((name, len(value)))
        return tuple(key)

    def _padded(self, values: dict[str, Any]) -> dict[str, Any]:
        """The values with each list's length rounded up to a power of two (its last element repeated)."""
        out = values
        for name, value in values.items():
            if name not in self.shape and isinstance(value, list | tuple) and value:
                size = 1 << (len(value) - 1).bit_length()
                if size != len(value):
                    if out is values:
                        out = dict(values)
                    out[name] = [*value, *([value[-1]] * (size - len(value)))]
        return out

    def _compile(self, alias: str, values: dict[str, Any], generation: int) -> _Plan:
        """The query built with one generation of stand-ins, compiled, and where each value lands in its
        parameters."""
        stand_ins: dict[str, Any] = {}
        where: dict[Any, tuple[str, int | None]] = {}  # stand-in -> (name, index in its list)
        n = 0
        for name, value in values.items():
            if name in self.shape:
                stand_ins[name] = value
            elif isinstance(value, list | tuple):
                stand_ins[name] = []
                for i, element in enumerate(value):
                    s = _sentinel(element, n, generation)
                    n += 1
                    stand_ins[name].append(s)
                    where[s] = (name, i)
            else:
                s = _sentinel(value, n, generation)
                n += 1
                stand_ins[name] = s
                where[s] = (name, None)
        queryset = self.build(**stand_ins)
        compiler = queryset.query.get_compiler(using=alias)
        try:
            sql, params = compiler.as_sql()
            if not sql:
                raise EmptyResultSet
        except EmptyResultSet:
            return _Plan(None, None, "", [])
        adapted: dict[Any, tuple[Any, Callable[[Any], Any] | None]] = {}
        for s in where:
            adapted.setdefault(s, (s, None))
            for adapt in _adapters(alias, s):
                form = adapt(s)
                if form is not None and form != s:
                    adapted.setdefault(form, (s, adapt))
        slots, seen = [], set()
        for param in params:
            whole = _whole_list(param, where)
            if whole is not None:  # a list value sent as one array (`__in` on PostgreSQL: accord.web.lookups)
                seen.update(param)
                slots.append(_Slot(whole, None, list))
                continue
            try:
                hit = adapted.get(param)
            except TypeError:  # an unhashable constant (a list for PostgreSQL's ANY)
                hit = None
            if hit is None:
                if isinstance(param, str) and any(str(s) in param for s in where):
                    raise BakeError(f"{self.name}: a value reaches the SQL rewritten ({param!r}); bake it unchanged")
                slots.append(_Slot(None, None, None, param))
                continue
            s, adapt = hit
            seen.add(s)
            name, index = where[s]
            slots.append(_Slot(name, index, adapt))
        missing = [where[s][0] for s in where if s not in seen]
        if missing or any(str(s) in sql for s in where):
            raise BakeError(f"{self.name}: {sorted(set(missing)) or 'a value'} does not reach the SQL as a parameter")
        return _Plan(queryset, compiler, sql, slots)

    def _bake(self, alias: str, values: dict[str, Any]) -> _Plan:
        """The shape's plan, compiled with two generations of stand-ins that must agree."""
        plan, again = self._compile(alias, values, 0), self._compile(alias, values, 1)
        if (plan.sql, plan.slots) != (again.sql, again.slots):
            raise BakeError(
                f"{self.name}: the SQL depends on the values themselves, not only on where they go: "
                "name what decides it in `shape`"
            )
        return plan

    def plan(self, alias: str, values: dict[str, Any]) -> _Plan:
        key = self._key(alias, values)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._bake(alias, values)
            with self._lock:
                self._plans[key] = plan
                while len(self._plans) > MAX_SHAPES:
                    self._plans.popitem(last=False)
        return plan

    def __call__(self, **values: Any) -> list[T]:
        return self._rows("default", values, self._prepared("default", values), None)

    def _rows(self, alias: str, values: dict[str, Any], ready: Any, fetched: list[tuple[Any, ...]] | None) -> list[T]:
        """The rows of one call: read the usual way (`ready` None), or through its plan (from `fetched`, the rows
        `together` read, or by running its SQL), checked against the usual way with ACCORD_BAKED_CHECK."""
        if ready is None:
            return list(self.build(**values))
        plan, params, padded = ready
        rows = plan.run(alias, params, fetched)
        if getattr(settings, "ACCORD_BAKED_CHECK", False):
            self._check(alias, plan, params, values, rows, same_sql=padded is values)
        return rows

    def bind(self, **values: Any) -> Bound[T]:
        """This read with its values, to be run with others in one round trip (`together`)."""
        return Bound(self, values)

    def _prepared(self, alias: str, values: dict[str, Any]) -> tuple[_Plan, tuple[Any, ...], dict[str, Any]] | None:
        """The shape's plan, its parameters and the padded values; None for values read the usual way (too many,
        or an int past 64 bits)."""
        if sum(len(v) if isinstance(v, list | tuple) else 1 for v in values.values()) > _MAX_VALUES or not all(
            _bindable(v) for v in values.values()
        ):
            return None
        padded = self._padded(values)
        plan = self.plan(alias, padded)
        return plan, plan.params(padded), padded

    def _check(
        self, alias: str, plan: _Plan, params: tuple[Any, ...], values: dict[str, Any], rows: list[Any], same_sql: bool
    ) -> None:
        """Build the query the usual way and refuse any difference from the baked one (tests): its SQL and
        parameters (unless a list was padded, which the usual way writes shorter) and its rows."""
        queryset = self.build(**values)
        try:
            sql, expected = queryset.query.get_compiler(using=alias).as_sql()
        except EmptyResultSet:
            sql, expected = "", ()
        if same_sql and (sql, tuple(expected)) != (plan.sql, params):
            raise AssertionError(
                f"baked read {self.name} differs from its query:\n{plan.sql}\n{params}\n{sql}\n{expected}"
            )
        ordered = queryset.ordered
        # Other transactions may commit between the two reads (the tests of concurrent writers): rows that differ
        # are read again, both ways, before they count as a difference; a baked read that is wrong stays wrong.
        for _attempt in range(3):
            fresh = _uncounted(alias, lambda: list(self.build(**values)))
            if _same_rows(rows, fresh, ordered):
                return
            rows = _uncounted(alias, lambda: plan.run(alias, params))
        raise AssertionError(f"baked read {self.name} gave other rows than its query")


@dataclass(frozen=True)
class Bound(Generic[T]):
    """A baked read and the values of one call (`Baked.bind`)."""

    read: Baked[T]
    values: dict[str, Any]

    def __call__(self) -> list[T]:
        """The rows, read alone (as `read(**values)`)."""
        return self.read(**self.values)


def together(*reads: Bound[Any]) -> list[list[Any]]:
    """The rows of each read, in order, as each call would give them; on PostgreSQL their statements are sent in
    one round trip (psycopg's pipeline mode), not one after the other.

    A page's reads that do not depend on each other's rows (an item's comments, linked events and history) each
    cost a round trip on PostgreSQL: on a local server 0.2 ms of the client's processor time (the socket's system
    calls) and 0.45 ms of wall time before the first row, whatever the query. In a pipeline the statements are
    written together and their results read together: four reads of the item page cost 0.45 ms of processor time
    instead of 0.84, and 0.65 ms of wall time instead of 1.7 (docs/decisions/0015). Each statement is still its
    own: it is prepared, logged and counted as it would be alone, and an error in one is raised as Django's.
    SQLite, which has no round trips, runs them one after the other."""
    alias = "default"
    connection = connections[alias]
    prepared = [read.read._prepared(alias, read.values) for read in reads]
    sent = [p for p in prepared if p is not None and p[0].queryset is not None]
    fetched: list[list[tuple[Any, ...]] | None] = [None] * len(reads)
    if len(sent) > 1 and _pipelines(connection):
        fetched = _pipelined(connection, prepared)
    return [
        read.read._rows(alias, read.values, ready, rows)
        for read, ready, rows in zip(reads, prepared, fetched, strict=True)
    ]


def pipelines(alias: str = "default") -> bool:
    """Whether reads sent together (`together`) share one round trip on this database: PostgreSQL's pipeline."""
    return _pipelines(connections[alias])


def _pipelines(connection: Any) -> bool:
    """Whether the connection can send statements in a pipeline: PostgreSQL through psycopg 3 with a libpq that
    has it (14 or later), outside a broken transaction."""
    if connection.vendor != "postgresql" or connection.needs_rollback:
        return False
    from psycopg import Pipeline

    return bool(Pipeline.is_supported())


def _pipelined(connection: Any, prepared: list[Any]) -> list[list[tuple[Any, ...]] | None]:
    """Each prepared read's rows as the cursor gives them (None for a read that sends nothing), its statements
    sent in one pipeline through Django's cursors (logged and wrapped as any other)."""
    connection.ensure_connection()
    cursors: list[Any] = []
    try:
        with connection.wrap_database_errors:
            with connection.connection.pipeline():
                for ready in prepared:
                    if ready is None or ready[0].queryset is None:
                        cursors.append(None)
                        continue
                    plan, params, _padded = ready
                    cursor = connection.cursor()
                    cursors.append(cursor)
                    cursor.execute(plan.sql, params)
            return [None if cursor is None else cursor.fetchall() for cursor in cursors]
    finally:
        for cursor in cursors:
            if cursor is not None:
                cursor.close()


def _uncounted(alias: str, read: Callable[[], list[Any]]) -> list[Any]:
    """Rows read unseen by the query counts of the tests (they count the page's own queries)."""
    connection = connections[alias]
    logged, connection.force_debug_cursor = connection.force_debug_cursor, False
    kept = len(connection.queries_log)
    try:
        return read()
    finally:
        connection.force_debug_cursor = logged
        while len(connection.queries_log) > kept:
            connection.queries_log.pop()


def _same_rows(rows: list[Any], fresh: list[Any], ordered: bool) -> bool:
    got, want = _rows(rows), _rows(fresh)
    if not ordered:  # no ORDER BY: the database may give the same rows in another order each time
        return sorted(map(repr, got)) == sorted(map(repr, want))
    return got == want


def _rows(rows: list[Any]) -> list[Any]:
    return [_fields(r) if isinstance(r, Model) else r for r in rows]


def _fields(obj: Model) -> dict[str, Any]:
    out = {k: v for k, v in obj.__dict__.items() if not k.startswith("_")}
    for name, related in obj._state.fields_cache.items():
        out[f"->{name}"] = _fields(related) if isinstance(related, Model) else related
    return out


def prefetched(instances: Iterable[Model], attr: str, rows: Iterable[Any], key: str) -> None:
    """Give each of `instances` the related rows `attr` (a reverse relation: `item.owners.all()` and the like
    then read them without a query), from `rows` read by a baked read, matched on their `key` attribute (the
    foreign key's column, as `item_id`): what `prefetch_related` would have done, without building a filtered
    queryset per instance. A query chained onto those rows (`.filter()`) matches nothing rather than the
    whole table: read them with `.all()`."""
    by_key: dict[Any, list[Any]] = {}
    for row in rows:
        by_key.setdefault(getattr(row, key), []).append(row)
    empty: QuerySet[Any] | None = None
    cache_name = ""
    for instance in instances:
        if empty is None:
            manager = getattr(instance, attr)
            name = getattr(manager, "prefetch_cache_name", None)  # many-to-many; a reverse foreign key's:
            empty, cache_name = manager.model._base_manager.none(), name or manager.field.remote_field.cache_name
            # Marked read, as a plan's queryset is: copying a queryset fetches its rows first (__getstate__), and
            # for `none()` that compiles it (its model's ordering and all) on every call.
            empty._result_cache, empty._prefetch_done = [], True
        queryset = copy.copy(empty)
        queryset._result_cache = by_key.get(instance.pk, [])
        queryset._prefetch_done = True
        instance.__dict__.setdefault("_prefetched_objects_cache", {})[cache_name] = queryset


def baked(build: Callable[..., QuerySet[Any]] | None = None, *, shape: Iterable[str] = ()) -> Any:
    """`baked(build)` or `@baked(shape=[...])` over a function of keyword values returning a queryset."""
    if build is None:
        return lambda fn: Baked(fn, shape)
    return Baked(build, shape)
