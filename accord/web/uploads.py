"""Upload limits while the body streams in: per file, and for the whole request.

RequestSizeLimitMiddleware refuses a request whose Content-Length is over ACCORD_MAX_REQUEST_MB before anything
reads it. This handler covers what a Content-Length cannot say: it streams each file to a temporary file on disk
and stops writing a file as soon as it grows past ACCORD_MAX_UPLOAD_MB (the rest of that file is skipped, the
other files of the request are kept). The refused files are listed on `request.refused_uploads` as
(name, bytes received before stopping) so the page can say which file was too large.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import SkipFile, StopUpload, TemporaryFileUploadHandler


def max_file_bytes() -> int:
    return int(settings.ACCORD_MAX_UPLOAD_MB) * 1024 * 1024


def max_request_bytes() -> int:
    return int(settings.ACCORD_MAX_REQUEST_MB) * 1024 * 1024


class LimitedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.total = 0
        if request is not None and not hasattr(request, "refused_uploads"):
            request.refused_uploads = []

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        self.total += len(raw_data)
        if self.total > max_request_bytes():
            self._refuse()
            raise StopUpload(connection_reset=True)
        if self.received > max_file_bytes():
            self._refuse()
            raise SkipFile
        return super().receive_data_chunk(raw_data, start)

    def _refuse(self) -> None:
        if self.request is not None:
            self.request.refused_uploads.append((self.file_name, self.received))
        self.upload_interrupted()
