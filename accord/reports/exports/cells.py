"""Spreadsheet cells that cannot run (see accord.text.spreadsheet, which also reads them back)."""

from __future__ import annotations

import re

from accord.text.spreadsheet import neutralise, restore

__all__ = ["neutralise", "restore", "xml_safe"]

# XML 1.0 refuses most control characters; a spreadsheet cell keeps tab, newline and carriage return.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _ILLEGAL_XML.sub("", text)
