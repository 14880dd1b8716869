"""Reading PDFs back in tests."""

from __future__ import annotations

import io
import re

import pypdf


def pdf_text(pdf: bytes) -> str:
    """All text of a PDF with whitespace and page numbers (— N —) removed, as a reader's
    search across pages would see it."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
    return re.sub(r"—\d+—", "", text)
