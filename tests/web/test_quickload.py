"""accord.web.quickload: model objects made from their rows without Model.__init__ are the objects Django makes."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models.signals import post_init

from accord.plans.models import Comment, Item
from accord.web.quickload import QuickLoad

QUICK = sorted((m for m in apps.get_models() if issubclass(m, QuickLoad)), key=lambda m: m._meta.label)


def as_django_makes_it(model, db, names, values):
    """The model's from_db through Django's own path (its overrides kept, QuickLoad told to step aside)."""
    from accord.web import quickload

    kept = quickload._PLAIN.get(model)
    quickload._PLAIN[model] = False
    try:
        return model.from_db(db, names, values)
    finally:
        quickload._PLAIN[model] = kept


def same(quick, django) -> None:
    assert type(quick) is type(django)
    assert (quick._state.adding, quick._state.db) == (django._state.adding, django._state.db) == (False, "default")
    assert quick.__dict__.keys() - {"_state"} == django.__dict__.keys() - {"_state"}
    assert {k: v for k, v in quick.__dict__.items() if k != "_state"} == {
        k: v for k, v in django.__dict__.items() if k != "_state"
    }
    assert quick.get_deferred_fields() == django.get_deferred_fields()


@pytest.fixture
def world(db):
    call_command("generate_demo", scale=0.02, stdout=io.StringIO())
    item = Item.objects.order_by("pk").first()
    Comment.objects.create(item=item, author_name="A reader", body="Who drafts this?")


def test_the_hot_models_load_quickly():
    names = {m._meta.label for m in QUICK}
    for label in ("network.Network", "network.Role", "plans.Plan", "plans.Item", "plans.ItemOwner", "events.Event"):
        assert label in names


@pytest.mark.parametrize("model", QUICK, ids=lambda m: m._meta.label)
def test_each_row_whole_or_in_part_makes_the_object_django_makes(model, world):
    fields = [f.attname for f in model._meta.concrete_fields]
    rows = list(model._base_manager.order_by("pk").values_list(*fields)[:20])
    if not rows:
        pytest.skip(f"the generated network has no {model._meta.label}")
    some = [f for i, f in enumerate(fields) if i == 0 or i % 3 == 1]  # the key and every third field
    for row in rows:
        same(model.from_db("default", fields, row), as_django_makes_it(model, "default", fields, row))
        part = tuple(v for f, v in zip(fields, row, strict=True) if f in some)
        same(model.from_db("default", some, part), as_django_makes_it(model, "default", some, part))


def test_objects_read_in_part_read_the_rest_save_and_compare_as_djangos(world):
    item = Item.objects.only("id", "what", "plan_id").order_by("pk").first()
    assert item.get_deferred_fields() >= {"status", "end"}
    usual = Item.objects.get(pk=item.pk)
    assert item == usual and hash(item) == hash(usual)
    assert item.status == usual.status  # a deferred field is read when asked for
    assert item.plan.pk == usual.plan_id  # the related row by its key
    item.progress_note = "Read in part, saved whole"
    item.save(update_fields=["progress_note"])
    assert Item.objects.get(pk=item.pk).progress_note == "Read in part, saved whole"
    # Item.from_db's own bookkeeping still runs: the section it was loaded in (not loaded here).
    assert (item._loaded_section_id, usual._loaded_section_id) == (None, usual.section_id)


def test_a_model_with_init_receivers_keeps_djangos_path(world):
    seen = []

    def count(sender, instance, **kwargs):
        seen.append(instance.pk)

    post_init.connect(count, sender=Item)
    try:
        items = list(Item.objects.order_by("pk")[:3])
    finally:
        post_init.disconnect(count, sender=Item)
    assert seen == [i.pk for i in items]
