"""Benchmark: reading a 100-page two-column newspaper PDF.

Prints the wall and CPU time of ``read_document`` on the PDF (best and median
of ``--repeat`` runs, each in a fresh process so that pdfium's font caches start
cold as they do for ``align``; CPU time is the steadier figure on a shared
machine), the CPU time pdfium alone takes to hand over the characters, and
whether every copy of the article came out whole and in order.
Target: ≤ 2 s for 100 pages on the 2-core development machine.

The PDF is the sample newspaper page (``samples/make_samples.py``) typeset
``--copies`` times, each copy starting a new page, printed once with Debian's
Chromium through playwright into a cache directory outside the repository
(``$ALIGNER_BENCH_CACHE``, default ``~/.cache/aligner-bench``).

Run: ``.venv/bin/python bench/bench_pdf.py [--copies 50] [--repeat 5]``
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_samples():
    """The module samples/make_samples.py (the samples folder is not a package)."""
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "samples" / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cache_dir() -> Path:
    path = Path(os.environ.get("ALIGNER_BENCH_CACHE", Path.home() / ".cache" / "aligner-bench"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def build_pdf(copies: int) -> Path:
    """The benchmark PDF (made once, then taken from the cache)."""
    path = cache_dir() / f"newspaper-{copies}-copies-v2.pdf"
    if not path.exists():
        samples = make_samples()
        samples.print_pdf(samples.paper_html(samples.paper_article(), copies=copies), path)
    return path


# Run in a child: one cold read, timed, with pdfium's share measured separately.
CHILD = """
import json, sys, time
started = time.perf_counter()
from aligner.readers import read_document
imported, cpu = time.perf_counter(), time.process_time()
document = read_document(sys.argv[1])
done = time.perf_counter()
print(json.dumps({"import": imported - started, "read": done - imported, "cpu": time.process_time() - cpu,
                  "pages": document.metadata.pages,
                  "chars": document.chars, "blocks": len(document.blocks), "text": document.text}))
"""

PDFIUM_ONLY = """
import sys, time
import pypdfium2.raw as raw
from aligner.readers import pdf, layout
import pypdfium2 as pdfium
document = pdfium.PdfDocument(open(sys.argv[1], "rb").read())
started = time.process_time()
count = 0
for index in range(len(document)):
    page = raw.FPDF_LoadPage(document.raw, index)
    textpage = raw.FPDFText_LoadPage(page)
    count += len(pdf._chars(raw, textpage))
    raw.FPDFText_ClosePage(textpage)
    raw.FPDF_ClosePage(page)
print(time.process_time() - started)
"""


def run_child(code: str, path: Path) -> str:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True,
                          env=env).stdout


def whole_copies(text: str, expected: list[str], copies: int) -> int:
    """How many copies of the article's blocks appear in order, white space aside."""
    compact = "".join(text.split())
    position = found = 0
    for _ in range(copies):
        for block in expected:
            at = compact.find(block, position)
            if at < 0:
                return found
            position = at + len(block)
        found += 1
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=50, help="copies of the two-page article (default 50)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs (default 5)")
    args = parser.parse_args()
    path = build_pdf(args.copies)
    runs = [json.loads(run_child(CHILD, path)) for _ in range(args.repeat)]
    pdfium_only = [float(run_child(PDFIUM_ONLY, path)) for _ in range(args.repeat)]
    reads = [run["read"] for run in runs]
    cpus = [run["cpu"] for run in runs]
    # The tag line differs from copy to copy (see paper_html).
    expected = ["".join(text.split()) for _, place, text in make_samples().paper_article() if place != "tag"]
    first = runs[0]
    print(f"{path.name}: {first['pages']} pages, {first['chars']:,} characters, {first['blocks']:,} blocks")
    print(f"read_document: best {min(reads):.2f} s, median {statistics.median(reads):.2f} s "
          f"wall; CPU best {min(cpus):.2f} s, median {statistics.median(cpus):.2f} s "
          f"(import {statistics.median(run['import'] for run in runs):.2f} s, not included)")
    print(f"of which pdfium (pages, text pages, character boxes): CPU median {statistics.median(pdfium_only):.2f} s")
    print(f"copies read whole and in order: {whole_copies(first['text'], expected, args.copies)} of {args.copies}")


if __name__ == "__main__":
    main()
