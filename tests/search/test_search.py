"""Search: one function over plans, items, organisations and people; only what the person may see."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.urls import reverse

from accord.audit.actors import SYSTEM
from accord.network.actions import do_add_membership, do_create_person
from accord.network.models import NetworkRole
from accord.plans.actions import do_delete_item, do_update_item
from accord.plans.models import Item
from accord.search.search import search
from accord.testing import factories as f
from tests.conftest import ROLES


def titles(results, kind=None):
    return sorted(h.title for g in results.groups if kind in (None, g.kind) for h in g.hits)


@pytest.fixture
def viewer(make_member):
    return make_member(NetworkRole.VIEWER)


@pytest.fixture
def content(network, section, orgs):
    do_add_membership(SYSTEM, network, orgs["ZSI"])
    f.make_item(
        section,
        what="Stakeholder mapping of science diplomacy actors",
        owners=[orgs["ZSI"]],
        who_text="ZSI / DLR-PT",
        when_text="Autumn",
    )
    f.make_item(section, what="Newsletter on the Paris Declaration")
    do_create_person(SYSTEM, name="Ada Lovelace", title="Head of Brussels Office", organisation=orgs["ZSI"])
    return section


def test_finds_each_kind_by_the_start_of_words(network, content, viewer):
    assert titles(search(viewer, "stake map"), "item") == ["Stakeholder mapping of science diplomacy actors"]
    assert titles(search(viewer, "draft work"), "plan") == ["Draft Work Programme"]
    assert titles(search(viewer, "zsi"), "organisation") == ["ZSI"]
    assert titles(search(viewer, "lovel"), "person") == ["Ada Lovelace"]
    assert titles(search(viewer, "brussels office"), "person") == ["Ada Lovelace"]


def test_every_word_must_match(network, content, viewer):
    assert titles(search(viewer, "newsletter paris")) == ["Newsletter on the Paris Declaration"]
    assert titles(search(viewer, "newsletter mapping")) == []


def test_results_link_to_their_pages(network, content, viewer, orgs):
    results = search(viewer, "stakeholder zsi")
    hit = results.groups[0].hits[0]
    item = Item.objects.get(what__startswith="Stakeholder")
    assert hit.url == reverse("plans:item", args=[network.slug, item.pk])
    org_hit = search(viewer, "zsi").groups
    urls = {h.kind: h.url for g in org_hit for h in g.hits}
    assert urls["organisation"] == reverse("network:organisation", args=[network.slug, orgs["ZSI"].slug])


def test_each_hit_says_where_it_belongs(network, content, viewer, orgs):
    """A hit names its record and says where it sits: a plan its period and network, an item its plan, the plan's
    period, its Who? and When?, an organisation its full name, a person their title and organisation. A long What?
    is cut as item links cut it."""
    plan = content.plan
    assert plan.period_label  # the fixture's plan has a period to say
    by_kind = {}
    for query in ("stakeholder mapping", "draft work", "zsi", "lovelace"):
        for group in search(viewer, query).groups:
            by_kind.setdefault(group.kind, group.hits[0])
    network_name = network.short_name or network.name
    assert by_kind["plan"].context == " · ".join(x for x in (plan.period_label, network_name) if x)
    assert by_kind["item"].context == " · ".join(
        x for x in (plan.title, plan.period_label, "ZSI / DLR-PT", "Autumn") if x
    )
    assert by_kind["organisation"].title == "ZSI"
    assert by_kind["organisation"].context == orgs["ZSI"].full_name
    assert by_kind["organisation"].via_network == network.pk
    assert by_kind["person"].context == "Head of Brussels Office · ZSI"
    long = f.make_item(content, what="Outreach " + "and more " * 20)
    (hit,) = [h for g in search(viewer, "outreach").groups for h in g.hits]
    assert hit.title == str(long) and len(hit.title) == 80 and hit.title.endswith("…")
    assert hit.pk == long.pk


def test_changes_are_searchable_at_once(network, content, viewer):
    item = Item.objects.get(what__startswith="Newsletter")
    do_update_item(SYSTEM, item, what="Quarterly bulletin")
    assert titles(search(viewer, "bulletin")) == ["Quarterly bulletin"]
    assert titles(search(viewer, "newsletter")) == []
    do_delete_item(SYSTEM, item)
    assert titles(search(viewer, "bulletin")) == []


def test_bulk_created_rows_are_indexed_too(network, section, viewer):
    Item.objects.bulk_create(
        [Item(plan=section.plan, section=section, what=f"Webinar number {i}", order=i) for i in range(3)]
    )
    assert len(titles(search(viewer, "webinar"))) == 3


def test_another_networks_things_are_not_found(network, other_network, content, make_member, orgs):
    outsider = make_member(NetworkRole.ADMIN, net=other_network)
    assert search(outsider, "stakeholder").groups == []
    assert search(outsider, "lovelace").groups == []
    assert search(outsider, "zsi").groups == []  # ZSI is a member of the other network only


def test_anonymous_visitors_find_public_plans_of_public_networks_only(db, orgs):
    net = f.make_network("Open Alliance", is_public=True)
    do_add_membership(SYSTEM, net, orgs["VUB"])
    do_create_person(SYSTEM, name="Grace Hopper", organisation=orgs["VUB"])
    public = f.make_section(f.make_plan(net, title="Public programme", is_public=True))
    private = f.make_section(f.make_plan(net, title="Internal programme"))
    f.make_item(public, what="Open workshop")
    f.make_item(private, what="Internal workshop")
    visitor = AnonymousUser()
    assert titles(search(visitor, "workshop")) == ["Open workshop"]
    assert titles(search(visitor, "programme")) == ["Public programme"]
    assert titles(search(visitor, "vub")) == ["VUB"]
    assert search(visitor, "grace").groups == []  # people only for members


def test_narrowed_to_one_network(network, other_network, orgs, make_member):
    user = make_member(NetworkRole.VIEWER)
    f.grant(user, other_network, NetworkRole.VIEWER)
    for net in (network, other_network):
        f.make_item(f.make_section(f.make_plan(net, title=f"Plan of {net.slug}")), what=f"Retreat {net.slug}")
    assert len(titles(search(user, "retreat"))) == 2
    assert titles(search(user, "retreat", network=other_network)) == ["Retreat another"]


@pytest.mark.parametrize(
    "query",
    ['"', "*", "AND", "NEAR(a b)", "a:b", "'; DROP TABLE x", "(", "-", "^", "!!", "", "   ", "ümlaut", "x" * 300],
)
def test_odd_queries_never_fail(network, content, viewer, query):
    search(viewer, query)


def test_limit_and_more(network, section, viewer):
    for i in range(5):
        f.make_item(section, what=f"Retreat {i}")
    results = search(viewer, "retreat", limit=3)
    assert len(results.groups[0].hits) == 3 and results.groups[0].more


def test_search_page_groups_results_and_escapes(client, network, section, viewer):
    f.make_item(section, what="Retreat <script>alert(1)</script>")
    f.make_item(section, what="Retreat planning")
    client.force_login(viewer)
    html = client.get(reverse("search:search"), {"q": "retreat"}).content.decode()
    assert 'id="results-item"' in html and "Retreat planning" in html
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "Nothing found" in client.get(reverse("search:search"), {"q": "zzzz"}).content.decode()


def test_search_page_for_anonymous_visitors_and_bad_network(client, db):
    assert client.get(reverse("search:search"), {"q": "x"}).status_code == 200
    assert client.get(reverse("search:search"), {"q": "x", "n": "no-such"}).status_code == 404


def test_search_page_query_count_is_bounded(client, network, section, orgs, viewer, django_assert_max_num_queries):
    do_add_membership(SYSTEM, network, orgs["ZSI"])
    for i in range(30):
        f.make_item(section, what=f"Retreat {i}", owners=[orgs["ZSI"]])
    client.force_login(viewer)
    with django_assert_max_num_queries(8):  # with the versions of the plans searched; items match, nothing else
        assert client.get(reverse("search:search"), {"q": "retreat"}).status_code == 200
    with django_assert_max_num_queries(10):  # items and organisations match: their networks too, to link through
        assert client.get(reverse("search:search"), {"q": "zsi"}).status_code == 200


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite keeps its index in sync with triggers")
def test_sqlite_triggers_come_back_after_a_table_rebuild(network, section, viewer):
    from django.core.management import call_command

    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER search_item_fts_ai")  # as a migration that rebuilds plans_item does
    f.make_item(section, what="Lost in the gap")
    assert search(viewer, "gap").groups == []
    call_command("migrate", verbosity=0)
    assert titles(search(viewer, "gap")) == ["Lost in the gap"]
    f.make_item(section, what="Found after")
    assert titles(search(viewer, "found")) == ["Found after"]


def test_search_builds_and_runs_only_the_kinds_that_match(content, viewer, django_assert_num_queries):
    """One query finds which kinds hold any match at all; a kind without one costs nothing more (its visibility
    rules are neither built nor run), and the hits are those the full search gives."""
    with django_assert_num_queries(1):
        assert search(viewer, "zzzz").groups == []
    viewer = type(viewer).objects.get(pk=viewer.pk)  # nothing read yet for this request
    with django_assert_num_queries(4) as captured:  # the kinds matched, the roles, the public networks, the items
        found = search(viewer, "newsletter")
    assert titles(found) == ["Newsletter on the Paris Declaration"]
    assert not any("network_person" in q["sql"] for q in captured.captured_queries[1:])
    viewer = type(viewer).objects.get(pk=viewer.pk)
    found = search(viewer, "zsi")
    assert {g.kind for g in found.groups} == {"item", "organisation"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes are PostgreSQL's")
def test_postgres_full_text_indexes_keep_no_pending_list(db):
    """Rows written are in the index at once, not in a pending list every search reads through until a vacuum."""
    from accord.search.schema import INDEXED

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname = ANY(%s)", [[s.gin_index for s in INDEXED]]
        )
        options = dict(cursor.fetchall())
    assert set(options) == {s.gin_index for s in INDEXED}
    assert all("fastupdate=off" in (o or []) for o in options.values()), options


@pytest.mark.parametrize("role", ROLES)
def test_the_baked_hits_are_the_queryset_forms_hits_for_every_role(shared_world, role):
    """Search reads each kind's hits baked, from the pure forms of the visibility rules (plans_q, items_q,
    organisation_paths_of, people_q) and the person's values: the same hits, in the same order, as the queryset
    forms built from the person (visible_plans, visible_items, visible_organisations, visible_people)."""
    from accord.search.search import KINDS, _candidates, _matching

    user = shared_world["users"][role]
    wrong, seen = [], set()
    for net in [None, *shared_world["networks"].values()]:
        for query in (
            "programme",
            "work",
            "owns",
            "only",
            "dlr",
            "cnrs",
            "chairs",
            "ada",
            "dee",
            "cy",
            "vi",
            "ola",
            "gus",
        ):
            groups = search(user, query, network=net).groups
            found = {g.kind: [(h.pk, h.via_network) for h in g.hits] for g in groups}
            seen |= set(found)
            for kind in KINDS:
                rows = list(_matching(_candidates(kind, user, net), kind, [query])[:20])
                expected = [(r.pk, getattr(r, "via_network", None)) for r in rows]
                got = found.get(kind, [])
                if expected != got:
                    wrong.append(f"{net and net.slug} {query!r} {kind}: baked {got}, queryset {expected}")
    assert not wrong, "\n".join(wrong)
    assert {"plan", "item", "organisation"} <= seen  # everyone finds some of each in the public network
    if role in ("superuser", "viewer"):
        assert "person" in seen
