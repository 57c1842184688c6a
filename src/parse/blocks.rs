//! Normalized paragraphs → a stream of blocks, the same for plain text and Markdown.
//!
//! Plain text: one block per paragraph. Markdown: pulldown-cmark finds headings, lists,
//! quotes and code; list markers are read back from the source (CommonMark keeps only
//! the first number of a list, and clause numbers matter), so that a block's text starts
//! with its label exactly as the plain-text path sees it ("2. ...", "1) ...", "- ...").

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::text::Normalized;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Para,
    /// Markdown heading with its level.
    Heading(u8),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Text with its label; Markdown hard breaks are `\n`.
    pub text: String,
    /// Source line (1-based).
    pub line: usize,
    pub indent: usize,
    /// Inside a Markdown block quote (stamps, editorial notes).
    pub quote: bool,
    /// Inside a fenced or indented code block.
    pub code: bool,
    /// The whole text was bold / italic.
    pub bold: bool,
    pub italic: bool,
}

impl Block {
    fn new(text: String, line: usize) -> Self {
        Block { kind: BlockKind::Para, text, line, indent: 0, quote: false, code: false, bold: false, italic: false }
    }
    /// Text with hard breaks as spaces (borrowed when there are none: the common case).
    pub fn flat(&self) -> std::borrow::Cow<'_, str> {
        if self.text.contains('\n') {
            std::borrow::Cow::Owned(self.text.replace('\n', " "))
        } else {
            std::borrow::Cow::Borrowed(&self.text)
        }
    }
}

/// Turn normalized text into blocks.
pub fn blocks(n: &Normalized) -> Vec<Block> {
    if !n.markdown {
        return n.paras.iter().map(|p| Block { indent: p.indent, ..Block::new(p.text.clone(), p.line) }).collect();
    }
    markdown_blocks(n)
}

fn markdown_blocks(n: &Normalized) -> Vec<Block> {
    // The Markdown text as normalize prints it, with the source line of each of its lines.
    let text = n.text();
    let mut line_starts = Vec::new();
    let mut src_of_line = Vec::new();
    {
        // Each non-blank line of the text is one paragraph, in order.
        let mut offset = 0;
        let mut para_iter = n.paras.iter();
        for l in text.split_inclusive('\n') {
            line_starts.push(offset);
            let line = if l.trim().is_empty() {
                src_of_line.last().copied().unwrap_or(1)
            } else {
                para_iter.next().map_or(1, |p| p.line)
            };
            src_of_line.push(line);
            offset += l.len();
        }
    }
    let line_of = |offset: usize| -> usize {
        let i = match line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        src_of_line.get(i).copied().unwrap_or(1)
    };

    let mut out = Vec::new();
    let mut cur: Option<Block> = None;
    // Markers of list items opened since the last leaf ("-", "2.", "1)").
    let mut pending_markers: Vec<String> = Vec::new();
    let mut quote_depth = 0usize;
    let mut in_code = false;
    let mut strong = 0usize;
    let mut emph = 0usize;
    let mut chars_total = 0usize;
    let mut chars_bold = 0usize;
    let mut chars_italic = 0usize;
    let mut heading: Option<u8> = None;

    let flush = |cur: &mut Option<Block>, out: &mut Vec<Block>, bold: usize, italic: usize, total: usize| {
        if let Some(mut b) = cur.take() {
            b.text = b.text.trim().to_string();
            if !b.text.is_empty() {
                b.bold = total > 0 && bold * 10 >= total * 9;
                b.italic = total > 0 && italic * 10 >= total * 9;
                out.push(b);
            }
        }
    };

    for (ev, range) in Parser::new_ext(&text, Options::empty()).into_offset_iter() {
        match ev {
            Event::Start(Tag::Item) => {
                flush(&mut cur, &mut out, chars_bold, chars_italic, chars_total);
                let src = &text[range.start..];
                let marker: String = src.trim_start().chars().take_while(|c| !c.is_whitespace()).collect();
                pending_markers.push(marker);
            }
            Event::Start(Tag::List(_)) => {
                flush(&mut cur, &mut out, chars_bold, chars_italic, chars_total);
            }
            Event::End(TagEnd::Item) => {
                flush(&mut cur, &mut out, chars_bold, chars_italic, chars_total);
                pending_markers.clear();
            }
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut cur, &mut out, chars_bold, chars_italic, chars_total);
                quote_depth = quote_depth.saturating_sub(1);
            }
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut cur, &mut out, chars_bold, chars_italic, chars_total);
                // HeadingLevel's discriminants are the levels (H1 = 1 … H6).
                heading = Some(level as u8);
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(b) = cur.as_mut() {
                    b.kind = BlockKind::Heading(heading.unwrap_or(1));
                }
                flush(&mut cur, &mut out, chars_bold, chars_italic, chars_total);
                heading = None;
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                flush(&mut cur, &mut out, chars_bold, chars_italic, chars_total);
                in_code = true;
                // Text after the opening fence is no markup of ours: keep its words.
                if let CodeBlockKind::Fenced(info) = kind {
                    if !info.trim().is_empty() {
                        let mut b = Block::new(info.trim().to_string(), line_of(range.start));
                        b.code = true;
                        b.quote = quote_depth > 0;
                        out.push(b);
                    }
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
            }
            Event::Start(Tag::Paragraph) => {
                flush(&mut cur, &mut out, chars_bold, chars_italic, chars_total);
            }
            Event::End(TagEnd::Paragraph) => {
                flush(&mut cur, &mut out, chars_bold, chars_italic, chars_total);
            }
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => emph += 1,
            Event::End(TagEnd::Emphasis) => emph = emph.saturating_sub(1),
            Event::Text(t) | Event::Code(t) => {
                if in_code {
                    // Each code line is its own block (real acts fence chapter headings).
                    let mut off = range.start;
                    for l in t.split('\n') {
                        if !l.trim().is_empty() {
                            let mut b = Block::new(l.trim().to_string(), line_of(off));
                            b.code = true;
                            b.quote = quote_depth > 0;
                            out.push(b);
                        }
                        off += l.len() + 1;
                    }
                    continue;
                }
                if cur.is_none() {
                    chars_total = 0;
                    chars_bold = 0;
                    chars_italic = 0;
                    let mut b = Block::new(String::new(), line_of(range.start));
                    b.quote = quote_depth > 0;
                    b.indent =
                        text[..range.start].rsplit('\n').next().map(|l| l.len() - l.trim_start().len()).unwrap_or(0);
                    // The label of the list items this leaf opens; a bullet that holds a
                    // numbered item is just a container.
                    // Outer numbered items opened on the same line ("11. - 1) ...") are
                    // units without text of their own; bullets are only containers.
                    if pending_markers.len() > 1 {
                        for m in &pending_markers[..pending_markers.len() - 1] {
                            if m.ends_with('.') || m.ends_with(')') {
                                let mut outer = Block::new(m.clone(), b.line);
                                outer.quote = b.quote;
                                outer.indent = b.indent;
                                out.push(outer);
                            }
                        }
                    }
                    let label = pending_markers.last().cloned();
                    if let Some(l) = label {
                        b.text.push_str(&l);
                        b.text.push(' ');
                    }
                    pending_markers.clear();
                    cur = Some(b);
                }
                // A ratio of bytes is as good as one of characters, and much cheaper.
                let n = t.len();
                chars_total += n;
                if strong > 0 {
                    chars_bold += n;
                }
                if emph > 0 {
                    chars_italic += n;
                }
                cur.as_mut().unwrap().text.push_str(&t);
            }
            Event::SoftBreak => {
                if let Some(b) = cur.as_mut() {
                    b.text.push(' ');
                }
            }
            Event::HardBreak => {
                if let Some(b) = cur.as_mut() {
                    b.text.push('\n');
                }
            }
            // Anchors and other HTML of the converter are markup, not words of the act.
            Event::Html(_) | Event::InlineHtml(_) => {}
            _ => {}
        }
    }
    flush(&mut cur, &mut out, chars_bold, chars_italic, chars_total);
    // Collapse spaces around hard breaks.
    for b in out.iter_mut().filter(|b| b.text.contains(['\n', '\t']) || b.text.contains("  ")) {
        b.text = b
            .text
            .split('\n')
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    #[test]
    fn markdown_list_markers_come_back() {
        let n = normalize("## 1. Жалпы\n\n1. Бірінші.\n\n2. Екінші:\n\n   1) ішкі;\n\n- 1) тәуекел;\n  - 2) білім;\n- Кимылы арқылы.\n\n> *Бекітілген*  \n> *№ 5*\n", true);
        let b = blocks(&n);
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "1. Жалпы",
                "1. Бірінші.",
                "2. Екінші:",
                "1) ішкі;",
                "1) тәуекел;",
                "2) білім;",
                "- Кимылы арқылы.",
                "Бекітілген\n№ 5"
            ]
        );
        assert_eq!(b[0].kind, BlockKind::Heading(2));
        assert!(b[7].quote && b[7].italic);
        assert_eq!(b[2].line, 5);
    }
}
