"""The upload page in a browser: files chosen and dropped, one progress row each, review with a live When, save."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accord.imports.models import ImportJob
from accord.network.models import NetworkRole
from accord.plans.models import Item
from tests.imports.conftest import WORK_PROGRAMME


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_choose_drop_review_and_save(new_page, network, make_member, tmp_path, immediate_tasks):
    secretariat = make_member(NetworkRole.SECRETARIAT)
    good = tmp_path / "wp.txt"
    good.write_text(WORK_PROGRAMME, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n", encoding="utf-8")
    page = new_page(secretariat)
    page.goto(f"/n/{network.slug}/import/")
    page.get_by_label("Documents", exact=True).set_input_files([str(good), str(empty)])
    page.get_by_role("button", name="Upload and read").click()
    rows = page.locator("#import-jobs li.import-job")
    rows.filter(has_text="wp.txt").filter(has_text="ready to review").wait_for()
    rows.filter(has_text="empty.txt").filter(has_text="the file is empty").wait_for()
    assert page.url.endswith(f"/n/{network.slug}/import/")  # the script sent them; the page did not reload
    assert page.locator(".messages").count() == 0

    dropped = page.evaluate_handle("""() => {
        const dt = new DataTransfer();
        dt.items.add(new File(["Dropped plan\\nMay – June 2023\\n\\nWhat?\\tWho?\\tWhen?\\nA call\\tZSI\\tMay\\n"],
                              "dropped.txt", {type: "text/plain"}));
        return dt; }""")
    page.dispatch_event("[data-dropzone]", "drop", {"dataTransfer": dropped})
    rows.filter(has_text="dropped.txt").filter(has_text="ready to review").wait_for()
    assert ImportJob.objects.count() == 3

    rows.filter(has_text="wp.txt").get_by_role("link", name="Check and save").click()
    when = page.locator("#when-1-1")
    when.fill("March")
    page.locator("#understood-1-1").filter(has_text="1 Mar 2023").wait_for()
    page.get_by_role("button", name="Save as a plan").click()
    page.get_by_role("heading", name="Saved as a new plan").wait_for()
    seminar = Item.objects.get(what="Online seminar series")
    assert seminar.when_text == "March" and seminar.start.isoformat() == "2023-03-01"


def test_a_revised_upload_shows_its_changes_before_saving(new_page, network, make_member, tmp_path, immediate_tasks):
    """The next version of a programme: the review lists each change with a check box, nothing is written
    before saving, and the save applies the ticked ones only. The page is accessible and fits a phone."""
    from accord.audit.actors import SYSTEM
    from accord.imports.actions import do_import_draft
    from accord.imports.drafts import read_draft
    from tests.browser.axe import serious_violations
    from tests.imports.test_revision_review import REVISED

    do_import_draft(SYSTEM, network, read_draft("wp.txt", WORK_PROGRAMME.encode()))
    revised = tmp_path / "wp-v2.txt"
    revised.write_text(REVISED, encoding="utf-8")
    page = new_page(make_member(NetworkRole.SECRETARIAT))
    page.goto(f"/n/{network.slug}/import/")
    page.get_by_label("Documents", exact=True).set_input_files(str(revised))
    page.get_by_role("button", name="Upload and read").click()
    row = page.locator("#import-jobs li.import-job").filter(has_text="wp-v2.txt")
    row.filter(has_text="ready to review").wait_for()
    row.get_by_role("link", name="Check and save").click()
    report = page.locator(".change-report")
    for legend in ("Added (1)", "Removed from the document (1)", "Reworded (1)", "Rescheduled (1)", "Re-owned (1)"):
        expect(report.locator("legend", has_text=legend)).to_be_visible()
    assert Item.objects.filter(what="Set up a mailing list").exists()  # nothing written yet
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.set_viewport_size({"width": 1280, "height": 900})
    report.get_by_label("Annual meeting of members").uncheck()  # leave the rescheduling
    page.get_by_role("button", name="Apply the ticked changes to the plan").click()
    page.get_by_role("heading", name="The plan was updated").wait_for()
    expect(page.get_by_text("Changes left out, as you chose")).to_be_visible()
    assert Item.objects.get(what="Annual meeting of members").when_text == "June 2023"
    assert Item.objects.get(what="Quarterly newsletter").removed_from_document
    assert Item.objects.filter(what="Set up a shared mailing list").exists()
    assert Item.objects.filter(what="Mentoring pairs").exists()
