"""Reading PDFs back in tests."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest


def pdf_text(pdf: bytes) -> str:
    """All text of a PDF with whitespace and page numbers (— N —) removed, as a reader's
    search across pages would see it."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
    return re.sub(r"—\d+—", "", text)


def libreoffice_pdf(docx: bytes, tmp_path: Path) -> bytes:
    """The .docx converted to PDF by headless LibreOffice, as a reader opening it would."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) 未安装：apt-get install libreoffice-writer-nogui")
    source = tmp_path / "summary.docx"
    source.write_bytes(docx)
    profile = tmp_path / "profile"  # its own profile: no clash with another soffice running
    subprocess.run(  # noqa: S603 - fixed command
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (tmp_path / "summary.pdf").read_bytes()
