//! `qujat serve`: the JSON API and the pages of the drafting desk, over the library's
//! entry points (check, templates, render, corpus, cite). Everything is embedded; nothing
//! is fetched from elsewhere.
//!
//! Safe by default: it binds to localhost; another address needs a token, which every
//! request then carries (`Authorization: Bearer …` or the `qujat_token` cookie). Bodies
//! are capped at 20 MB; every response carries a strict Content-Security-Policy; errors
//! are JSON with a message.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::error::{Error, Result};
use crate::generate::Registry;

/// Request bodies larger than this get 413.
pub const BODY_LIMIT: usize = 20 * 1024 * 1024;

/// What the server shares between requests: loaded once.
pub struct Server {
    pub registry: Registry,
    /// The bearer token every request must carry, when there is one.
    pub token: Option<String>,
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

/// The application: API routes, pages, and the layers of safety around them.
pub fn app(server: Arc<Server>) -> Router {
    Router::new()
        .route("/", get(page_check))
        .route("/app.js", get(script))
        .route("/app.css", get(style))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route("/api/openapi.json", get(openapi))
        .route("/api/check", post(check))
        .route("/api/templates", get(templates))
        .route("/api/render/{name}", post(render))
        .route("/api/acts", get(acts))
        .route("/api/acts/{id}", get(act))
        .route("/api/cite", post(cite))
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

/// A request body as JSON of the shape `expected` names, or the message of its 400.
fn body_json<T: serde::de::DeserializeOwned>(body: &[u8], expected: &str) -> std::result::Result<T, String> {
    serde_json::from_slice(body).map_err(|e| format!("expected JSON {expected}: {e}"))
}

/// A JSON error: `{"error": message}` with its status.
fn fail(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({"error": message.into()}))).into_response()
}

/// The token, then the body limit's 413 as JSON, then the security headers.
async fn guard(State(s): State<Arc<Server>>, req: Request, next: Next) -> Response {
    if let Some(token) = &s.token {
        let bearer = req.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
        let cookie = req.headers().get(header::COOKIE).and_then(|v| v.to_str().ok()).unwrap_or("");
        let ok = bearer == Some(&format!("Bearer {token}"))
            || cookie.split(';').any(|c| c.trim() == format!("qujat_token={token}"));
        if !ok {
            return secured(fail(StatusCode::UNAUTHORIZED, "a token is needed: Authorization: Bearer TOKEN"));
        }
    }
    let mut resp = next.run(req).await;
    if resp.status() == StatusCode::PAYLOAD_TOO_LARGE && !is_json(&resp) {
        resp = fail(StatusCode::PAYLOAD_TOO_LARGE, format!("the request is larger than {} MB", BODY_LIMIT >> 20));
    }
    secured(resp)
}

fn is_json(r: &Response) -> bool {
    r.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"))
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

async fn not_found() -> Response {
    fail(StatusCode::NOT_FOUND, "no such page or API")
}

async fn page_check() -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], include_str!("page.html")).into_response()
}

async fn script() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], include_str!("app.js")).into_response()
}

async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], include_str!("app.css")).into_response()
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], include_str!("openapi.json")).into_response()
}

#[derive(serde::Deserialize)]
struct CheckBody {
    text: String,
    #[serde(default)]
    name: Option<String>,
}

/// `POST /api/check`: `{"text", "name"}` → the JSON of `qujat check --format json`.
async fn check(State(s): State<Arc<Server>>, body: axum::body::Bytes) -> Response {
    let req: CheckBody = match body_json(&body, "{\"text\", \"name\"}") {
        Ok(r) => r,
        Err(msg) => return fail(StatusCode::BAD_REQUEST, msg),
    };
    let name = req.name.unwrap_or_else(|| "draft".into());
    let markdown = name.ends_with(".md") || crate::text::looks_like_markdown(&req.text);
    let out = tokio::task::spawn_blocking(move || {
        let checked = crate::cite::check(&req.text, &name, markdown, s.registry.corpus());
        crate::cite::report::json(&checked)
    })
    .await;
    match out {
        Ok(json) => ([(header::CONTENT_TYPE, "application/json")], json).into_response(),
        Err(_) => fail(StatusCode::INTERNAL_SERVER_ERROR, "the check failed"),
    }
}

/// `GET /api/templates`: the JSON of `qujat templates --format json`.
async fn templates(State(s): State<Arc<Server>>) -> Response {
    Json(crate::generate::listing::json(&s.registry)).into_response()
}

#[derive(serde::Deserialize)]
struct FormatQuery {
    format: Option<String>,
}

/// `POST /api/render/{name}?format=pdf|html|md|docx`: the record as JSON → the document,
/// or 422 with `{"errors": [{"field", "message"}]}`.
async fn render(
    State(s): State<Arc<Server>>,
    Path(name): Path<String>,
    Query(q): Query<FormatQuery>,
    body: axum::body::Bytes,
) -> Response {
    let format = match q.format.as_deref().map(crate::render::Format::parse) {
        None => crate::render::Format::Html,
        Some(Some(f)) => f,
        Some(None) => return fail(StatusCode::BAD_REQUEST, "format= is pdf, html, md or docx"),
    };
    let Ok(template) = s.registry.get(&name).cloned() else {
        return fail(StatusCode::NOT_FOUND, format!("no template '{name}'"));
    };
    let data: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return fail(StatusCode::BAD_REQUEST, format!("the record must be JSON: {e}")),
    };
    let problems = template.schema.validate(&data);
    if !problems.is_empty() {
        let errors: Vec<Value> = problems.iter().map(|p| json!({"field": field_of(p), "message": p})).collect();
        return (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({"errors": errors}))).into_response();
    }
    let out = tokio::task::spawn_blocking(move || -> Result<Vec<u8>> {
        let md = s.registry.render(&name, &data, "record")?;
        crate::render::render(&md, &template.title_for(&data), format)
    })
    .await;
    match out {
        Ok(Ok(bytes)) => ([(header::CONTENT_TYPE, content_type(format))], Body::from(bytes)).into_response(),
        Ok(Err(e)) => {
            (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({"errors": [{"field": "", "message": e.message}]})))
                .into_response()
        }
        Err(_) => fail(StatusCode::INTERNAL_SERVER_ERROR, "the render failed"),
    }
}

/// The field a schema message names: "field 'recommendations[2].deadline' …".
fn field_of(problem: &str) -> String {
    problem.split('\'').nth(1).unwrap_or("").to_string()
}

fn content_type(f: crate::render::Format) -> &'static str {
    match f {
        crate::render::Format::Md => "text/markdown; charset=utf-8",
        crate::render::Format::Html => "text/html; charset=utf-8",
        crate::render::Format::Pdf => "application/pdf",
        crate::render::Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
}

#[derive(serde::Deserialize)]
struct ActsQuery {
    q: Option<String>,
}

/// `GET /api/acts?q=…`: acts whose id, title, number, date or type holds every word of q.
async fn acts(State(s): State<Arc<Server>>, Query(q): Query<ActsQuery>) -> Response {
    let c = s.registry.corpus();
    let words: Vec<String> = q.q.unwrap_or_default().split_whitespace().map(str::to_lowercase).collect();
    let list: Vec<Value> = c
        .listing()
        .into_iter()
        .filter(|l| {
            let o = |x: &Option<String>| x.clone().unwrap_or_default();
            let hay =
                format!("{} {} {} {} {}", l.id, o(&l.title), o(&l.number), o(&l.date), o(&l.act_type)).to_lowercase();
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .take(200)
        .map(|l| json!({"id": l.id, "title": l.title, "type": l.act_type, "date": l.date, "number": l.number}))
        .collect();
    Json(json!({"acts": list})).into_response()
}

/// `GET /api/acts/{id}`: the act as JSON (its clause YAML's JSON form).
async fn act(State(s): State<Arc<Server>>, Path(id): Path<String>) -> Response {
    match s.registry.corpus().by_id(&id) {
        Some(a) => Json(a).into_response(),
        None => fail(StatusCode::NOT_FOUND, format!("no act '{id}' in the corpus")),
    }
}

#[derive(serde::Deserialize)]
struct CiteBody {
    act: String,
    unit: String,
    #[serde(default)]
    case: Option<String>,
}

/// `POST /api/cite`: `{"act", "unit", "case"}` → `{"phrase"}`.
async fn cite(State(s): State<Arc<Server>>, body: axum::body::Bytes) -> Response {
    let req: CiteBody = match body_json(&body, "{\"act\", \"unit\", \"case\"}") {
        Ok(r) => r,
        Err(msg) => return fail(StatusCode::BAD_REQUEST, msg),
    };
    let case = match req.case.as_deref() {
        None => crate::lang::Case::Nom,
        Some(c) => match crate::lang::Case::parse(c) {
            Some(c) => c,
            None => return fail(StatusCode::BAD_REQUEST, format!("case '{c}' (nom, gen, dat, acc, loc, abl, ins)")),
        },
    };
    match crate::generate::cite_phrase(s.registry.corpus(), &req.act, &req.unit, case) {
        Ok(phrase) => Json(json!({"phrase": phrase})).into_response(),
        Err(e) => fail(StatusCode::NOT_FOUND, e),
    }
}
