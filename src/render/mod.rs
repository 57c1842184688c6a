//! Rendering: Markdown → HTML, and Markdown → a Typst document → PDF.
//!
//! The PDF is made by one fixed, bundled Typst file (`document.typ`). The document's
//! content goes in as data: pulldown-cmark's events become a JSON tree of blocks and
//! inlines, handed to Typst in `sys.inputs`, where text is only ever a string. Nothing the
//! user wrote is pasted into Typst source, so `#set page(fill: red)` in a field is text.
//!
//! Fonts (Liberation Serif, metric-compatible with Times New Roman, every Kazakh letter)
//! are embedded in the binary. Output is reproducible: no timestamp, a PDF identifier
//! derived from the content.

use pulldown_cmark::{Alignment, Event, Options, Parser, Tag, TagEnd};
use serde_json::{json, Value};

use crate::error::Result;

/// The embedded fonts' file names, in the order of [`FONTS`].
pub static FONT_FILES: [&str; 4] = [
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
];

/// Liberation Serif, embedded (the metrics of Times New Roman).
pub static FONTS: [&[u8]; 4] = [
    include_bytes!("../../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../fonts/LiberationSerif-BoldItalic.ttf"),
];

mod docx;
mod pdf;
pub use docx::docx;
pub use pdf::{pdf, pdf_many};

/// The Typst document every PDF is typeset with (its content comes in `sys.inputs`).
pub static DOCUMENT: &str = include_str!("document.typ");

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Md,
    Html,
    Pdf,
    Docx,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Md),
            "html" | "htm" => Some(Format::Html),
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }
    pub fn ext(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

/// Render Markdown to the format. `title` names the document (HTML title, PDF metadata).
pub fn render(markdown: &str, title: &str, format: Format) -> Result<Vec<u8>> {
    match format {
        Format::Md => Ok(markdown.as_bytes().to_vec()),
        Format::Html => Ok(html(markdown, title).into_bytes()),
        Format::Pdf => pdf(markdown, title),
        Format::Docx => docx(markdown, title),
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// The page's style: on screen an A4-like sheet; in print A4 with the margins of office
/// work (30/10/20/20 mm). Only body paragraphs are indented; lines broken by hand (a
/// number and a date, an executor and a phone) are a block, as in the PDF.
pub const HTML_CSS: &str = CSS;

const CSS: &str = "body{font-family:'Liberation Serif','Times New Roman',serif;font-size:14pt;line-height:1.25;max-width:170mm;margin:20mm auto;padding:0 10mm 0 30mm;color:#000}\
h1,h2,h3,h4{font-size:14pt;text-align:center;margin:1em 0}\
p{text-align:justify;text-indent:1.25cm;margin:0 0 .5em}p.lines{text-indent:0;text-align:left}\
ol,ul{padding-left:1.25cm}ol.paren>li::marker{content:counter(list-item) ') '}\
blockquote{margin:0 0 1em 50%;padding:0;border:0}blockquote p{text-indent:0;text-align:left}\
table{width:100%;border-collapse:collapse;margin:1em 0}td{font-weight:normal;vertical-align:top;padding:0 .3em}\
td p{text-indent:0}hr{border:0;border-top:.6pt solid #000;margin:.6em 0 1em}\
p.foot{font-size:12pt;text-indent:0;text-align:left;margin-top:3em}p.foot em{font-style:normal}\
@page{size:A4;margin:20mm 10mm 20mm 30mm}\
@media print{body{max-width:none;margin:0;padding:0}p.foot{position:fixed;bottom:0}}";

/// A complete HTML page: the Markdown's HTML (pulldown-cmark escapes all text) in an
/// A4 layout. A table's first row is data here (letterheads and signatures have no
/// header), and a paragraph of hand-broken lines is marked so that it is not indented.
pub fn html(markdown: &str, title: &str) -> String {
    let mut body = String::new();
    pulldown_cmark::html::push_html(&mut body, Parser::new_ext(markdown, options()));
    let body = body
        .replace("<thead>", "")
        .replace("</thead>", "")
        .replace("<tbody>", "")
        .replace("</tbody>", "")
        .replace("<th>", "<td>")
        .replace("<th style=", "<td style=")
        .replace("</th>", "</td>");
    let body = mark_line_blocks(&body);
    let body = keep_together(&paren_lists(markdown, &body));
    let t = title.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    format!("<!DOCTYPE html>\n<html lang=\"kk\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n")
}

/// Word and browsers break lines at spaces: the space inside "№ 5/1-5-42/515-И", "2026 жылғы" and
/// "Ж. Атенов" becomes a no-break space, as the PDF keeps them whole.
pub(crate) fn keep_together(text: &str) -> String {
    static KEEP: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(№|\b\d{4}|(?:\p{Lu}\.)+) (\S)").expect("valid pattern"));
    KEEP.replace_all(text, |c: &regex::Captures| {
        let keep = c[1].starts_with('№') || c[1].ends_with('.') || c[2].starts_with('ж');
        format!("{}{}{}", &c[1], if keep { '\u{a0}' } else { ' ' }, &c[2])
    })
    .into_owned()
}

/// Lists numbered "1)" in the Markdown keep that marker in the page (a browser's `<ol>`
/// prints "1."): their `<ol>` gets class "paren", whose ::marker is the number and ")".
fn paren_lists(markdown: &str, body: &str) -> String {
    let parens: Vec<bool> = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter_map(|(ev, range)| match ev {
            Event::Start(Tag::List(Some(_))) => {
                let src = markdown[range].trim_start();
                let digits = src.chars().take_while(char::is_ascii_digit).count();
                Some(src[digits..].starts_with(')'))
            }
            _ => None,
        })
        .collect();
    let mut out = String::with_capacity(body.len() + 32);
    let mut rest = body;
    let mut k = 0;
    while let Some(at) = rest.find("<ol") {
        out.push_str(&rest[..at]);
        out.push_str(if parens.get(k).copied().unwrap_or(false) { "<ol class=\"paren\"" } else { "<ol" });
        rest = &rest[at + 3..];
        k += 1;
    }
    out.push_str(rest);
    out
}

/// `<p>` holding a `<br />` gets class "lines"; the last one, all in emphasis, "foot".
fn mark_line_blocks(body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 64);
    let mut rest = body;
    while let Some(at) = rest.find("<p>") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find("</p>").map_or(rest.len(), |e| at + e);
        let inner = &rest[at + 3..end];
        let last = rest[end..].trim_start_matches("</p>").trim().is_empty();
        let foot = last && inner.starts_with("<em>") && inner.trim_end().ends_with("</em>");
        out.push_str(match (foot, inner.contains("<br />")) {
            (true, _) => "<p class=\"foot\">",
            (false, true) => "<p class=\"lines\">",
            _ => "<p>",
        });
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    out
}

/// The Markdown as a JSON tree for `document.typ`:
/// blocks `{t: heading|para|list|quote|table|rule, …}`, inlines `{t: text|strong|emph|br|code, …}`.
pub fn doc_tree(markdown: &str, title: &str) -> Value {
    let mut stack: Vec<(Value, Vec<Value>)> = vec![(json!({"t": "root"}), Vec::new())];
    let events = Parser::new_ext(markdown, options()).into_offset_iter();
    for (ev, range) in events {
        match ev {
            Event::Start(tag) => {
                let node = match tag {
                    Tag::Heading { level, .. } => json!({"t": "heading", "level": level as u8}),
                    Tag::Paragraph => json!({"t": "para"}),
                    Tag::List(start) => json!({"t": "list", "start": start}),
                    Tag::Item => {
                        // The marker as written: "1." or "1)" or a bullet.
                        let src = &markdown[range.clone()];
                        let digits: String = src.trim_start().chars().take_while(char::is_ascii_digit).collect();
                        let delim = src.trim_start()[digits.len()..].chars().next().filter(|c| matches!(c, '.' | ')'));
                        json!({"t": "item", "marker": match delim { Some(d) => format!("{digits}{d}"), None => "–".into() }})
                    }
                    Tag::BlockQuote(_) => json!({"t": "quote"}),
                    Tag::Table(aligns) => json!({"t": "table", "align": aligns.iter().map(|a| match a {
                        Alignment::Right => "right",
                        Alignment::Center => "center",
                        _ => "left",
                    }).collect::<Vec<_>>()}),
                    Tag::TableHead | Tag::TableRow => json!({"t": "row"}),
                    Tag::TableCell => json!({"t": "cell"}),
                    Tag::Strong => json!({"t": "strong"}),
                    Tag::Emphasis => json!({"t": "emph"}),
                    Tag::Strikethrough => json!({"t": "emph"}),
                    _ => json!({"t": "span"}),
                };
                stack.push((node, Vec::new()));
            }
            Event::End(end) => {
                let (mut node, children) = stack.pop().expect("balanced events");
                node["c"] = Value::Array(children);
                // A tight list item holds inlines directly: wrap them in a paragraph.
                // A tight list item holds inlines directly: wrap each run of them in a
                // paragraph, and keep a nested list ("3. …:" over "1) …") a block.
                if end == TagEnd::Item {
                    let mut blocks: Vec<Value> = Vec::new();
                    for child in node["c"].as_array().cloned().unwrap_or_default() {
                        match blocks.last_mut() {
                            Some(p) if is_inline(&child) && p["t"] == "para" && p["tight"] == true => {
                                p["c"].as_array_mut().expect("para").push(child)
                            }
                            _ if is_inline(&child) => blocks.push(json!({"t": "para", "tight": true, "c": [child]})),
                            _ => blocks.push(child),
                        }
                    }
                    for b in &mut blocks {
                        b.as_object_mut().expect("block").remove("tight");
                    }
                    node["c"] = Value::Array(blocks);
                }
                stack.last_mut().expect("root").1.push(node);
            }
            Event::Text(s) | Event::Code(s) => push_text(&mut stack, &s),
            Event::SoftBreak => push_text(&mut stack, " "),
            Event::HardBreak => stack.last_mut().expect("root").1.push(json!({"t": "br"})),
            Event::Rule => stack.last_mut().expect("root").1.push(json!({"t": "rule"})),
            // Raw HTML in a template is shown as text: the PDF never interprets markup.
            Event::InlineHtml(s) if matches!(s.trim(), "<br>" | "<br/>" | "<br />") => {
                stack.last_mut().expect("root").1.push(json!({"t": "br"}))
            }
            Event::Html(s) | Event::InlineHtml(s) => push_text(&mut stack, &s),
            _ => {}
        }
    }
    let (_, mut blocks) = stack.pop().expect("root");
    // The document's foot (the executor's lines) is typeset apart, at the page's foot.
    if let Some(last) = blocks.last_mut() {
        if is_foot(last) {
            last["t"] = "foot".into();
        }
    }
    json!({"title": title, "blocks": blocks})
}

/// The document's foot: a last paragraph of lines broken by hand, all in emphasis (the
/// executor and phone under a letter). Printed small at the foot of the last page.
pub(crate) fn is_foot(b: &Value) -> bool {
    let kids = b["c"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    matches!(b["t"].as_str(), Some("para" | "foot"))
        && kids.iter().any(|x| x["t"] == "emph")
        && kids.iter().all(|x| {
            x["t"] == "emph"
                || x["t"] == "br"
                || (x["t"] == "text" && x["v"].as_str().is_some_and(|v| v.trim().is_empty()))
        })
}

fn is_inline(v: &Value) -> bool {
    matches!(v["t"].as_str(), Some("text" | "strong" | "emph" | "br" | "span"))
}

fn push_text(stack: &mut [(Value, Vec<Value>)], s: &str) {
    let children = &mut stack.last_mut().expect("root").1;
    // Merge adjacent text runs (pulldown-cmark splits text at escapes).
    if let Some(last) = children.last_mut() {
        if last["t"] == "text" {
            let joined = format!("{}{s}", last["v"].as_str().unwrap_or(""));
            last["v"] = Value::String(joined);
            return;
        }
    }
    children.push(json!({"t": "text", "v": s}));
}
