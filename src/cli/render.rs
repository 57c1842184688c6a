//! `qujat render`: one document from a template and a record.

use std::path::PathBuf;

use qujat::error::{Error, Result};
use qujat::render::Format;

use super::Status;

/// Render a template with a record of data to Markdown, HTML, PDF or DOCX.
///
/// The record (YAML or JSON) is checked against the template's schema first; a
/// missing or ill-typed field is an error naming the field. Citations come from the
/// corpus by id. The format is --format, else OUT's extension, else md.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  qujat render council-decision --data templates/council-decision/example.yaml -o decision.pdf\n  qujat render official-letter --data letter.yaml --format html\n  cat letter.json | qujat render official-letter --data -"
)]
pub struct Args {
    /// The template's name (see `qujat templates`).
    name: String,
    /// The record: a YAML or JSON mapping of the template's fields; `-` for standard input.
    #[arg(long, value_name = "FILE")]
    data: PathBuf,
    /// md, html, pdf or docx.
    #[arg(long, value_parser = super::parse_format)]
    format: Option<Format>,
    /// Write here instead of standard output.
    #[arg(short = 'o', long = "out", value_name = "OUT")]
    out: Option<PathBuf>,
    /// A folder of your own templates (or one template folder); repeatable.
    #[arg(long, value_name = "DIR")]
    templates: Vec<PathBuf>,
    /// A folder of clause YAML to add to the bundled corpus; repeatable.
    #[arg(long, value_name = "DIR")]
    corpus: Vec<PathBuf>,
}

pub fn run(a: Args) -> Result<Status> {
    let format = format(a.format, a.out.as_deref())?;
    let bytes = qujat::jobs::render(&a.name, &a.data, format, &a.templates, &a.corpus)?;
    match &a.out {
        Some(o) => qujat::io::write_atomic(o, &bytes)?,
        None => qujat::io::write_stdout(&bytes)?,
    }
    Ok(Status::Ok)
}

/// --format, else the extension of -o, else Markdown. The two must agree, and an
/// extension that is no format needs --format (never a silent Markdown file).
fn format(flag: Option<Format>, out: Option<&std::path::Path>) -> Result<Format> {
    let ext = out.and_then(|o| o.extension()).and_then(|e| e.to_str());
    match (flag, ext.map(|e| (e, Format::parse(e)))) {
        (Some(f), Some((_, Some(e)))) if f != e => {
            Err(Error::usage(format!("--format {} but -o ends in .{}", f.ext(), e.ext())))
        }
        (Some(f), _) => Ok(f),
        (None, Some((_, Some(e)))) => Ok(e),
        (None, Some((e, None))) => {
            Err(Error::usage(format!("-o ends in .{e}, which is no format (md, html, pdf, docx)")))
        }
        (None, None) => Ok(Format::Md),
    }
}
