"""Score the importer on the labelled real documents beside the project (`../shared/corpus`, labelled per its
LABELLING.md) with the scorer that ships beside them (`../shared/tools/score.py`), in-process, the way
`accord import --dry-run --json` reads each file. Used by `make bench` and by tests/text/test_corpus.py."""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import io
import json
import re
import sys
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accord.text.errors import DocumentError
from accord.text.timeframe import Context

__all__ = ["CorpusScore", "score_corpus"]


@dataclass(slots=True)
class CorpusScore:
    figures: dict[str, float] = field(default_factory=dict)  # items_f1, items_p, items_r, owners, when, mean_*
    documents: list[str] = field(default_factory=list)  # the scorer's line per document
    failures: list[str] = field(default_factory=list)


def _contexts(corpus: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for tsv in (corpus / "text" / "context.tsv", corpus / "files" / "context.tsv"):
        if tsv.exists():
            for line in tsv.read_text(encoding="utf-8").splitlines()[1:]:
                if "\t" in line:
                    name, ctx = line.split("\t")[:2]
                    out[name] = ctx.strip()
    return out


def _scorer(tools: Path) -> Any:
    spec = importlib.util.spec_from_file_location("accord_corpus_score", tools / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def score_corpus(shared: Path) -> CorpusScore:
    """Import every document of `shared/corpus` (text and files) as `accord import --dry-run --json` does,
    and score the Drafts against the labels."""
    from accord.text.layout import import_text

    corpus, result = shared / "corpus", CorpusScore()
    contexts = _contexts(corpus)
    files = (
        sorted((corpus / "text").glob("t[0-9]*.*"))
        + sorted((corpus / "files").glob("f*.docx"))
        + sorted((corpus / "files").glob("f*.pdf"))
    )
    drafts: list[dict[str, object]] = []
    for path in files:
        ctx = contexts.get(path.name)
        draft = None
        for _attempt in range(2):  # a PDF refused for time on a loaded machine is read once more
            try:
                draft = import_text(path.name, path.read_bytes(), context=Context.parse(ctx) if ctx else None)
                break
            except DocumentError as exc:
                failure = f"{path.name}: {exc}"
                if "longer than" not in str(exc):
                    break
        if draft is None:
            result.failures.append(failure)
            continue
        drafts.append(draft.to_json())
    with tempfile.TemporaryDirectory() as tmp:
        truth = Path(tmp) / "truth"
        truth.mkdir()
        for folder in (corpus / "text" / "truth", corpus / "files" / "truth"):
            for label in folder.glob("*.json"):
                (truth / label.name).write_text(label.read_text(encoding="utf-8"), encoding="utf-8")
        pred = Path(tmp) / "pred.json"
        pred.write_text(json.dumps(drafts), encoding="utf-8")
        out = io.StringIO()
        with contextlib.redirect_stdout(out), warnings.catch_warnings():
            # The shared scorer (../shared/tools/score.py, not this project's) leaves the files it reads to the
            # garbage collector: collected here, their ResourceWarnings are not this code's (filterwarnings = error).
            warnings.simplefilter("ignore", ResourceWarning)
            _scorer(shared / "tools").score_import(str(truth), str(pred))
            gc.collect()
    text = out.getvalue()
    result.documents = [line.strip() for line in text.splitlines() if line.startswith("  ")]
    if m := re.search(r"items F1 ([\d.]+) \(P ([\d.]+) R ([\d.]+)\), owners ([\d.]+), when ([\d.]+)", text):
        for key, value in zip(("items_f1", "items_p", "items_r", "owners", "when"), m.groups(), strict=True):
            result.figures[key] = float(value)
    if m := re.search(r"documents: items ([\d.]+), owners ([\d.]+), when ([\d.]+)", text):
        for key, value in zip(("mean_items", "mean_owners", "mean_when"), m.groups(), strict=True):
            result.figures[key] = float(value)
    return result
