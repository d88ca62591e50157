"""Reading PDFs back as a person would see them: text (poppler's pdftotext), one page as
PNG (pdftoppm), and which characters the embedded fonts can draw."""

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

POPPLER = shutil.which("pdftotext") and shutil.which("pdftoppm")
needs_poppler = pytest.mark.skipif(
    not POPPLER, reason="poppler-utils (pdftotext, pdftoppm) is not installed: .ci/run installs it"
)


def pdf_text(pdf: bytes, tmp_path: Path, *, first: int | None = None, last: int | None = None):
    path = tmp_path / "file.pdf"
    path.write_bytes(pdf)
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def page_png(pdf: bytes, tmp_path: Path, page: int = 1) -> Path:
    """Page ``page`` rendered at 50 dpi; a broken file or layout fails here first."""
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "50",
            "-f",
            str(page),
            "-l",
            str(page),
            str(path),
            str(tmp_path / "p"),
        ],
        check=True,
        capture_output=True,
    )
    return next(tmp_path.glob("p*.png"))


def _glyph_check(descriptor):
    """A function telling whether the embedded font program has a real glyph for a CID,
    or None when no font program is embedded."""
    from fontTools.ttLib import TTFont

    for key in ("/FontFile3", "/FontFile2", "/FontFile"):
        if key in descriptor:
            data = descriptor[key].get_object().get_data()
            break
    else:
        return None
    if data[:4] == b"OTTO" or key == "/FontFile2":
        order = TTFont(io.BytesIO(data)).getGlyphOrder()
    else:  # a bare CFF program
        from fontTools.cffLib import CFFFontSet

        cff = CFFFontSet()
        cff.decompile(io.BytesIO(data), None)
        order = cff[cff.fontNames[0]].getGlyphOrder()
    names = set(order)
    if any(name.startswith("cid") for name in order[1:3]):  # CID-keyed CFF: named by CID
        return lambda cid: cid != 0 and f"cid{cid:05d}" in names
    return lambda cid: 0 < cid < len(order)  # Identity CIDToGIDMap: the CID is the glyph


def drawable_characters(pdf: bytes) -> tuple[set[str], list[str]]:
    """The characters the PDF's embedded fonts draw with a real glyph, and the names of
    fonts that are not embedded. A character a font lacks is drawn with a glyph the font
    does not hold (.notdef, or a CID past its glyphs): it is left out of the set, so a name
    with a missing glyph fails the caller's check."""
    from pypdf import PdfReader

    drawable: set[str] = set()
    not_embedded: list[str] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get(
                "/FontDescriptor"
            )
            has_glyph = _glyph_check(descriptor.get_object() if descriptor else {})
            if has_glyph is None:
                not_embedded.append(str(font["/BaseFont"]))
                continue
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            cmap = cmap.split("endcodespacerange")[-1]
            for cid, unicode in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", cmap):
                if has_glyph(int(cid, 16)):
                    drawable.add(bytes.fromhex(unicode).decode("utf-16-be"))
    return drawable, not_embedded
