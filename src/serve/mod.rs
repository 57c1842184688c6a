//! `qujat serve`: the JSON API and the pages of the drafting desk, over the library's
//! entry points (check, templates, render, batch, corpus, cite, lang). Everything is
//! embedded; nothing is fetched from elsewhere.
//!
//! Safe by default: it binds to localhost; another address needs a token, which every
//! request then carries (`Authorization: Bearer …` or the `qujat_token` cookie). Bodies
//! are capped at 20 MB and uploaded ZIPs (DOCX, XLSX) at 100 MB expanded; batch jobs are
//! bounded; every response carries a strict Content-Security-Policy; errors are JSON
//! with a message. The only folder the server writes is its own work folder (batch jobs).

mod api;
mod batch;
mod pages;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;

use crate::error::{Error, Result};
use crate::generate::Registry;
use crate::model::Act;

/// Request bodies larger than this get 413.
pub const BODY_LIMIT: usize = 20 * 1024 * 1024;

/// Uploads whose ZIPs (DOCX, XLSX, ODS) or PDF streams expand beyond this, together,
/// get 413.
pub const EXPANSION_LIMIT: u64 = 100 * 1024 * 1024;

/// Acts added from the corpus page while a server runs.
const ADDED_MAX: usize = 200;

/// What the server shares between requests: loaded once, replaced only when an act is
/// added from the corpus page.
pub struct Server {
    loaded: RwLock<Arc<Loaded>>,
    templates: Vec<PathBuf>,
    corpus_dirs: Vec<PathBuf>,
    /// Acts added from the corpus page, kept while the server runs.
    added: Mutex<Vec<Act>>,
    /// The bearer token every request must carry, when there is one.
    token: Option<String>,
    jobs: batch::Jobs,
    /// Checks and renders run at most one per core, in the order they came: fifty
    /// requests at once then wait their turn instead of all slowing each other down.
    cpu: tokio::sync::Semaphore,
}

impl Server {
    /// The bundled templates and corpus with `templates` and `corpus_dirs` added. Batch
    /// jobs are written in a private temporary folder of this server's (mode 0700, a
    /// random name, removed when the server stops).
    pub fn new(templates: &[PathBuf], corpus_dirs: &[PathBuf], token: Option<String>) -> Result<Server> {
        let registry = crate::jobs::registry(templates, corpus_dirs)?;
        Ok(Server {
            loaded: RwLock::new(Arc::new(Loaded::new(registry))),
            templates: templates.to_vec(),
            corpus_dirs: corpus_dirs.to_vec(),
            added: Mutex::new(Vec::new()),
            token,
            jobs: batch::Jobs::new()?,
            cpu: tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get())),
        })
    }

    /// Run CPU work on the blocking pool when a core is free (requests are served in
    /// the order they came). `None` if it panicked.
    async fn compute<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
        let _turn = self.cpu.acquire().await.ok()?;
        tokio::task::spawn_blocking(work).await.ok()
    }

    /// The registry (templates and corpus) as it is now.
    pub fn registry(&self) -> Arc<Registry> {
        self.loaded().registry.clone()
    }

    /// The registry with its act index, as they are now.
    fn loaded(&self) -> Arc<Loaded> {
        self.loaded.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Add an act to the corpus: the registry is rebuilt with it (an act with an id
    /// already there is a newer version of it). At most [`ADDED_MAX`] acts are added
    /// while a server runs; the list changes only when the rebuild succeeds.
    fn add_act(&self, act: Act) -> std::result::Result<(), String> {
        let mut added = self.added.lock().unwrap_or_else(|e| e.into_inner());
        if added.len() >= ADDED_MAX {
            return Err(format!(
                "{ADDED_MAX} acts were added already: import the rest with `qujat corpus import` and --corpus"
            ));
        }
        let mut with = added.clone();
        with.push(act);
        let registry = crate::jobs::registry_with(&self.templates, &self.corpus_dirs, &with)
            .map_err(|e| format!("the corpus could not be rebuilt: {}", e.message))?;
        *self.loaded.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(Loaded::new(registry));
        *added = with;
        Ok(())
    }
}

/// A registry and the search index of its corpus, built together so that a search does
/// not list a 100,000-act corpus again for every request.
struct Loaded {
    registry: Arc<Registry>,
    acts: api::ActIndex,
}

impl Loaded {
    fn new(registry: Registry) -> Loaded {
        let acts = api::ActIndex::new(registry.corpus());
        Loaded { registry: Arc::new(registry), acts }
    }
}

/// The address is loopback, or a token protects it: the rule of `--bind`.
pub fn check_bind(addr: &SocketAddr, token: Option<&str>) -> Result<()> {
    if addr.ip().is_loopback() || token.is_some() {
        return Ok(());
    }
    Err(Error::usage(format!(
        "--bind {addr}: listening beyond this machine needs --token-file FILE (every request must then carry the token)"
    )))
}

/// The application: pages, API routes, and the layers of safety around them.
pub fn app(server: Arc<Server>) -> Router {
    pages::routes()
        .route("/login", get(pages::login).post(login))
        .route("/api/openapi.json", get(pages::openapi))
        .route("/api/check", post(api::check))
        .route("/api/text", post(api::text))
        .route("/api/templates", get(api::templates))
        .route("/api/templates/{name}/example", get(api::example))
        .route("/api/render/{name}", post(api::render))
        .route("/api/acts", get(api::acts).post(api::add_act))
        .route("/api/acts/{id}", get(api::act))
        .route("/api/acts/{id}/text", get(api::unit_text))
        .route("/api/acts/{id}/units", get(api::units))
        .route("/api/cite", post(api::cite))
        .route("/api/inflect", get(api::inflect))
        .route("/api/date", get(api::date))
        .route("/api/batch/{name}", post(batch::start))
        .route("/api/jobs/{id}", get(batch::status))
        .route("/api/jobs/{id}/zip", get(batch::zip))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(server.clone(), guard))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(server)
}

/// Serve until Ctrl-C.
pub async fn run(addr: SocketAddr, server: Arc<Server>) -> Result<()> {
    check_bind(&addr, server.token.as_deref())?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| Error::usage(format!("--bind {addr}: cannot listen there: {e}")))?;
    let local = listener.local_addr().map_err(|e| Error::usage(format!("--bind {addr}: {e}")))?;
    eprintln!("qujat serve: http://{local}/  (Ctrl-C stops it)");
    axum::serve(listener, app(server))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
            eprintln!("qujat serve: stopping");
        })
        .await
        .map_err(|e| Error::usage(format!("the server stopped: {e}")))
}

/// A JSON error: `{"error": message}` with its status.
fn fail(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({"error": message.into()}))).into_response()
}

/// A request refused: its status and message, answered as [`fail`] does (a small error
/// type for the helpers that read requests).
struct Refusal {
    status: StatusCode,
    message: String,
}

impl Refusal {
    fn new(status: StatusCode, message: impl Into<String>) -> Refusal {
        Refusal { status, message: message.into() }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        fail(self.status, self.message)
    }
}

/// Who may ask: without a token, only this machine by name (a page elsewhere cannot
/// rebind a name of its own to 127.0.0.1); a browser's cross-site request never; with a
/// token, whoever carries it. Then errors as JSON and the security headers.
async fn guard(State(s): State<Arc<Server>>, req: Request, next: Next) -> Response {
    if let Some(refused) = refusal(&s, &req) {
        return secured(refused);
    }
    let resp = next.run(req).await;
    secured(json_error(resp).await)
}

/// The guard's rules, in order: the Host, the Origin, the token. `None`: admitted.
fn refusal(s: &Server, req: &Request) -> Option<Response> {
    let headers = req.headers();
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    let Some(token) = &s.token else {
        if !host.is_empty() && !is_loopback_name(host) {
            let msg = format!(
                "this server answers to localhost only, not '{host}' (serve the network with --bind and --token-file)"
            );
            return Some(fail(StatusCode::FORBIDDEN, msg));
        }
        // (With a token, a cross-site request carries none: the cookie is SameSite=Strict
        // and a bearer header needs CORS, which this server never grants. Behind a proxy
        // the Host may differ from the Origin, so this check is the tokenless mode's.)
        if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
            if origin.split_once("://").map(|(_, h)| h) != Some(host) {
                return Some(fail(StatusCode::FORBIDDEN, format!("a request from another site ({origin}) is refused")));
            }
        }
        return None;
    };
    let path = req.uri().path();
    if matches!(path, "/login" | "/static/app.css" | "/favicon.ico") || carries(headers, token) {
        return None;
    }
    // A person opening a page is sent to the form; a program gets the 401.
    if !path.starts_with("/api/") && req.method() == axum::http::Method::GET {
        return Some((StatusCode::SEE_OTHER, [(header::LOCATION, "/login")]).into_response());
    }
    Some(fail(StatusCode::UNAUTHORIZED, "a token is needed: Authorization: Bearer TOKEN, or sign in at /login"))
}

/// localhost, 127.0.0.1 (any 127.x), [::1], with or without a port (and nothing else).
fn is_loopback_name(host: &str) -> bool {
    let port_ok = |p: &str| p.is_empty() || p.bytes().all(|b| b.is_ascii_digit());
    let name = match host.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((ip, "")) => ip,
            Some((ip, rest)) if rest.strip_prefix(':').is_some_and(|p| !p.is_empty() && port_ok(p)) => ip,
            _ => return false,
        },
        None => match host.split_once(':') {
            Some((h, p)) if !p.is_empty() && port_ok(p) => h,
            Some(_) => return false,
            None => host,
        },
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The request carries the token: the bearer header or the cookie.
fn carries(headers: &axum::http::HeaderMap, token: &str) -> bool {
    let bearer =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let from_cookie = cookie.split(';').find_map(|c| c.trim().strip_prefix("qujat_token="));
    [bearer, from_cookie].into_iter().flatten().any(|t| same(t, token))
}

/// Equal, in a time that does not tell how much of a guess was right.
fn same(a: &str, b: &str) -> bool {
    use sha2::{Digest, Sha256};
    Sha256::digest(a.as_bytes()) == Sha256::digest(b.as_bytes())
}

#[derive(serde::Deserialize)]
struct LoginForm {
    token: String,
}

/// `POST /login` (the form of `GET /login`): the right token sets the session cookie
/// (HttpOnly, SameSite=Strict) and goes to the check page.
async fn login(
    State(s): State<Arc<Server>>,
    headers: axum::http::HeaderMap,
    axum::Form(form): axum::Form<LoginForm>,
) -> Response {
    // Behind an HTTPS proxy the cookie is never sent over plain HTTP.
    let https = headers.get("x-forwarded-proto").is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"));
    let secure = if https { "; Secure" } else { "" };
    match &s.token {
        Some(t) if same(form.token.trim(), t) => (
            StatusCode::SEE_OTHER,
            [
                (header::LOCATION, "/".to_string()),
                (header::SET_COOKIE, format!("qujat_token={t}; HttpOnly; SameSite=Strict; Path=/{secure}")),
            ],
        )
            .into_response(),
        Some(_) => fail(StatusCode::UNAUTHORIZED, "wrong token"),
        None => (StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response(),
    }
}

/// An error that axum answered itself (413 of the body limit, 405, a query or path it
/// could not read) as JSON with its message, like every other error. (axum's are plain
/// text; the server's own are JSON, or the HTML page for a wrong address.)
async fn json_error(resp: Response) -> Response {
    let status = resp.status();
    if !(status.is_client_error() || status.is_server_error())
        || typed(&resp, "application/json")
        || typed(&resp, "text/html")
    {
        return resp;
    }
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return fail(status, format!("the request is larger than {} MB", BODY_LIMIT >> 20));
    }
    let body = axum::body::to_bytes(resp.into_body(), 64 * 1024).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&body).trim().to_string();
    let message = if text.is_empty() { status.canonical_reason().unwrap_or("error").to_lowercase() } else { text };
    fail(status, message)
}

/// The response's content type is this one.
fn typed(r: &Response, content_type: &str) -> bool {
    r.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(content_type.as_bytes()))
}

fn secured(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
    );
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    r
}

/// 404: a page for a browser that asked for one, JSON for the API and everything else.
async fn not_found(req: Request) -> Response {
    let wants_page =
        req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("text/html"));
    if wants_page && !req.uri().path().starts_with("/api/") {
        return pages::missing();
    }
    fail(StatusCode::NOT_FOUND, "no such page or API")
}
