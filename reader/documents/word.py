"""Word .docx: body paragraphs and table rows in order (python-docx); Heading/Title styles become headings."""
from __future__ import annotations

import io

from reader.documents.blocks import Block, Extracted, clean_line
from reader.documents.text import is_title_line


class DocxProblem(ValueError):
    """The .docx package cannot be read."""


def load_docx_bytes(data: bytes) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_body_blocks(document))
        core_title = clean_line(document.core_properties.title or "")
    except (PackageNotFoundError, KeyError, ValueError, AttributeError, OSError) as exc:
        raise DocxProblem(f"the Word document is damaged and cannot be read ({type(exc).__name__})") from exc
    except Exception as exc:  # lxml XMLSyntaxError, zipfile errors: all mean a damaged package
        raise DocxProblem(f"the Word document is damaged and cannot be read ({type(exc).__name__})") from exc
    blocks = [b for b in blocks if clean_line(b.text)]
    title = core_title or next((clean_line(b.text) for b in blocks if b.heading), "")
    if not title and blocks and is_title_line(clean_line(blocks[0].text), len(blocks) - 1):
        title = clean_line(blocks[0].text)
        blocks[0] = Block(blocks[0].text, heading=True)
    return Extracted(tuple(blocks), title, "")


def _body_blocks(document):
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            style = (item.style.name if item.style is not None else "") or ""
            heading = style.startswith("Heading") or style in ("Title", "Subtitle")
            yield Block(item.text, heading=heading)
        elif isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = clean_line(cell.text)
                    if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                        cells.append(text)
                if cells:
                    yield Block(" | ".join(cells))
