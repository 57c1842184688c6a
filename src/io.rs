//! Reading the user's files and writing results: the only module that touches the file
//! system for the stages, so that every OS error is said the same way.
//!
//! `-` as a path means standard input; it is reported as `<stdin>`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// How standard input is named in messages and in `source.file`.
pub const STDIN_NAME: &str = "<stdin>";

/// A file the user gave, read whole.
pub struct Input {
    /// The path as given, or `<stdin>`: what messages name.
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl Input {
    /// The name to show and to write into `source.file`.
    pub fn name(&self) -> String {
        self.path.display().to_string()
    }
}

/// Is this the `-` that stands for standard input?
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Read a file, or standard input for `-`.
pub fn read_input(path: &Path) -> Result<Input> {
    if is_stdin(path) {
        let stdin = Path::new(STDIN_NAME);
        let mut bytes = Vec::new();
        std::io::stdin().lock().read_to_end(&mut bytes).map_err(|e| Error::io(stdin, e))?;
        return Ok(Input { path: stdin.to_path_buf(), bytes });
    }
    Ok(Input { path: path.to_path_buf(), bytes: read(path)? })
}

/// Read a whole file.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// Read a whole file as UTF-8 text.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = read(path)?;
    String::from_utf8(bytes).map_err(|e| Error::input(path, "not UTF-8 text").with_source(e))
}

/// The entries of a folder, sorted, so that output order is stable.
fn entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let rd = std::fs::read_dir(dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotADirectory => Error::input(dir, "is a file, not a folder").with_source(e),
        std::io::ErrorKind::NotFound => Error::input(dir, "no such folder").with_source(e),
        _ => Error::io(dir, e),
    })?;
    let mut v: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    v.sort();
    Ok(v)
}

/// The files of a folder with one of `exts`, sorted.
pub fn files_in(dir: &Path, exts: &[&str]) -> Result<Vec<PathBuf>> {
    let has_ext = |p: &PathBuf| p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e));
    Ok(entries(dir)?.into_iter().filter(has_ext).collect())
}

/// The subfolders of a folder, sorted.
pub fn dirs_in(dir: &Path) -> Result<Vec<PathBuf>> {
    Ok(entries(dir)?.into_iter().filter(|p| p.is_dir()).collect())
}

/// Make a folder and its parents.
pub fn create_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists | std::io::ErrorKind::NotADirectory => {
            Error::new_output(dir, "cannot write: is a file, not a folder").with_source(e)
        }
        _ => Error::write(dir, e),
    })
}

/// Write through a temporary file and a rename, making the folder first: a crash never
/// leaves half a file.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_dir(dir)?;
    }
    let mut tmp = target.as_os_str().to_owned();
    tmp.push(format!(".{}.tmp", std::process::id()));
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).map_err(|e| Error::write(target, e))?;
    std::fs::rename(&tmp, target).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::write(target, e)
    })
}

/// A file written as a stream (a batch's manifest) and put in place only when complete:
/// until [`AtomicFile::commit`], the target keeps its old content.
pub struct AtomicFile {
    target: PathBuf,
    tmp: PathBuf,
    file: std::io::BufWriter<std::fs::File>,
}

impl AtomicFile {
    pub fn create(target: &Path) -> Result<AtomicFile> {
        let mut tmp = target.as_os_str().to_owned();
        tmp.push(format!(".{}.tmp", std::process::id()));
        let tmp = PathBuf::from(tmp);
        let file = std::fs::File::create(&tmp).map_err(|e| Error::write(target, e))?;
        Ok(AtomicFile { target: target.to_path_buf(), tmp, file: std::io::BufWriter::new(file) })
    }

    /// Flush, sync and rename into place.
    pub fn commit(mut self) -> Result<()> {
        self.file.flush().map_err(|e| Error::write(&self.target, e))?;
        self.file.get_ref().sync_all().map_err(|e| Error::write(&self.target, e))?;
        std::fs::rename(&self.tmp, &self.target).map_err(|e| Error::write(&self.target, e))
    }
}

impl Drop for AtomicFile {
    /// An unfinished file (a batch stopped by an error) leaves no temporary behind. After
    /// a commit the temporary is gone and this does nothing.
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.tmp);
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// Write to standard output. A reader that stops early (`qujat parse x | head`) closes
/// the pipe: that is not an error.
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::write(Path::new("<stdout>"), e)),
        _ => Ok(()),
    }
}

/// Is this error a closed pipe on standard output (for writers that stream line by line)?
pub fn is_broken_pipe(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
}

/// Why a ZIP was not [`zip_within`] its cap.
#[derive(Debug, PartialEq, Eq)]
pub enum ZipProblem {
    /// It expands beyond the cap, or holds too many entries.
    TooLarge(String),
    /// It cannot be read as a ZIP (its reader will say more).
    Damaged(String),
}

/// Whether a ZIP (an uploaded DOCX or XLSX) expands to at most `cap` bytes and 10,000
/// entries, measured by inflating it (the sizes a ZIP declares may lie). Reading stops
/// at the cap, so a zip bomb costs `cap` bytes of work and no memory.
/// Returns the bytes it expands to.
pub fn zip_within(bytes: &[u8], cap: u64) -> std::result::Result<u64, ZipProblem> {
    let damaged = |e: &dyn std::fmt::Display| ZipProblem::Damaged(format!("a damaged ZIP: {e}"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    if zip.len() > 10_000 {
        return Err(ZipProblem::TooLarge(format!("the ZIP holds {} entries (at most 10,000)", zip.len())));
    }
    let mut left = cap;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| damaged(&e))?;
        let n = std::io::copy(&mut entry.take(left + 1), &mut std::io::sink()).map_err(|e| damaged(&e))?;
        if n > left {
            return Err(ZipProblem::TooLarge(format!("it expands to more than {} MB", cap >> 20)));
        }
        left -= n;
    }
    Ok(cap - left)
}
