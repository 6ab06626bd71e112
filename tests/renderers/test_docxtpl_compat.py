"""docxtpl compatibility: templates made here, rendered by docxtpl and by DocxRenderer.

Each template exercises docxtpl features as docxtpl's own tests do; both outputs are compared
as the text of every part and as LibreOffice PDF pages at 50 dpi.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docxtpl import DocxTemplate

from abmcontent.errors import TemplateError
from abmcontent.renderers.base import RenderRequest
from abmcontent.renderers.docx import DocxRenderer
from tests.renderers.docx_parity import page_differences, text_differences, to_pdf

CONTEXT = {
    "title": "Parity checks",
    "customer": "Eric",
    "note": "A Jinja variable!",
    "living_in_town": True,
    "items": [{"desc": "Python", "qty": 2}, {"desc": "Django", "qty": 5403}],
    "cols": ["fruit", "vegetable", "stone", "thing", "colour"],
    "listing": "first line\nsecond line\anew paragraph\fafter the break",
    "merge_rows": [
        {"group": "Fruit", "name": "Apple", "bg": "FFE699", "qty": 3},
        {"group": "Fruit", "name": "Pear", "bg": "C6E0B4", "qty": 1},
        {"group": "Stone", "name": "Granite", "bg": "BDD7EE", "qty": 7},
    ],
}

_FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    '</w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
    '<w:r><w:t xml:space="preserve"> In the footnote: {{ note }}</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def _add_footnote(path: Path) -> None:
    """Give the document a footnote holding a tag, referenced from its last paragraph."""
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    body = parts["word/document.xml"].decode()
    at = body.rindex("</w:p>")
    parts["word/document.xml"] = (
        body[:at] + '<w:r><w:footnoteReference w:id="1"/></w:r>' + body[at:]).encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", (
        '<Relationship Id="rIdFoot" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')).encode()
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace("</Types>", (
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')).encode()
    parts["word/footnotes.xml"] = _FOOTNOTES.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _make_template(path: Path) -> Path:
    document = docx.Document()
    document.core_properties.title = "{{ title }}"
    section = document.sections[0]
    section.header.paragraphs[0].text = "Header: {{ title }}"
    section.footer.paragraphs[0].text = "Footer for {{ customer }}"
    document.add_paragraph("Dear {{ customer }},")
    document.add_paragraph("{%p if living_in_town %}")
    document.add_paragraph("You live in town.")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("Literal tags: {_{ not_a_variable }_} and {_% if x %_}")
    document.add_paragraph("{{ listing }}")
    rows = document.add_table(rows=3, cols=2)
    rows.style = "Table Grid"
    rows.cell(0, 0).text, rows.cell(0, 1).text = "Item", "Qty"
    rows.cell(1, 0).text = "{%tr for i in items %}"
    rows.cell(2, 0).text, rows.cell(2, 1).text = "{{ i.desc }}", "{{ i.qty }}"
    table = document.add_table(rows=2, cols=3)
    table.style = "Table Grid"
    table.cell(0, 0).text = "{%tc for c in cols %}"
    table.cell(0, 1).text = "{{ c }}"
    table.cell(0, 2).text = "{%tc endfor %}"
    table.cell(1, 0).text = "{% colspan cols|length %}Spans every column"
    merged = document.add_table(rows=3, cols=3)
    merged.style = "Table Grid"
    merged.cell(0, 0).text = "{%tr for r in merge_rows %}"
    merged.cell(1, 0).text = "{% cellbg r.bg %}{{ r.name }}"
    merged.cell(1, 1).text = "{% vm %}{{ r.group }}"
    merged.cell(1, 2).text = "{{ r.qty }}"
    merged.cell(2, 0).text = "{%tr endfor %}"
    spans = document.add_table(rows=1, cols=3)
    spans.style = "Table Grid"
    spans.cell(0, 0).text = "{%tc for c in cols %}"
    spans.cell(0, 1).text = "{% hm %}Merged across the loop"
    spans.cell(0, 2).text = "{%tc endfor %}"
    document.add_paragraph("Rows: {{ items|length }}{#tc a comment #}")
    # the row closing the {%tr %} loop
    rows.add_row().cells[0].text = "{%tr endfor %}"
    document.save(str(path))
    _add_footnote(path)
    return path


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("docxtpl-compat")
    template = _make_template(folder / "features_tpl.docx")
    reference = folder / "ref" / "features.docx"
    reference.parent.mkdir()
    tpl = DocxTemplate(str(template))
    tpl.render(CONTEXT)
    tpl.save(str(reference))
    ours = folder / "ours" / "features.docx"
    ours.parent.mkdir()
    result = DocxRenderer().render(RenderRequest(
        template=template, context=CONTEXT, workspace_root=folder,
        template_name=template.name))
    ours.write_bytes(result.data)
    return ours, reference


def test_same_text_in_every_part(rendered: tuple[Path, Path]) -> None:
    ours, reference = rendered
    assert text_differences(ours, reference) == []
    with zipfile.ZipFile(ours) as archive:
        body = archive.read("word/document.xml").decode()
        notes = archive.read("word/footnotes.xml").decode()
        core = archive.read("docProps/core.xml").decode()
    assert "A Jinja variable!" in notes and "{{" not in notes
    assert "<dc:title>Parity checks</dc:title>" in core
    assert "{{ not_a_variable }}" in body and "{% if x %}" in body
    assert 'w:type="page"' in body
    with zipfile.ZipFile(reference) as archive:
        reference_body = archive.read("word/document.xml").decode()
    # every table's column grid repaired as docxtpl repairs it; the column loop's has 5 columns
    assert _grid_widths(body) == _grid_widths(reference_body)
    assert len(_grid_widths(body)[1]) == len(CONTEXT["cols"])
    # {% vm %}: the loop's cells of that column merged into one; {% cellbg %}: each row's colour
    assert body.count('<w:vMerge w:val="restart"/>') == 1
    continued = '<w:vMerge w:val="continue"/>'
    assert body.count(continued) == reference_body.count(continued) == 2
    assert all(f'w:fill="{row["bg"]}"' in body for row in CONTEXT["merge_rows"])
    # {% hm %}: the looped cells become one cell spanning the loop
    assert 'w:gridSpan w:val="5"' in body and 'w:gridSpan w:val="5"' in reference_body


def _grid_widths(body: str) -> list[list[str]]:
    """The gridCol widths of each table of a document body, in order."""
    return [re.findall(r'<w:gridCol w:w="(\d+)"', grid)
            for grid in re.findall(r"<w:tblGrid>(.*?)</w:tblGrid>", body)]


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
                    reason="LibreOffice and poppler are needed to compare pages")
def test_same_pdf_pages(rendered: tuple[Path, Path]) -> None:
    ours, reference = rendered
    to_pdf([ours], ours.parent / "pdf")
    to_pdf([reference], reference.parent / "pdf")
    pdf_ours = ours.parent / "pdf" / "features.pdf"
    pdf_ref = reference.parent / "pdf" / "features.pdf"
    assert page_differences(pdf_ours, pdf_ref) == []


def _one_paragraph_template(tmp_path: Path, text: str) -> Path:
    document = docx.Document()
    document.add_paragraph(text)
    path = tmp_path / "t.docx"
    document.save(str(path))
    return path


def test_error_names_the_tag_at_fault_and_every_unknown_filter(tmp_path: Path) -> None:
    renderer = DocxRenderer()
    stray = _one_paragraph_template(tmp_path, "{% if a %}x{% endif %} and {% endif %}")
    with pytest.raises(TemplateError) as err:
        renderer.render(RenderRequest(stray, {"a": 1}, tmp_path, "t.docx"))
    assert "`{% endif %}`" in str(err.value)
    filters = _one_paragraph_template(tmp_path, "{{ a|first_one }} {{ a|second_one(2) }}")
    with pytest.raises(TemplateError) as err:
        renderer.render(RenderRequest(filters, {"a": 1}, tmp_path, "t.docx"))
    assert "unknown filters first_one, second_one" in str(err.value)


def test_own_entries_do_not_collide_with_the_context(tmp_path: Path) -> None:
    renderer = DocxRenderer()
    template = _one_paragraph_template(tmp_path, "{{ images|join(', ') }}")
    result = renderer.render(RenderRequest(template, {"images": ["a", "b"]}, tmp_path, "t"))
    with zipfile.ZipFile(io.BytesIO(result.data)) as archive:
        assert "a, b" in archive.read("word/document.xml").decode()
