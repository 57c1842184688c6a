//! `qujat inflect`: a word or phrase in a case, or a TSV of them.

use std::io::{BufRead, Write};
use std::path::Path;

use qujat::error::{Error, Result};
use qujat::lang::{inflect_phrase, noun, Case, Form};

use super::Status;

/// Inflect a Kazakh noun or noun phrase: case, plural, third-person possessive.
///
/// A phrase inflects its last word ("Тараз қаласы" → "Тараз қаласына"); digits take
/// the suffix of how they are read ("13" → "13-ке"); abbreviations a hyphen ("ІІМ-ге").
///
/// With --tsv, reads lines `lemma<TAB>number<TAB>possessive<TAB>case` from standard
/// input (number sg|pl, possessive -|px3, case nom|gen|dat|acc|loc|abl|ins) and prints
/// each line back with the form as a fifth column. A bad line is reported on standard
/// error with its number; the others are still printed (exit 1).
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  qujat inflect тармақ --case dat --possessive 3   # тармағына\n  qujat inflect бап --case gen --plural           # баптардың\n  printf 'халық\\tsg\\tpx3\\tnom\\n' | qujat inflect --tsv"
)]
pub struct Args {
    /// The word or phrase, in the nominative singular.
    #[arg(required_unless_present = "tsv")]
    word: Option<String>,
    /// nom, gen, dat, acc, loc, abl or ins (also the Kazakh names: атау, ілік, барыс, …).
    #[arg(long, default_value = "nom", value_parser = parse_case)]
    case: Case,
    /// The plural (-лар/-лер, -дар/-дер, -тар/-тер).
    #[arg(long)]
    plural: bool,
    /// The possessive person; only 3 (-ы/-і, -сы/-сі) is supported.
    #[arg(long, value_name = "PERSON", value_parser = clap::value_parser!(u8).range(3..=3))]
    possessive: Option<u8>,
    /// Read lemma/number/possessive/case lines from standard input.
    #[arg(long, conflicts_with_all = ["word", "plural", "possessive"])]
    tsv: bool,
}

fn parse_case(s: &str) -> std::result::Result<Case, String> {
    Case::parse(s).ok_or_else(|| format!("unknown case '{s}' (nom, gen, dat, acc, loc, abl, ins)"))
}

pub fn run(a: Args) -> Result<Status> {
    if a.tsv {
        return tsv();
    }
    let mut form = Form::case(a.case);
    if a.plural {
        form = form.plural();
    }
    if a.possessive.is_some() {
        form = form.px3();
    }
    let word = a.word.unwrap_or_default();
    if word.trim().is_empty() {
        return Err(Error::usage("inflect: the word is empty"));
    }
    qujat::io::write_stdout(format!("{}\n", inflect_phrase(&word, form)).as_bytes())?;
    Ok(Status::Ok)
}

/// One form per input line; bad lines are reported, never dropped silently.
fn tsv() -> Result<Status> {
    let stdin = Path::new(qujat::io::STDIN_NAME);
    let stdout = Path::new("<stdout>");
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut bad = 0;
    for (i, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line.map_err(|e| Error::io(stdin, e))?;
        let line = line.strip_suffix('\r').unwrap_or(&line);
        let written = match noun::parse_tsv_line(line) {
            Ok(None) => writeln!(out, "{line}"),
            Ok(Some((lemma, form))) => writeln!(out, "{line}\t{}", inflect_phrase(lemma, form)),
            Err(msg) => {
                bad += 1;
                eprintln!("qujat: {}:{}: {msg}", qujat::io::STDIN_NAME, i + 1);
                Ok(())
            }
        };
        match written {
            Err(e) if qujat::io::is_broken_pipe(&e) => return Ok(Status::from_failures(bad)),
            Err(e) => return Err(Error::write(stdout, e)),
            Ok(()) => {}
        }
    }
    match out.flush() {
        Err(e) if !qujat::io::is_broken_pipe(&e) => Err(Error::write(stdout, e)),
        _ => Ok(Status::from_failures(bad)),
    }
}
