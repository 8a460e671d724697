"""Every page a person opens, in one sweep: no serious or critical accessibility violation (axe-core) and no
horizontal scroll, at 1280 px and on a 390 px phone. The world has what each page shows at its fullest: an
imported programme with owners and groups, an event with two sessions linked to an item, an import waiting for
review that revises the plan (its change report), and an edited export waiting for review."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.audit.actors import SYSTEM
from accord.events import actions as event_actions
from accord.imports import jobs, revision
from accord.imports.actions import do_import_draft
from accord.imports.drafts import read_draft
from accord.imports.models import ImportJob, ImportStatus
from accord.network.models import NetworkRole, Organisation
from accord.plans import actions as plan_actions
from accord.plans.models import Item, Plan
from accord.reports.exports import load_plan_export, render
from tests.browser.axe import serious_violations
from tests.imports.conftest import WORK_PROGRAMME
from tests.imports.test_revision_review import REVISED

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def full_world(network, settings, make_member):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    report = do_import_draft(SYSTEM, network, read_draft("wp.txt", WORK_PROGRAMME.encode()))
    plan = Plan.objects.get(pk=report.plan_id)
    item = Item.objects.filter(plan=plan).order_by("pk").first()
    plan_actions.do_add_comment(make_member(NetworkRole.SECRETARIAT), item, "Agreed at the last call.")
    plan_actions.do_update_item(SYSTEM, item, status="in_progress")
    forum = event_actions.do_create_event(
        SYSTEM,
        network,
        title="Members' forum",
        kind="conference",
        when_text="12–13 May 2023",
        start=dt.date(2023, 5, 12),
        end=dt.date(2023, 5, 13),
        precision="days",
        place="Tallinn",
    )
    for title in ("Opening session", "Workshop on outreach"):
        event_actions.do_create_event(SYSTEM, network, title=title, parent=forum)
    event_actions.do_link_item_event(SYSTEM, item, forum)
    job = jobs.do_create_import_job(
        SYSTEM, network, file_name="wp-v2.txt", data=REVISED.encode(), checksum="v2-of-the-programme"
    )
    job.refresh_from_db()
    assert job.status == ImportStatus.REVIEW, (job.status, job.error)
    export = render(load_plan_export(plan), "docx")
    edited = revision.do_start_revision(
        SYSTEM, plan, file_name="edited.docx", data=export, draft=revision.read_revision("edited.docx", export, plan)
    )
    return {"plan": plan, "item": item, "forum": forum, "job": job, "edited": edited}


def test_every_page_is_accessible_and_fits_a_phone(new_page, network, full_world, make_member):
    user = make_member(NetworkRole.ADMIN)
    user.is_superuser = True
    user.save()
    plan, item, forum = full_world["plan"], full_world["item"], full_world["forum"]
    org = Organisation.objects.filter(memberships__network=network).first() or Organisation.objects.first()
    group = network.groups.first()
    base = f"/n/{network.slug}"
    p = f"{base}/plans/{plan.pk}"
    paths = [
        "/",
        f"{base}/",
        f"{base}/workload/",
        f"{base}/calendar/",
        f"/search?q=seminar&n={network.slug}",
        f"{base}/plans/",
        f"{base}/plans/new/",
        f"{p}/",
        f"{p}/table/",
        f"{p}/timeline/",
        f"{p}/changes/",
        f"{p}/settings/",
        f"{p}/next/",
        f"{p}/handover/",
        f"{p}/progress/",
        f"{p}/revise/",
        f"{p}/revise/{full_world['edited'].pk}/",
        f"{base}/items/{item.pk}/",
        f"{base}/organisations/{org.slug}/",
        f"{base}/import/",
        f"{base}/import/{full_world['job'].pk}/",
        f"{base}/events/",
        f"{base}/events/{forum.pk}/",
        f"{base}/events/new/",
        f"{base}/events/{forum.pk}/edit/",
        f"{base}/manage/",
        f"{base}/manage/people/",
        f"{base}/manage/members/",
        f"{base}/manage/chairs/",
        f"{base}/manage/groups/",
        *([f"{base}/manage/groups/{group.pk}/"] if group else []),
        f"{base}/feeds/",
        f"{base}/digest/",
        f"{base}/digest/settings/",
        "/networks/new/",
        "/accounts/sessions/",
    ]
    page = new_page(user)
    problems, wide, broken = [], [], []
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            response = page.goto(path)
            if response is None or response.status != 200:
                broken.append((path, response.status if response else None))
                continue
            problems += [(width, path, v) for v in serious_violations(page)]
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                wide.append((width, path, overflow))
    assert not broken, broken
    assert not problems, problems
    assert not wide, f"horizontal scroll: {wide}"
    # The review really showed the change report (the page the sweep checked is the one a person decides on).
    page.goto(f"{base}/import/{full_world['job'].pk}/")
    assert page.locator(".change-report input[name=accept]").count() >= 5
    assert ImportJob.objects.get(pk=full_world["job"].pk).status == ImportStatus.REVIEW


def test_signed_out_pages_are_accessible(new_page):
    page = new_page()
    problems = []
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for path in ("/accounts/login/", "/accounts/password-reset/"):
            page.goto(path)
            problems += [(width, path, v) for v in serious_violations(page)]
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (width, path, overflow)
    assert not problems, problems
