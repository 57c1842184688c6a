//! `qujat templates`: the templates and their fields.

use std::path::PathBuf;

use qujat::error::Result;

use super::Status;

/// List the templates and their fields (type, required, description).
#[derive(clap::Args)]
#[command(after_help = "Examples:\n  qujat templates\n  qujat templates --format json --templates my-templates/")]
pub struct Args {
    /// human or json.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// A folder of your own templates; repeatable.
    #[arg(long, value_name = "DIR")]
    templates: Vec<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// One block per template, fields indented.
    Human,
    /// {"templates": [{name, origin, title, description, fields}]}.
    Json,
}

pub fn run(a: Args) -> Result<Status> {
    let reg = qujat::jobs::registry(&a.templates, &[])?;
    let out = match a.format {
        Format::Json => serde_json::to_string_pretty(&qujat::generate::listing::json(&reg)).expect("plain data") + "\n",
        Format::Human => qujat::generate::listing::human(&reg),
    };
    qujat::io::write_stdout(out.as_bytes())?;
    Ok(Status::Ok)
}
