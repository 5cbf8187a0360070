"""What an evidence file may be: checked by its content, not by the name or type it claims."""

from dataclasses import dataclass

import puremagic

#: Document types people keep evidence in, by the extension their content identifies as.
ALLOWED_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".csv": "text/csv",
    ".txt": "text/plain",
}
_TEXT = (".csv", ".txt")
_SAME = {".jpeg": ".jpg"}
ALLOWED_DESCRIPTION = "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), OpenDocument, PNG, JPEG, CSV or plain text"


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str


def identify(head: bytes, filename: str) -> FileKind | None:
    """The allowed kind these first bytes are, or None. A text file is accepted only when its
    name says .csv or .txt and its bytes are UTF-8 text with no control characters."""
    extension = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    extension = _SAME.get(extension, extension)
    if extension in _TEXT:
        return FileKind(extension, ALLOWED_TYPES[extension]) if _is_text(head) else None
    try:
        matches = puremagic.magic_string(head, filename=filename)
    except puremagic.PureError:
        return None
    for match in matches:
        found = _SAME.get(match.extension.lower(), match.extension.lower())
        # The content must be recognised as the kind the name claims (puremagic reads the
        # parts list inside Office zip files, so a zip named .xlsx is not a workbook).
        if found == extension and found in ALLOWED_TYPES:
            return FileKind(found, ALLOWED_TYPES[found])
    return None


def _is_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        # The head may end in the middle of a character.
        try:
            text = head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    return not any(ord(c) < 32 and c not in "\t\r\n" for c in text)
