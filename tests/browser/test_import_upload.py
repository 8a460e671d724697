"""The upload page in a browser: files chosen and dropped, one progress row each, review with a live When, save."""

from __future__ import annotations

import pytest

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
