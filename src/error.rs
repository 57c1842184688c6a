//! One error type for everything the user sees: a file, maybe a line, and a plain sentence.

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong, from the user's point of view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input itself is unusable (empty, binary, undecodable, no structure). Exit code 1.
    Input,
    /// Reading or writing failed (missing file, permission). Exit code 1.
    Io,
    /// The command line was wrong. Exit code 2.
    Usage,
}

#[derive(Debug, Clone)]
pub struct Error {
    pub kind: ErrorKind,
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
    pub message: String,
}

impl Error {
    pub fn input(file: &Path, message: impl Into<String>) -> Self {
        Error { kind: ErrorKind::Input, file: Some(file.to_path_buf()), line: None, message: message.into() }
    }
    pub fn io(file: &Path, err: &std::io::Error) -> Self {
        let message = match err.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => err.to_string(),
        };
        Error { kind: ErrorKind::Io, file: Some(file.to_path_buf()), line: None, message }
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Error { kind: ErrorKind::Usage, file: None, line: None, message: message.into() }
    }
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }
    /// Process exit code: 1 for input and I/O problems, 2 for usage.
    pub fn exit_code(&self) -> i32 {
        match self.kind {
            ErrorKind::Usage => 2,
            ErrorKind::Input | ErrorKind::Io => 1,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => write!(f, "{}:{}: {}", file.display(), line, self.message),
            (Some(file), None) => write!(f, "{}: {}", file.display(), self.message),
            (None, _) => write!(f, "{}", self.message),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
