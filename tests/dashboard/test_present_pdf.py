"""PDF printing through the system Chromium's DevTools pipe: a page that says it is ready -> PDF bytes."""
from __future__ import annotations

import shutil

import pytest

from dashboard import pdf

pytestmark = pytest.mark.skipif(shutil.which("chromium") is None, reason="needs the Debian package chromium")

READY_PAGE = ("data:text/html,<style>@page{size:1920px 1080px;margin:0}body{margin:0}div{height:1080px;break-after:page}"
              "div:last-child{break-after:auto}</style><div>one</div><div>two</div>"
              "<script>window.presentPrintReady=()=>true</script>")


def test_a_ready_page_prints_one_pdf_page_per_css_page_at_16_to_9():
    pypdf = pytest.importorskip("pypdf")
    import io
    data = pdf.print_url(READY_PAGE, timeout=60)
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [1440, 810]


def test_a_page_that_never_says_it_is_ready_fails_loudly_instead_of_printing_blank_charts():
    with pytest.raises(pdf.PdfError, match="in time"):
        pdf.print_url("data:text/html,<p>never ready</p>", timeout=4)
