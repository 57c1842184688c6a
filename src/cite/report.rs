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
        out.push_str(&format!("{}:{}:{}: {} → {target}\n", c.file, c.span.line, c.span.column, c.text));
        if let Some(t) = &c.target_text {
            out.push_str(&format!("  = {t}\n"));
        }
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

/// `{"diagnostics": [...], "citations": [...]}`.
pub fn json(checked: &Checked) -> String {
    serde_json::to_string_pretty(checked).expect("plain data serializes") + "\n"
}
