//! Markdown → DOCX (docx-rs), from the same block tree the PDF is typeset from, so that
//! both carry the same text. A4, margins 30/10/20/20 mm, Times New Roman 14 pt; real
//! paragraphs with a first-line indent; clause numbers as text; letterhead and signature
//! blocks as borderless tables; page numbers in the footer. Text goes into runs as text:
//! docx-rs escapes it, so data never becomes XML.

use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, Footer, LineSpacing, PageMargin, PageNum, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, SpecialIndentType, Table, TableCell, TableRow, WidthType,
};
use serde_json::Value;

use crate::error::{Error, Result};

/// Twentieths of a point per millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;
/// The first-line indent of body paragraphs: 1.25 cm.
const INDENT: i32 = 709;
/// The text width: A4's 210 mm less the 30 mm and 10 mm margins.
const TEXT_WIDTH: usize = 9638;
const FONT: &str = "Times New Roman";

fn mm(x: f64) -> i32 {
    (x * TWIPS_PER_MM).round() as i32
}

/// The Markdown as a Word document.
pub fn docx(markdown: &str, title: &str) -> Result<Vec<u8>> {
    let tree = super::doc_tree(markdown, title);
    let fonts = RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT);
    let margin = PageMargin {
        top: mm(20.0),
        left: mm(30.0),
        bottom: mm(20.0),
        right: mm(10.0),
        header: mm(10.0),
        footer: mm(10.0),
        gutter: 0,
    };
    let footer =
        Footer::new().add_paragraph(Paragraph::new().align(AlignmentType::Center).add_page_num(PageNum::new()));
    let mut doc =
        Docx::new().page_size(11906, 16838).page_margin(margin).default_fonts(fonts).default_size(28).footer(footer);
    let blocks = tree["blocks"].as_array().cloned().unwrap_or_default();
    let last = blocks.len().saturating_sub(1);
    for (i, b) in blocks.iter().enumerate() {
        let foot = i == last && super::is_foot(b);
        doc = add_block(doc, b, foot);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| Error::new_output(std::path::Path::new(title), format!("DOCX: {e}")))?;
    Ok(out.into_inner())
}

fn add_block(doc: Docx, b: &Value, foot: bool) -> Docx {
    match b["t"].as_str() {
        Some("table") => doc.add_table(table(b)),
        _ => paragraphs(b, 0, foot).into_iter().fold(doc, Docx::add_paragraph),
    }
}

/// A block as Word paragraphs; `left` indents a quote.
fn paragraphs(b: &Value, left: i32, foot: bool) -> Vec<Paragraph> {
    let kids = children(b);
    match b["t"].as_str() {
        Some("heading") => {
            vec![spaced(inlines(Paragraph::new().align(AlignmentType::Center), kids, true, None), 240)]
        }
        Some("para" | "foot") => {
            let lines = kids.iter().any(|x| x["t"] == "br");
            let p = if lines || left > 0 {
                Paragraph::new().align(AlignmentType::Left).indent(Some(left), None, None, None)
            } else {
                Paragraph::new().align(AlignmentType::Both).indent(
                    None,
                    Some(SpecialIndentType::FirstLine(INDENT)),
                    None,
                    None,
                )
            };
            // The executor's lines: small type at the foot, as offices print them.
            let size = foot.then_some(24);
            vec![spaced(inlines(p, kids, false, size), 120)]
        }
        Some("list") => kids.iter().flat_map(|item| list_item(item, left)).collect(),
        Some("quote") => kids.iter().flat_map(|k| paragraphs(k, TEXT_WIDTH as i32 / 2, false)).collect(),
        // The line under a letterhead: an empty paragraph's bottom border.
        Some("rule") => {
            let line = ParagraphBorder::new(ParagraphBorderPosition::Bottom).val(BorderType::Single).size(6);
            vec![Paragraph::new().set_borders(ParagraphBorders::with_empty().set(line))]
        }
        _ => Vec::new(),
    }
}

/// "1. …", "1) …": the marker as text, then the item's first paragraph; nested lists as
/// clauses are set.
fn list_item(item: &Value, left: i32) -> Vec<Paragraph> {
    let marker = item["marker"].as_str().unwrap_or("–");
    let mut out = Vec::new();
    for (i, p) in children(item).iter().enumerate() {
        if i == 0 && p["t"] == "para" {
            let para = Paragraph::new()
                .align(AlignmentType::Both)
                .indent(Some(left), Some(SpecialIndentType::FirstLine(INDENT)), None, None)
                .add_run(Run::new().add_text(format!("{marker} ")));
            out.push(spaced(inlines(para, children(p), false, None), 120));
        } else {
            out.extend(paragraphs(p, left, false));
        }
    }
    out
}

/// A letterhead or signature block: a borderless table, columns of equal width, each
/// cell aligned as its column.
fn table(b: &Value) -> Table {
    let aligns: Vec<&str> =
        b["align"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    let n = aligns.len().max(1);
    let width = TEXT_WIDTH / n;
    let rows = children(b)
        .iter()
        .map(|row| {
            let cells = children(row)
                .iter()
                .enumerate()
                .map(|(i, cell)| {
                    let align = match aligns.get(i).copied() {
                        Some("right") => AlignmentType::Right,
                        Some("center") => AlignmentType::Center,
                        _ => AlignmentType::Left,
                    };
                    TableCell::new().width(width, WidthType::Dxa).add_paragraph(inlines(
                        Paragraph::new().align(align),
                        children(cell),
                        false,
                        None,
                    ))
                })
                .collect();
            TableRow::new(cells)
        })
        .collect();
    Table::without_borders(rows).set_grid(vec![width; n]).width(TEXT_WIDTH, WidthType::Dxa)
}

fn spaced(p: Paragraph, after: u32) -> Paragraph {
    p.line_spacing(LineSpacing::new().after(after))
}

fn children(v: &Value) -> &[Value] {
    v["c"].as_array().map(Vec::as_slice).unwrap_or(&[])
}

/// Inlines as runs, bold and italic carried down.
fn inlines(mut p: Paragraph, xs: &[Value], bold: bool, size: Option<usize>) -> Paragraph {
    fn walk(p: &mut Vec<Run>, xs: &[Value], bold: bool, italic: bool, size: Option<usize>) {
        for x in xs {
            match x["t"].as_str() {
                Some("text") => {
                    let mut r = Run::new().add_text(super::keep_together(x["v"].as_str().unwrap_or("")));
                    if bold {
                        r = r.bold();
                    }
                    if italic {
                        r = r.italic();
                    }
                    if let Some(s) = size {
                        r = r.size(s);
                    }
                    p.push(r);
                }
                Some("br") => p.push(Run::new().add_break(BreakType::TextWrapping)),
                Some("strong") => walk(p, children(x), true, italic, size),
                Some("emph") => walk(p, children(x), bold, true, size),
                Some("span") => walk(p, children(x), bold, italic, size),
                _ => {}
            }
        }
    }
    let mut runs = Vec::new();
    walk(&mut runs, xs, bold, false, size);
    for r in runs {
        p = p.add_run(r);
    }
    p
}
