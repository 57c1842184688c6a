//! `qujat parse`: clause YAML for one text or many.

use std::path::{Path, PathBuf};

use qujat::error::{Error, Result};

use super::Status;

/// Parse legal texts into clause YAML (schema qujat/act/1).
///
/// With one FILE and no -o, the YAML goes to standard output; with -o DIR, one
/// DIR/<name>.yaml per input (standard input: DIR/stdin.yaml). A bad file is reported and
/// the others are still parsed (exit 1).
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  qujat parse decision.txt\n  qujat parse -o acts/ raw/*.txt\n  cat decision.txt | qujat parse -"
)]
pub struct Args {
    /// Texts (UTF-8, UTF-16, Windows-1251) or Markdown files; `-` for standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Write one .yaml per input into this folder.
    #[arg(short = 'o', long = "out", value_name = "DIR")]
    out: Option<PathBuf>,
    /// Parse as Markdown even without a .md extension (default: detected).
    #[arg(long)]
    markdown: bool,
}

pub fn run(a: Args) -> Result<Status> {
    if a.files.len() > 1 && a.out.is_none() {
        return Err(Error::usage("several files need -o DIR (one .yaml per input)"));
    }
    if let Some(dir) = &a.out {
        qujat::io::create_dir(dir)?;
    }
    let mut failed = 0;
    for file in &a.files {
        if let Err(e) = one(file, a.out.as_deref(), a.markdown) {
            eprintln!("qujat: {e}");
            failed += 1;
        }
    }
    Ok(Status::from_failures(failed))
}

fn one(file: &Path, out: Option<&Path>, markdown: bool) -> Result<()> {
    let input = qujat::io::read_input(file)?;
    let p = qujat::parse::parse_bytes(&input.bytes, &input.path, &input.name(), markdown)?;
    for w in &p.act.warnings {
        eprintln!("qujat: {}: warning: {w}", input.name());
    }
    let yaml = p.act.to_yaml();
    match out {
        Some(dir) => {
            let name = if qujat::io::is_stdin(file) { "stdin.yaml".into() } else { qujat::jobs::yaml_name(file) };
            qujat::io::write_atomic(&dir.join(name), yaml.as_bytes())
        }
        None => qujat::io::write_stdout(yaml.as_bytes()),
    }
}
