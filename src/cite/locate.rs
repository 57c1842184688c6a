//! From a byte range in a normalized paragraph back to the user's own file.
//!
//! Normalization keeps the source line of every joined piece of a paragraph. Within that
//! line, repairs change spacing (letter spacing, NBSP, joins) and rarely anything else,
//! so the column is found by counting non-space characters, then checked against the
//! text and, if it does not match, looked up by the reference's first characters.

use std::ops::Range;

use super::Span;
use crate::text::Para;

pub struct LineIndex {
    /// Byte offset where each line starts (line 1 at index 0).
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.starts.get(line.saturating_sub(1)).copied().unwrap_or(text.len());
        let end = self.starts.get(line).map_or(text.len(), |e| e - 1);
        let end = if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') { end - 1 } else { end };
        start..end.max(start)
    }

    /// Byte offset in the source of `offset` in the paragraph's text.
    fn source_offset(&self, text: &str, para: &Para, offset: usize) -> usize {
        let (piece_start, line) =
            para.pieces.iter().rev().find(|(o, _)| *o <= offset).copied().unwrap_or((0, para.line));
        let range = self.line_range(text, line);
        let src = &text[range.clone()];
        // Non-space characters before the offset within this piece.
        let piece_start = piece_start.min(offset);
        let k = para.text[piece_start..offset].chars().filter(|c| !c.is_whitespace()).count();
        let mut seen = 0;
        let mut guess = src.len();
        for (i, c) in src.char_indices() {
            if c.is_whitespace() {
                continue;
            }
            if seen == k {
                guess = i;
                break;
            }
            seen += 1;
        }
        // Check: the source at the guess should start like the reference does.
        let want: String = para.text[offset..].chars().filter(|c| !c.is_whitespace()).take(6).collect();
        let at: String = src[guess.min(src.len())..].chars().filter(|c| !c.is_whitespace()).take(6).collect();
        if want != at && !want.is_empty() {
            let first_word: &str = para.text[offset..].split_whitespace().next().unwrap_or("");
            let probe = &first_word[..first_word.char_indices().nth(6).map_or(first_word.len(), |(i, _)| i)];
            if let Some(best) = src.match_indices(probe).map(|(i, _)| i).min_by_key(|i| i.abs_diff(guess)) {
                guess = best;
            }
        }
        range.start + guess.min(src.len())
    }

    fn line_col(&self, text: &str, byte: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= byte).max(1);
        let start = self.starts[line - 1];
        let col = text[start..byte.min(text.len())].chars().count() + 1;
        (line, col)
    }

    /// The span in the source of a byte range in the paragraph's text.
    pub fn span(&self, text: &str, para: &Para, range: Range<usize>) -> Span {
        let start = self.source_offset(text, para, range.start);
        // The end: the last character of the range, mapped the same way, plus its length.
        let last_char = para.text[..range.end].chars().next_back().map_or(0, char::len_utf8);
        let end_start = self.source_offset(text, para, range.end - last_char);
        let end = (end_start + text[end_start..].chars().next().map_or(0, char::len_utf8)).max(start);
        let (line, column) = self.line_col(text, start);
        let (end_line, end_column) = self.line_col(text, end);
        Span { bytes: start..end, line, column, end_line, end_column, paragraph: None }
    }
}
