//! The pages and their scripts and styles, embedded in the binary. A page is the
//! common layout (header, navigation, language switch) around its own `<main>`; its
//! script is a file of its own (the CSP allows no inline script). Pages hold no data:
//! everything the user sees comes from the API and is put in as text.

use std::sync::Arc;

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::Server;

/// (path, id, Kazakh title, Russian title, main).
const PAGES: &[(&str, &str, &str, &str, &str)] = &[
    ("/", "check", "Жобаны тексеру", "Проверка проекта", include_str!("assets/check.html")),
    ("/generate", "generate", "Құжат жасау", "Создание документа", include_str!("assets/generate.html")),
    ("/batch", "batch", "Топтама", "Пакет", include_str!("assets/batch.html")),
    ("/corpus", "corpus", "Актілер", "Акты", include_str!("assets/corpus.html")),
    ("/helpers", "helpers", "Көмекші құралдар", "Помощники", include_str!("assets/helpers.html")),
];

/// (name, content type, body) of the files pages load.
const FILES: &[(&str, &str, &str)] = &[
    ("app.css", "text/css; charset=utf-8", include_str!("assets/app.css")),
    ("app.js", JS, include_str!("assets/app.js")),
    ("check.js", JS, include_str!("assets/check.js")),
    ("generate.js", JS, include_str!("assets/generate.js")),
    ("batch.js", JS, include_str!("assets/batch.js")),
    ("corpus.js", JS, include_str!("assets/corpus.js")),
    ("helpers.js", JS, include_str!("assets/helpers.js")),
    ("missing.js", JS, "// The page for a wrong address has no script of its own.\n"),
    ("labels.json", "application/json", include_str!("assets/labels.json")),
];

const JS: &str = "text/javascript; charset=utf-8";

pub(super) fn routes() -> Router<Arc<Server>> {
    let mut r = Router::new()
        .route("/static/{file}", get(file))
        .route("/preview.css", get(|| async { css(&PREVIEW_CSS) }))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }));
    for &(path, id, ..) in PAGES {
        r = r.route(path, get(move || async move { page(id) }));
    }
    // The check page is also where its name says.
    r.route("/check", get(|| async { page("check") }))
}

/// The documents' own CSS, scoped to the generate page's `.preview` box (the page
/// imports the rendered body there): print rules dropped, `body` is the box.
static PREVIEW_CSS: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| scoped(crate::render::HTML_CSS));

fn scoped(css: &str) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(open) = rest.find('{') {
        let selectors = rest[..open].trim();
        if selectors.starts_with('@') {
            // @page{…} and @media print{…{…}}: skip to the brace that closes it.
            let mut depth = 0;
            let end = rest[open..]
                .char_indices()
                .find(|&(_, c)| {
                    depth += i32::from(c == '{') - i32::from(c == '}');
                    c == '}' && depth == 0
                })
                .map_or(rest.len(), |(i, _)| open + i + 1);
            rest = &rest[end..];
            continue;
        }
        let close = rest[open..].find('}').map_or(rest.len(), |i| open + i + 1);
        let scope: Vec<String> = selectors
            .split(',')
            .map(|sel| match sel.trim().strip_prefix("body") {
                Some(tail) => format!(".preview{tail}"),
                None => format!(".preview {}", sel.trim()),
            })
            .collect();
        out.push_str(&scope.join(","));
        out.push_str(&rest[open..close]);
        rest = &rest[close..];
    }
    out
}

fn css(body: &str) -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], body.to_string()).into_response()
}

/// A page: the layout with its navigation (the current page marked) and its main.
fn page(id: &str) -> Response {
    let Some(&(_, _, kk, ru, main)) = PAGES.iter().find(|p| p.1 == id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], layout(id, kk, ru, main)).into_response()
}

/// The page a browser gets for an address that is no page: 404, in the layout, with the
/// navigation to the real ones. (The API's and scripts' 404s stay JSON.)
pub(super) fn missing() -> Response {
    let main = "<p data-kk=\"Мұндай бет жоқ. Жоғарыдағы беттердің бірін таңдаңыз.\" data-ru=\"Такой страницы нет. Выберите одну из страниц выше.\">Мұндай бет жоқ. Жоғарыдағы беттердің бірін таңдаңыз.</p>";
    let html = layout("missing", "Бет табылмады", "Страница не найдена", main);
    (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}

fn layout(id: &str, kk: &str, ru: &str, main: &str) -> String {
    let nav: String = PAGES
        .iter()
        .map(|&(path, pid, pkk, pru, _)| {
            let current = if pid == id { " aria-current=\"page\"" } else { "" };
            format!("<a href=\"{path}\"{current} data-kk=\"{pkk}\" data-ru=\"{pru}\">{pkk}</a>")
        })
        .collect::<Vec<_>>()
        .join(" ");
    include_str!("assets/layout.html")
        .replace("{title}", kk)
        .replace("{title_ru}", ru)
        .replace("{page}", id)
        .replace("{nav}", &nav)
        .replace("{main}", main)
}

/// `/static/{file}`: only the embedded files; any other name is 404.
async fn file(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|f| f.0 == name) {
        Some(&(_, ct, body)) => ([(header::CONTENT_TYPE, ct)], body).into_response(),
        None => super::fail(StatusCode::NOT_FOUND, "no such file"),
    }
}

/// `GET /login`: the token form (for a server started with --token-file).
pub(super) async fn login() -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], include_str!("assets/login.html")).into_response()
}

pub(super) async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], include_str!("assets/openapi.json")).into_response()
}
