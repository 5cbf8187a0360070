"""Reading the PDFs the service makes (tri.common.pdf) with pypdfium2: their text, tags,
metadata and drawing objects, and page 1 rendered to an image."""

import ctypes
from collections import Counter
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

#: Colours of chart series in tri.css that nothing else in these PDFs is filled with.
SERIES_COLOURS = {"#1d70b8", "#0f7a52", "#b7592a", "#54319f", "#ca357c", "#158187"}
A4 = (595.28, 841.89)


def pdf_text(content: bytes) -> str:
    """Every page's text, with runs of white space (line ends in table cells) made one space.
    PDFium marks a hyphen at the end of a line with U+FFFE; all of ours are real hyphens."""
    with pdfium.PdfDocument(content) as document:
        text = " ".join(page.get_textpage().get_text_range() for page in document)
    return " ".join(text.replace("\ufffe", "-").split())


def _utf16(function: Any, *args: Any) -> str:
    size = function(*args, None, 0)
    if size <= 2:
        return ""
    buffer = (ctypes.c_ushort * (size // 2))()
    function(*args, buffer, size)
    return bytes(buffer)[: size - 2].decode("utf-16-le")


def figures_alt_text(document: pdfium.PdfDocument) -> list[str]:
    """The alternative text of every Figure in the PDF's structure tree, in page order."""
    found: list[str] = []

    def walk(element: Any) -> None:
        if _utf16(pdfium_c.FPDF_StructElement_GetType, element) == "Figure":
            found.append(_utf16(pdfium_c.FPDF_StructElement_GetAltText, element))
        for index in range(pdfium_c.FPDF_StructElement_CountChildren(element)):
            if child := pdfium_c.FPDF_StructElement_GetChildAtIndex(element, index):
                walk(child)

    for page in document:
        tree = pdfium_c.FPDF_StructTree_GetForPage(page.raw)
        for index in range(pdfium_c.FPDF_StructTree_CountChildren(tree)):
            walk(pdfium_c.FPDF_StructTree_GetChildAtIndex(tree, index))
        pdfium_c.FPDF_StructTree_Close(tree)
    return found


def object_kinds(document: pdfium.PdfDocument) -> Counter[int]:
    """How many page objects of each type (FPDF_PAGEOBJ_*) the PDF draws, forms opened."""
    return Counter(o.type for page in document for o in page.get_objects(max_depth=10))


def path_fill_colours(document: pdfium.PdfDocument) -> set[str]:
    colours = set()
    for page in document:
        for item in page.get_objects(max_depth=10):
            if item.type != pdfium_c.FPDF_PAGEOBJ_PATH:
                continue
            r, g, b, a = (ctypes.c_uint() for _ in range(4))
            if pdfium_c.FPDFPageObj_GetFillColor(item.raw, r, g, b, a):
                colours.add(f"#{r.value:02x}{g.value:02x}{b.value:02x}")
    return colours


def metadata(document: pdfium.PdfDocument) -> dict[str, Any]:
    return {
        **{k: v for k, v in document.get_metadata_dict().items() if k in ("Title", "Author")},
        "lang": _utf16(pdfium_c.FPDFCatalog_GetLanguage, document.raw),
        "tagged": bool(pdfium_c.FPDFCatalog_IsTagged(document.raw)),
    }


def render_first_page(content: bytes, path: Path) -> tuple[tuple[float, float], float]:
    """Save page 1 as a PNG; return the page's size in points and its share of non-white
    pixels."""
    with pdfium.PdfDocument(content) as document:
        page = document[0]
        size = page.get_size()
        image = page.render(scale=1).to_pil().convert("L")
    image.save(path)
    histogram = image.histogram()
    inked = sum(histogram[:250]) / (image.width * image.height)
    return size, inked
