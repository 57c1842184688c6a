//! The JSON API: each handler reads its request, calls one library entry point, and
//! answers JSON (or the document). Uploads come as multipart files; a ZIP among them
//! (DOCX, XLSX) is measured before anything reads it.

use std::path::Path as FsPath;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::{fail, Refusal, Server, EXPANSION_LIMIT};
use crate::lang::date::{self, Date, DateForm};
use crate::lang::{inflect_phrase, Case, Form};
use crate::model::Act;

/// One part of a multipart upload.
pub(super) struct Part {
    pub name: String,
    /// The file's name as the browser sent it, without any folder.
    pub file: String,
    pub bytes: Vec<u8>,
}

impl Part {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).trim().to_string()
    }
}

/// The parts of a multipart request, or why it is refused: 400 when it is not
/// multipart, 413 for a body beyond the limit or for files that expand beyond
/// [`EXPANSION_LIMIT`] together (see [`measure`]).
pub(super) async fn upload(s: &Server, req: Request) -> Result<Vec<Part>, Refusal> {
    let mut mp = Multipart::from_request(req, &())
        .await
        .map_err(|e| Refusal::new(StatusCode::BAD_REQUEST, format!("expected a multipart upload: {e}")))?;
    let mut parts = Vec::new();
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(Refusal::new(e.status(), format!("the upload could not be read: {}", e.body_text()))),
        };
        let name = field.name().unwrap_or("").to_string();
        let file = field.file_name().map(base_name).unwrap_or_default();
        let bytes = field.bytes().await.map_err(|e| Refusal::new(e.status(), e.body_text()))?.to_vec();
        parts.push(Part { name, file, bytes });
    }
    s.compute(move || measure(&parts).map(|()| parts))
        .await
        .ok_or_else(|| Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, "the upload could not be measured"))?
}

/// Files that a reader inflates are inflated into nothing first, against one budget
/// for the request: a ZIP (whatever its name, and an office file by its name even when
/// its first bytes hide the ZIP: readers find an archive after junk) and a PDF's
/// compressed streams. A ZIP that cannot be measured is refused (422): a reader might
/// still open the parts it did not measure.
fn measure(parts: &[Part]) -> Result<(), Refusal> {
    let mut left = EXPANSION_LIMIT;
    let too_large =
        |file: &str, why: String| Refusal::new(StatusCode::PAYLOAD_TOO_LARGE, format!("{file}: refused: {why}"));
    for p in parts {
        let ext = FsPath::new(&p.file).extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
        let office = matches!(ext.as_str(), "docx" | "xlsx" | "xlsm" | "xlsb" | "xls" | "ods");
        if office || crate::text::docx::is_zip(&p.bytes) {
            match crate::io::zip_within(&p.bytes, left) {
                Ok(used) => left -= used,
                Err(crate::io::ZipProblem::TooLarge(why)) => return Err(too_large(&p.file, why)),
                Err(crate::io::ZipProblem::Damaged(why)) => {
                    return Err(Refusal::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        format!("{}: not a readable file: {why}", p.file),
                    ))
                }
            }
        }
        if ext == "pdf" || crate::text::pdf::is_pdf(&p.bytes) {
            left -= crate::text::pdf::within(&p.bytes, left).map_err(|why| too_large(&p.file, why))?;
        }
    }
    Ok(())
}

/// A file name without folders or characters a file system would read otherwise: the
/// name only ever labels messages and ZIP entries.
pub(super) fn base_name(name: &str) -> String {
    crate::batch::sanitize(name.rsplit(['/', '\\']).next().unwrap_or(""))
}

fn is_multipart(req: &Request) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"))
}

/// A request body as JSON of the shape `expected` names, or its 400.
async fn body_json<T: serde::de::DeserializeOwned>(req: Request, expected: &str) -> Result<T, Refusal> {
    let body = axum::body::to_bytes(req.into_body(), super::BODY_LIMIT).await.map_err(|_| {
        Refusal::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request is larger than {} MB", super::BODY_LIMIT >> 20),
        )
    })?;
    serde_json::from_slice(&body)
        .map_err(|e| Refusal::new(StatusCode::BAD_REQUEST, format!("expected JSON {expected}: {e}")))
}

fn json_text(text: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], text).into_response()
}

#[derive(serde::Deserialize)]
struct CheckBody {
    text: String,
    #[serde(default)]
    name: Option<String>,
}

/// `POST /api/check`: `{"text", "name"}`, or a multipart `file` (.txt, .md, .docx,
/// .pdf) → exactly the JSON of `qujat check --format json`.
pub(super) async fn check(State(s): State<Arc<Server>>, req: Request) -> Response {
    let (text, name, paragraphs) = if is_multipart(&req) {
        match decoded_upload(&s, req).await {
            Ok(d) => d,
            Err(r) => return r.into_response(),
        }
    } else {
        match body_json::<CheckBody>(req, "{\"text\", \"name\"}").await {
            Ok(b) => (b.text, b.name.unwrap_or_else(|| "draft".into()), false),
            Err(r) => return r.into_response(),
        }
    };
    let reg = s.registry();
    let out = s
        .compute(move || {
            let markdown = crate::text::is_markdown(FsPath::new(&name), &text, false);
            let checked = crate::jobs::check_text(&text, &name, markdown, paragraphs, reg.corpus());
            crate::cite::report::json(&checked)
        })
        .await;
    match out {
        Some(json) => json_text(json),
        None => fail(StatusCode::INTERNAL_SERVER_ERROR, "the check failed"),
    }
}

/// The uploaded `file` as text: (text, file name, lines are Word paragraphs).
async fn decoded_upload(s: &Server, req: Request) -> Result<(String, String, bool), Refusal> {
    let parts = upload(s, req).await?;
    let Some(p) = parts.into_iter().find(|p| p.name == "file") else {
        return Err(Refusal::new(StatusCode::BAD_REQUEST, "the upload has no part named 'file'"));
    };
    let file = p.file.clone();
    let decoded = s
        .compute(move || crate::text::decode(&p.bytes, FsPath::new(&p.file)))
        .await
        .ok_or_else(|| Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, "the file could not be read"))?;
    match decoded {
        Ok(d) => Ok((d.text, file, d.paragraphs)),
        Err(e) => Err(Refusal::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string())),
    }
}

/// `POST /api/text`: a multipart `file` → `{"text", "name", "paragraphs"}`, the text the
/// checker would read (the check page puts it in the draft box).
pub(super) async fn text(State(s): State<Arc<Server>>, req: Request) -> Response {
    match decoded_upload(&s, req).await {
        Ok((text, name, paragraphs)) => {
            Json(json!({"text": text, "name": name, "paragraphs": paragraphs})).into_response()
        }
        Err(r) => r.into_response(),
    }
}

/// `GET /api/templates`: the JSON of `qujat templates --format json`.
pub(super) async fn templates(State(s): State<Arc<Server>>) -> Response {
    Json(crate::generate::listing::json(&s.registry())).into_response()
}

/// `GET /api/templates/{name}/example`: the template's example record as JSON; with
/// `?format=csv`, as a one-row table with the columns a batch of it takes.
pub(super) async fn example(
    State(s): State<Arc<Server>>,
    Path(name): Path<String>,
    Query(q): Query<FormatQuery>,
) -> Response {
    let reg = s.registry();
    let (template, record) = match reg.get(&name).and_then(|t| Ok((t, t.example_record()?))) {
        Ok(found) => found,
        Err(e) => return fail(StatusCode::NOT_FOUND, e.to_string()),
    };
    match q.format.as_deref() {
        None | Some("json") => Json(record).into_response(),
        Some("csv") => {
            // A template's folder name is the user's: only a plain one goes in the header.
            let plain = name.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
            let disposition = format!("attachment; filename=\"{}.csv\"", if plain { name.as_str() } else { "example" });
            let headers = [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, disposition),
            ];
            let fields = &template.schema.fields;
            let rank = |c: &str| fields.iter().position(|(n, _)| n == c).unwrap_or(usize::MAX);
            (headers, crate::records::to_csv(&[record], rank)).into_response()
        }
        Some(_) => fail(StatusCode::BAD_REQUEST, "format= is json or csv"),
    }
}

#[derive(serde::Deserialize)]
pub(super) struct FormatQuery {
    format: Option<String>,
}

/// `POST /api/render/{name}?format=pdf|html|md|docx`: the record as JSON → the document,
/// or 422 with `{"errors": [{"field", "message", "code", "expected"}]}` (code and expected:
/// see [`crate::generate::schema::Problem`], for a page to say it in its language).
pub(super) async fn render(
    State(s): State<Arc<Server>>,
    Path(name): Path<String>,
    Query(q): Query<FormatQuery>,
    req: Request,
) -> Response {
    let format = match q.format.as_deref().map(crate::render::Format::parse) {
        None => crate::render::Format::Html,
        Some(Some(f)) => f,
        Some(None) => return fail(StatusCode::BAD_REQUEST, "format= is pdf, html, md or docx"),
    };
    let reg = s.registry();
    let Ok(template) = reg.get(&name).cloned() else {
        return fail(StatusCode::NOT_FOUND, format!("no template '{name}'"));
    };
    let data: Value = match body_json(req, "(the record)").await {
        Ok(v) => v,
        Err(r) => return r.into_response(),
    };
    let problems = template.schema.validate(&data);
    if !problems.is_empty() {
        return (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({"errors": problems}))).into_response();
    }
    let out = s
        .compute(move || -> crate::error::Result<Vec<u8>> {
            let md = reg.render(&name, &data, "record")?;
            crate::render::render(&md, &template.title_for(&data), format)
        })
        .await;
    match out {
        Some(Ok(bytes)) => ([(header::CONTENT_TYPE, content_type(format))], Body::from(bytes)).into_response(),
        Some(Err(e)) => {
            (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({"errors": [{"field": "", "message": e.message}]})))
                .into_response()
        }
        None => fail(StatusCode::INTERNAL_SERVER_ERROR, "the render failed"),
    }
}

pub(super) fn content_type(f: crate::render::Format) -> &'static str {
    match f {
        crate::render::Format::Md => "text/markdown; charset=utf-8",
        crate::render::Format::Html => "text/html; charset=utf-8",
        crate::render::Format::Pdf => "application/pdf",
        crate::render::Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
}

#[derive(serde::Deserialize)]
pub(super) struct ActsQuery {
    q: Option<String>,
}

/// The corpus's acts as the search sees them: each with its id, title, number, date
/// and type in lower case, in id order.
pub(super) struct ActIndex(Vec<(String, crate::corpus::Listing)>);

impl ActIndex {
    pub(super) fn new(corpus: &crate::corpus::Corpus) -> ActIndex {
        let o = |x: &Option<String>| x.clone().unwrap_or_default();
        let hay = |l: &crate::corpus::Listing| {
            format!("{} {} {} {} {}", l.id, o(&l.title), o(&l.number), o(&l.date), o(&l.act_type)).to_lowercase()
        };
        ActIndex(corpus.listing().into_iter().map(|l| (hay(&l), l)).collect())
    }

    /// The first `max` acts that hold every word of `q`, or a stem of it ("кеңестің"
    /// finds "кеңесі": `lang`'s readings of the word). A word that names a kind of act
    /// ("бұйрық", "шешімдер", "приказ") also matches every act of that kind.
    fn find(&self, q: &str, max: usize) -> Vec<Value> {
        let words: Vec<(Option<&str>, Vec<String>)> =
            search_words(q).into_iter().map(|w| (crate::corpus::kind_named(&w), with_stems(w))).collect();
        let holds = |hay: &str, l: &crate::corpus::Listing| {
            words.iter().all(|(kind, forms)| {
                forms.iter().any(|w| hay.contains(w.as_str())) || (kind.is_some() && l.act_type.as_deref() == *kind)
            })
        };
        self.0
            .iter()
            .filter(|(hay, l)| holds(hay, l))
            .take(max)
            .map(|(_, l)| json!({"id": l.id, "title": l.title, "type": l.act_type, "date": l.date, "number": l.number}))
            .collect()
    }
}

/// `GET /api/acts?q=…`: acts whose id, title, number, date or type holds every word of q
/// (a date may be written 09.09.2003, 2003-09-09 or in words; a kind of act in Kazakh or
/// Russian).
pub(super) async fn acts(State(s): State<Arc<Server>>, Query(q): Query<ActsQuery>) -> Response {
    let list = s.loaded().acts.find(&q.q.unwrap_or_default(), 200);
    Json(json!({"acts": list})).into_response()
}

/// A search word and the stems `lang` reads in it, of four letters or more (a shorter
/// one would match too much): "кеңестің" → кеңестің, кеңес.
fn with_stems(word: String) -> Vec<String> {
    let mut forms = vec![word.clone()];
    for (stem, _) in crate::lang::noun::analyse(&word) {
        let stem = stem.to_lowercase();
        if stem.chars().count() >= 4 && !forms.contains(&stem) {
            forms.push(stem);
        }
    }
    forms
}

/// The query's words in lower case; a date in it, written in Kazakh ("2003 жылғы 9
/// қыркүйектегі"), in Russian ("9 сентября 2003") or with dots (09.09.2003), becomes
/// YYYY-MM-DD as the corpus writes it.
fn search_words(q: &str) -> Vec<String> {
    let date = crate::lang::date::find(q).map(|f| (f.date.iso(), f.range)).or_else(|| crate::corpus::meta::date_ru(q));
    let q = match date {
        Some((iso, range)) => format!("{} {iso} {}", &q[..range.start], &q[range.end..]),
        None => q.to_string(),
    };
    // "№ 148" and "№148" are the number 148.
    q.split_whitespace().map(|w| w.trim_start_matches('№').to_lowercase()).filter(|w| !w.is_empty()).collect()
}

/// `GET /api/acts/{id}`: the act as JSON (its clause YAML's JSON form).
pub(super) async fn act(State(s): State<Arc<Server>>, Path(id): Path<String>) -> Response {
    match s.registry().corpus().by_id(&id) {
        Some(a) => Json(a).into_response(),
        None => fail(StatusCode::NOT_FOUND, no_act(&id)),
    }
}

/// The 404 of an act id the corpus does not have.
fn no_act(id: &str) -> String {
    format!("no act '{id}' in the corpus")
}

#[derive(serde::Deserialize)]
pub(super) struct UnitQuery {
    unit: Option<String>,
}

/// `GET /api/acts/{id}/text?unit=att1/p13`: `{"unit", "text"}`, the unit's whole text
/// with its labels (what a click on a resolved reference shows).
pub(super) async fn unit_text(
    State(s): State<Arc<Server>>,
    Path(id): Path<String>,
    Query(q): Query<UnitQuery>,
) -> Response {
    let reg = s.registry();
    let Some(act) = reg.corpus().by_id(&id) else {
        return fail(StatusCode::NOT_FOUND, no_act(&id));
    };
    let spec = q.unit.unwrap_or_default();
    let (part, unit) = spec.split_once('/').unwrap_or(("", spec.as_str()));
    let found = act
        .parts
        .iter()
        .filter(|p| part.is_empty() || p.id == part)
        .find_map(|p| crate::cite::find_by_id(&p.units, unit));
    match found {
        Some(u) => Json(json!({"unit": spec, "text": crate::cite::unit_text(u)})).into_response(),
        None => fail(StatusCode::NOT_FOUND, format!("act '{id}' has no unit '{spec}'")),
    }
}

/// `GET /api/acts/{id}/units`: `{"units": [{"id", "label", "text"}]}`, every unit in order
/// with its labels as printed ("2-тарау. 11. 6)"): what the clause pickers list.
pub(super) async fn units(State(s): State<Arc<Server>>, Path(id): Path<String>) -> Response {
    let reg = s.registry();
    let Some(act) = reg.corpus().by_id(&id) else {
        return fail(StatusCode::NOT_FOUND, no_act(&id));
    };
    let list: Vec<Value> = crate::cite::unit_list(act)
        .into_iter()
        .map(|(id, label, text)| json!({"id": id, "label": label, "text": text}))
        .collect();
    Json(json!({"units": list})).into_response()
}

/// `POST /api/acts`: a multipart upload that adds an act to the corpus while the server
/// runs: a clause YAML file, or an act folder's `kaz.md` and `meta.yaml` (issue 9's
/// layout; `rus.md` is accepted and not read). → 201 `{"id", "title"}`.
pub(super) async fn add_act(State(s): State<Arc<Server>>, req: Request) -> Response {
    let parts = match upload(&s, req).await {
        Ok(p) => p,
        Err(r) => return r.into_response(),
    };
    let act = match s.compute(move || act_of_upload(&parts)).await {
        Some(Ok(a)) => a,
        Some(Err(msg)) => return fail(StatusCode::UNPROCESSABLE_ENTITY, msg),
        None => return fail(StatusCode::INTERNAL_SERVER_ERROR, "the act could not be read"),
    };
    let (id, title) = (act.id.clone(), act.meta.title.clone());
    let s2 = s.clone();
    match s.compute(move || s2.add_act(act)).await {
        Some(Ok(())) => (StatusCode::CREATED, Json(json!({"id": id, "title": title}))).into_response(),
        Some(Err(msg)) => fail(StatusCode::UNPROCESSABLE_ENTITY, msg),
        None => fail(StatusCode::INTERNAL_SERVER_ERROR, "the corpus could not be rebuilt"),
    }
}

/// The act of an upload: one `.yaml`/`.yml` file (clause YAML), or `kaz.md` + `meta.yaml`.
fn act_of_upload(parts: &[Part]) -> Result<Act, String> {
    let by_file = |f: &str| parts.iter().find(|p| p.file.eq_ignore_ascii_case(f));
    let as_text = |p: &Part| String::from_utf8(p.bytes.clone()).map_err(|_| format!("{}: not UTF-8 text", p.file));
    if let (Some(kaz), Some(meta)) = (by_file("kaz.md"), by_file("meta.yaml")) {
        let folder = parts.iter().find(|p| p.name == "folder").map(Part::text).unwrap_or_else(|| "upload".into());
        return crate::corpus::import::bundled_law(&base_name(&folder), &kaz.bytes, &as_text(meta)?)
            .map_err(|e| e.to_string());
    }
    let yaml: Vec<&Part> =
        parts.iter().filter(|p| [".yaml", ".yml"].iter().any(|e| p.file.to_lowercase().ends_with(e))).collect();
    match yaml.as_slice() {
        [one] => Act::from_yaml(&as_text(one)?, FsPath::new(&one.file)).map_err(|e| e.to_string()),
        _ => Err("upload one clause YAML file (.yaml), or an act folder with kaz.md and meta.yaml".into()),
    }
}

#[derive(serde::Deserialize)]
struct CiteBody {
    act: String,
    unit: String,
    #[serde(default)]
    case: Option<String>,
    /// The act by its whole name, as a first mention names it.
    #[serde(default)]
    full: bool,
}

fn case_of(c: Option<&str>) -> Result<Case, Refusal> {
    match c {
        None | Some("") => Ok(Case::Nom),
        Some(c) => Case::parse(c).ok_or_else(|| {
            Refusal::new(StatusCode::BAD_REQUEST, format!("case '{c}' (nom, gen, dat, acc, loc, abl, ins)"))
        }),
    }
}

/// `POST /api/cite`: `{"act", "unit", "case"}` → `{"phrase"}`.
pub(super) async fn cite(State(s): State<Arc<Server>>, req: Request) -> Response {
    let body: CiteBody = match body_json(req, "{\"act\", \"unit\", \"case\"}").await {
        Ok(b) => b,
        Err(r) => return r.into_response(),
    };
    let case = match case_of(body.case.as_deref()) {
        Ok(c) => c,
        Err(r) => return r.into_response(),
    };
    match crate::generate::cite_phrase(s.registry().corpus(), &body.act, &body.unit, case, body.full) {
        Ok(phrase) => Json(json!({"phrase": phrase})).into_response(),
        Err(e) => fail(StatusCode::NOT_FOUND, e),
    }
}

#[derive(serde::Deserialize)]
pub(super) struct InflectQuery {
    text: Option<String>,
    case: Option<String>,
    #[serde(default)]
    plural: bool,
    #[serde(default)]
    possessive: bool,
}

/// `GET /api/inflect?text=&case=&plural=true&possessive=true` → `{"form"}`: what
/// `qujat inflect` prints.
pub(super) async fn inflect(Query(q): Query<InflectQuery>) -> Response {
    let text = q.text.unwrap_or_default();
    if text.trim().is_empty() {
        return fail(StatusCode::BAD_REQUEST, "text= is the word or phrase to inflect");
    }
    let mut form = match case_of(q.case.as_deref()) {
        Ok(c) => Form::case(c),
        Err(r) => return r.into_response(),
    };
    if q.plural {
        form = form.plural();
    }
    if q.possessive {
        form = form.px3();
    }
    Json(json!({"form": inflect_phrase(text.trim(), form)})).into_response()
}

#[derive(serde::Deserialize)]
pub(super) struct DateQuery {
    date: Option<String>,
    case: Option<String>,
    #[serde(default)]
    short: bool,
}

/// `GET /api/date?date=YYYY-MM-DD&case=attr|nom|…&short=true` → `{"phrase"}`: what
/// `qujat date` prints.
pub(super) async fn date(Query(q): Query<DateQuery>) -> Response {
    let raw = q.date.unwrap_or_default();
    let Some(d) = Date::from_iso(raw.trim()) else {
        return fail(StatusCode::BAD_REQUEST, format!("date '{raw}' is not a valid date YYYY-MM-DD"));
    };
    let form = match q.case.as_deref() {
        None | Some("") => DateForm::parse("attr"),
        Some(c) => DateForm::parse(c),
    };
    let Some(form) = form else {
        return fail(StatusCode::BAD_REQUEST, "case= is attr, nom, gen, dat, acc, loc, abl or ins");
    };
    let phrase = if q.short { date::short(d) } else { date::phrase(d, form) };
    Json(json!({"phrase": phrase})).into_response()
}
