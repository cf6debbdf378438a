"""Printing HTML the way a teacher does: headless Chromium to PDF, read back with poppler.

The print tests skip when Chromium or pdftotext is missing, unless
QUIZGEN_REQUIRE_BROWSER is set (CI sets it), where a missing browser fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
PAPER = {"a4": (595, 842), "letter": (612, 792)}  # points, as pdfinfo reports them


def chromium() -> str:
    """The browser's path, or a skip (a failure when QUIZGEN_REQUIRE_BROWSER is set)."""
    found = next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)
    missing = [name for name, path in (("chromium", found), ("pdftotext", shutil.which("pdftotext")),
                                       ("pdfinfo", shutil.which("pdfinfo"))) if not path]
    if missing:
        message = f"{', '.join(missing)} not installed (apt-get install chromium poppler-utils)"
        if os.environ.get("QUIZGEN_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    assert found is not None
    return found


def with_paper(html: str, paper: str) -> str:
    """The same page as printed on `paper`: what choosing the paper in the print dialog does."""
    return html.replace("</head>", f"<style>@page {{ size: {paper}; }}</style>\n</head>", 1)


def print_to_pdf(html_path: Path, pdf_path: Path) -> Path:
    """Print an HTML file to PDF with headless Chromium, no header or footer."""
    browser = chromium()
    with tempfile.TemporaryDirectory(prefix="quizgen-chromium-") as profile:
        command = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={profile}", "--no-pdf-header-footer",
            f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri(),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if not pdf_path.is_file() or pdf_path.stat().st_size == 0:
        raise AssertionError(f"chromium wrote no PDF (exit {result.returncode}): {result.stderr[-2000:]}")
    return pdf_path


def pdf_pages(pdf_path: Path, layout: bool = True) -> list[str]:
    """The text of each page, as `pdftotext -layout` lays it out, or in reading order
    (layout=False: table cells one after the other instead of side by side)."""
    command = ["pdftotext", *(["-layout"] if layout else []), str(pdf_path), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends the last page with a form feed too
    return pages


def page_size(pdf_path: Path) -> tuple[int, int]:
    """Width and height of the first page in points."""
    info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert match, info
    return round(float(match[1])), round(float(match[2]))


def flat(text: str) -> str:
    """Whitespace collapsed, so text wrapped over lines still matches."""
    return " ".join(text.split())
