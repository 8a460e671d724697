"""Typed errors of the text core. Each names the file and, where it can, the place in it."""

from __future__ import annotations


class DocumentError(Exception):
    """A document that cannot be read: says which file, where, and why, in words a person can act on."""

    def __init__(self, source: str, reason: str, *, location: str | None = None) -> None:
        self.source = source
        self.reason = reason
        self.location = location
        where = f"{source}, {location}" if location else source
        super().__init__(f"{where}: {reason}")


class UnsupportedFormat(DocumentError):
    pass


class DocumentTooLarge(DocumentError):
    pass


class UnsafeDocument(DocumentError):
    """Zip bombs, XML with entities or DTDs, and other files built to hurt the reader."""


class EncryptedDocument(DocumentError):
    pass


class NoTextLayer(DocumentError):
    """A scanned PDF: pages without text to read."""
