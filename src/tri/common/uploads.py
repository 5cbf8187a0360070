"""An upload handler that stops reading a request body once it passes the size limit.

Django streams uploaded files to temporary files and puts no limit on their size. This handler
runs first: it counts the bytes of every file in the request and, past
`settings.TRI_RETURN_MAX_BYTES`, stops the upload (the rest of the body is read and thrown
away, never stored) and marks the request, so the view can say what happened instead of
storing a partial file.
"""

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

#: Set on the request when its files were larger than the limit.
TOO_LARGE = "tri_upload_too_large"


class SizeLimitHandler(FileUploadHandler):
    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.received = 0

    def handle_raw_input(self, input_data, meta, content_length, boundary, encoding=None):  # type: ignore[no-untyped-def]
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > settings.TRI_RETURN_MAX_BYTES:
            if self.request is not None:
                setattr(self.request, TOO_LARGE, True)
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def upload_too_large(request: Any) -> bool:
    return bool(getattr(request, TOO_LARGE, False))
