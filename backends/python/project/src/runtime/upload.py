"""Files: the bytes of a `bytes` field, sent and received as files.

An upload is a `multipart/form-data` body whose one part, named `file`, holds the bytes (parsed by
Starlette with python-multipart), up to a size limit: 415 for another media type, 413 above the
limit, 400 for a broken body, one without a `file` part or one with any other part. A download
sends the decoded bytes as `application/octet-stream`, or 204 when the record has none.
"""

from __future__ import annotations

import base64

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import Response

from .problem import FieldError, HttpProblem

# The largest file an upload accepts, in bytes.
UPLOAD_LIMIT = 10 * 1024 * 1024


def _problem(status: int, title: str, message: str) -> HttpProblem:
    return HttpProblem(status, title, f"file: {message}", [FieldError("file", message)])


async def read_upload(request: Request, limit: int = UPLOAD_LIMIT) -> bytes:
    """The bytes of the request's `file` part."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "multipart/form-data":
        detail = "an upload is multipart/form-data with a part named file"
        raise HttpProblem(415, "Unsupported media type", detail)
    try:
        form = await request.form(max_files=2, max_fields=16)
    except (MultiPartException, HTTPException) as error:
        raise _problem(400, "Invalid request", "the body is not valid multipart/form-data") from error
    try:
        others = [name for name in form if name != "file"]
        if others:
            raise _problem(400, "Invalid request", f"the only part is file, not {others[0]!r}")
        files = form.getlist("file")
        if len(files) != 1 or not isinstance(files[0], UploadFile):
            raise _problem(400, "Invalid request", "a part named file holding the file is required")
        data = await files[0].read(limit + 1)
        if len(data) > limit:
            raise _problem(413, "Content too large", f"an upload holds at most {limit} bytes")
        return data
    finally:
        await form.close()


def bytes_response(value: object) -> Response:
    """A field's bytes (base64 in the record) as a file; 204 when there are none."""
    if not isinstance(value, str):
        return Response(status_code=204)
    return Response(base64.b64decode(value), media_type="application/octet-stream")
