"""The round trip: an exported DOCX, PDF, XLSX, CSV or Markdown read back gives the same plan (no change to
report), on the seeds, the examples and a generated 250-item plan; and an edited Word file sent back shows its
changes for review and applies only the accepted ones, in one transaction."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from accord.audit.actors import SYSTEM
from accord.imports.actions import do_import_draft
from accord.imports.drafts import read_draft
from accord.imports.revision import do_apply_revision, do_start_revision, plan_revision, read_revision
from accord.plans.models import Item, ItemStatus, Plan
from accord.reports.exports import file_name, load_plan_export, render
from accord.testing.plans import make_generated_plan

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples"
FORMATS = ("docx", "pdf", "xlsx", "csv", "md")


def _documents(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*") if p.suffix in (".txt", ".md") and p.name.lower() != "readme.md")


def test_a_revision_job_is_reviewed_on_its_own_page(client, rich_plan, secretariat):
    edited = _edit_docx(render(load_plan_export(rich_plan), "docx"))
    draft = read_revision("edited.docx", edited, rich_plan)
    job = do_start_revision(secretariat, rich_plan, file_name="edited.docx", data=edited, draft=draft)
    client.force_login(secretariat)
    net = rich_plan.network.slug
    review = f"/n/{net}/plans/{rich_plan.pk}/revise/{job.pk}/"
    assert client.get(f"/n/{net}/import/{job.pk}/")["Location"] == review
    assert client.post(f"/n/{net}/import/{job.pk}/save/")["Location"] == review  # never saved whole from there
    assert Item.objects.filter(plan=rich_plan, what="Pilot trainings").exists()


def _import(network, path: Path) -> Plan:
    report = do_import_draft(SYSTEM, network, read_draft(path.name, path.read_bytes()))
    return Plan.objects.get(pk=report.plan_id)


def _changes(plan: Plan, fmt: str) -> list[str]:
    export = load_plan_export(plan)
    draft = read_revision(file_name(export, fmt), render(export, fmt), plan)
    return [f"{c.kind}: {c.what} ({c.before} → {c.after})" for c in plan_revision(plan, draft).changes]


def _seed_cases() -> list[tuple[str, str]]:
    docs = _documents(SEEDS) if SEEDS.is_dir() else []
    return [pytest.param(p.name, fmt, id=f"{p.name}-{fmt}") for p in docs for fmt in FORMATS]


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed documents not found at {SEEDS}")
@pytest.mark.parametrize(("name", "fmt"), _seed_cases())
def test_seed_exports_read_back_as_the_same_plan(network, name, fmt):
    plan = _import(network, SEEDS / name)
    assert _changes(plan, fmt) == []


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", [p.name for p in _documents(EXAMPLES)])
def test_example_exports_read_back_as_the_same_plan(network, name, fmt):
    plan = _import(network, EXAMPLES / name)
    assert _changes(plan, fmt) == []


@pytest.fixture
def generated(network):
    return make_generated_plan(network, items=250)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_generated_250_item_plan_reads_back_as_the_same_plan(generated, fmt):
    assert generated.items.count() == 250
    assert _changes(generated, fmt) == []


@pytest.mark.parametrize("fmt", ["docx", "csv"])
def test_importing_an_export_into_another_network_gives_the_same_plan(generated, other_network, fmt):
    export = load_plan_export(generated)
    draft = read_revision(file_name(export, fmt), render(export, fmt), generated)
    copy = Plan.objects.get(pk=do_import_draft(SYSTEM, other_network, draft).plan_id)

    def shape(plan):
        return [
            (
                i.section.number,
                i.section.title,
                i.what,
                [o.name for o in i.owners.all()],
                i.when_text,
                i.start,
                i.end,
                i.status,
            )
            for i in Item.objects.filter(plan=plan)
            .select_related("section")
            .prefetch_related("owners__organisation")
            .order_by("section__order", "order", "id")
        ]

    assert shape(copy) == shape(generated)


def test_our_csv_export_reimported_is_not_double_escaped(network):
    from accord.testing import factories as f

    plan = f.make_plan(network, title="Hostile")
    section = f.make_section(plan, "One", number="1")
    texts = ['=HYPERLINK("http://evil.example")', "+cmd|' /C calc'!A0", "@SUM(1)", "-1+1", "'=quoted"]
    for n, what in enumerate(texts):
        f.make_item(section, what, order=n)
    for fmt in ("csv", "xlsx"):
        export = load_plan_export(plan)
        draft = read_revision(file_name(export, fmt), render(export, fmt), plan)
        assert [i.what for i in draft.items()] == texts, fmt
        assert plan_revision(plan, draft).changes == []


# The edited Word file ------------------------------------------------------------------------------------------


def _edit_docx(data: bytes) -> bytes:
    """What a member does in Word: reword one item, re-own one, reschedule one, mark one done, delete a row,
    add a row."""
    doc = Document(io.BytesIO(data))
    table = doc.tables[0]
    rows = {r.cells[0].text: r for r in table.rows}
    rows["Trio exchange on how we communicate"].cells[0].text = "Trio exchange on how the Trio communicates"
    rows["General Assembly"].cells[1].text = "DLR-PT/ZSI"
    rows["General Assembly"].cells[2].text = "Early December 2021"
    rows["Stakeholder mapping"].cells[3].text = "Done"
    second = doc.tables[1]
    gone = next(r for r in second.rows if r.cells[0].text == "Pilot trainings")
    gone._tr.getparent().remove(gone._tr)
    new = second.add_row()
    for cell, text in zip(new.cells, ["Winter school", "CNRS", "February 2022", "Planned"], strict=True):
        cell.text = text
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_an_edited_word_file_shows_its_changes_and_applies_only_the_accepted(rich_plan, orgs):
    from accord.audit.models import AuditEntry

    export = load_plan_export(rich_plan)
    edited = _edit_docx(render(export, "docx"))
    draft = read_revision("edited.docx", edited, rich_plan)
    revision = plan_revision(rich_plan, draft)
    kinds = sorted(c.kind for c in revision.changes)
    assert kinds == ["added", "removed", "reowned", "rescheduled", "reworded", "status"]
    entries = AuditEntry.objects.count()
    job = do_start_revision(SYSTEM, rich_plan, file_name="edited.docx", data=edited, draft=draft)
    assert Item.objects.filter(plan=rich_plan).count() == 5  # nothing written by the review
    assert AuditEntry.objects.count() == entries + 1  # the job itself
    accept = [c.key for c in revision.changes if c.kind in ("reworded", "status", "added", "reowned")]
    applied = do_apply_revision(SYSTEM, job, accept)
    assert sorted(c.kind for c in applied) == ["added", "reowned", "reworded", "status"]
    items = {i.what: i for i in Item.objects.filter(plan=rich_plan).prefetch_related("owners__organisation")}
    assert "Trio exchange on how the Trio communicates" in items
    assert [o.name for o in items["General Assembly"].owners.all()] == ["DLR-PT", "ZSI"]
    assert items["General Assembly"].when_text == "Last week of November (tbc)"  # rescheduling was left
    assert items["Stakeholder mapping"].status == ItemStatus.DONE
    assert "Pilot trainings" in items  # the removal was left
    assert items["Winter school"].section.title == "Trainings"
    assert [o.name for o in items["Winter school"].owners.all()] == ["CNRS"]


def test_a_failing_change_writes_nothing(rich_plan, monkeypatch):
    from accord.plans import actions as plan_actions

    export = load_plan_export(rich_plan)
    edited = _edit_docx(render(export, "docx"))
    draft = read_revision("edited.docx", edited, rich_plan)
    job = do_start_revision(SYSTEM, rich_plan, file_name="edited.docx", data=edited, draft=draft)
    before = sorted(Item.objects.filter(plan=rich_plan).values_list("what", "status", "when_text"))

    def boom(*a, **kw):
        raise RuntimeError("disk full")

    monkeypatch.setattr(plan_actions, "do_mark_removed_from_document", boom)
    with pytest.raises(RuntimeError):
        do_apply_revision(SYSTEM, job, [c.key for c in plan_revision(rich_plan, draft).changes])
    assert sorted(Item.objects.filter(plan=rich_plan).values_list("what", "status", "when_text")) == before
    job.refresh_from_db()
    assert job.status == "review"


def test_the_review_page_lists_changes_with_checkboxes_and_applies_the_ticked(client, rich_plan, secretariat):
    net = rich_plan.network.slug
    client.force_login(secretariat)
    edited = _edit_docx(render(load_plan_export(rich_plan), "docx"))
    upload = io.BytesIO(edited)
    upload.name = "edited.docx"
    response = client.post(f"/n/{net}/plans/{rich_plan.pk}/revise/", {"file": upload})
    assert response.status_code == 302
    review_url = response["Location"]
    page = client.get(review_url).content.decode()
    for words in ("Reworded", "Re-owned", "Rescheduled", "Status changed", "Added", "Removed"):
        assert words in page
    assert page.count('type="checkbox" name="accept"') == 6
    status_key = next(c for c in _keys(page) if c.startswith("status:"))
    response = client.post(review_url, {"accept": [status_key]})
    assert response.status_code == 302
    assert Item.objects.get(plan=rich_plan, what="Stakeholder mapping").status == ItemStatus.DONE
    assert Item.objects.filter(plan=rich_plan, what="Pilot trainings").exists()
    assert "was reviewed" in client.get(review_url).content.decode()


def test_an_accepted_removal_keeps_the_item_marked_unless_deleting_is_chosen(rich_plan):
    export = load_plan_export(rich_plan)
    edited = _edit_docx(render(export, "docx"))
    for delete in (False, True):
        draft = read_revision("edited.docx", edited, rich_plan)
        removed = [c.key for c in plan_revision(rich_plan, draft).changes if c.kind == "removed"]
        job = do_start_revision(SYSTEM, rich_plan, file_name="edited.docx", data=edited, draft=draft)
        do_apply_revision(SYSTEM, job, removed, delete_removed=delete)
        gone = Item.objects.filter(plan=rich_plan, what="Pilot trainings").first()
        if delete:
            assert gone is None
        else:
            assert gone is not None and gone.removed_from_document
            # Marked once, it is not proposed for removal again.
            assert not [c for c in plan_revision(rich_plan, draft).changes if c.kind == "removed"]
            gone.removed_from_document = False
            gone.save(update_fields=["removed_from_document"])


def _keys(page: str) -> list[str]:
    import re

    return re.findall(r'name="accept" value="([^"]+)"', page)


def test_only_the_secretariat_may_send_back_a_document(client, rich_plan, viewer, zsi_editor):
    for user in (viewer, zsi_editor):
        client.force_login(user)
        assert client.get(f"/n/{rich_plan.network.slug}/plans/{rich_plan.pk}/revise/").status_code == 403


def test_an_unreadable_upload_says_why(client, rich_plan, secretariat):
    client.force_login(secretariat)
    upload = io.BytesIO(b"Plan,What\nx,y\n")
    upload.name = "other.csv"
    response = client.post(f"/n/{rich_plan.network.slug}/plans/{rich_plan.pk}/revise/", {"file": upload})
    assert response.status_code == 400
    assert "does not have Accord&#x27;s item columns" in response.content.decode()


# Our sheets through the ordinary import -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_exported_sheet_through_the_ordinary_import_gives_the_plan_back(rich_plan, tmp_path, fmt):
    """`accord import` maps a sheet with our own columns column by column (not through the layout's guesses)."""
    import json

    from django.core.management import call_command

    export = load_plan_export(rich_plan)
    path = tmp_path / file_name(export, fmt)
    path.write_bytes(render(export, fmt))
    out = io.StringIO()
    call_command("import", "--dry-run", "--json", str(path), stdout=out, stderr=io.StringIO())
    (draft,) = json.loads(out.getvalue())
    got = [(s.get("number"), a["what"], a.get("status")) for s in draft["priorities"] for a in s["actions"]]
    items = Item.objects.filter(plan=rich_plan).select_related("section").order_by("section__order", "order", "id")
    assert [(i.section.number or None, i.what) for i in items] == [(n or None, w) for n, w, _ in got]
    assert plan_revision(rich_plan, read_draft(path.name, path.read_bytes())).changes == []
