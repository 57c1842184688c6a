//! `qujat serve`'s API (issue 16), through the router itself: each endpoint with good
//! and bad input, uploads (multipart, a zip bomb), batch jobs to their ZIP, adding an
//! act, the token, the body limit, paths that try to leave the server, markup in data,
//! and the security headers.

use std::sync::{Arc, LazyLock};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use qujat::corpus::Corpus;
use qujat::serve::{app, Server};
use tower::ServiceExt;

static OPEN: LazyLock<Arc<Server>> = LazyLock::new(|| server(None));

fn server(token: Option<&str>) -> Arc<Server> {
    Arc::new(Server::new(&[], &[], token.map(str::to_string)).unwrap())
}

/// One runtime for every request, as in the server.
fn rt() -> &'static tokio::runtime::Runtime {
    static RT: LazyLock<tokio::runtime::Runtime> =
        LazyLock::new(|| tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap());
    &RT
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
    // Codes, for a page to say the problem in its own language.
    assert_eq!((errors[0]["code"].as_str(), errors[0]["expected"].as_str()), (Some("wrong"), Some("date")));
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
    // A date as a clerk writes it, with dots or in words, finds the act by its date.
    for q in [
        "23.01.2001%20148",
        "%E2%84%96%20148",
        "23%20%D1%8F%D0%BD%D0%B2%D0%B0%D1%80%D1%8F%202001",
        "2001%20%D0%B6%D1%8B%D0%BB%D2%93%D1%8B%2023%20%D2%9B%D0%B0%D2%A3%D1%82%D0%B0%D1%80%D0%B4%D0%B0%D2%93%D1%8B",
    ] {
        let (_, _, body) = call(&OPEN, Request::get(format!("/api/acts?q={q}")).body(Body::empty()).unwrap());
        let ids: Vec<serde_json::Value> =
            json(&body)["acts"].as_array().unwrap().iter().map(|a| a["id"].clone()).collect();
        assert!(ids.contains(&serde_json::Value::from("law-2001-01-23-148")), "{q}: {ids:?}");
    }
    // A title word in another case form finds the act by its stem.
    let uri = "/api/acts?q=%D2%9B%D2%B1%D2%9B%D1%8B%D2%9B%D1%82%D0%B0%D1%80%D1%8B%D0%BD%D1%8B%D2%A3%20149";
    let found = json(&call(&OPEN, get(uri)).2);
    let ids: Vec<&serde_json::Value> = found["acts"].as_array().unwrap().iter().map(|a| &a["id"]).collect();
    assert_eq!(ids, ["kz-oku-agartu-2024-06-19-149"], "құқықтарының 149");
    // A kind of act named in Kazakh (any form) or Russian finds the acts of that kind.
    for (q, id) in [
        ("бұйрық 2024", "kz-oku-agartu-2024-06-19-149"),
        ("приказ 149", "kz-oku-agartu-2024-06-19-149"),
        ("заңдар 148", "law-2001-01-23-148"),
    ] {
        let uri = format!("/api/acts?q={}", q.replace(' ', "%20"));
        let (_, _, body) = call(&OPEN, Request::get(uri).body(Body::empty()).unwrap());
        let ids: Vec<serde_json::Value> =
            json(&body)["acts"].as_array().unwrap().iter().map(|a| a["id"].clone()).collect();
        assert_eq!(ids, [serde_json::Value::from(id)], "{q}");
    }
    let (st, _, body) = call(&OPEN, Request::get("/api/acts/law-2001-01-23-148").body(Body::empty()).unwrap());
    assert_eq!(st, StatusCode::OK);
    assert_eq!(json(&body)["meta"]["act_type"], "law");
    let (st, _, _) = call(&OPEN, Request::get("/api/acts/no-such").body(Body::empty()).unwrap());
    assert_eq!(st, StatusCode::NOT_FOUND);
    // The clause pickers' list: each unit with its labels as the act prints them.
    let (st, _, body) = call(&OPEN, get("/api/acts/kz-oku-agartu-2024-06-19-149/units"));
    assert_eq!(st, StatusCode::OK);
    let units = json(&body)["units"].as_array().unwrap().clone();
    let sp6 = units.iter().find(|u| u["id"] == "att1/p11.sp6").unwrap();
    assert_eq!(sp6["label"], "2-тарау. 11. 6)");
    assert!(sp6["text"].as_str().unwrap().starts_with("баланың бұзылған құқықтары"), "{sp6}");
    assert_eq!(call(&OPEN, get("/api/acts/no-such/units")).0, StatusCode::NOT_FOUND);
    let req = serde_json::json!({"act": "kz-oku-agartu-2024-06-19-149", "unit": "att1/p11.sp6", "case": "dat"});
    let (st, _, body) = call(&OPEN, post("/api/cite", req.to_string()));
    assert_eq!(st, StatusCode::OK);
    assert_eq!(json(&body)["phrase"], "Қағидалардың 11-тармағының 6) тармақшасына");
    let req = serde_json::json!({"act": "law-2001-01-23-148", "unit": "art6.p1", "case": "dat", "full": true});
    let (st, _, body) = call(&OPEN, post("/api/cite", req.to_string()));
    assert_eq!(st, StatusCode::OK);
    assert_eq!(
        json(&body)["phrase"],
        "Қазақстан Республикасының 2001 жылғы 23 қаңтардағы «Қазақстан Республикасындағы жергілікті мемлекеттік басқару және өзін-өзі басқару туралы» Заңының (бұдан әрі – Заң) 6-бабының 1-тармағына"
    );
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
    let locked = server(Some("s3cret-token-of-the-office"));
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
    let wrong =
        Request::get("/api/templates").header(header::AUTHORIZATION, "Bearer nope").body(Body::empty()).unwrap();
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
    // Every path the description names is served (with some method), and errors that
    // axum answers itself (a wrong method, a query it cannot read) are JSON too.
    let paths = json(&body)["paths"].as_object().unwrap().clone();
    assert!(paths.len() >= 14);
    for (path, methods) in paths {
        let uri = path.replace("{name}", "official-letter").replace("{id}", "x");
        for method in methods.as_object().unwrap().keys() {
            let req = Request::builder().method(method.to_uppercase().as_str()).uri(&uri).body(Body::empty()).unwrap();
            let (st, ct, body) = call(&OPEN, req);
            let msg = json(&body)["error"].as_str().unwrap_or("").to_string();
            assert!(!msg.contains("no such page or API"), "{method} {uri}: {st} {msg}");
            assert!(st.is_success() || ct == "application/json", "{method} {uri}: {st} {ct}");
        }
    }
    let (st, ct, body) = call(&OPEN, Request::delete("/api/check").body(Body::empty()).unwrap());
    assert_eq!((st, ct.as_str()), (StatusCode::METHOD_NOT_ALLOWED, "application/json"));
    assert!(json(&body)["error"].as_str().is_some());
    let (st, ct, body) = call(&OPEN, get("/api/inflect?text=x&plural=maybe"));
    assert_eq!((st, ct.as_str()), (StatusCode::BAD_REQUEST, "application/json"));
    assert!(json(&body)["error"].as_str().unwrap().contains("plural"), "{}", json(&body));
}

/// A part of a form: (name, file name or "", bytes).
type FormPart<'a> = (&'a str, &'a str, &'a [u8]);

/// A multipart/form-data body: (part name, file name or "", bytes).
fn multipart(uri: &str, parts: &[FormPart]) -> Request<Body> {
    let boundary = "qujat-test-boundary-7f3a";
    let mut body = Vec::new();
    for (name, file, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes());
        if !file.is_empty() {
            body.extend_from_slice(
                format!("; filename=\"{file}\"\r\nContent-Type: application/octet-stream").as_bytes(),
            );
        }
        body.extend_from_slice(b"\r\n\r\n");
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Request::post(uri)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .body(Body::from(body))
        .unwrap()
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

/// An uploaded file is checked as `qujat check FILE` checks it: the same JSON, for a
/// Markdown draft and for a Word document (whose lines are paragraphs).
#[test]
fn check_takes_an_uploaded_file() {
    let root = env!("CARGO_MANIFEST_DIR");
    let dir = std::env::temp_dir().join(format!("qujat-serve-upload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let council =
        qujat::records::read_one(&std::path::Path::new(root).join("templates/council-decision/example.yaml")).unwrap();
    let (st, _, docx) = call(&OPEN, post("/api/render/council-decision?format=docx", council.to_string()));
    assert_eq!(st, StatusCode::OK);
    let md = std::fs::read(format!("{root}/tests/drafts/broken.md")).unwrap();
    for (file, bytes) in [("broken.md", md.as_slice()), ("decision.docx", docx.as_slice())] {
        let path = dir.join(file);
        std::fs::write(&path, bytes).unwrap();
        let cli = qujat::jobs::check(std::slice::from_ref(&path), &[], false).unwrap();
        let mut want = qujat::cite::report::json(&cli.checked);
        want = want.replace(&format!("{}/", dir.display()), "");
        let (st, ct, body) = call(&OPEN, multipart("/api/check", &[("file", file, bytes)]));
        assert_eq!((st, ct.as_str()), (StatusCode::OK, "application/json"), "{file}");
        assert_eq!(String::from_utf8(body).unwrap(), want, "{file}");
    }
    let out = json(&call(&OPEN, multipart("/api/check", &[("file", "decision.docx", &docx)])).2);
    assert!(out["diagnostics"].as_array().unwrap().iter().all(|d| d["paragraph"].is_number()), "{out}");
    // /api/text gives the text the check reads, for the draft box.
    let (st, _, body) = call(&OPEN, multipart("/api/text", &[("file", "decision.docx", &docx)]));
    assert_eq!(st, StatusCode::OK);
    let v = json(&body);
    assert!(v["text"].as_str().unwrap().contains("ШЕШІМ") && v["paragraphs"] == true, "{v}");
    // No file part, a damaged DOCX, not multipart.
    assert_eq!(call(&OPEN, multipart("/api/check", &[("text", "", b"x")])).0, StatusCode::BAD_REQUEST);
    let (st, _, body) = call(&OPEN, multipart("/api/check", &[("file", "bad.docx", b"PK\x03\x04 not a zip")]));
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json(&body)["error"].as_str().unwrap().contains("bad.docx"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A ZIP of one member, `member`, that is 101 MB of zeros deflated (under 1 MB).
fn zip_bomb(member: &str) -> Vec<u8> {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    z.start_file(member, opts).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..101 {
        z.write_all(&zeros).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// A ZIP that expands beyond 100 MB (a DOCX or XLSX bomb) gets a clear 413, before any
/// reader inflates it.
#[test]
fn a_zip_bomb_is_refused() {
    let bomb = zip_bomb("xl/worksheets/sheet1.xml");
    assert!(bomb.len() < 1 << 20, "the bomb is small: {}", bomb.len());
    for (uri, file) in [("/api/batch/official-letter", "bomb.xlsx"), ("/api/check", "bomb.docx")] {
        let (st, ct, body) = call(&OPEN, multipart(uri, &[("file", file, &bomb)]));
        assert_eq!((st, ct.as_str()), (StatusCode::PAYLOAD_TOO_LARGE, "application/json"), "{uri}");
        let msg = json(&body)["error"].as_str().unwrap().to_string();
        assert!(msg.contains(file) && msg.contains("100 MB"), "{msg}");
    }
}

/// A batch job's status once it is no longer running (at most two minutes).
fn finished(s: &Arc<Server>, status_uri: &str) -> serde_json::Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        let st = json(&call(s, get(status_uri)).2);
        if st["state"] != "running" {
            return st;
        }
        assert!(std::time::Instant::now() < deadline, "the job did not finish: {st}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Each template's example as a table (the batch page's "example table") is a batch
/// whose one row is valid: the columns are those the batch reads.
#[test]
fn an_example_table_is_a_valid_batch() {
    let list = json(&call(&OPEN, get("/api/templates")).2);
    let names: Vec<String> =
        list["templates"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap().to_string()).collect();
    assert!(names.len() >= 4, "{names:?}");
    // A server of its own: the shared one runs other tests' batches (at most two at once).
    let s = server(None);
    for name in names {
        let (st, ct, csv) = call(&OPEN, get(&format!("/api/templates/{name}/example?format=csv")));
        assert_eq!((st, ct.as_str()), (StatusCode::OK, "text/csv; charset=utf-8"), "{name}");
        let req = multipart(&format!("/api/batch/{name}"), &[("file", "example.csv", &csv), ("format", "", b"md")]);
        let (st, _, body) = call(&s, req);
        assert_eq!(st, StatusCode::ACCEPTED, "{name}: {}", String::from_utf8_lossy(&body));
        let job = json(&body);
        assert_eq!((job["total"].as_u64(), job["valid"].as_u64()), (Some(1), Some(1)), "{name}: {job}");
        assert_eq!(job["warnings"].as_array().map(Vec::len), Some(0), "{name}: {job}");
        let end = finished(&s, job["status"].as_str().unwrap());
        assert_eq!((end["ok"].as_u64(), end["failed"].as_u64()), (Some(1), Some(0)), "{name}: {end}");
    }
    assert_eq!(call(&OPEN, get("/api/templates/official-letter/example?format=xls")).0, StatusCode::BAD_REQUEST);
}

/// A row is validated as the batch will render it: a whole number in a text cell of a
/// CSV is a number, as `qujat batch` reads it.
#[test]
fn a_batch_validates_rows_as_they_render() {
    let csv = "number;date;sender.kk;sender.ru;addressees.1;body;attachment_pages;signatory.position;signatory.name\n\
               03-1;2026-06-01;А КММ;КГУ А;Директор;хабарлаймыз.;2;Басшы;А. Н\n";
    let (st, _, body) = call(&OPEN, multipart("/api/batch/official-letter", &[("file", "pages.csv", csv.as_bytes())]));
    assert_eq!(st, StatusCode::ACCEPTED, "{}", String::from_utf8_lossy(&body));
    let job = json(&body);
    assert_eq!((job["total"].as_u64(), job["valid"].as_u64()), (Some(1), Some(1)), "{job}");
}

/// A batch of 20 rows with one bad row: the answer validates every row at once, the job
/// renders the 19 good ones, and the ZIP holds 19 documents and the manifest.
#[test]
fn a_batch_job_gives_the_good_documents_and_the_bad_row() {
    let csv = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/batch/letters-20.csv")).unwrap();
    let req = multipart(
        "/api/batch/official-letter",
        &[("file", "letters-20.csv", &csv), ("format", "", b"md,html"), ("name", "", b"number")],
    );
    let (st, _, body) = call(&OPEN, req);
    assert_eq!(st, StatusCode::ACCEPTED, "{}", String::from_utf8_lossy(&body));
    let job = json(&body);
    assert_eq!((job["total"].as_u64(), job["valid"].as_u64()), (Some(20), Some(19)));
    let bad: Vec<&serde_json::Value> = job["rows"].as_array().unwrap().iter().filter(|r| r["ok"] == false).collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0]["row"], 13);
    assert!(bad[0]["errors"][0].as_str().unwrap().contains("signatory.name"), "{}", bad[0]);
    let problem = &bad[0]["problems"][0];
    assert_eq!((problem["field"].as_str(), problem["code"].as_str()), (Some("signatory.name"), Some("missing")));
    let status = finished(&OPEN, job["status"].as_str().unwrap());
    assert_eq!(
        (status["state"].as_str(), status["ok"].as_u64(), status["failed"].as_u64()),
        (Some("done"), Some(19), Some(1))
    );
    assert_eq!(status["failures"][0]["row"], 13);
    let (st, ct, zip) = call(&OPEN, get(status["zip"].as_str().unwrap()));
    assert_eq!((st, ct.as_str()), (StatusCode::OK, "application/zip"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let names: Vec<String> = archive.file_names().map(|n| n.unwrap().to_string()).collect();
    assert_eq!(names.iter().filter(|n| n.ends_with(".md")).count(), 19, "{names:?}");
    assert_eq!(names.iter().filter(|n| n.ends_with(".html")).count(), 19, "{names:?}");
    assert!(names.contains(&"03-2701.md".to_string()) && !names.iter().any(|n| n.starts_with("03-2712")), "{names:?}");
    let mut manifest = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("manifest.csv").unwrap(), &mut manifest).unwrap();
    let failed: Vec<&str> = manifest.lines().filter(|l| l.contains(",failed,")).collect();
    assert_eq!(failed.len(), 1, "{manifest}");
    assert!(failed[0].starts_with("13,") && failed[0].contains("signatory.name"), "{manifest}");
    let mut md = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("03-2705.md").unwrap(), &mut md).unwrap();
    assert!(md.contains("№ 5 мектептің директорына"), "{md}");
}

#[test]
fn batch_refusals_name_the_problem() {
    let csv = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/batch/letters-20.csv")).unwrap();
    let cases: [(&str, Vec<FormPart>, StatusCode, &str); 6] = [
        ("/api/batch/no-such", vec![("file", "a.csv", &csv)], StatusCode::NOT_FOUND, "no template"),
        ("/api/batch/official-letter", vec![("file", "a.exe", &csv)], StatusCode::UNSUPPORTED_MEDIA_TYPE, "a.exe"),
        ("/api/batch/official-letter", vec![("other", "", b"x")], StatusCode::BAD_REQUEST, "'file'"),
        (
            "/api/batch/official-letter",
            vec![("file", "h.csv", b"number;date\n")],
            StatusCode::UNPROCESSABLE_ENTITY,
            "h.csv: a header and no records",
        ),
        (
            "/api/batch/official-letter",
            vec![("file", "a.csv", &csv), ("format", "", b"odt")],
            StatusCode::BAD_REQUEST,
            "format 'odt'",
        ),
        (
            "/api/batch/official-letter",
            vec![("file", "a.csv", &csv), ("name", "", b"nope")],
            StatusCode::BAD_REQUEST,
            "--name nope",
        ),
    ];
    for (uri, parts, status, words) in cases {
        let (st, ct, body) = call(&OPEN, multipart(uri, &parts));
        let msg = json(&body)["error"].as_str().unwrap_or("").to_string();
        assert_eq!((st, ct.as_str()), (status, "application/json"), "{msg}");
        assert!(msg.contains(words) && !msg.contains("qujat-serve-"), "{words}: {msg}");
    }
    assert_eq!(call(&OPEN, get("/api/jobs/0123456789abcdef")).0, StatusCode::NOT_FOUND);
    assert_eq!(call(&OPEN, get("/api/jobs/..%2F..%2Fetc/zip")).0, StatusCode::NOT_FOUND);
}

/// An act added from the corpus page (clause YAML, or an act folder's kaz.md and
/// meta.yaml) is searchable, readable and citable at once; a broken file is a 422 that
/// names it.
#[test]
fn acts_are_added_from_uploads() {
    let s = server(Some("a-token-for-this-test-only"));
    let auth = |mut r: Request<Body>| {
        r.headers_mut().insert(header::AUTHORIZATION, "Bearer a-token-for-this-test-only".parse().unwrap());
        r
    };
    let mut act =
        qujat::corpus::bundled_acts().iter().find(|a| a.id == "kz-oku-agartu-2024-06-19-149").unwrap().clone();
    act.id = "uploaded-rules-2026".into();
    act.meta.title = Some("Жүктелген қағидалар".into());
    let yaml = qujat::yaml::to_string(&act);
    let (st, _, body) = call(&s, auth(multipart("/api/acts", &[("file", "rules.yaml", yaml.as_bytes())])));
    assert_eq!(st, StatusCode::CREATED, "{}", String::from_utf8_lossy(&body));
    assert_eq!(json(&body)["id"], "uploaded-rules-2026");
    let found = json(&call(&s, auth(get("/api/acts?q=жүктелген"))).2);
    assert_eq!(found["acts"][0]["id"], "uploaded-rules-2026");
    let req = serde_json::json!({"act": "uploaded-rules-2026", "unit": "att1/p10", "case": "gen"});
    let (st, _, body) = call(&s, auth(post("/api/cite", req.to_string())));
    assert_eq!(st, StatusCode::OK);
    assert!(json(&body)["phrase"].as_str().unwrap().ends_with("10-тармағының"));

    let law = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/laws/prava-rebenka-2002");
    let kaz = std::fs::read(law.join("kaz.md")).unwrap();
    let meta = std::fs::read(law.join("meta.yaml")).unwrap();
    let parts = [("folder", "", &b"prava-rebenka-2002"[..]), ("file", "kaz.md", &kaz), ("file", "meta.yaml", &meta)];
    let (st, _, body) = call(&s, auth(multipart("/api/acts", &parts)));
    assert_eq!(st, StatusCode::CREATED, "{}", String::from_utf8_lossy(&body));
    let id = json(&body)["id"].as_str().unwrap().to_string();
    let (st, _, body) = call(&s, auth(get(&format!("/api/acts/{id}"))));
    assert_eq!(st, StatusCode::OK);
    assert!(json(&body)["meta"]["title"].as_str().unwrap().contains("баланың құқықтары"), "{}", json(&body)["meta"]);
    let req = serde_json::json!({"act": id, "unit": "main/art27", "case": "dat"});
    let (st, _, body) = call(&s, auth(post("/api/cite", req.to_string())));
    assert_eq!(st, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    assert!(json(&body)["phrase"].as_str().unwrap().ends_with("27-бабына"), "{}", json(&body));

    let (st, _, body) = call(&s, auth(multipart("/api/acts", &[("file", "broken.yaml", b"id: [unclosed")])));
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json(&body)["error"].as_str().unwrap().contains("broken.yaml"));
    let (st, _, _) = call(&s, auth(multipart("/api/acts", &[("file", "notes.txt", b"x")])));
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    // Another server does not see this one's uploads.
    assert_eq!(call(&OPEN, get("/api/acts/uploaded-rules-2026")).0, StatusCode::NOT_FOUND);
}

#[test]
fn helpers_inflect_and_write_dates() {
    let form =
        json(&call(&OPEN, get("/api/inflect?text=%D1%82%D0%B0%D1%80%D0%BC%D0%B0%D2%9B&case=dat&possessive=true")).2);
    assert_eq!(form["form"], "тармағына");
    let form = json(&call(&OPEN, get("/api/inflect?text=%D0%B1%D0%B0%D0%BF&case=gen&plural=true")).2);
    assert_eq!(form["form"], "баптардың");
    assert_eq!(call(&OPEN, get("/api/inflect?text=x&case=zz")).0, StatusCode::BAD_REQUEST);
    assert_eq!(call(&OPEN, get("/api/inflect")).0, StatusCode::BAD_REQUEST);
    assert_eq!(json(&call(&OPEN, get("/api/date?date=2026-01-05")).2)["phrase"], "2026 жылғы 5 қаңтардағы");
    assert_eq!(json(&call(&OPEN, get("/api/date?date=2026-01-05&case=loc")).2)["phrase"], "2026 жылғы 5 қаңтарда");
    assert_eq!(json(&call(&OPEN, get("/api/date?date=2026-01-05&short=true")).2)["phrase"], "05.01.2026 ж.");
    let (st, _, body) = call(&OPEN, get("/api/date?date=2026-02-30"));
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert!(json(&body)["error"].as_str().unwrap().contains("2026-02-30"));
}

/// Every page is served, embedded, with no inline script and nothing external; the
/// example record and the scoped preview style are there for the generate page.
#[test]
fn pages_are_embedded() {
    for (path, hook) in [
        ("/", "<textarea id=\"draft\""),
        ("/check", "<textarea id=\"draft\""),
        ("/generate", "id=\"record\""),
        ("/batch", "id=\"batch-progress\""),
        ("/corpus", "id=\"tree\""),
        ("/helpers", "id=\"inflect-form\""),
    ] {
        let (st, ct, body) = call(&OPEN, get(path));
        assert_eq!((st, ct.as_str()), (StatusCode::OK, "text/html; charset=utf-8"), "{path}");
        let page = String::from_utf8(body).unwrap();
        assert!(page.contains(hook) && !page.contains("<script>") && !page.contains("http"), "{path}");
        assert!(page.contains("aria-current=\"page\"") && page.contains("data-ru="), "{path}");
    }
    for f in ["app.js", "check.js", "generate.js", "batch.js", "corpus.js", "helpers.js", "app.css"] {
        let (st, _, body) = call(&OPEN, get(&format!("/static/{f}")));
        assert_eq!(st, StatusCode::OK, "{f}");
        let js = String::from_utf8(body).unwrap();
        for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"] {
            assert!(!js.contains(sink), "{f}: {sink}: text only, never markup");
        }
        // The one parser of HTML is the preview's, of the server's own escaped document.
        assert!(!js.contains("DOMParser") || f == "generate.js", "{f}: DOMParser");
    }
    assert_eq!(call(&OPEN, get("/static/..%2Fmod.rs")).0, StatusCode::NOT_FOUND);
    // A wrong address: a browser gets a page with the way back, the API and scripts JSON.
    let html = |uri: &str| Request::get(uri).header(header::ACCEPT, "text/html,*/*").body(Body::empty()).unwrap();
    let (st, ct, body) = call(&OPEN, html("/chek"));
    assert_eq!(
        (st, ct.as_str()),
        (StatusCode::NOT_FOUND, "text/html; charset=utf-8"),
        "{}",
        String::from_utf8_lossy(&body)
    );
    let page = String::from_utf8(body).unwrap();
    assert!(page.contains("Мұндай бет жоқ") && page.contains("href=\"/generate\"") && !page.contains("chek"), "{page}");
    for req in [html("/api/nope"), get("/chek")] {
        let (st, ct, _) = call(&OPEN, req);
        assert_eq!((st, ct.as_str()), (StatusCode::NOT_FOUND, "application/json"));
    }
    let css = String::from_utf8(call(&OPEN, get("/preview.css")).2).unwrap();
    assert!(css.starts_with(".preview{") && !css.contains("@page") && !css.contains("body"), "{css}");
    let (st, _, body) = call(&OPEN, get("/api/templates/official-letter/example"));
    assert_eq!(st, StatusCode::OK);
    assert_eq!(json(&body)["number"], "03-2530");
    let t = json(&call(&OPEN, get("/api/templates")).2);
    let council = t["templates"].as_array().unwrap().iter().find(|t| t["name"] == "council-decision").unwrap();
    let basis = council["fields"].as_array().unwrap().iter().find(|f| f["name"] == "basis").unwrap();
    assert_eq!(basis["fields"][0]["cites"], "act");
    assert_eq!(basis["fields"][1]["items"]["cites"], "unit");
}

/// A bomb whose ZIP hides behind a byte (readers find an archive after junk), an ODS
/// bomb, a PDF whose stream inflates beyond the cap: all 413. An office file that is no
/// ZIP at all is 422.
#[test]
fn hidden_and_pdf_bombs_are_refused() {
    use std::io::Write;
    let zeros = vec![0u8; 1 << 20];
    let mut hidden = vec![0u8];
    hidden.extend(zip_bomb("content.xml"));
    for file in ["bomb.xlsx", "bomb.ods"] {
        let (st, _, body) = call(&OPEN, multipart("/api/batch/official-letter", &[("file", file, &hidden)]));
        assert_eq!(st, StatusCode::PAYLOAD_TOO_LARGE, "{file}: {}", String::from_utf8_lossy(&body));
    }
    let mut deflate = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    for _ in 0..101 {
        deflate.write_all(&zeros).unwrap();
    }
    let mut pdf = b"%PDF-1.7\n1 0 obj\n<< /Length 1 /Filter /FlateDecode >>\nstream\n".to_vec();
    pdf.extend(deflate.finish().unwrap());
    pdf.extend(b"\nendstream\nendobj\n%%EOF\n");
    let (st, _, body) = call(&OPEN, multipart("/api/text", &[("file", "bomb.pdf", &pdf)]));
    assert_eq!(st, StatusCode::PAYLOAD_TOO_LARGE, "{}", String::from_utf8_lossy(&body));
    assert!(json(&body)["error"].as_str().unwrap().contains("bomb.pdf"));
    let (st, _, body) = call(&OPEN, multipart("/api/batch/official-letter", &[("file", "t.xlsx", b"number\n1\n")]));
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json(&body)["error"].as_str().unwrap().contains("t.xlsx: not a readable file"), "{}", json(&body));
}

/// A table of more rows than a batch takes is refused while it is read, naming the file.
#[test]
fn a_batch_has_at_most_10000_rows() {
    let mut csv = String::from("number\n");
    for i in 0..10_001 {
        csv.push_str(&format!("{i}\n"));
    }
    let (st, _, body) = call(&OPEN, multipart("/api/batch/official-letter", &[("file", "big.csv", csv.as_bytes())]));
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json(&body)["error"].as_str().unwrap().starts_with("big.csv: more than 10000 records"), "{}", json(&body));
}

/// Two batches render at a time; a third is told to wait (429).
#[test]
fn a_third_batch_waits() {
    let s = server(None);
    let mut csv = String::from("number;date;sender.kk;sender.ru;addressees.1;body;signatory.position;signatory.name\n");
    for i in 0..5000 {
        csv.push_str(&format!("{i};2026-06-01;А;Б;В;хат.;Басшы;А. Б.\n"));
    }
    let start = || {
        call(&s, multipart("/api/batch/official-letter", &[("file", "t.csv", csv.as_bytes()), ("format", "", b"md")]))
    };
    let (a, b) = (start(), start());
    assert_eq!((a.0, b.0), (StatusCode::ACCEPTED, StatusCode::ACCEPTED));
    let (st, _, body) = start();
    assert_eq!(st, StatusCode::TOO_MANY_REQUESTS, "{}", String::from_utf8_lossy(&body));
    assert!(json(&body)["error"].as_str().unwrap().contains("two batches are running"));
    for (_, _, body) in [a, b] {
        finished(&s, json(&body)["status"].as_str().unwrap());
    }
}

/// Without a token the server answers to loopback names only (a page elsewhere cannot
/// rebind its own name to 127.0.0.1), and a browser's cross-site request is refused.
#[test]
fn other_sites_are_refused() {
    let with = |host: &str, origin: Option<&str>| {
        let mut r =
            Request::post("/api/cite").header(header::HOST, host).header(header::CONTENT_TYPE, "application/json");
        if let Some(o) = origin {
            r = r.header(header::ORIGIN, o);
        }
        let body = serde_json::json!({"act": "kz-oku-agartu-2024-06-19-149", "unit": "att1/p10"}).to_string();
        call(&OPEN, r.body(Body::from(body)).unwrap())
    };
    for host in ["127.0.0.1:8080", "localhost:8080", "[::1]:8080", "localhost"] {
        assert_eq!(with(host, None).0, StatusCode::OK, "{host}");
    }
    assert_eq!(with("127.0.0.1:8080", Some("http://127.0.0.1:8080")).0, StatusCode::OK);
    let (st, _, body) = with("evil.example", None);
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert!(json(&body)["error"].as_str().unwrap().contains("localhost only"));
    let (st, _, body) = with("127.0.0.1:8080", Some("https://evil.example"));
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert!(json(&body)["error"].as_str().unwrap().contains("another site"));
}

/// With a token, /login's form sets the session cookie (HttpOnly, SameSite=Strict) that
/// the pages then carry.
#[test]
fn the_login_form_sets_the_cookie() {
    let s = server(Some("office-token-0123456789"));
    assert_eq!(call(&s, get("/login")).0, StatusCode::OK);
    assert_eq!(call(&s, get("/")).0, StatusCode::SEE_OTHER);
    let form = |t: &str| {
        Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("token={t}")))
            .unwrap()
    };
    let resp = rt().block_on(app(s.clone()).oneshot(form("office-token-0123456789"))).unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let cookie = resp.headers().get(header::SET_COOKIE).unwrap().to_str().unwrap().to_string();
    assert!(
        cookie.starts_with("qujat_token=office-token-0123456789;")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let page =
        Request::get("/").header(header::COOKIE, "qujat_token=office-token-0123456789").body(Body::empty()).unwrap();
    assert_eq!(call(&s, page).0, StatusCode::OK);
    assert_eq!(call(&s, form("wrong")).0, StatusCode::UNAUTHORIZED);
}

/// The second review's ways around the budget: a PDF stream whose zlib header is wrong
/// (its reader retries it as raw deflate), a bomb after a fake "endstream", a filter
/// that is not measured; a ZIP that cannot be measured, whatever its name; a sparse
/// sheet whose rectangle would be 17 billion cells.
#[test]
fn the_budget_has_no_way_around() {
    use std::io::Write;
    let zeros = vec![0u8; 1 << 20];
    let raw_bomb = {
        let mut d = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        for _ in 0..101 {
            d.write_all(&zeros).unwrap();
        }
        d.finish().unwrap()
    };
    let pdf = |body: &[u8], filter: &str| {
        let mut p = format!("%PDF-1.7\n1 0 obj\n<< /Length 9 /Filter {filter} >>\nstream\n").into_bytes();
        p.extend(body);
        p.extend(b"\nendstream\nendobj\n%%EOF\n");
        p
    };
    let mut bad_header = b"\x78\x00".to_vec();
    bad_header.extend(&raw_bomb);
    // One zlib stream: a stored block holding the bytes "endstream", then the bomb.
    let mut fake_end = vec![0x78, 0x01, 0x00, 0x09, 0x00, 0xF6, 0xFF];
    fake_end.extend(b"endstream");
    fake_end.extend(&raw_bomb);
    for (name, bytes, status) in [
        ("bad-header.pdf", pdf(&bad_header, "/FlateDecode"), StatusCode::PAYLOAD_TOO_LARGE),
        ("lzw.pdf", pdf(b"x", "[/ASCII85Decode /LZWDecode]"), StatusCode::PAYLOAD_TOO_LARGE),
    ] {
        let (st, _, body) = call(&OPEN, multipart("/api/text", &[("file", name, &bytes)]));
        assert_eq!(st, status, "{name}: {}", String::from_utf8_lossy(&body));
    }
    // A deflate stream ends itself: "endstream" inside the data does not end the count.
    let mut p = b"%PDF-1.7\n1 0 obj\n<< /Length 999 >>\nstream\n".to_vec();
    p.extend(&fake_end);
    let (st, _, _) = call(&OPEN, multipart("/api/check", &[("file", "fake-end.pdf", &p)]));
    assert_eq!(st, StatusCode::PAYLOAD_TOO_LARGE);
    // A ZIP that cannot be measured is not handed to any reader, whatever its name.
    let (st, _, body) = call(&OPEN, multipart("/api/check", &[("file", "draft.txt", b"PK\x03\x04garbage")]));
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{}", String::from_utf8_lossy(&body));
    // A sheet with cells at A1 and XFD1048576.
    let xlsx = sparse_xlsx();
    let (st, _, body) = call(&OPEN, multipart("/api/batch/official-letter", &[("file", "sparse.xlsx", &xlsx)]));
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{}", String::from_utf8_lossy(&body));
    assert!(
        json(&body)["error"].as_str().unwrap().starts_with("sparse.xlsx: more than 10000 records"),
        "{}",
        json(&body)
    );
    // ODS is not taken by a batch here (its reader builds the sheet whole).
    assert_eq!(
        call(&OPEN, multipart("/api/batch/official-letter", &[("file", "t.ods", b"x")])).0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

/// The smallest XLSX calamine opens: one sheet, a cell at A1 and one at XFD1048576.
fn sparse_xlsx() -> Vec<u8> {
    use std::io::Write;
    let files = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        (
            "xl/worksheets/sheet1.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>number</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#,
        ),
    ];
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in files {
        z.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

#[test]
fn host_names_and_token_pages() {
    let with_host = |host: &str| {
        call(&OPEN, Request::get("/api/templates").header(header::HOST, host).body(Body::empty()).unwrap()).0
    };
    for host in ["[::1]evil", "[::1]:", "localhost:80x", "127.0.0.1:8080:1", "localhost.evil"] {
        assert_eq!(with_host(host), StatusCode::FORBIDDEN, "{host}");
    }
    assert_eq!(with_host("[::1]"), StatusCode::OK);
    // With a token: a page without it goes to /login; the API says 401; a request with
    // the token is answered whatever its Origin (a proxy's Host differs from it).
    let s = server(Some("office-token-0123456789"));
    let resp = rt().block_on(app(s.clone()).oneshot(get("/generate"))).unwrap();
    assert_eq!(
        (resp.status(), resp.headers().get(header::LOCATION).unwrap().to_str().unwrap()),
        (StatusCode::SEE_OTHER, "/login")
    );
    assert_eq!(call(&s, get("/api/templates")).0, StatusCode::UNAUTHORIZED);
    let proxied = Request::get("/api/templates")
        .header(header::HOST, "127.0.0.1:8080")
        .header(header::ORIGIN, "https://qujat.office.kz")
        .header(header::AUTHORIZATION, "Bearer office-token-0123456789")
        .body(Body::empty())
        .unwrap();
    assert_eq!(call(&s, proxied).0, StatusCode::OK);
}
