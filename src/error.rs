//! One error type for everything the user sees: where (a file, maybe a line) and what went
//! wrong in a plain sentence, with the underlying cause kept as its source.
//!
//! The library only says what kind of problem it is; the front ends (the CLI's exit codes,
//! the web server's status codes) decide what that means for them.

use std::path::{Path, PathBuf};

/// What went wrong, from the user's point of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Something the user gave is unusable: a file that is missing, unreadable, empty,
    /// binary, undecodable, malformed or without structure.
    Input,
    /// Writing a result failed (a folder that cannot be made, a full disk).
    Output,
    /// The request itself is wrong: an unknown template or format, conflicting options.
    Usage,
}

#[derive(Debug, thiserror::Error)]
#[error("{}{message}", location(.file.as_deref(), *.line))]
pub struct Error {
    pub kind: ErrorKind,
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
    /// A plain sentence, without the file and line.
    pub message: String,
    #[source]
    pub source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

fn location(file: Option<&Path>, line: Option<usize>) -> String {
    match (file, line) {
        (Some(f), Some(l)) => format!("{}:{l}: ", f.display()),
        (Some(f), None) => format!("{}: ", f.display()),
        (None, _) => String::new(),
    }
}

impl Error {
    fn new(kind: ErrorKind, file: Option<&Path>, message: String) -> Self {
        Error { kind, file: file.map(Path::to_path_buf), line: None, message, source: None }
    }

    /// The content of `file` is unusable.
    pub fn input(file: &Path, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Input, Some(file), message.into())
    }

    /// Reading `file` failed; the OS error is said in words.
    pub fn io(file: &Path, err: std::io::Error) -> Self {
        Self::new(ErrorKind::Input, Some(file), os_words(&err)).with_source(err)
    }

    /// Writing `file` failed.
    pub fn write(file: &Path, err: std::io::Error) -> Self {
        let message = format!("cannot write: {}", os_words(&err));
        Self::new(ErrorKind::Output, Some(file), message).with_source(err)
    }

    /// A result cannot be written to `file`, for a reason said in `message`.
    pub fn new_output(file: &Path, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Output, Some(file), message.into())
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, None, message.into())
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }
}

/// An OS error in words, without "(os error 21)".
pub fn os_words(err: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match err.kind() {
        K::NotFound => "no such file".into(),
        K::PermissionDenied => "permission denied".into(),
        K::IsADirectory => "is a folder, not a file".into(),
        K::NotADirectory => "a part of the path is a file, not a folder".into(),
        K::AlreadyExists => "already exists".into(),
        K::StorageFull => "the disk is full".into(),
        K::ReadOnlyFilesystem => "the file system is read-only".into(),
        K::InvalidData => "not valid UTF-8 text".into(),
        kind => kind.to_string(),
    }
}

pub type Result<T> = std::result::Result<T, Error>;
