//! `qujat serve`: the drafting desk in a browser, and its JSON API.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use qujat::error::{Error, Result};

use super::Status;

/// Serve the drafting desk and its JSON API (/api/openapi.json) over HTTP.
///
/// Pages: check a draft (/), generate a document from a template (/generate), a batch
/// from a table (/batch), the corpus with citation phrases (/corpus), and helpers for
/// word forms and dates (/helpers); in Kazakh, with a Russian switch.
///
/// It binds to 127.0.0.1:8080: only this machine can reach it. To serve the office
/// network, give an address such as 0.0.0.0:8080 together with --token-file; every
/// request must then carry the token (Authorization: Bearer TOKEN, or the qujat_token
/// cookie). Everything is embedded; no request leaves the machine.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  qujat serve\n  qujat serve --corpus acts/ --templates my-templates/\n  qujat serve --bind 0.0.0.0:8080 --token-file /etc/qujat/token"
)]
pub struct Args {
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR:PORT")]
    bind: SocketAddr,
    /// A folder of clause YAML or an imported corpus to add (repeatable).
    #[arg(long, value_name = "DIR")]
    corpus: Vec<PathBuf>,
    /// A folder of your own templates (repeatable).
    #[arg(long, value_name = "DIR")]
    templates: Vec<PathBuf>,
    /// A file whose first line is the token every request must carry.
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
}

pub fn run(a: Args) -> Result<Status> {
    let token = match &a.token_file {
        None => None,
        Some(f) => {
            let t = qujat::io::read_text(f)?.lines().next().unwrap_or("").trim().to_string();
            if t.len() < 16 {
                return Err(Error::input(f, "the token must be at least 16 characters on the first line"));
            }
            // It travels in a header and a cookie: visible ASCII without ; , " \\ or spaces.
            if !t.bytes().all(|b| b.is_ascii_graphic() && !b";,\"\\".contains(&b)) {
                return Err(Error::input(
                    f,
                    "the token may hold letters, digits and punctuation other than ; , \" \\ (no spaces)",
                )
                .at_line(1));
            }
            Some(t)
        }
    };
    qujat::serve::check_bind(&a.bind, token.as_deref())?;
    let server = Arc::new(qujat::serve::Server::new(&a.templates, &a.corpus, token)?);
    let rt = tokio::runtime::Runtime::new().map_err(|e| Error::usage(format!("cannot start the server: {e}")))?;
    rt.block_on(qujat::serve::run(a.bind, server))?;
    Ok(Status::Ok)
}
