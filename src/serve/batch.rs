//! Batch jobs of the web page: `POST /api/batch/{name}` takes a table (CSV, XLSX, YAML,
//! JSON), answers at once with every row's validation, and renders in the background
//! with the library's batch (good rows are never blocked by bad ones); `GET
//! /api/jobs/{id}` tells the progress, `GET /api/jobs/{id}/zip` gives the documents and
//! `manifest.csv`.
//!
//! Bounded: two jobs render at a time, a job has at most 10,000 rows, and the 16 newest
//! jobs are kept (an older one's folder is deleted). Every file lives in the server's
//! work folder, under the job's id; no name from a request becomes a path.

use std::path::{Path as FsPath, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::{Path, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::api::{upload, Part};
use super::{fail, Refusal, Server};
use crate::batch::{Options, Summary};
use crate::error::{Error, Result};
use crate::generate::Registry;
use crate::records::Loaded;
use crate::render::Format;

const RUNNING_MAX: usize = 2;
const ROWS_MAX: usize = 10_000;
const KEPT_MAX: usize = 16;
/// (ODS is not taken here: its reader builds the whole sheet, however sparse, at once.)
const TABLES: &[&str] = &["csv", "tsv", "txt", "xlsx", "xlsm", "yaml", "yml", "json"];

/// The jobs of a server, newest last, in its private folder.
pub(super) struct Jobs {
    work: tempfile::TempDir,
    list: Mutex<Vec<Arc<Job>>>,
    /// Batches render here, on all cores but one: a check typed meanwhile still has one.
    pool: rayon::ThreadPool,
}

struct Job {
    id: String,
    template: String,
    dir: PathBuf,
    total: AtomicUsize,
    done: AtomicUsize,
    state: Mutex<JobState>,
}

enum JobState {
    Running,
    Done(Summary),
    Failed(String),
}

impl Jobs {
    pub fn new() -> Result<Jobs> {
        let work = tempfile::Builder::new()
            .prefix("qujat-serve-")
            .tempdir()
            .map_err(|e| Error::io(&std::env::temp_dir(), e))?;
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(cores.saturating_sub(1).max(1))
            .build()
            .map_err(|e| Error::usage(format!("cannot start the batch threads: {e}")))?;
        Ok(Jobs { work, list: Mutex::new(Vec::new()), pool })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Arc<Job>>> {
        self.list.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A new job with its own folder (a random name: the job's id), unless
    /// [`RUNNING_MAX`] are running; the oldest finished jobs beyond [`KEPT_MAX`] go.
    fn create(&self, template: &str) -> std::result::Result<Arc<Job>, Refusal> {
        let mut list = self.lock();
        if list.iter().filter(|j| j.running()).count() >= RUNNING_MAX {
            return Err(Refusal::new(
                StatusCode::TOO_MANY_REQUESTS,
                "two batches are running already: start this one when one is done",
            ));
        }
        let dir = tempfile::Builder::new()
            .prefix("")
            .rand_bytes(16)
            .tempdir_in(self.work.path())
            .map(tempfile::TempDir::keep)
            .and_then(|d| std::fs::create_dir(d.join("input")).map(|()| d))
            .map_err(|_| Refusal::new(StatusCode::INSUFFICIENT_STORAGE, "no room for the job on the server's disk"))?;
        let id = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let job = Arc::new(Job {
            id,
            template: template.to_string(),
            dir,
            total: AtomicUsize::new(0),
            done: AtomicUsize::new(0),
            state: Mutex::new(JobState::Running),
        });
        list.push(job.clone());
        while list.len() > KEPT_MAX {
            let Some(i) = list.iter().position(|j| !j.running()) else { break };
            let old = list.remove(i);
            let _ = std::fs::remove_dir_all(&old.dir);
        }
        Ok(job)
    }

    fn get(&self, id: &str) -> Option<Arc<Job>> {
        self.lock().iter().find(|j| j.id == id).cloned()
    }

    fn forget(&self, id: &str) {
        let mut list = self.lock();
        if let Some(i) = list.iter().position(|j| j.id == id) {
            let _ = std::fs::remove_dir_all(&list.remove(i).dir);
        }
    }
}

impl Job {
    fn running(&self) -> bool {
        matches!(*self.state.lock().unwrap_or_else(|e| e.into_inner()), JobState::Running)
    }

    fn finish(&self, state: JobState) {
        *self.state.lock().unwrap_or_else(|e| e.into_inner()) = state;
    }

    fn zip_path(&self) -> PathBuf {
        self.dir.join("documents.zip")
    }

    /// A message without the job's folders: the user knows the file by its own name.
    fn clean(&self, msg: String) -> String {
        let sep = std::path::MAIN_SEPARATOR;
        let input = format!("{}{sep}", self.dir.join("input").display());
        msg.replace(&input, "").replace(&format!("{}{sep}", self.dir.display()), "")
    }
}

/// What the upload asks: the table, the formats, the field that names the files.
struct Request_ {
    file: Part,
    formats: Vec<Format>,
    name_field: Option<String>,
}

fn read_request(parts: Vec<Part>) -> std::result::Result<Request_, Refusal> {
    let field = |n: &str| parts.iter().find(|p| p.name == n).map(Part::text).filter(|t| !t.is_empty());
    let formats: Vec<Format> = match field("format") {
        None => vec![Format::Pdf],
        Some(list) => list
            .split(',')
            .map(|f| {
                Format::parse(f).ok_or_else(|| {
                    Refusal::new(StatusCode::BAD_REQUEST, format!("format '{f}': pdf, html, md or docx"))
                })
            })
            .collect::<std::result::Result<_, _>>()?,
    };
    let name_field = field("name");
    let Some(file) = parts.into_iter().find(|p| p.name == "file") else {
        return Err(Refusal::new(StatusCode::BAD_REQUEST, "the upload has no part named 'file' (the table)"));
    };
    let ext = FsPath::new(&file.file).extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    if !TABLES.contains(&ext.as_str()) {
        return Err(Refusal::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("{}: a batch reads .xlsx, .csv, .yaml or .json", file.file),
        ));
    }
    Ok(Request_ { file, formats, name_field })
}

/// `POST /api/batch/{name}`: multipart `file` (the table), `format` (pdf, html, md,
/// docx; several with commas), `name` (the field naming the files). → 202 with the job
/// and every row's validation; 422 when the table as a whole cannot be used.
pub(super) async fn start(State(s): State<Arc<Server>>, Path(name): Path<String>, req: Request) -> Response {
    let reg = s.registry();
    if reg.get(&name).is_err() {
        return fail(StatusCode::NOT_FOUND, format!("no template '{name}'"));
    }
    let parts = match upload(&s, req).await {
        Ok(p) => p,
        Err(r) => return r.into_response(),
    };
    let r = match read_request(parts) {
        Ok(r) => r,
        Err(r) => return r.into_response(),
    };
    let job = match s.jobs.create(&name) {
        Ok(j) => j,
        Err(r) => return r.into_response(),
    };
    // Should the client go away before the job starts (this future dropped), the job
    // is forgotten rather than left "running" for ever.
    let pending = Pending { server: s.clone(), id: job.id.clone(), armed: true };
    let (j, reg2) = (job.clone(), reg.clone());
    let prepared = s.compute(move || prepare(&j, &reg2, r)).await;
    match prepared {
        Some(Ok((loaded, opts, answer))) => {
            let (j, s2) = (job.clone(), s.clone());
            // A thread of its own: a batch runs for minutes, beyond any request.
            let spawned = std::thread::Builder::new()
                .name(format!("batch-{}", job.id))
                .spawn(move || s2.jobs.pool.install(|| render(&j, &reg, loaded, &opts)));
            pending.disarm();
            match spawned {
                Ok(_) => (StatusCode::ACCEPTED, Json(answer)).into_response(),
                Err(_) => {
                    job.finish(JobState::Failed("no thread for the batch".into()));
                    fail(StatusCode::SERVICE_UNAVAILABLE, "no thread could be started for the batch: try again")
                }
            }
        }
        Some(Err(e)) => {
            let status = if e.kind == crate::error::ErrorKind::Usage {
                StatusCode::BAD_REQUEST
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            fail(status, job.clean(e.to_string()))
        }
        None => fail(StatusCode::INTERNAL_SERVER_ERROR, "the table could not be read"),
    }
}

/// Forgets a job unless disarmed (when its rendering has started).
struct Pending {
    server: Arc<Server>,
    id: String,
    armed: bool,
}

impl Pending {
    fn disarm(mut self) {
        self.armed = false;
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if self.armed {
            self.server.jobs.forget(&self.id);
        }
    }
}

/// Save and read the table, check it as a whole, validate each row: what the answer
/// says before rendering starts.
fn prepare(job: &Job, reg: &Registry, r: Request_) -> Result<(Loaded, Options, Value)> {
    let path = job.dir.join("input").join(&r.file.file);
    crate::io::write_atomic(&path, &r.file.bytes)?;
    let mut loaded = crate::records::load_at_most(&path, ROWS_MAX)?;
    let template = reg.get(&job.template)?;
    let opts = Options {
        template: job.template.clone(),
        formats: r.formats,
        out: job.dir.join("out"),
        name_field: r.name_field,
        defaults: None,
        resume: false,
        combine: None,
        source: r.file.file.clone(),
    };
    let warnings = crate::batch::check_table(template, &mut loaded, &opts)?;
    let rows: Vec<Value> = loaded
        .records
        .iter()
        .map(|rec| {
            let problems = match &rec.data {
                Ok(d) => crate::batch::problems(template, &opts, d),
                Err(e) => vec![crate::generate::schema::Problem::of_record(e)],
            };
            let errors: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
            json!({"row": rec.row, "ok": problems.is_empty(), "errors": errors, "problems": problems})
        })
        .collect();
    let valid = rows.iter().filter(|r| r["ok"] == true).count();
    job.total.store(loaded.records.len(), Ordering::Relaxed);
    let answer = json!({
        "id": job.id,
        "status": format!("/api/jobs/{}", job.id),
        "zip": format!("/api/jobs/{}/zip", job.id),
        "total": loaded.records.len(),
        "valid": valid,
        "warnings": warnings,
        "rows": rows,
    });
    Ok((loaded, opts, answer))
}

/// Render every row (the library's batch), then put the documents and the manifest in
/// one ZIP. A panic fails the job instead of leaving it running for ever.
fn render(job: &Job, reg: &Registry, loaded: Loaded, opts: &Options) {
    let total = loaded.records.len();
    let progress = |done: usize, _: usize| job.done.store(done, Ordering::Relaxed);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::batch::run(reg, loaded.records.into_iter(), total, opts, &progress)
            .and_then(|summary| zip_folder(&opts.out, &job.zip_path()).map(|()| summary))
    }));
    let _ = std::fs::remove_dir_all(&opts.out);
    let _ = std::fs::remove_dir_all(job.dir.join("input"));
    match result {
        Ok(Ok(summary)) => job.finish(JobState::Done(summary)),
        Ok(Err(e)) => job.finish(JobState::Failed(job.clean(e.to_string()))),
        Err(_) => job.finish(JobState::Failed("the batch stopped on an internal error".into())),
    }
}

/// The files of `dir` (the batch writes them flat) in a ZIP file, by name, with fixed
/// times: the same documents give the same ZIP. One document is in memory at a time.
fn zip_folder(dir: &FsPath, target: &FsPath) -> Result<()> {
    use std::io::Write;
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    names.sort();
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let err = |e: zip::result::ZipError| Error::write(target, std::io::Error::other(e));
    let file = std::fs::File::create(target).map_err(|e| Error::write(target, e))?;
    let mut out = zip::ZipWriter::new(std::io::BufWriter::new(file));
    for p in &names {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("file");
        out.start_file(name, opts).map_err(err)?;
        out.write_all(&crate::io::read(p)?).map_err(|e| Error::write(target, e))?;
    }
    out.finish().map_err(err)?.flush().map_err(|e| Error::write(target, e))
}

/// `GET /api/jobs/{id}`: `{"id", "state": running|done|failed, "done", "total", "ok",
/// "failed", "failures": [{"row", "message"}], "zip"}`.
pub(super) async fn status(State(s): State<Arc<Server>>, Path(id): Path<String>) -> Response {
    let Some(job) = s.jobs.get(&id) else {
        return fail(
            StatusCode::NOT_FOUND,
            format!("no job '{id}' (jobs are kept while the server runs, the {KEPT_MAX} newest)"),
        );
    };
    let mut v = json!({
        "id": job.id,
        "template": job.template,
        "done": job.done.load(Ordering::Relaxed),
        "total": job.total.load(Ordering::Relaxed),
    });
    match &*job.state.lock().unwrap_or_else(|e| e.into_inner()) {
        JobState::Running => v["state"] = json!("running"),
        JobState::Failed(msg) => {
            v["state"] = json!("failed");
            v["error"] = json!(msg);
        }
        JobState::Done(sum) => {
            v["state"] = json!("done");
            v["ok"] = json!(sum.ok);
            v["failed"] = json!(sum.failed);
            v["failures"] = sum.failures.iter().map(|(row, m)| json!({"row": row, "message": m})).collect();
            v["zip"] = json!(format!("/api/jobs/{}/zip", job.id));
        }
    }
    Json(v).into_response()
}

/// `GET /api/jobs/{id}/zip`: the documents and `manifest.csv`; 409 while rendering.
pub(super) async fn zip(State(s): State<Arc<Server>>, Path(id): Path<String>) -> Response {
    let Some(job) = s.jobs.get(&id) else {
        return fail(StatusCode::NOT_FOUND, format!("no job '{id}'"));
    };
    if job.running() {
        return fail(StatusCode::CONFLICT, "the job is still rendering: poll its status");
    }
    match tokio::fs::File::open(job.zip_path()).await {
        Ok(file) => (
            [
                (header::CONTENT_TYPE, "application/zip".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{}-{}.zip\"", job.template, job.id)),
            ],
            axum::body::Body::from_stream(chunks(file)),
        )
            .into_response(),
        Err(_) => fail(StatusCode::NOT_FOUND, "the job failed: it has no documents"),
    }
}

/// A file as a stream of 64 KB chunks (a ZIP of thousands of documents is not read into
/// memory to be sent).
fn chunks(file: tokio::fs::File) -> impl futures_util::Stream<Item = std::io::Result<Vec<u8>>> {
    use tokio::io::AsyncReadExt;
    futures_util::stream::unfold(file, |mut f| async move {
        let mut buf = vec![0u8; 64 * 1024];
        match f.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok(buf), f))
            }
            Err(e) => Some((Err(e), f)),
        }
    })
}
