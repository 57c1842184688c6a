//! YAML behind one door: serde_yaml_ng (the maintained fork of the archived serde_yaml,
//! with the same emitter, so the clause YAML stays byte for byte what it was).

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Error, Result};

pub use serde_yaml_ng::Value;

/// Serialize plain data. The project's types always serialize.
pub fn to_string<T: Serialize>(value: &T) -> String {
    serde_yaml_ng::to_string(value).expect("plain data serializes to YAML")
}

/// Deserialize, with the error located in `file` (line of the problem) and prefixed with
/// what the file should have been (`what`: "clause YAML", "YAML or JSON").
pub fn from_str<T: DeserializeOwned>(text: &str, file: &Path, what: &str) -> Result<T> {
    serde_yaml_ng::from_str(text).map_err(|e| located(e, file, what))
}

fn located(e: serde_yaml_ng::Error, file: &Path, what: &str) -> Error {
    let line = e.location().map(|l| l.line());
    // The line goes in front (FILE:LINE:); serde's own "at line L column C" would repeat it.
    let text = e.to_string();
    let text = match (line, text.rfind(" at line ")) {
        (Some(_), Some(i)) => text[..i].to_string(),
        _ => text,
    };
    let err = Error::input(file, format!("not {what}: {text}"));
    let err = match line {
        Some(l) => err.at_line(l),
        None => err,
    };
    err.with_source(e)
}
