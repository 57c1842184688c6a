//! The command line: clap definitions, one module per command, each calling one library
//! entry point. Exit codes are decided in `main.rs` only.

mod batch;
mod bench;
mod build;
mod check;
mod corpus;
mod date;
mod inflect;
mod normalize;
mod parse;
mod render;
mod serve;
mod templates;

use clap::{Parser, Subcommand};
use qujat::error::Result;

/// Kazakh legal and official text: repair, parse into clause YAML, check references,
/// inflect, and generate documents.
///
/// Exit codes: 0 success, 1 a problem with an input (a file that is missing, unreadable,
/// empty, binary or malformed; a draft with an error; a record that failed), 2 a usage
/// error. A FILE of `-` is standard input.
#[derive(Parser)]
#[command(name = "qujat", version, about, long_about, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    Normalize(normalize::Args),
    Parse(parse::Args),
    Corpus(corpus::Args),
    Check(check::Args),
    Render(render::Args),
    Templates(templates::Args),
    Build(build::Args),
    Batch(batch::Args),
    Inflect(inflect::Args),
    Date(date::Args),
    Bench(bench::Args),
    Serve(serve::Args),
}

/// How a command that ran to its end went.
pub enum Status {
    /// Everything succeeded.
    Ok,
    /// Some inputs had problems (reported as they were met); the others were done.
    Problems,
}

impl Status {
    pub fn from_failures(n: usize) -> Status {
        if n == 0 {
            Status::Ok
        } else {
            Status::Problems
        }
    }
}

pub fn run(command: Command) -> Result<Status> {
    match command {
        Command::Normalize(a) => normalize::run(a),
        Command::Parse(a) => parse::run(a),
        Command::Corpus(a) => corpus::run(a),
        Command::Check(a) => check::run(a),
        Command::Render(a) => render::run(a),
        Command::Templates(a) => templates::run(a),
        Command::Build(a) => build::run(a),
        Command::Batch(a) => batch::run(a),
        Command::Inflect(a) => inflect::run(a),
        Command::Date(a) => date::run(a),
        Command::Bench(a) => bench::run(a),
        Command::Serve(a) => serve::run(a),
    }
}

/// Value parser for `--format md|html|pdf`.
pub fn parse_format(s: &str) -> std::result::Result<qujat::render::Format, String> {
    qujat::render::Format::parse(s).ok_or_else(|| format!("unknown format '{s}' (md, html, pdf, docx)"))
}

/// Decode a file and tell whether it is Markdown (by extension, `force`, or its content).
pub fn decoded(input: &qujat::io::Input, force_markdown: bool) -> Result<(qujat::text::Decoded, bool)> {
    let decoded = qujat::text::decode(&input.bytes, &input.path)?;
    let md = qujat::text::is_markdown(&input.path, &decoded.text, force_markdown);
    Ok((decoded, md))
}
