"""One error base with stable codes, shared by intake and verifier.

Edges translate these: the service's web edge to an HTTP status (its one table), the CLI to
exit code 2, the report to a per-document finding. Codes never change once
published; add new ones instead.
"""

from __future__ import annotations


class SemakError(Exception):
    """Base of every error the libraries raise on purpose."""

    code = "semak_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class InvalidClaim(SemakError):
    """claim.json is missing, not JSON, or does not follow claim.schema.json."""

    code = "invalid_claim"


class UnsupportedFile(SemakError):
    """A file is not a PDF, JPEG, PNG or TIFF (judged by its bytes)."""

    code = "unsupported_file"


class MalformedFile(UnsupportedFile):
    """A file whose type is accepted but whose structure is invalid (e.g. a TIFF whose
    directory chain loops or points outside the file): not a valid file of that type."""

    code = "malformed_file"


class FileTooLarge(SemakError):
    """A file is over the byte, page or pixel limits."""

    code = "file_too_large"


class DocumentUnreadable(SemakError):
    """A file of an accepted type that cannot be opened (broken, encrypted, truncated)."""

    code = "document_unreadable"


class OcrFailed(SemakError):
    """The OCR engine crashed or timed out on a page."""

    code = "ocr_failed"


class RulesError(SemakError):
    """A rules file is invalid: raised at load with the file and line."""

    code = "rules_invalid"


# --- reading files (intake.files / intake.reading) -------------------------------------------


class PageRenderFailed(DocumentUnreadable):
    """One PDF page could not be drawn (the file's other pages still read)."""

    code = "page_render_failed"


class EmptyFile(DocumentUnreadable):
    """The file has no bytes at all."""

    code = "empty_file"


class TruncatedFile(DocumentUnreadable):
    """The file stops before its end: an interrupted upload or copy."""

    code = "truncated_file"


class EncryptedPdf(DocumentUnreadable):
    """The PDF is protected by a password, so its pages cannot be read."""

    code = "encrypted_pdf"


class TooManyPages(FileTooLarge):
    """The file holds more pages than the limit."""

    code = "too_many_pages"


class ImageTooLarge(FileTooLarge):
    """A page holds more pixels than the limit (a decompression bomb, or a huge scan)."""

    code = "image_too_large"


class OcrTimeout(OcrFailed):
    """The OCR engine did not finish a page within the per-page time limit."""

    code = "ocr_timeout"
