"""What a plan shows of its source's shape: the header block (shown on the Document tab, listed in the import
report and on the review page), narratives written as lists (a list on the Document tab and in the DOCX, PDF
and Markdown exports), and an event's outputs right after the session they come out of."""

from __future__ import annotations

import io
from html import unescape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from accord.audit.actors import SYSTEM
from accord.imports.actions import do_import_draft
from accord.imports.drafts import read_draft
from accord.imports.models import ImportJob, ImportStatus
from accord.plans.models import Item, Plan, Section
from accord.reports.exports import render
from accord.reports.exports.data import load_plan_export
from accord.reports.exports.pdf import document_html
from tests.imports.test_pages import IMMEDIATE, upload

REFERENCES = ["the Lagoon Charter of 2025", "the ministers' declaration on open water data", "our data policy"]
PROGRAMME = (
    "Work Programme of the Lagoon Network, January – June 2027\n\n"
    "Board meeting of the Lagoon Network\n\n"
    "Harbour House, 9 December 2026\n\n"
    "Participants: Tidewater Institute, Estuary Fund\n\n"
    "1. Open data\n\n"
    "This priority builds on these policy references:\n"
    + "".join(f"• {r}\n" for r in REFERENCES)
    + "\nWhat?\tWho?\tWhen?\n"
    "Publish a catalogue of water data\tTidewater Institute\tMarch 2027\n"
)
HEADER = ["Board meeting of the Lagoon Network", "Harbour House, 9 December 2026"]

FORUM = (
    "Estuary Forum (9-10 June 2027)\n\n"
    "Objectives:\n\n- Bring estuary researchers and envoys together\n\n"
    "9 June 2027\n\nOpen Research Day\n\nTalks on silt and tides.\n\n"
    "Outputs:\n\n- A note on tidal monitoring\n\n"
    "10 June 2027\n\nEnvoys' Round Table\n\nThe envoys set the next steps.\n\n"
    "Outputs:\n\n- Communiqué of the envoys\n"
)


def _import(text: str, name: str, network):
    draft = read_draft(name, text.encode())
    report = do_import_draft(SYSTEM, network, draft)
    return Plan.objects.get(pk=report.plan_id), report


def test_the_header_block_is_kept_shown_and_reported(client, network, secretariat):
    plan, report = _import(PROGRAMME, "wp.txt", network)
    assert plan.source_header[:2] == HEADER and any("Participants:" in line for line in plan.source_header)
    assert report.source_header == plan.source_header
    assert any(line.startswith("  header of the document: Board meeting") for line in report.summary_lines())
    client.force_login(secretariat)
    page = client.get(reverse("plans:plan", args=[network.slug, plan.pk])).content.decode()
    assert "Header of the source" in page
    for line in HEADER:
        assert line in page


def test_a_narrative_list_is_a_list_on_the_document_tab_and_in_the_exports(client, network, secretariat):
    plan, _report = _import(PROGRAMME, "wp.txt", network)
    section = Section.objects.get(plan=plan)
    assert section.narrative == "This priority builds on these policy references:\n\n" + "\n".join(
        f"- {r}" for r in REFERENCES
    )
    client.force_login(secretariat)
    page = client.get(reverse("plans:plan", args=[network.slug, plan.pk])).content.decode()
    listed = page[page.index('<ul class="narrative">') :]
    listed = listed[: listed.index("</ul>")]
    assert [unescape(part.split("</li>")[0]) for part in listed.split("<li>")[1:]] == REFERENCES
    assert '<p class="narrative">This priority builds on these policy references:</p>' in page

    export = load_plan_export(plan)
    md = render(export, "md").decode()
    assert "\n".join(f"- {r}" for r in REFERENCES) in md
    assert "references:\n\n- the Lagoon" in md  # a list stands apart from its lead-in

    import docx

    doc = docx.Document(io.BytesIO(render(export, "docx")))
    bullets = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "List Bullet"]
    assert bullets == REFERENCES

    html = document_html(export)
    assert html.count("<li>") >= len(REFERENCES) and '<ul class="narrative">' in html


def test_a_reimport_of_the_same_list_changes_nothing(network):
    _import(PROGRAMME, "wp.txt", network)
    draft = read_draft("wp.txt", PROGRAMME.encode())
    draft.checksum = "another file, the same words"
    report = do_import_draft(SYSTEM, network, draft)
    assert report.outcome == "unchanged", report.summary_lines()


def test_outputs_follow_their_session_on_the_document_tab(client, network, secretariat):
    plan, _report = _import(FORUM, "forum.txt", network)
    ordered = [i.what for i in Item.objects.filter(plan=plan, kind__in=["session", "output"])]
    assert ordered == [
        "Open Research Day",
        "A note on tidal monitoring",
        "Envoys' Round Table",
        "Communiqué of the envoys",
    ]
    client.force_login(secretariat)
    page = client.get(reverse("plans:plan", args=[network.slug, plan.pk])).content.decode()
    positions = [unescape(page).index(what) for what in ordered]
    assert positions == sorted(positions)
    assert 'class="chip output"' in page


@override_settings(TASKS=IMMEDIATE)
def test_the_review_page_lists_the_header(client, network, secretariat, django_capture_on_commit_callbacks):
    client.force_login(secretariat)
    upload(
        client,
        network,
        SimpleUploadedFile("wp.txt", PROGRAMME.encode(), content_type="text/plain"),
        run=django_capture_on_commit_callbacks,
    )
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.REVIEW
    page = client.get(reverse("imports:job", args=[network.slug, job.pk])).content.decode()
    assert "Header of the document" in page and HEADER[1] in page


def test_the_example_strategic_priorities_are_titled_by_their_own_heading(network):
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "examples" / "northern-lights-strategic-priorities-2027.md"
    draft = read_draft(path.name, path.read_bytes())
    report = do_import_draft(SYSTEM, network, draft)
    plan = Plan.objects.get(pk=report.plan_id)
    assert plan.title == "Strategic priorities 2027" == report.plan_title
    assert plan.source_header[:1] == ["Northern Lights Research Diplomacy Network"]


def test_an_untitled_document_is_named_from_its_file_name_and_found_again(network):
    text = "What?\tWho?\tWhen?\nMap the lagoon stations\tTidewater Institute\tMarch 2027\n"
    draft = read_draft("lagoon_work-plan_2027.txt", text.encode())
    assert draft.title == ""
    report = do_import_draft(SYSTEM, network, draft)
    assert Plan.objects.get(pk=report.plan_id).title == "Lagoon work plan 2027"
    again = read_draft("lagoon_work-plan_2027.txt", text.encode())
    again.checksum = "another file"
    assert do_import_draft(SYSTEM, network, again).plan_id == report.plan_id


def test_a_plan_once_titled_by_its_raw_file_name_is_still_found(network):
    from accord.imports.diff import find_existing_plan
    from accord.testing import factories as f

    draft = read_draft("old-notes.txt", b"What?\tWho?\tWhen?\nSort the archive\tTidewater Institute\tMay 2027\n")
    old = f.make_plan(network, title="old-notes.txt", start=draft.period_start, end=draft.period_end)
    assert find_existing_plan(network, draft) == old
