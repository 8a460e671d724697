"""Blocks -> Draft: find the title, period, theme, chair, sections and items of a planning document.

The rules recognise structure, not particular files: a What/Who/When table is found by its header words in
any order, a process timeline by its dated steps, an event programme by its objectives, tracks and dated
sessions. The field-by-field reading follows docs/import-formats.md (and shared/design/domain.md).

Modules: `lexicon` (every word list), `columns` (column roles of a table), `tree` (the raw structure),
`head` (title, period, theme, chair), `kinds` (what kind of plan), `builder` (blocks -> sections and items,
then times and owners), `pipeline` (bytes -> Draft, the one way in).
"""

from accord.text.layout.columns import _table_header
from accord.text.layout.pipeline import build_draft, import_text

__all__ = ["_table_header", "build_draft", "import_text"]
