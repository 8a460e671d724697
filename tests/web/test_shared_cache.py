"""The page cache every worker shares: one build when many requests miss a body at once, a bounded wait for it,
private files, and the plan rows of the network home and the Plans list cached one plan at a time under the
narrower content scope."""

from __future__ import annotations

import stat
import threading
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accord.network.models import NetworkRole
from accord.plans import actions as plan_actions
from accord.plans.views import plan_list
from accord.testing import factories as f
from accord.web import page_cache
from accord.web.cache import PrivateDiskCache


def test_a_body_missed_by_many_at_once_is_built_once():
    building, release = threading.Event(), threading.Event()
    builds: list[str] = []
    answers: dict[str, str] = {}

    def slow_build() -> str:
        builds.append("first")
        building.set()
        release.wait(5)
        return "<p>body</p>"

    def other_build() -> str:
        builds.append("other")
        return "<p>built again</p>"

    first = threading.Thread(target=lambda: answers.setdefault("first", page_cache.cached("k1", slow_build)))
    first.start()
    assert building.wait(5)
    waiters = [
        threading.Thread(target=lambda n=n: answers.setdefault(f"w{n}", page_cache.cached("k1", other_build)))
        for n in range(3)
    ]
    for waiter in waiters:
        waiter.start()
    release.set()
    for thread in (first, *waiters):
        thread.join(10)
    assert builds == ["first"]
    assert set(answers.values()) == {"<p>body</p>"} and len(answers) == 4
    assert cache.get(page_cache.building_mark("k1")) is None


def test_a_waiter_builds_itself_when_the_builder_fails():
    def failing() -> str:
        raise RuntimeError("the page failed")

    with pytest.raises(RuntimeError):
        page_cache.cached("k2", failing)
    assert cache.get(page_cache.building_mark("k2")) is None  # the mark goes with the failure
    assert page_cache.cached("k2", lambda: "<p>mine</p>") == "<p>mine</p>"


def test_the_wait_is_bounded(monkeypatch):
    """A builder that never finishes (a worker killed mid-build) holds nobody longer than the bound."""
    monkeypatch.setattr(page_cache, "BUILD_WAIT_SECONDS", 0.05)
    cache.add(page_cache.building_mark("k3"), 1, 60)
    assert page_cache.cached("k3", lambda: "<p>built after waiting</p>") == "<p>built after waiting</p>"
    assert cache.get("k3") == "<p>built after waiting</p>"


def test_the_disk_cache_is_private(tmp_path):
    root = tmp_path / "cache"
    disk = PrivateDiskCache(str(root), {"SHARDS": 2})
    big = "<tr>row</tr>" * 20_000  # 240 KB: larger than diskcache would keep in its database by default
    disk.set("page", big, 60)
    assert disk.get("page") == big
    files = [p for p in root.rglob("*") if p.is_file()]
    assert files and all(p.name.startswith("cache.db") for p in files)  # no value written to a file of its own
    for path in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, (path, oct(mode))
    disk._cache.close()  # (the backend keeps its connections open: see PrivateDiskCache.close)


@pytest.fixture
def plans(network, orgs):
    made = []
    for n in range(3):
        plan = f.make_plan(network, title=f"Programme {n}")
        f.make_item(f.make_section(plan), what=f"Task {n}", owners=[orgs["ZSI"]])
        made.append(plan)
    return made


def rendered_rows(monkeypatch) -> list[int]:
    seen: list[int] = []
    render_each = page_cache.render_each

    def counting(template, macro, context, rows):
        rows = list(rows)
        if template == plan_list.ROW_FRAGMENT:
            seen.extend(p.pk for p in rows)
        return render_each(template, macro, context, rows)

    monkeypatch.setattr(page_cache, "render_each", counting)
    return seen


@pytest.mark.parametrize("page", ["workspace:network", "plans:plans"])
def test_an_edit_in_one_plan_renders_only_its_row_again(client, network, plans, secretariat, monkeypatch, page):
    seen = rendered_rows(monkeypatch)
    client.force_login(secretariat)
    url = reverse(page, args=[network.slug])
    assert client.get(url).status_code == 200
    assert sorted(seen) == sorted(p.pk for p in plans)
    seen.clear()
    item = plans[1].items.get()
    plan_actions.do_update_item(secretariat, item, status="done")
    html = client.get(url).content.decode()
    assert seen == [plans[1].pk]
    assert "1/1 done" in html  # the edited plan's row is new
    assert html.count("0/1 done") == 2  # the others from the cache


def test_people_who_see_the_same_share_one_copy_of_the_network_home(client, network, plans, make_member, orgs):
    """A member editor of ZSI and one of CNRS see the same home (no control there depends on their organisation):
    the second reads the first one's body; a secretariat, who may manage plans, has its own."""
    zsi = make_member(NetworkRole.MEMBER_EDITOR, orgs["ZSI"])
    cnrs = make_member(NetworkRole.MEMBER_EDITOR, orgs["CNRS"])
    secretariat = make_member(NetworkRole.SECRETARIAT)
    url = reverse("workspace:network", args=[network.slug])

    def visit(user) -> tuple[int, str]:
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(url).content.decode()
        return len(ctx), html

    first, zsi_html = visit(zsi)
    second, cnrs_html = visit(cnrs)
    third, secretariat_html = visit(secretariat)
    assert second < first and third == first
    assert "Manage" not in zsi_html and "Manage" not in cnrs_html and "Manage" in secretariat_html


def test_a_private_plan_row_is_never_shown_from_a_members_copy(client, network, plans, make_member, orgs):
    network.is_public = True
    network.save()
    for p in plans[:2]:
        p.is_public = True
        p.save()
    member = make_member(NetworkRole.VIEWER)
    client.force_login(member)
    assert "Programme 2" in client.get(reverse("plans:plans", args=[network.slug])).content.decode()
    client.logout()
    html = client.get(reverse("plans:plans", args=[network.slug])).content.decode()
    assert "Programme 0" in html and "Programme 2" not in html


def test_many_values_are_stored_at_once(tmp_path):
    disk = PrivateDiskCache(str(tmp_path / "cache"), {"SHARDS": 4})
    rows = {f"row-{n}": f"<tr><td>{n}</td></tr>" for n in range(40)}
    assert disk.set_many(rows, 60) == []
    assert disk.get_many(list(rows)) == rows
    assert disk.get("row-7") == "<tr><td>7</td></tr>"
    disk._cache.close()  # (the backend keeps its connections open: see PrivateDiskCache.close)


def test_many_values_stored_again_replace_the_old_ones_and_keep_the_count(tmp_path):
    disk = PrivateDiskCache(str(tmp_path / "cache"), {"SHARDS": 4})
    rows = {f"row-{n}": f"<tr><td>{n}</td></tr>" for n in range(40)}
    disk.set_many(rows, 60)
    disk.set("row-3", "set alone", 60)
    again = {name: html.replace("td", "th") for name, html in rows.items()}
    disk.set_many(again, 60)
    assert disk.get_many([*rows, "never-stored"]) == again
    assert disk.get("row-3") == again["row-3"]
    assert len(disk._cache) == 40  # diskcache's own count (its triggers): each key once
    assert disk._cache.volume() > 0
    disk.set_many({"pickled": {"a": [1, 2]}, "number": 7, "bytes": b"\x00raw"}, 60)
    assert disk.get_many(["pickled", "number", "bytes"]) == {"pickled": {"a": [1, 2]}, "number": 7, "bytes": b"\x00raw"}
    disk._cache.close()


def test_many_values_read_at_once_leave_out_the_expired(tmp_path, monkeypatch):
    disk = PrivateDiskCache(str(tmp_path / "cache"), {"SHARDS": 2})
    disk.set_many({"old": "<p>old</p>"}, 10)
    disk.set_many({"new": "<p>new</p>", "forever": "<p>kept</p>"}, 1000)
    disk.set("none", "<p>no timeout</p>", None)
    later = time.time() + 100
    monkeypatch.setattr(time, "time", lambda: later)
    assert disk.get_many(["old", "new", "forever", "none"]) == {
        "new": "<p>new</p>",
        "forever": "<p>kept</p>",
        "none": "<p>no timeout</p>",
    }
    assert disk.get("old") is None
    disk._cache.close()


def test_many_values_read_one_at_a_time_when_reading_counts(tmp_path):
    """With statistics on (or an eviction policy that notes each read), every read writes to the shard: read as
    diskcache's `get` reads, one at a time."""
    disk = PrivateDiskCache(str(tmp_path / "cache"), {"SHARDS": 2, "OPTIONS": {"statistics": 1}})
    disk.set_many({"a": "1", "b": "2"}, 60)
    assert disk.get_many(["a", "b", "c"]) == {"a": "1", "b": "2"}
    assert disk._cache.stats() == (2, 1)
    lru = PrivateDiskCache(str(tmp_path / "lru"), {"SHARDS": 2, "OPTIONS": {"eviction_policy": "least-recently-used"}})
    lru.set_many({"a": "1"}, 60)

    def read_at() -> list[float]:
        return [t for shard in lru._cache._shards for (t,) in shard._sql("SELECT access_time FROM Cache").fetchall()]

    stored = read_at()
    time.sleep(0.01)
    assert lru.get_many(["a"]) == {"a": "1"}
    assert read_at()[0] > stored[0]  # the read was noted, as the least-recently-used policy needs
    disk._cache.close()
    lru._cache.close()


def test_the_workload_of_one_plan_is_kept_through_an_edit_in_another(client, network, plans, make_member, orgs):
    """The workload shows one plan's work (chosen, or the current plan): keyed on that plan's version alone, and
    shared by everyone who sees the same plans."""
    zsi = make_member(NetworkRole.MEMBER_EDITOR, orgs["ZSI"])
    viewer = make_member(NetworkRole.VIEWER)
    secretariat = make_member(NetworkRole.SECRETARIAT)  # before the first visit: a new role moves every page
    shown, other = plans[0], plans[1]
    url = reverse("workspace:workload", args=[network.slug]) + f"?plan={shown.pk}"

    def queries(user) -> tuple[int, str]:
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(url).content.decode()
        return len(ctx), html

    cold, _ = queries(zsi)
    warm, _ = queries(viewer)  # another role, the same body
    assert warm < cold
    plan_actions.do_update_item(secretariat, other.items.get(), status="done")
    assert queries(zsi)[0] == warm  # an edit in another plan: still the cached body
    plan_actions.do_update_item(secretariat, shown.items.get(), status="done")
    again, html = queries(zsi)
    assert again > warm  # its own plan's edit: built again
    assert "ZSI" in html


def test_an_organisations_page_is_one_copy_for_everyone_who_sees_the_same(client, network, plans, make_member, orgs):
    zsi = make_member(NetworkRole.MEMBER_EDITOR, orgs["ZSI"])
    cnrs = make_member(NetworkRole.MEMBER_EDITOR, orgs["CNRS"])
    viewer = make_member(NetworkRole.VIEWER)
    url = reverse("network:organisation", args=[network.slug, orgs["ZSI"].slug])
    seen = []
    for user in (zsi, cnrs, viewer):
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(url).content.decode()
        seen.append(len(ctx))
        assert "Task 0" in html and "Task 2" in html
    assert seen[1] < seen[0] and seen[2] == seen[1]


def test_a_key_names_the_template_versions_parts_day_and_language(settings):
    from django.utils import translation

    translation.activate("en")  # whatever an earlier test left active
    base = page_cache.key("t.html", ("plan", 1, 2), ("scope",))
    assert page_cache.key_maker("t.html", ("scope",))(("plan", 1, 2)) == base  # rows' keys are the same keys
    assert page_cache.key("t.html", ("plan", 1, 2), ("scope",)) == base
    others = [
        page_cache.key("u.html", ("plan", 1, 2), ("scope",)),
        page_cache.key("t.html", ("plan", 1, 3), ("scope",)),
        page_cache.key("t.html", ("plan", 12), ("scope",)),
        page_cache.key("t.html", ("plan", 1, 2), ("other",)),
        page_cache.key("t.html", ("plan", 1, 2), ()),
    ]
    with translation.override("fr"):
        others.append(page_cache.key("t.html", ("plan", 1, 2), ("scope",)))
    assert len({base, *others}) == len(others) + 1


def test_a_groups_keys_share_one_shard_and_are_stored_in_one_transaction(tmp_path, monkeypatch):
    """A key's group (before GROUP_MARK: page_cache.key_maker's `group`) alone picks its shard: a plan's sections
    are stored in one transaction and read in one query, and every single-key call finds them there."""
    from accord.web.cache import GROUP_MARK

    disk = PrivateDiskCache(str(tmp_path / "cache"), {"SHARDS": 8})
    fanout = disk._cache
    grouped = {f"accord:body:plan-39{GROUP_MARK}{n:064x}": f"<section>{n}</section>" for n in range(12)}
    loose = {f"accord:body:{n:064x}": f"<tr>{n}</tr>" for n in range(12)}

    def shard(name: str) -> int:
        return fanout._hash(disk.make_key(name)) % fanout._count

    assert len({shard(name) for name in grouped}) == 1
    assert len({shard(name) for name in loose}) > 1  # no group: spread as diskcache spreads them
    transactions = []
    for number, one in enumerate(fanout._shards):
        original = one._transact

        def counting(*args, _original=original, _number=number, **kwargs):
            transactions.append(_number)
            return _original(*args, **kwargs)

        monkeypatch.setattr(one, "_transact", counting)
    disk.set_many(grouped, 60)
    assert len(transactions) == 1
    assert disk.get_many(list(grouped)) == grouped
    name = next(iter(grouped))
    assert disk.get(name) == grouped[name]
    mark = page_cache.building_mark(name)
    assert disk.add(mark, 1, 10) and not disk.add(mark, 1, 10)
    disk.delete(name)
    assert disk.get(name) is None
    fanout.close()


def test_a_grouped_key_names_the_same_as_an_ungrouped_one():
    plain = page_cache.key_maker("t.html", ("scope",))
    grouped = page_cache.key_maker("t.html", ("scope",), group="plan-7")
    key = grouped(("section", 1, 2, 3, 4))
    assert key.startswith("accord:body:plan-7~") and key.endswith(plain(("section", 1, 2, 3, 4)).rpartition(":")[2])
    assert grouped(("section", 1, 2, 3, 5)) != key


def _counting_transactions(disk, monkeypatch) -> list[int]:
    """The shards' transactions, by shard number, as they are opened."""
    transactions: list[int] = []
    for number, one in enumerate(disk._cache._shards):
        original = one._transact

        def counting(*args, _original=original, _number=number, **kwargs):
            transactions.append(_number)
            return _original(*args, **kwargs)

        monkeypatch.setattr(one, "_transact", counting)
    return transactions


@pytest.mark.parametrize("group", ["", "plan-39"])
def test_a_built_body_is_stored_and_its_mark_lifted_in_one_transaction(tmp_path, monkeypatch, group):
    """The builder's mark is in its body's shard (grouped or not), so storing the body and lifting the mark is one
    commit; diskcache's count and size stay those of the body alone."""
    disk = PrivateDiskCache(str(tmp_path / "cache"), {"SHARDS": 8})
    fanout = disk._cache
    keys = [page_cache.key_maker("t.html", ("scope",), group=group)((n,)) for n in range(16)]
    for name in keys:
        mark = page_cache.building_mark(name)
        assert fanout._hash(disk.make_key(mark)) % 8 == fanout._hash(disk.make_key(name)) % 8
    transactions = _counting_transactions(disk, monkeypatch)
    for name in keys:
        mark = page_cache.building_mark(name)
        assert disk.add(mark, 1, 10)
        del transactions[:]
        disk.set_and_delete(name, f"<main>{name}</main>", mark, 60)
        assert len(transactions) == 1
        assert disk.get(name) == f"<main>{name}</main>" and disk.get(mark) is None
    assert len(fanout) == len(keys)
    disk.set_and_delete(keys[0], "<main>again</main>", page_cache.building_mark(keys[0]), 60)  # no mark: a set
    assert disk.get(keys[0]) == "<main>again</main>" and len(fanout) == len(keys)
    fanout.close()


def test_a_value_and_a_key_in_two_shards_are_set_and_deleted_one_after_the_other(tmp_path):
    disk = PrivateDiskCache(str(tmp_path / "cache"), {"SHARDS": 8})
    fanout = disk._cache

    def shard(name: str) -> int:
        return fanout._hash(disk.make_key(name)) % 8

    other = next(f"other-{n}" for n in range(100) if shard(f"other-{n}") != shard("value"))
    disk.set(other, 1, 60)
    disk.set_and_delete("value", "<p>kept</p>", other, 60)
    assert disk.get("value") == "<p>kept</p>" and disk.get(other) is None
    fanout.close()


def test_a_build_in_the_shared_cache_writes_two_transactions(tmp_path, monkeypatch, settings):
    """A miss built by one request: the mark added, then the body stored with the mark lifted (not a third commit
    for the mark alone)."""
    disk = PrivateDiskCache(str(tmp_path / "cache"), {"SHARDS": 8})
    monkeypatch.setattr(page_cache, "cache", disk)
    transactions = _counting_transactions(disk, monkeypatch)
    name = page_cache.key("t.html", ("plan", 1), ("scope",))
    assert page_cache.cached(name, lambda: "<p>built</p>") == "<p>built</p>"
    assert len(transactions) == 2 and len(set(transactions)) == 1
    assert disk.get(name) == "<p>built</p>" and disk.get(page_cache.building_mark(name)) is None
    assert page_cache.cached(name, lambda: "<p>never</p>") == "<p>built</p>"
    disk._cache.close()


def test_a_failed_build_in_the_shared_cache_lifts_its_mark(tmp_path, monkeypatch):
    disk = PrivateDiskCache(str(tmp_path / "cache"), {"SHARDS": 8})
    monkeypatch.setattr(page_cache, "cache", disk)

    def failing() -> str:
        raise RuntimeError("the page failed")

    name = page_cache.key("t.html", ("plan", 2), ("scope",))
    with pytest.raises(RuntimeError):
        page_cache.cached(name, failing)
    assert disk.get(page_cache.building_mark(name)) is None and disk.get(name) is None
    disk._cache.close()


def test_a_live_part_is_built_by_whoever_misses_it_without_a_mark(tmp_path, monkeypatch, rf):
    """A Part (a small read) is built by the request that misses it and stored in one transaction; another request
    building it at the same time (its mark set) is not waited for."""
    disk = PrivateDiskCache(str(tmp_path / "cache"), {"SHARDS": 8})
    monkeypatch.setattr(page_cache, "cache", disk)
    monkeypatch.setattr(page_cache, "render", lambda request, template, values: f"<ul>{values['n']}</ul>")
    transactions = _counting_transactions(disk, monkeypatch)
    builds: list[int] = []

    def context() -> dict:
        builds.append(1)
        return {"n": len(builds)}

    part = page_cache.Part(rf.get("/"), "t.html", ("changes", 1), (), context)
    disk.add(page_cache.building_mark(part.key), 1, 60)  # a body's builder elsewhere: not waited for here
    del transactions[:]
    began = time.monotonic()
    assert part() == "<ul>1</ul>" and time.monotonic() - began < page_cache.BUILD_WAIT_SECONDS
    assert len(transactions) == 1 and disk.get(part.key) == "<ul>1</ul>"
    assert part() == "<ul>1</ul>" and builds == [1]  # then read from the cache
    disk._cache.close()


def test_a_pages_missing_parts_are_read_together_built_and_stored_at_once(tmp_path, monkeypatch, rf, network):
    """A page's live parts are read from the cache in one query; the missing ones' reads are sent together (one
    round trip on PostgreSQL), each part gets its own reads' rows, and they are stored in one transaction."""
    from accord.web.baked import baked

    disk = PrivateDiskCache(str(tmp_path / "cache"), {"SHARDS": 8})
    monkeypatch.setattr(page_cache, "cache", disk)
    monkeypatch.setattr(page_cache, "render", lambda request, template, values: f"<p>{values['names']}</p>")
    transactions = _counting_transactions(disk, monkeypatch)
    sent: list[int] = []
    together = page_cache.together
    monkeypatch.setattr(page_cache, "together", lambda *reads: sent.append(len(reads)) or together(*reads))
    names = baked(lambda pk: type(network).objects.filter(pk=pk))
    request = rf.get("/")

    def part(n: int) -> page_cache.Part:
        return page_cache.Part(
            request,
            "t.html",
            ("v", n),
            (),
            lambda rows, n=n: {"names": (n, [[o.slug for o in found] for found in rows])},
            reads=lambda: [names.bind(pk=network.pk)] * n,
        )

    def plain() -> dict:
        return {"names": "plain"}

    parts = {"one": part(1), "two": part(2), "plain": page_cache.Part(request, "t.html", ("v", 0), (), plain)}
    del transactions[:]
    filled = page_cache.fill_parts(parts)
    assert filled == {
        "one": f"<p>(1, [['{network.slug}']])</p>",
        "two": f"<p>(2, [['{network.slug}'], ['{network.slug}']])</p>",
        "plain": "<p>plain</p>",
    }
    assert sent == [3]  # the missing parts' three reads, together
    assert len(transactions) == 1  # stored in one transaction: the parts share a shard
    del transactions[:], sent[:]
    assert page_cache.fill_parts(parts) == filled and sent == [] and transactions == []  # then read, not built
    disk._cache.close()
