"""PDF helpers for tests: poppler's command-line tools on rendered bytes (testing.md recipes)."""

import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.conftest import require


def engine_available() -> bool:
    try:
        import weasyprint  # noqa: F401
    except OSError:  # the engine's system libraries (Pango) are missing
        return False
    return True


def require_pdf_tools() -> None:
    """Skip on a laptop without WeasyPrint's libraries or poppler-utils; fail in CI."""
    tools = all(shutil.which(t) for t in ("pdftotext", "pdffonts", "pdftoppm"))
    require(engine_available() and tools, "the PDF engine and poppler-utils")


def pdf_text(pdf: bytes, *, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return _run(pdf, ["pdftotext", "-layout", *pages, "{pdf}", "-"])


def pdf_fonts(pdf: bytes) -> list[dict]:
    """pdffonts rows as {name, emb, sub, uni}."""
    lines = _run(pdf, ["pdffonts", "{pdf}"]).splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        # name … emb sub uni object-id generation: the flags are the 5th/4th/3rd from the end.
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def page_png(pdf: bytes, *, page: int = 1, dpi: int = 40) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "doc.pdf"
        source.write_bytes(pdf)
        command = ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page)]
        subprocess.run([*command, "-singlefile", source, Path(folder) / "page"], check=True)
        return (Path(folder) / "page.png").read_bytes()


def _run(pdf: bytes, command: list[str]) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        args = [handle.name if part == "{pdf}" else part for part in command]
        return subprocess.run(args, check=True, capture_output=True, text=True).stdout
