//! `qujat date`: a date as a Kazakh phrase.

use qujat::error::{Error, Result};
use qujat::lang::date::{self, Date, DateForm};

use super::Status;

/// Print a date as a Kazakh phrase: "2026 жылғы 5 қаңтардағы".
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  qujat date 2026-01-05              # 2026 жылғы 5 қаңтардағы\n  qujat date 2026-01-05 --case loc   # 2026 жылғы 5 қаңтарда\n  qujat date 2026-01-05 --short      # 05.01.2026 ж."
)]
pub struct Args {
    /// The date, YYYY-MM-DD.
    date: String,
    /// attr (the default: "…қаңтардағы", of the date) or a case of the month word:
    /// nom, gen, dat, acc, loc, abl, ins.
    #[arg(long, default_value = "attr", value_parser = parse_form)]
    case: DateForm,
    /// The short form of letters and stamps: "05.01.2026 ж.".
    #[arg(long, conflicts_with = "case")]
    short: bool,
}

fn parse_form(s: &str) -> std::result::Result<DateForm, String> {
    DateForm::parse(s).ok_or_else(|| format!("unknown case '{s}' (attr, nom, gen, dat, acc, loc, abl, ins)"))
}

pub fn run(a: Args) -> Result<Status> {
    let d = Date::from_iso(&a.date)
        .ok_or_else(|| Error::usage(format!("date: '{}' is not a valid date YYYY-MM-DD", a.date)))?;
    let text = if a.short { date::short(d) } else { date::phrase(d, a.case) };
    qujat::io::write_stdout(format!("{text}\n").as_bytes())?;
    Ok(Status::Ok)
}
