"""The PDF renderer (tri.common.pdf) on its own: the URL fetcher serves our static files and
`data:` URIs and refuses everything else, so rendering never opens a connection."""

import socket
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from tri.common.pdf import RefusedURLError, StaticFilesFetcher, render_pdf

BASE = "http://testserver/"
#: A 1×1 GIF.
GIF = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
SOURCE = Path(__file__).parents[2] / "src" / "tri" / "static" / "tri" / "pdf.css"

pytestmark = [pytest.mark.unit]


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/logo.png",
        "https://example.org/assets/tri/pdf.css",
        "https://testserver/assets/tri/pdf.css",  # another scheme than the site's
        "http://testserver.example.org/assets/tri/pdf.css",
        "http://testserver/o/camden/assessments/1/print/",
        "http://testserver/assets/../../../etc/passwd",
        "http://testserver/assets/%2e%2e/%2e%2e/etc/passwd",
        "http://testserver/assets/tri/no-such-file.css",
        "file:///etc/passwd",
        f"file://{SOURCE}",
        "http://testserver/assets//etc/passwd",
        "http://testserver/assets/tri",
        "ftp://example.org/a.css",
        "//example.org/a.css",
    ],
)
def test_the_fetcher_refuses_everything_but_our_static_files(url: str) -> None:
    fetcher = StaticFilesFetcher(BASE)

    with pytest.raises(RefusedURLError):
        fetcher.fetch(url)


def test_the_fetcher_serves_static_files_and_data_uris() -> None:
    fetcher = StaticFilesFetcher(BASE)

    css = fetcher.fetch("http://testserver/assets/tri/pdf.css")
    data = fetcher.fetch("data:text/plain;base64,aGVsbG8=")

    assert (css.read(), css.content_type) == (SOURCE.read_bytes(), "text/css")
    assert (data.read(), data.content_type) == (b"hello", "text/plain")


def test_the_fetcher_serves_collected_files_from_static_root_and_nothing_beside_it(
    settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "static"
    (root / "tri").mkdir(parents=True)
    (root / "tri" / "pdf.0123abcd.css").write_text("h1 { color: red }")
    (tmp_path / "secret.txt").write_text("not for PDFs")
    settings.STATIC_ROOT = root
    fetcher = StaticFilesFetcher(BASE)

    collected = fetcher.fetch("http://testserver/assets/tri/pdf.0123abcd.css")

    assert collected.read() == b"h1 { color: red }"
    with pytest.raises(RefusedURLError):
        fetcher.fetch("http://testserver/assets/../secret.txt")
    with pytest.raises(RefusedURLError):
        fetcher.fetch("http://testserver/assets/%2E%2E/secret.txt")


def test_rendering_a_page_with_outside_urls_opens_no_connection(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        outside = f"http://127.0.0.1:{listener.getsockname()[1]}"
        html = (
            '<!DOCTYPE html><html lang="en-GB"><head><title>Evidence</title>'
            f'<link rel="stylesheet" href="{outside}/a.css">'
            '<link rel="stylesheet" href="file:///etc/passwd"></head><body>'
            f'<h1>Evidence</h1><p><img src="{outside}/b.png" alt="Outside"></p>'
            f'<p style="background: url({outside}/c.png)">Link: {outside}/d</p>'
            f'<p><img src="data:image/gif;base64,{GIF}" alt="Dot"></p>'
            "</body></html>"
        )

        content = render_pdf(html, base_url=BASE)

        with pytest.raises(BlockingIOError):
            listener.accept()
    with pdfium.PdfDocument(content) as document:
        page = document[0]
        text = " ".join(page.get_textpage().get_text_range().split())
        images = [o for o in page.get_objects() if o.type == pdfium_c.FPDF_PAGEOBJ_IMAGE]
    # The refused image shows its alternative text; the data: URI's image is drawn.
    assert sorted(text.split()) == sorted(f"Evidence Outside Link: {outside}/d".split())
    assert len(images) == 1
    refused = {
        record.getMessage().split("not ", 1)[1]
        for record in caplog.records
        if "RefusedURLError" in record.getMessage()
    }
    assert refused == {
        f"{outside}/a.css",
        "file:///etc/passwd",
        f"{outside}/b.png",
        f"{outside}/c.png",
    }
