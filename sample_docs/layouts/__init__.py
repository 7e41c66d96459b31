"""Page layouts per document type; each ``render(doc, story)`` returns the pages as Sheets."""
