//! `qujat serve`'s API (issue 16, first part), through the router itself: each endpoint
//! with good and bad input, the token, the body limit, a path that tries to leave the
//! server, markup in data, and the security headers.

use std::sync::{Arc, LazyLock};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use qujat::corpus::Corpus;
use qujat::generate::Registry;
use qujat::serve::{app, Server};
use tower::ServiceExt;

static OPEN: LazyLock<Arc<Server>> =
    LazyLock::new(|| Arc::new(Server { registry: Registry::bundled(Arc::new(Corpus::bundled())), token: None }));

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// (status, content type, body) of one request.
fn call(server: &Arc<Server>, req: Request<Body>) -> (StatusCode, String, Vec<u8>) {
    rt().block_on(async {
        let resp = app(server.clone()).oneshot(req).await.unwrap();
        let status = resp.status();
        let ct = resp.headers().get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        assert!(resp
            .headers()
            .get(header::CONTENT_SECURITY_POLICY)
            .is_some_and(|v| v.to_str().unwrap().contains("script-src 'self'")));
        assert_eq!(resp.headers().get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
        let body = axum::body::to_bytes(resp.into_body(), usize::MAX).await.unwrap().to_vec();
        (status, ct, body)
    })
}

fn post(uri: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(uri).header(header::CONTENT_TYPE, "application/json").body(body.into()).unwrap()
}

fn json(b: &[u8]) -> serde_json::Value {
    serde_json::from_slice(b).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(b)))
}

#[test]
fn check_returns_the_cli_json() {
    let draft = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/drafts/broken.md")).unwrap();
    let (st, ct, body) =
        call(&OPEN, post("/api/check", serde_json::json!({"text": draft, "name": "broken.md"}).to_string()));
    assert_eq!((st, ct.as_str()), (StatusCode::OK, "application/json"));
    let corpus = Corpus::bundled();
    let want = qujat::cite::report::json(&qujat::cite::check(&draft, "broken.md", true, &corpus));
    assert_eq!(String::from_utf8(body).unwrap(), want);
    let (st, _, body) = call(&OPEN, post("/api/check", "not json"));
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert!(json(&body)["error"].as_str().unwrap().contains("expected JSON"));
}

#[test]
fn templates_render_and_field_errors() {
    let (st, _, body) = call(&OPEN, Request::get("/api/templates").body(Body::empty()).unwrap());
    assert_eq!(st, StatusCode::OK);
    assert_eq!(json(&body)["templates"].as_array().unwrap().len(), 4);
    let mut letter = qujat::records::read_one(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/templates/official-letter/example.yaml"
    )))
    .unwrap();
    letter["body"] = "<script>alert(1)</script> *x*".into();
    for (format, ct, magic) in [
        ("pdf", "application/pdf", &b"%PDF-"[..]),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
        ("md", "text/markdown; charset=utf-8", b"|"),
    ] {
        let (st, got, body) =
            call(&OPEN, post(&format!("/api/render/official-letter?format={format}"), letter.to_string()));
        assert_eq!((st, got.as_str()), (StatusCode::OK, ct), "{format}");
        assert!(body.starts_with(magic), "{format}");
    }
    let (_, _, html) = call(&OPEN, post("/api/render/official-letter?format=html", letter.to_string()));
    let html = String::from_utf8(html).unwrap();
    assert!(
        !html.contains("<script>alert") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "markup in data stays text"
    );
    letter["date"] = "2026-02-30".into();
    let (st, _, body) = call(&OPEN, post("/api/render/official-letter?format=pdf", letter.to_string()));
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = json(&body)["errors"].clone();
    assert_eq!(errors[0]["field"], "date");
    assert!(errors[0]["message"].as_str().unwrap().contains("not '2026-02-30'"));
    let (st, _, _) = call(&OPEN, post("/api/render/no-such?format=pdf", "{}"));
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, _, _) = call(&OPEN, post("/api/render/official-letter?format=odt", "{}"));
    assert_eq!(st, StatusCode::BAD_REQUEST);
}

#[test]
fn acts_and_cite() {
    let (st, _, body) = call(&OPEN, Request::get("/api/acts?q=2001%20148").body(Body::empty()).unwrap());
    assert_eq!(st, StatusCode::OK);
    let acts = json(&body)["acts"].clone();
    assert_eq!(acts.as_array().unwrap().len(), 1);
    assert_eq!(acts[0]["id"], "law-2001-01-23-148");
    let (st, _, body) = call(&OPEN, Request::get("/api/acts/law-2001-01-23-148").body(Body::empty()).unwrap());
    assert_eq!(st, StatusCode::OK);
    assert_eq!(json(&body)["meta"]["act_type"], "law");
    let (st, _, _) = call(&OPEN, Request::get("/api/acts/no-such").body(Body::empty()).unwrap());
    assert_eq!(st, StatusCode::NOT_FOUND);
    let req = serde_json::json!({"act": "kz-oku-agartu-2024-06-19-149", "unit": "att1/p11.sp6", "case": "dat"});
    let (st, _, body) = call(&OPEN, post("/api/cite", req.to_string()));
    assert_eq!(st, StatusCode::OK);
    assert_eq!(json(&body)["phrase"], "Қағидалардың 11-тармағының 6) тармақшасына");
    let req = serde_json::json!({"act": "kz-oku-agartu-2024-06-19-149", "unit": "att1/p99", "case": "dat"});
    let (st, _, body) = call(&OPEN, post("/api/cite", req.to_string()));
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert!(json(&body)["error"].as_str().unwrap().contains("no unit 'att1/p99'"));
    let (st, _, _) =
        call(&OPEN, post("/api/cite", serde_json::json!({"act": "x", "unit": "p1", "case": "xx"}).to_string()));
    assert_eq!(st, StatusCode::BAD_REQUEST);
}

#[test]
fn safe_by_default() {
    // A token: a request without it gets 401, with it (header or cookie) goes through.
    let locked = Arc::new(Server {
        registry: Registry::bundled(Arc::new(Corpus::bundled())),
        token: Some("s3cret-token-of-the-office".into()),
    });
    let (st, ct, body) = call(&locked, Request::get("/api/templates").body(Body::empty()).unwrap());
    assert_eq!((st, ct.as_str()), (StatusCode::UNAUTHORIZED, "application/json"));
    assert!(json(&body)["error"].as_str().unwrap().contains("token"));
    let with = Request::get("/api/templates")
        .header(header::AUTHORIZATION, "Bearer s3cret-token-of-the-office")
        .body(Body::empty())
        .unwrap();
    assert_eq!(call(&locked, with).0, StatusCode::OK);
    let cookie = Request::get("/")
        .header(header::COOKIE, "a=b; qujat_token=s3cret-token-of-the-office")
        .body(Body::empty())
        .unwrap();
    assert_eq!(call(&locked, cookie).0, StatusCode::OK);
    let wrong = Request::get("/").header(header::AUTHORIZATION, "Bearer nope").body(Body::empty()).unwrap();
    assert_eq!(call(&locked, wrong).0, StatusCode::UNAUTHORIZED);
    // Beyond localhost without a token: refused before listening.
    assert!(qujat::serve::check_bind(&"0.0.0.0:8080".parse().unwrap(), None).is_err());
    assert!(qujat::serve::check_bind(&"127.0.0.1:8080".parse().unwrap(), None).is_ok());
    assert!(qujat::serve::check_bind(&"[::1]:8080".parse().unwrap(), None).is_ok());
    // An oversized body: 413 as JSON.
    let big = vec![b' '; qujat::serve::BODY_LIMIT + 1];
    let (st, ct, body) = call(&OPEN, post("/api/check", big));
    assert_eq!((st, ct.as_str()), (StatusCode::PAYLOAD_TOO_LARGE, "application/json"));
    assert!(json(&body)["error"].as_str().unwrap().contains("20 MB"));
    // Paths that try to leave the server's own files.
    for uri in [
        "/../../etc/passwd",
        "/app.js/../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/api/acts/..%2F..%2Fetc%2Fpasswd",
    ] {
        let (st, ct, body) = call(&OPEN, Request::get(uri).body(Body::empty()).unwrap());
        assert_eq!((st, ct.as_str()), (StatusCode::NOT_FOUND, "application/json"), "{uri}");
        assert!(!String::from_utf8_lossy(&body).contains("root:"), "{uri}");
    }
    // The pages and the API description are embedded and served.
    let (st, ct, body) = call(&OPEN, Request::get("/").body(Body::empty()).unwrap());
    assert_eq!((st, ct.as_str()), (StatusCode::OK, "text/html; charset=utf-8"));
    let page = String::from_utf8(body).unwrap();
    assert!(
        page.contains("<textarea id=\"draft\"") && !page.contains("<script>") && !page.contains("http"),
        "no inline script, nothing external"
    );
    let (st, _, body) = call(&OPEN, Request::get("/api/openapi.json").body(Body::empty()).unwrap());
    assert_eq!(st, StatusCode::OK);
    assert!(json(&body)["paths"]["/api/check"].is_object());
}
