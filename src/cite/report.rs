//! How a check is shown: like a compiler (file:line:col, the source line, the reference
//! underlined) or as JSON for scripts and editors.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};

use super::{Checked, Severity};

/// Human output: every diagnostic with its source line, then a summary line.
pub fn human(checked: &Checked, file: &str, text: &str) -> String {
    let files = SimpleFile::new(file, text);
    let config = Config::default();
    let mut out = String::new();
    for d in &checked.diagnostics {
        let cs = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
            Severity::Note => CsDiagnostic::note(),
        };
        let cs = cs
            .with_code(d.code)
            .with_message(&d.message)
            .with_labels(vec![Label::primary((), d.span.bytes.clone())])
            .with_notes(d.notes.clone());
        // A span always lies inside the text it was computed from.
        term::emit_to_string(&mut out, &config, &files, &cs).expect("span inside the file");
    }
    // Every resolved reference, and what it cites: a secretary sees the words she cites.
    for c in checked.citations.iter().filter(|c| c.resolved) {
        let target = c.target.as_deref().unwrap_or("");
        out.push_str(&format!("{}{}: {} → {target}\n", c.file, at(&c.span), c.text));
        if let Some(t) = &c.target_text {
            out.push_str(&format!("  = {t}\n"));
        }
    }
    if checked.diagnostics.iter().any(|d| d.span.paragraph.is_some()) {
        out = in_paragraphs(&out, file);
    }
    let count = |s: Severity| checked.diagnostics.iter().filter(|d| d.severity == s).count();
    let resolved = checked.citations.iter().filter(|c| c.resolved).count();
    out.push_str(&format!(
        "{file}: {} references, {resolved} resolved; {} errors, {} warnings, {} notes\n",
        checked.citations.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note)
    ));
    out
}

/// ":12:30" for a line and column; ": paragraph 12, column 30" for a Word draft.
fn at(span: &crate::cite::Span) -> String {
    match span.paragraph {
        Some(p) => format!(": paragraph {p}, column {}", span.column),
        None => format!(":{}:{}", span.line, span.column),
    }
}

/// codespan's "file:12:30" headers as "file: paragraph 12, column 30" (a Word draft's
/// lines are its paragraphs).
fn in_paragraphs(report: &str, file: &str) -> String {
    let re = regex::Regex::new(&format!(r"{}:(\d+):(\d+)", regex::escape(file))).expect("valid pattern");
    re.replace_all(report, format!("{file}: paragraph ${{1}}, column ${{2}}")).into_owned()
}

/// `{"diagnostics": [...], "citations": [...]}`.
pub fn json(checked: &Checked) -> String {
    serde_json::to_string_pretty(checked).expect("plain data serializes") + "\n"
}
