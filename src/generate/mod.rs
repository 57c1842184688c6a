//! Generation: Tera templates that cite clauses from the corpus by id, in grammatical
//! Kazakh, rendered to Markdown.
//!
//! A template lives in `templates/<name>/`: `template.md.tera`, `schema.yaml` (the data
//! it needs) and `example.yaml`. [`Registry`] holds the bundled templates and any
//! `--templates DIR`; [`Registry::render`] checks a record against the schema and
//! renders it. User data is escaped for Markdown on the way in (Tera's autoescape with a
//! Markdown escape function), so markup in data stays text.

pub mod listing;
pub mod schema;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use tera::{Context, Kwargs, State, Tera};

use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::lang::cite::{chain, Links, Numbers, Target, UnitRef};
use crate::lang::date::{self, Date, DateForm};
use crate::lang::number::{cardinal, ordinal, ordinal_digits};
use crate::lang::{inflect_phrase, Case, Form};
use crate::model::{walk, Act, Part, Unit, UnitKind, Walk};
pub use schema::Schema;

include!(concat!(env!("OUT_DIR"), "/bundled_templates.rs"));

/// One template.
#[derive(Clone, Debug)]
pub struct Template {
    pub name: String,
    /// Where it came from: "bundled" or its folder.
    pub origin: String,
    pub source: String,
    pub schema: Schema,
    pub example: Option<String>,
}

impl Template {
    /// Where the example record is (for messages).
    pub fn example_path(&self) -> std::path::PathBuf {
        match self.origin.as_str() {
            "bundled" => Path::new("templates").join(&self.name).join("example.yaml"),
            dir => Path::new(dir).join("example.yaml"),
        }
    }

    /// The template's example record.
    pub fn example_record(&self) -> Result<serde_json::Value> {
        let path = self.example_path();
        let text = self.example.as_deref().ok_or_else(|| Error::input(&path, "the template has no example"))?;
        crate::yaml::from_str(text, &path, "YAML")
    }

    /// A document's title: the schema's (or the template's name), with the record's
    /// number when it has one.
    pub fn title_for(&self, data: &serde_json::Value) -> String {
        let base = if self.schema.title.is_empty() { self.name.clone() } else { self.schema.title.clone() };
        match data.get("number").map(|n| n.as_str().map(str::to_string).unwrap_or_else(|| n.to_string())) {
            Some(n) => format!("{base} № {n}"),
            None => base,
        }
    }
}

/// Templates by name, and the Tera environment that renders them.
pub struct Registry {
    pub templates: BTreeMap<String, Template>,
    tera: Tera,
    corpus: Arc<Corpus>,
}

impl Registry {
    /// The bundled templates, over a corpus.
    pub fn bundled(corpus: Arc<Corpus>) -> Registry {
        let mut r = Registry { templates: BTreeMap::new(), tera: environment(corpus.clone()), corpus };
        for (name, source, schema, example) in BUNDLED {
            let schema = Schema::from_yaml(schema, &Path::new("templates").join(name).join("schema.yaml"))
                .unwrap_or_else(|e| panic!("bundled template: {e}"));
            r.insert(Template {
                name: name.to_string(),
                origin: "bundled".into(),
                source: source.to_string(),
                schema,
                example: Some(example.to_string()),
            })
            .unwrap_or_else(|e| panic!("bundled template {name}: {e}"));
        }
        r
    }

    /// Add every template folder under `dir` (a folder with `template.md.tera` and
    /// `schema.yaml`), or `dir` itself if it is one. A folder's template replaces a
    /// bundled one of the same name.
    pub fn add_dir(&mut self, dir: &Path) -> Result<usize> {
        let mut dirs = Vec::new();
        if dir.join("template.md.tera").is_file() {
            dirs.push(dir.to_path_buf());
        } else {
            dirs.extend(crate::io::dirs_in(dir)?.into_iter().filter(|p| p.join("template.md.tera").is_file()));
        }
        if dirs.is_empty() {
            return Err(Error::input(
                dir,
                "no template here (a template folder holds template.md.tera and schema.yaml)",
            ));
        }
        for d in &dirs {
            let read = |f: &str| crate::io::read_text(&d.join(f));
            let schema_path = d.join("schema.yaml");
            let schema = Schema::from_yaml(&read("schema.yaml")?, &schema_path)?;
            let name = d.file_name().and_then(|n| n.to_str()).unwrap_or("template").to_string();
            let example = read("example.yaml").ok();
            let t =
                Template { name, origin: d.display().to_string(), source: read("template.md.tera")?, schema, example };
            self.insert(t).map_err(|e| Error::input(&d.join("template.md.tera"), e))?;
        }
        Ok(dirs.len())
    }

    fn insert(&mut self, t: Template) -> std::result::Result<(), String> {
        self.tera.add_raw_template(&tera_name(&t.name), &t.source).map_err(|e| e.to_string())?;
        self.templates.insert(t.name.clone(), t);
        Ok(())
    }

    pub fn get(&self, name: &str) -> Result<&Template> {
        self.templates.get(name).ok_or_else(|| {
            let names: Vec<&str> = self.templates.keys().map(String::as_str).collect();
            Error::usage(format!("no template '{name}' (templates: {})", names.join(", ")))
        })
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// Check `data` against the template's schema and render it to Markdown. `record`
    /// names the data in messages (a file, or a file and a row).
    pub fn render(&self, name: &str, data: &serde_json::Value, record: &str) -> Result<String> {
        let t = self.get(name)?;
        let problems = t.schema.validate(data);
        if !problems.is_empty() {
            return Err(Error::input(Path::new(record), schema::sentences(&problems)));
        }
        let ctx = Context::from_serialize(data).map_err(|e| Error::input(Path::new(record), e.to_string()))?;
        // Two passes: the first counts the citations of each act, so that the second
        // defines a short name ("(бұдан әрі – Заң)") only for an act cited again.
        let run =
            || self.tera.render(&tera_name(name), &ctx).map_err(|e| Error::input(Path::new(record), render_error(&e)));
        forget_mentions(None);
        run()?;
        forget_mentions(Some(MENTIONS.with(|m| m.take())));
        let out = run();
        forget_mentions(None);
        out
    }
}

fn tera_name(name: &str) -> String {
    // The ".md.tera" suffix turns on autoescaping with the Markdown escape function.
    format!("{name}/template.md.tera")
}

/// A Tera error as one readable message: the report with its source line, and the cause.
fn render_error(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut src: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(s) = src {
        let m = s.to_string();
        if !msg.contains(&m) {
            msg.push_str("\n  caused by: ");
            msg.push_str(&m);
        }
        src = s.source();
    }
    msg
}

/// Escape text for Markdown so that it stays text: punctuation that could start markup
/// gets a backslash (CommonMark makes any escaped ASCII punctuation literal).
pub fn escape_markdown(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut s = String::with_capacity(input.len() + 8);
    for (i, line) in input.split('\n').enumerate() {
        if i > 0 {
            s.push('\n');
        }
        // A line that would open a list, heading, quote or rule: escape its marker.
        let body = line.trim_start();
        s.push_str(&line[..line.len() - body.len()]);
        let digits = body.bytes().take_while(u8::is_ascii_digit).count();
        for (j, c) in body.char_indices() {
            // "- x", "+ x" and "1. x", "1) x" open a list only when a space or the line's
            // end follows; "=" or "-" alone can underline a heading.
            let next_blank = body[j + c.len_utf8()..].chars().next().is_none_or(char::is_whitespace);
            let marker = (j == 0 && matches!(c, '-' | '+' | '=') && (next_blank || body.chars().all(|x| x == c)))
                || (j == digits && digits > 0 && matches!(c, '.' | ')') && next_blank);
            let special = marker
                || matches!(
                    c,
                    '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '|' | '~' | '&' | '{' | '}' | '$'
                );
            if special {
                s.push('\\');
            }
            s.push(c);
        }
    }
    out.write_all(s.as_bytes())
}

fn err(msg: impl std::fmt::Display) -> tera::Error {
    tera::Error::message(msg)
}

/// The Tera environment: Markdown escaping, and the functions and filters of the
/// corpus and the language layer.
fn environment(corpus: Arc<Corpus>) -> Tera {
    let mut tera = Tera::default();
    tera.set_escape_fn(escape_markdown);
    tera.autoescape_on([".md.tera"]);

    let c = corpus.clone();
    tera.register_function("cite", move |kw: Kwargs, _: &State| -> tera::TeraResult<String> {
        let links = match kw.get::<String>("links")?.as_deref() {
            None | Some("genitive") => Links::Genitive,
            Some("bare") => Links::Bare,
            Some(other) => return Err(err(format!("cite: links='{other}' (genitive or bare)"))),
        };
        let how = Cite {
            case: case_arg(&kw, "case")?,
            links,
            name: kw.get("name")?,
            this: kw.get::<bool>("this")?.unwrap_or(false),
            owner: kw.get::<bool>("owner")?.unwrap_or(true),
            full: kw.get("full")?,
        };
        cite(&c, &kw.must_get::<String>("act")?, &kw.must_get::<String>("unit")?, &how)
    });
    let c = corpus.clone();
    tera.register_function("cite_list", move |kw: Kwargs, _: &State| -> tera::TeraResult<String> {
        #[derive(serde::Deserialize)]
        struct Args {
            bases: Vec<Basis>,
        }
        let args: Args = kw
            .deserialize()
            .map_err(|e| err(format!("cite_list: bases= is a list of {{act, units: [unit ids]}}: {e}")))?;
        cite_list(&c, &args.bases, case_arg(&kw, "case")?)
    });
    let c = corpus.clone();
    tera.register_function("clause_text", move |kw: Kwargs, _: &State| -> tera::TeraResult<String> {
        let act_id: String = kw.must_get("act")?;
        let unit: String = kw.must_get("unit")?;
        let act = find_act(&c, &act_id)?;
        let (_, path) = find_unit(act, &unit)?;
        let u = path.last().unwrap();
        u.text
            .clone()
            .or_else(|| u.heading.clone())
            .ok_or_else(|| err(format!("clause_text: unit '{unit}' of act '{act_id}' has no text of its own")))
    });
    let c = corpus;
    tera.register_function("act_ref", move |kw: Kwargs, _: &State| -> tera::TeraResult<String> {
        let act_id: String = kw.must_get("act")?;
        let case = case_arg(&kw, "case")?;
        let act = find_act(&c, &act_id)?;
        act_phrase(act, case)
            .ok_or_else(|| err(format!("act_ref: act '{act_id}' has no issuer, date, number or type to name it by")))
    });

    tera.register_filter("inflect", |x: &str, kw: Kwargs, _: &State| -> tera::TeraResult<String> {
        let mut form = Form::case(case_arg(&kw, "case")?);
        if kw.get::<bool>("plural")?.unwrap_or(false) {
            form = form.plural();
        }
        if kw.get::<bool>("px3")?.unwrap_or(false) {
            form = form.px3();
        }
        Ok(inflect_phrase(x, form))
    });
    for case in Case::ALL {
        tera.register_filter(case.code(), move |x: &str, _: Kwargs, _: &State| inflect_phrase(x, Form::case(case)));
    }
    tera.register_filter("kk_date", |x: &str, kw: Kwargs, _: &State| -> tera::TeraResult<String> {
        let d = date_arg(x)?;
        let form = match kw.get::<String>("form")? {
            None => DateForm::Attr,
            Some(f) => DateForm::parse(&f)
                .ok_or_else(|| err(format!("kk_date: form='{f}' (attr, nom, gen, dat, acc, loc, abl, ins)")))?,
        };
        Ok(date::phrase(d, form))
    });
    tera.register_filter("day_month", |x: &str, kw: Kwargs, _: &State| -> tera::TeraResult<String> {
        let d = date_arg(x)?;
        let form = match kw.get::<String>("form")? {
            None => DateForm::Case(Case::Nom),
            Some(f) => DateForm::parse(&f).ok_or_else(|| err(format!("day_month: form='{f}'")))?,
        };
        Ok(date::day_month(d, form))
    });
    tera.register_filter("kk_date_short", |x: &str, _: Kwargs, _: &State| -> tera::TeraResult<String> {
        Ok(date::short(date_arg(x)?))
    });
    tera.register_filter("words", |x: i64, _: Kwargs, _: &State| -> tera::TeraResult<String> {
        u64::try_from(x).map(cardinal).map_err(|_| err(format!("words: {x} is negative")))
    });
    tera.register_filter("ordinal", |x: i64, kw: Kwargs, _: &State| -> tera::TeraResult<String> {
        let n = u64::try_from(x).map_err(|_| err(format!("ordinal: {x} is negative")))?;
        Ok(if kw.get::<bool>("digits")?.unwrap_or(false) { ordinal_digits(n) } else { ordinal(n) })
    });
    tera
}

fn case_arg(kw: &Kwargs, name: &str) -> tera::TeraResult<Case> {
    match kw.get::<String>(name)? {
        None => Ok(Case::Nom),
        Some(c) => Case::parse(&c)
            .ok_or_else(|| err(format!("{name}='{c}' is not a case (nom, gen, dat, acc, loc, abl, ins)"))),
    }
}

fn date_arg(x: &str) -> tera::TeraResult<Date> {
    Date::from_iso(x).ok_or_else(|| err(format!("'{x}' is not a date YYYY-MM-DD")))
}

/// An act by id; an unknown id lists the acts whose ids look nearest.
fn find_act<'a>(c: &'a Corpus, id: &str) -> tera::TeraResult<&'a Act> {
    if let Some(a) = c.by_id(id) {
        return Ok(a);
    }
    let mut ids: Vec<&str> = (0..c.len()).map(|i| c.id(i)).collect();
    let common = |a: &str| a.bytes().zip(id.bytes()).take_while(|(x, y)| x == y).count();
    ids.sort_by_key(|a| std::cmp::Reverse(common(a)));
    ids.truncate(5);
    Err(err(format!("no act '{id}' in the corpus; nearest ids: {}", ids.join(", "))))
}

/// A unit by `part/unit` or `unit` id, with the chain of units from the part down to it
/// (chapters left out: clauses are numbered through the document, unless their id says
/// they restart in each chapter).
fn find_unit<'a>(act: &'a Act, spec: &str) -> tera::TeraResult<(&'a Part, Vec<&'a Unit>)> {
    let (part_id, unit_id) = match spec.split_once('/') {
        Some((p, u)) => (Some(p), u),
        None => (None, spec),
    };
    let parts: Vec<&Part> = act.parts.iter().filter(|p| part_id.is_none_or(|id| p.id == id)).collect();
    if parts.is_empty() {
        let ids: Vec<&str> = act.parts.iter().map(|p| p.id.as_str()).collect();
        return Err(err(format!(
            "act '{}' has no part '{}'; parts: {}",
            act.id,
            part_id.unwrap_or(""),
            ids.join(", ")
        )));
    }
    let mut hits = Vec::new();
    for p in &parts {
        if let Some(path) = path_to(&p.units, unit_id) {
            hits.push((*p, path));
        }
    }
    match hits.len() {
        1 => {
            let (p, mut path) = hits.pop().unwrap();
            let restart = unit_id.starts_with("ch");
            path.retain(|u| u.id == unit_id || restart || !matches!(u.kind, UnitKind::Chapter | UnitKind::Section));
            Ok((p, path))
        }
        0 => {
            // Nearby: the ids of the same prefix in the parts searched ("p1–p14").
            let prefix: String = unit_id.trim_end_matches(|c: char| c.is_ascii_digit()).to_string();
            let mut near = Vec::new();
            for p in &parts {
                let ids = collect_ids(&p.units, &prefix);
                if !ids.is_empty() {
                    near.push(format!("{} has {}", p.id, summarize(&ids)));
                }
            }
            let near = if near.is_empty() { "no such units".to_string() } else { near.join("; ") };
            Err(err(format!("act '{}' has no unit '{spec}'; {near}", act.id)))
        }
        _ => {
            let ids: Vec<String> = hits.iter().map(|(p, _)| format!("{}/{unit_id}", p.id)).collect();
            Err(err(format!(
                "unit '{unit_id}' is in several parts of act '{}': say which ({})",
                act.id,
                ids.join(", ")
            )))
        }
    }
}

/// The units from the top of `units` down to the one with this id.
fn path_to<'a>(units: &'a [Unit], id: &str) -> Option<Vec<&'a Unit>> {
    let mut found = None;
    walk(units, &mut |path| {
        if path[path.len() - 1].id != id {
            return Walk::Continue;
        }
        found = Some(path.to_vec());
        Walk::Stop
    });
    found
}

/// The ids of the units whose id is `prefix` and a number ("p" → p1, p2, …).
fn collect_ids(units: &[Unit], prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    walk(units, &mut |path| {
        let u = path[path.len() - 1];
        if u.id.trim_end_matches(|c: char| c.is_ascii_digit()) == prefix {
            out.push(u.id.clone());
        }
        Walk::Continue
    });
    out
}

/// "p1–p14" for a run of ids, else the first few.
fn summarize(ids: &[String]) -> String {
    if ids.len() > 2 {
        format!("{}–{}", ids[0], ids[ids.len() - 1])
    } else {
        ids.join(", ")
    }
}

fn unit_ref(u: &Unit) -> tera::TeraResult<UnitRef> {
    if u.kind == UnitKind::Item {
        return Err(err(format!("unit '{}' is an unnumbered item: cite the clause that holds it", u.id)));
    }
    let kind = u.kind;
    let num = u.num.clone().ok_or_else(|| err(format!("unit '{}' has no number to cite", u.id)))?;
    Ok(UnitRef { kind, numbers: Numbers::One(num) })
}

/// The phrase citing `unit` of `act` in `case`, by the act's short name ("Қағидалардың
/// 11-тармағының 6) тармақшасына") or, `full`, by its whole name as a first mention
/// does, as the web app's cite control and `POST /api/cite` give it. An unknown act or
/// unit is the message a template would get.
pub fn cite_phrase(
    corpus: &Corpus,
    act: &str,
    unit: &str,
    case: Case,
    full: bool,
) -> std::result::Result<String, String> {
    forget_mentions(None);
    let how = Cite { case, links: Links::Genitive, name: None, this: false, owner: true, full: Some(full) };
    cite(corpus, act, unit, &how).map_err(|e| render_error(&e))
}

/// How [`cite`] names a unit (the arguments of the template function).
struct Cite {
    case: Case,
    links: Links,
    /// The act's name in the chain, instead of its short name.
    name: Option<String>,
    /// "осы Ереженің …": the document's own act.
    this: bool,
    /// false: the chain without the act ("13-тармағын"), after a unit of the same act.
    owner: bool,
    /// Some(true/false): name the act in full, or not, whatever came before.
    full: Option<bool>,
}

/// A unit of an act as a phrase of the text being rendered.
fn cite(c: &Corpus, act_id: &str, unit: &str, how: &Cite) -> tera::TeraResult<String> {
    let act = find_act(c, act_id)?;
    let (part, path) = find_unit(act, unit)?;
    let refs = path.iter().map(|u| unit_ref(u)).collect::<tera::TeraResult<_>>()?;
    cite_refs(act, part, refs, how)
}

/// The chain of `refs` (from the part down) in `part` of `act`, named as [`cite`] says.
fn cite_refs(act: &Act, part: &Part, refs: Vec<UnitRef>, how: &Cite) -> tera::TeraResult<String> {
    let name = how.name.clone().unwrap_or_else(|| short_name(act, part));
    let target = Target { act: Some(name.clone()), this: how.this, path: refs };
    let phrase = chain(&target, how.case, how.links);
    let mut owner = inflect_phrase(&name, Form::case(Case::Gen));
    if how.this {
        owner = format!("осы {owner}");
    }
    let without_owner = || phrase.strip_prefix(&format!("{owner} ")).unwrap_or(&phrase).to_string();
    if how.this {
        return Ok(phrase);
    }
    if !how.owner && !target.path.is_empty() {
        return Ok(without_owner());
    }
    // Only a citation that names the act counts as a mention of it.
    let key = format!("{}/{}", act.id, part.id);
    count_mention(&key);
    let first = !introduced(&key);
    // The first mention names the act in full, with the short name the rest of the text
    // uses: "… № 149 бұйрығымен бекітілген … қағидаларының (бұдан әрі – Қағидалар)
    // 10-тармағына". An act named by its requisites (an order, a resolution) is named
    // so every time: "бұйрықтың" alone would not say which. A short name another act of
    // the text already took ("Заң" of a second law) is never used: that act is named in
    // full each time. An act counts as introduced once it was named in full.
    let holder = name_holder(&name);
    let taken = holder.as_deref().is_some_and(|h| h != key);
    let intro = introduction(act, part);
    let by_requisites = matches!(intro, Some(Intro::Names(_)));
    if how.full.unwrap_or(first || by_requisites) || taken {
        mark_introduced(&key);
        match intro {
            Some(Intro::Defines(full)) if holder.is_none() && cited_again(&key) => {
                claim_name(&name, &key);
                return Ok(format!("{full} (бұдан әрі – {name}) {}", without_owner()));
            }
            Some(Intro::Defines(full) | Intro::Names(full)) => return Ok(format!("{full} {}", without_owner())),
            None => {}
        }
    }
    if intro.is_none() {
        mark_introduced(&key);
    }
    Ok(phrase)
}

/// One legal basis of a document: an act and the units of it relied on.
#[derive(serde::Deserialize)]
struct Basis {
    act: String,
    units: Vec<String>,
}

/// Several acts' units as one phrase, each act named once: "Заңның 6-бабын, Ереженің
/// 11 және 13-тармақтарын". It goes before one "сәйкес" or "басшылыққа ала
/// отырып", so that a preamble with two bases is still one sentence with one сәйкес.
fn cite_list(c: &Corpus, bases: &[Basis], case: Case) -> tera::TeraResult<String> {
    let mut phrases = Vec::new();
    for b in bases {
        if b.units.is_empty() {
            return Err(err(format!("cite_list: no units of act '{}'", b.act)));
        }
        let act = find_act(c, &b.act)?;
        for (i, (part, refs)) in sibling_groups(act, &b.units)?.into_iter().enumerate() {
            let how = Cite { case, links: Links::Genitive, name: None, this: false, owner: i == 0, full: None };
            phrases.push(cite_refs(act, part, refs, &how)?);
        }
    }
    Ok(match phrases.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} және {last}", rest.join(", ")),
        _ => phrases.concat(),
    })
}

/// The units in the act's order, each once (as picked by hand they may be "13, 11"). A
/// unit the act lacks keeps its place, for [`find_unit`] to name it.
fn in_act_order(act: &Act, units: &[String]) -> Vec<String> {
    // (part, place in the part's tree), found as `find_unit` finds it: a bare id in the
    // first part that has it.
    let rank = |u: &str| {
        let (part, id) = u.split_once('/').map_or((None, u), |(p, id)| (Some(p), id));
        let places = act.parts.iter().enumerate().filter(|(_, p)| part.is_none_or(|want| p.id == want));
        let place = |(i, p): (usize, &Part)| {
            let (mut n, mut at) = (0, None);
            walk(&p.units, &mut |path| {
                n += 1;
                if path[path.len() - 1].id != id {
                    return Walk::Continue;
                }
                at = Some((i, n));
                Walk::Stop
            });
            at
        };
        places.filter_map(place).next().unwrap_or((usize::MAX, 0))
    };
    let mut out: Vec<String> = Vec::new();
    for u in units {
        if !out.contains(u) {
            out.push(u.clone());
        }
    }
    out.sort_by_cached_key(|u| rank(u));
    out
}

/// The units as chains, siblings in a row merged into one plural link, as legal text
/// writes them: art27, art37 → "27 және 37-баптарына"; att1/p11, att1/p13 → "11 және
/// 13-тармақтарын".
fn sibling_groups<'a>(act: &'a Act, units: &[String]) -> tera::TeraResult<Vec<(&'a Part, Vec<UnitRef>)>> {
    let mut groups: Vec<(&Part, Vec<UnitRef>)> = Vec::new();
    for u in &in_act_order(act, units) {
        let (part, path) = find_unit(act, u)?;
        let refs: Vec<UnitRef> = path.iter().map(|u| unit_ref(u)).collect::<tera::TeraResult<_>>()?;
        if let Some((last_part, last)) = groups.last_mut() {
            let n = refs.len();
            let siblings = std::ptr::eq(*last_part, part)
                && last.len() == n
                && last[..n - 1] == refs[..n - 1]
                && last[n - 1].kind == refs[n - 1].kind;
            if siblings {
                let num = match &refs[n - 1].numbers {
                    Numbers::One(x) => x.clone(),
                    _ => unreachable!("a unit's own number is one number"),
                };
                last[n - 1].numbers = match std::mem::replace(&mut last[n - 1].numbers, Numbers::List(Vec::new())) {
                    Numbers::One(x) => Numbers::List(vec![x, num]),
                    Numbers::List(mut xs) => {
                        xs.push(num);
                        Numbers::List(xs)
                    }
                    r @ Numbers::Range(..) => r,
                };
                continue;
            }
        }
        groups.push((part, refs));
    }
    Ok(groups)
}

thread_local! {
    /// The acts (and attachments) the document being rendered has cited: the first cite
    /// names one in full. A render runs on one thread; [`Registry::render`] resets it.
    static MENTIONED: std::cell::RefCell<std::collections::HashSet<String>> = Default::default();
    /// How often each is cited: counted as this pass goes, and the whole count of the
    /// first pass ([`Registry::render`] renders twice).
    static MENTIONS: std::cell::RefCell<std::collections::HashMap<String, usize>> = Default::default();
    static COUNTED: std::cell::RefCell<Option<std::collections::HashMap<String, usize>>> = const { std::cell::RefCell::new(None) };
    /// The short names the text has defined ("(бұдан әрі – Заң)"), and whose they are.
    static NAMES: std::cell::RefCell<std::collections::HashMap<String, String>> = Default::default();
}

fn name_holder(name: &str) -> Option<String> {
    NAMES.with(|n| n.borrow().get(name).cloned())
}

fn claim_name(name: &str, key: &str) {
    NAMES.with(|n| n.borrow_mut().insert(name.to_string(), key.to_string()));
}

/// Count a citation of `key` that names its act.
fn count_mention(key: &str) {
    MENTIONS.with(|m| *m.borrow_mut().entry(key.to_string()).or_default() += 1);
}

/// Whether the text has named `key` in full already.
fn introduced(key: &str) -> bool {
    MENTIONED.with(|m| m.borrow().contains(key))
}

fn mark_introduced(key: &str) {
    MENTIONED.with(|m| m.borrow_mut().insert(key.to_string()));
}

/// Whether the text cites `key` more than once (as the first pass counted; on the first
/// pass, or in a single pass, assume so).
fn cited_again(key: &str) -> bool {
    COUNTED.with(|c| c.borrow().as_ref().is_none_or(|c| c.get(key).copied().unwrap_or(0) > 1))
}

/// Start a pass: nothing cited yet; `counted` is the first pass's count, if this is the
/// second.
fn forget_mentions(counted: Option<std::collections::HashMap<String, usize>>) {
    MENTIONED.with(|m| m.borrow_mut().clear());
    MENTIONS.with(|m| m.borrow_mut().clear());
    NAMES.with(|n| n.borrow_mut().clear());
    COUNTED.with(|c| *c.borrow_mut() = counted);
}

/// What the text calls a cited part after its first mention: the short name the
/// document defines ("Ереже", "Қағидалар"), else the act's type word, capitalised for a
/// law, a code and the Constitution ("Заңының", "Кодексінің"), as legal text writes them.
fn short_name(act: &Act, part: &Part) -> String {
    if let Some(n) = &part.short_name {
        return n.clone();
    }
    let word = act.meta.act_type_kk.clone().unwrap_or_else(|| "акт".into());
    match act.meta.act_type.as_deref() {
        Some("constitution") => "Қазақстан Республикасының Конституциясы".into(),
        Some("law" | "code") => capitalise(&word),
        _ => word,
    }
}

fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// The full name of a part at its first mention, in the genitive.
enum Intro {
    /// A name the text then shortens: "(бұдан әрі – Ереже)" follows it.
    Defines(String),
    /// The act's own name (a decision, an order), which needs no short form.
    Names(String),
}

/// "Атырау облысы … № 32-2 шешімімен бекітілген … Кеңес туралы ереженің" for a document
/// approved by the act; "Қазақстан Республикасының 2001 жылғы 23 қаңтардағы «…
/// туралы» Заңының" for a law; "Қазақстан Республикасының Еңбек кодексінің" for a code;
/// the act's name ("… әкімдігінің … № 2 қаулысының") for the act itself.
fn introduction(act: &Act, part: &Part) -> Option<Intro> {
    let m = &act.meta;
    if part.id != "main" {
        let title = title_in_phrase(part.title.as_deref()?);
        let approving = act_phrase(act, Case::Ins)?;
        return Some(Intro::Defines(format!(
            "{approving} бекітілген {}",
            inflect_phrase(&title, Form::case(Case::Gen))
        )));
    }
    match m.act_type.as_deref() {
        Some("constitution") => None,
        Some("law") => {
            let title = m.title.as_deref()?;
            let date =
                m.date.as_deref().and_then(Date::from_iso).map(|d| format!("{} ", date::phrase(d, DateForm::Attr)));
            let word = crate::lang::inflect(&short_name(act, part), Form::case(Case::Gen).px3());
            Some(Intro::Defines(format!("Қазақстан Республикасының {}«{title}» {word}", date.unwrap_or_default())))
        }
        Some("code") => Some(Intro::Defines(inflect_phrase(m.title.as_deref()?, Form::case(Case::Gen)))),
        _ => act_phrase(act, Case::Gen).map(Intro::Names),
    }
}

/// A heading's title as it reads inside a sentence: a word typed in capitals for the
/// heading (ЕРЕЖЕ) is lower-cased when the lexicon knows it; an abbreviation or a name
/// the lexicon does not know (ЮНИСЕФ) keeps its capitals, and so does every other word.
fn title_in_phrase(title: &str) -> String {
    let words: Vec<String> = title
        .split(' ')
        .map(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            let lower = w.to_lowercase();
            let caps = letters >= 4 && w.chars().all(|c| !c.is_lowercase());
            if caps && crate::lexicon::lexicon().contains(&lower) {
                lower
            } else {
                w.to_string()
            }
        })
        .collect();
    words.join(" ")
}

/// "Атырау облысы Жылыой аудандық Мәслихатының 2003 жылғы 9 қыркүйектегі № 32-2 шешімі"
/// in a case (the type word is possessive: the issuer's act).
pub fn act_phrase(act: &Act, case: Case) -> Option<String> {
    let m = &act.meta;
    let word = m.act_type_kk.as_deref()?;
    let mut s = String::new();
    if let Some(i) = &m.issuer {
        // "… министрінің м.а." (the acting minister) is already the genitive's phrase: an
        // abbreviation with a full stop is not inflected.
        if i.split_whitespace().last().is_some_and(|w| w.ends_with('.')) {
            s.push_str(i);
        } else {
            s.push_str(&inflect_phrase(i, Form::case(Case::Gen)));
        }
        s.push(' ');
    }
    if let Some(d) = m.date.as_deref().and_then(Date::from_iso) {
        s.push_str(&date::phrase(d, DateForm::Attr));
        s.push(' ');
    }
    if let Some(n) = &m.number {
        s.push_str(&format!("№ {n} "));
    }
    s.push_str(&crate::lang::inflect(word, Form::case(case).px3()));
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg() -> Registry {
        Registry::bundled(Arc::new(Corpus::bundled()))
    }

    fn render_src(src: &str, data: serde_json::Value) -> std::result::Result<String, String> {
        let mut r = reg();
        r.insert(Template {
            name: "t".into(),
            origin: "test".into(),
            source: src.into(),
            schema: Schema::default(),
            example: None,
        })
        .unwrap();
        let ctx = Context::from_serialize(&data).unwrap();
        forget_mentions(None);
        r.tera.render("t/template.md.tera", &ctx).map_err(|e| render_error(&e))
    }

    #[test]
    fn functions_cite_the_corpus() {
        let out = render_src(
            r#"{{ cite(act="atyrau-zhylyoi-maslikhaty-2003-09-09-32-2", unit="att1/p13", case="dat", full=false) }}|{{ cite(act="kz-oku-agartu-2024-06-19-149", unit="p11.sp6", case="dat", full=false) }}|{{ act_ref(act="atyrau-zhylyoi-maslikhaty-2003-09-09-32-2", case="ins") }}"#,
            serde_json::json!({}),
        )
        .unwrap();
        assert_eq!(
            out,
            "Ереженің 13-тармағына|Қағидалардың 11-тармағының 6) тармақшасына|Атырау облысы Жылыой аудандық Мәслихатының 2003 жылғы 9 қыркүйектегі № 32-2 шешімімен"
        );
    }

    #[test]
    fn unknown_ids_name_what_exists() {
        let e = render_src(
            "line one\n{{ cite(act=\"atyrau-zhylyoi-maslikhaty-2003-09-09-32-2\", unit=\"att1/p15\") }}",
            serde_json::json!({}),
        )
        .unwrap_err();
        assert!(e.contains("no unit 'att1/p15'") && e.contains("att1 has p1–p14"), "{e}");
        assert!(e.contains("t/template.md.tera:2:"), "the template line: {e}");
        let e = render_src("{{ clause_text(act=\"atyrau-2003\", unit=\"p1\") }}", serde_json::json!({})).unwrap_err();
        assert!(e.contains("no act 'atyrau-2003'") && e.contains("atyrau-zhylyoi-maslikhaty-2003-09-09-32-2"), "{e}");
    }

    #[test]
    fn data_is_escaped_and_filters_inflect() {
        let out = render_src(
            "{{ x }}|{{ body | dat }}|{{ d | kk_date }}|{{ n | words }}",
            serde_json::json!({"x": "*x* <script> # {{ 7*7 }}", "body": "Тараз қаласы", "d": "2026-01-05", "n": 25}),
        )
        .unwrap();
        assert_eq!(out, r"\*x\* \<script\> \# \{\{ 7\*7 \}\}|Тараз қаласына|2026 жылғы 5 қаңтардағы|жиырма бес");
    }
}
