"""`accord import` through the command line: dry runs, summaries, bad files among good ones, the seeds."""

from __future__ import annotations

import io
import json
import zipfile

import pypdf
import pytest
from django.core.management import CommandError, call_command

from accord.audit.models import AuditEntry
from accord.imports.models import ImportJob
from accord.network.models import ChairTerm, Group, Organisation
from accord.plans.models import Item, Plan, SourceDocument
from tests.imports.conftest import SEEDS


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("import", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def counts() -> dict[str, int]:
    return {
        m.__name__: m.objects.count()
        for m in (Plan, Item, Organisation, Group, SourceDocument, AuditEntry, ImportJob, ChairTerm)
    }


def _collapse(value):
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_collapse(v) for v in value]
    if isinstance(value, dict):
        return {k: _collapse(v) for k, v in value.items()}
    return value


def only_expected_keys(expected, actual):
    """The actual result cut down to the keys the expected one has (extra fields are allowed)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        return {k: only_expected_keys(v, actual.get(k, "<missing>")) for k, v in expected.items()}
    if isinstance(expected, list) and isinstance(actual, list):
        return [only_expected_keys(e, a) for e, a in zip(expected, actual, strict=False)] + actual[len(expected) :]
    return actual


@pytest.mark.skipif(not (SEEDS / "expected").is_dir(), reason="the seed documents are not on this machine")
def test_the_four_seeds_in_one_dry_run_give_the_expected_json_and_write_nothing(db):
    files = sorted(SEEDS.glob("*.txt"))
    assert len(files) == 4
    before = counts()
    code, out, err = run("--dry-run", "--json", *map(str, files))
    assert code == 0, err
    results = json.loads(out)
    assert [r["source"] for r in results] == [p.name for p in files]
    for path, actual in zip(files, results, strict=True):
        expected = json.loads((SEEDS / "expected" / (path.stem + ".json")).read_text())
        assert _collapse(only_expected_keys(expected, actual)) == _collapse(expected), path.name
    assert counts() == before


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not on this machine")
def test_files_of_one_run_share_the_names_they_learn(db):
    seed_000, seed_001 = sorted(SEEDS.glob("00[01]_*.txt"))
    alone = json.loads(run("--dry-run", "--json", str(seed_001))[1])[0]
    together = json.loads(run("--dry-run", "--json", str(seed_000), str(seed_001))[1])[1]

    def trio_owners(result):
        return next(a["owners"] for p in result["priorities"] for a in p["actions"] if "Trio" in a["what"])

    assert trio_owners(alone) == ["CNRS", "DLR", "VUB"]
    assert trio_owners(together) == ["CNRS", "DLR-PT", "VUB"]


def test_dry_run_json_is_the_domain_shape(db, write_file, wp_text):
    code, out, _ = run("--dry-run", "--json", str(write_file("wp.txt", wp_text)))
    assert code == 0
    [result] = json.loads(out)
    assert {"source", "kind", "title", "period", "theme", "chair", "status", "priorities"} <= set(result)
    action = result["priorities"][0]["actions"][0]
    assert {
        "kind",
        "what",
        "who_raw",
        "owners",
        "open_call",
        "when_raw",
        "start",
        "end",
        "recurrence",
        "tentative",
    } <= set(action)
    assert action["what"] == "Set up a mailing list" and action["owners"] == ["ALPHA", "BETA"]
    assert result["period"] == {"start": "2023-01-01", "end": "2023-06-30"}


def test_dry_run_with_a_network_resolves_to_its_organisations(network, alpha, write_file, wp_text):
    Organisation.objects.filter(pk=alpha.pk).update(aliases=["Alpha Inst.", "ALPH"])
    text = wp_text.replace("ALPHA/BETA", "ALPH/BETA")
    f = write_file("wp.txt", text)
    # ALPHA owns nothing in this network yet and is not a member: exact names and aliases still match it.
    [result] = json.loads(run("--dry-run", "--json", "--network", network.slug, str(f))[1])
    assert result["priorities"][0]["actions"][0]["owners"] == ["ALPHA", "BETA"]


def test_import_prints_a_summary_per_file_and_writes_the_plan(network, alpha, write_file, wp_text):
    code, out, err = run("--network", network.slug, str(write_file("wp.txt", wp_text)))
    assert code == 0, err
    assert "wp.txt: created plan “Work Programme”: 2 sections, 6 items" in out
    assert "owners matched 1, new 3" in out  # ALPHA matched; BETA, GAMMA, Steering Board new
    assert "times not understood 1" in out and "sometime soonish" in out
    plan = Plan.objects.get(network=network)
    assert plan.chair == alpha and plan.chair_text == "Alpha Institute"
    assert ChairTerm.objects.filter(network=network, organisation=alpha).exists()
    assert Group.objects.filter(network=network, name="Steering Board", kind="board").exists()


def test_json_summary_of_a_real_import(network, write_file, wp_text):
    code, out, _ = run("--network", network.slug, "--json", str(write_file("wp.txt", wp_text)))
    [report] = json.loads(out)
    assert code == 0 and report["outcome"] == "created" and report["items"] == 6
    assert sorted(report["owners_new"]) == ["ALPHA", "BETA", "GAMMA", "Steering Board"]


def test_one_bad_file_among_good_ones(network, write_file, wp_text):
    good = write_file("good.txt", wp_text)
    other = write_file("other.txt", wp_text.replace("January – June 2023", "July – December 2023"))
    empty = write_file("empty.txt", "")
    binary = write_file("image.txt", bytes(range(256)) * 20)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("nothing.txt", "not a Word document")
    corrupt = write_file("broken.docx", buf.getvalue())
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret")
    pdf = io.BytesIO()
    writer.write(pdf)
    encrypted = write_file("locked.pdf", pdf.getvalue())
    missing = "/nonexistent/nowhere.txt"
    code, out, err = run(
        "--network", network.slug, str(good), str(empty), str(binary), str(corrupt), missing, str(encrypted), str(other)
    )
    assert code == 1
    assert "locked.pdf: the PDF is encrypted" in err
    for name in ("empty.txt", "image.txt", "broken.docx", "nowhere.txt", "locked.pdf"):
        lines = [line for line in err.splitlines() if line.startswith(name + ":")]
        assert len(lines) == 1, (name, err)
    assert "empty" in err
    assert Plan.objects.filter(network=network).count() == 2
    assert SourceDocument.objects.filter(network=network).count() == 2
    assert "good.txt: created" in out and "other.txt: created" in out


def test_size_limit_names_the_file(network, write_file, wp_text, settings):
    settings.ACCORD_MAX_UPLOAD_MB = 1
    big = write_file("big.txt", wp_text + "x" * (1024 * 1024 + 10))
    code, _, err = run("--network", network.slug, str(big))
    assert code == 1 and err.startswith("big.txt:") and "limit is 1 MB" in err
    assert not Plan.objects.exists()


def test_network_is_required_to_import_and_must_exist(db, write_file, wp_text):
    f = write_file("wp.txt", wp_text)
    with pytest.raises(CommandError, match="--network is required"):
        call_command("import", str(f), stdout=io.StringIO())
    with pytest.raises(CommandError, match="No network"):
        call_command("import", "--network", "nope", str(f), stdout=io.StringIO())
    with pytest.raises(CommandError, match="context"):
        call_command("import", "--dry-run", "--context", "last year", str(f), stdout=io.StringIO())


def test_context_reads_a_document_that_states_no_period(db, write_file):
    text = "Plan of the month\n\nWhat?\tWho?\tWhen?\nKick-off call\tALPHA\tMarch\n"
    f = write_file("undated.txt", text)
    [result] = json.loads(run("--dry-run", "--json", "--context", "2024", str(f))[1])
    action = result["priorities"][0]["actions"][0]
    assert (action["start"], action["end"]) == ("2024-03-01", "2024-03-31")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not on this machine")
def test_the_seeds_import_into_a_network_and_dlr_is_one_organisation(network):
    code, out, err = run("--network", network.slug, *sorted(str(p) for p in SEEDS.glob("*.txt")))
    assert code == 0, err
    assert Plan.objects.filter(network=network).count() == 4
    assert Organisation.objects.filter(short_name__istartswith="DLR").count() == 1
    trio_item = Item.objects.get(what__startswith='"Trio" meetings')
    assert [o.name for o in trio_item.owners.all()] == ["CNRS", "DLR-PT", "VUB"]
    assert "matched by similarity (check): DLR → DLR-PT" in out
    # Importing them all again changes nothing.
    before = counts()
    code, out, _ = run("--network", network.slug, *sorted(str(p) for p in SEEDS.glob("*.txt")))
    assert code == 0 and out.count(": unchanged plan") == 4
    assert counts() == before


def test_a_readme_among_the_files_is_skipped(network, write_file, wp_text):
    readme = write_file("README.md", "# Example documents\n\n| file | what it is |\n|---|---|\n| a | b |\n")
    code, _out, err = run("--network", network.slug, str(readme), str(write_file("wp.txt", wp_text)))
    assert code == 0 and "README.md: skipped" in err
    assert list(Plan.objects.values_list("title", flat=True)) == ["Work Programme"]


def test_a_chair_written_with_its_acronym_resolves(network, write_file, wp_text):
    f = write_file("wp.txt", wp_text.replace("Chaired by: Alpha Institute", "Chaired by: Alpha Institute (ALPHA)"))
    code, out, _ = run("--network", network.slug, str(f))
    plan = Plan.objects.get()
    assert code == 0 and plan.chair.short_name == "ALPHA" and plan.chair_text == "Alpha Institute (ALPHA)"
    assert "chair term recorded: Alpha Institute (ALPHA)" in out


def test_an_unmigrated_database_is_one_line_and_a_failure(tmp_path, write_file, wp_text):
    import os
    import subprocess
    import sys
    from pathlib import Path

    f = write_file("wp.txt", wp_text)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["ACCORD_HOME"] = str(tmp_path / "fresh")
    accord = Path(sys.executable).parent / "accord"
    for args in (["--dry-run"], ["--dry-run", "--json"], ["--network", "any"]):
        proc = subprocess.run(
            [str(accord), "import", *args, str(f)], capture_output=True, text=True, env=env, timeout=120, check=False
        )
        assert proc.returncode != 0
        assert "Traceback" not in proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and "never been migrated" in lines[0] and "accord migrate" in lines[0]


def test_a_truncated_word_file_does_not_stop_the_others(db, write_file, wp_text):
    from accord.text.readers.text import read_text
    from tests.text.builders import build_docx

    whole = build_docx(read_text(wp_text))
    files = [write_file("first.txt", wp_text)]
    for i, fraction in enumerate((0.3, 0.6, 0.9, 0.99)):
        files.append(write_file(f"cut{i}.docx", whole[: int(len(whole) * fraction)]))
    files.append(write_file("whole.docx", whole))
    files.append(write_file("last.txt", wp_text))
    code, out, err = run("--dry-run", *map(str, files))
    assert code == 1
    for i in range(4):
        assert len([ln for ln in err.splitlines() if ln.startswith(f"cut{i}.docx: ")]) == 1, err
    for name in ("first.txt", "whole.docx", "last.txt"):
        assert f"{name}: " in out and "items" in out


def test_spreadsheets_import_from_the_command_line(db, write_file):
    import openpyxl

    csv_file = write_file(
        "actions.csv",
        "Work plan 2026\nAction;Lead;Deadline\nMap the partners;ZSI;May 2026\nRun the summer school;DLR;July 2026\n",
    )
    wb = openpyxl.Workbook()
    for row in (["Action", "Lead", "Deadline"], ["Map the partners", "ZSI", "May 2026"]):
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    xlsx_file = write_file("actions.xlsx", buf.getvalue())
    code, out, err = run("--dry-run", "--json", str(csv_file), str(xlsx_file))
    assert code == 0, err
    drafts = json.loads(out)
    whats = [[a["what"] for s in d["priorities"] for a in s["actions"]] for d in drafts]
    assert any("Map the partners" in w for w in whats[0]) and any("Map the partners" in w for w in whats[1])
