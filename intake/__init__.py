"""intake: reading claim documents. Files -> pages -> documents with fields.

A plain library: no Flask, RQ or Redis here.
"""

from intake.models import DATE_KEYS, DocType, Document, Field, Page, PageSource, Word

__all__ = ["DATE_KEYS", "DocType", "Document", "Field", "Page", "PageSource", "Word"]
