//! A template's data schema: fields with types, required or optional, checked before
//! rendering so that a missing or ill-typed field is named with its record.
//!
//! ```yaml
//! fields:
//!   date: {type: date, doc: Шешімнің күні}
//!   place: {type: string, required: false}
//!   recommendations:
//!     type: list
//!     items:
//!       type: object
//!       fields:
//!         body: {type: string}
//!         deadline: {type: date}
//!   basis:
//!     type: object
//!     fields:
//!       act: {type: string, cites: act}          # an act's id: the web form offers the corpus
//!       units: {type: list, items: {type: string, cites: unit}}  # that act's unit ids
//! ```

use serde::Serialize;
use serde_json::Value;

use crate::yaml::Value as YamlValue;

/// The type of a field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Type {
    /// One line of text.
    String,
    /// Text that may hold several paragraphs (separated by a blank line).
    Text,
    /// `YYYY-MM-DD`.
    Date,
    Integer,
    Bool,
    List(Box<Field>),
    Object(Vec<(String, Field)>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Field {
    #[serde(rename = "type")]
    pub ty: Type,
    pub required: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub doc: String,
    /// The only values a string field may take (`values: [signing, publication]`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// What a string names in the corpus, for pickers: `act` (an act's id) or `unit` (a
    /// unit id of the act named by the sibling `act` field).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cites: Option<String>,
}

impl Field {
    /// The fields inside: of an object, or of a list's object items.
    pub fn subfields(&self) -> Option<&[(String, Field)]> {
        match &self.ty {
            Type::Object(fs) => Some(fs),
            Type::List(item) => match &item.ty {
                Type::Object(fs) => Some(fs),
                _ => None,
            },
            _ => None,
        }
    }
}

/// A template's schema.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Schema {
    pub title: String,
    pub description: String,
    pub fields: Vec<(String, Field)>,
    /// The description and the fields' `doc` in Kazakh and Russian, for the web form
    /// (`description_kk`, `description_ru` and `docs: {path: {kk, ru}}` in schema.yaml;
    /// `path` as "sender.kk", list indices left out). What has none shows its English.
    pub words: Words,
}

/// A schema's texts for people, in Kazakh and Russian.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Words {
    pub description: Option<Docs>,
    pub docs: std::collections::BTreeMap<String, Docs>,
}

/// One text in Kazakh and Russian.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Docs {
    pub kk: String,
    pub ru: String,
}

impl Schema {
    /// Read a schema from its YAML (`file` names it in errors). Errors name the field
    /// whose definition is wrong.
    pub fn from_yaml(text: &str, file: &std::path::Path) -> crate::error::Result<Schema> {
        let v: YamlValue = crate::yaml::from_str(text, file, "YAML")?;
        let bad = |m: &str| crate::error::Error::input(file, m);
        let map = v.as_mapping().ok_or_else(|| bad("the schema must be a mapping with `fields`"))?;
        let get = |k: &str| map.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
        let fields = map.get("fields").ok_or_else(|| bad("the schema has no `fields`"))?;
        let fields = fields_of(fields, "").map_err(|m| bad(&m))?;
        let words = words_of(map, &fields).map_err(|m| bad(&m))?;
        Ok(Schema { title: get("title"), description: get("description"), fields, words })
    }

    /// Check a record. Every problem is reported, each naming its field path.
    pub fn validate(&self, data: &Value) -> Vec<Problem> {
        let mut errors = Vec::new();
        match data.as_object() {
            Some(_) => check_object(&self.fields, data, "", &mut errors),
            None => errors.push(Problem {
                field: String::new(),
                code: Code::Wrong,
                expected: Some(Expect::Object),
                message: format!("the record must be a mapping of fields, not {}", kind(data)),
            }),
        }
        errors
    }
}

/// One problem of a record, for a person: the field's path ("recommendations[2].deadline",
/// empty for the whole record), what is wrong and what the field takes, as codes a page
/// can put in its own language, and the English sentence the command line prints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub field: String,
    pub code: Code,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Expect>,
    pub message: String,
}

impl Problem {
    /// A problem of the whole record that is not a field's ("row 3: a cell cannot be read").
    pub fn of_record(message: &str) -> Problem {
        Problem { field: String::new(), code: Code::Unreadable, expected: None, message: message.to_string() }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// A record's problems as one line, as the command line and a batch's manifest write them.
pub fn sentences(problems: &[Problem]) -> String {
    problems.iter().map(|p| p.message.as_str()).collect::<Vec<_>>().join("; ")
}

/// What is wrong with a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// A required field is absent.
    Missing,
    /// A required text is blank, or a required list has no item.
    Empty,
    /// A field the schema does not have (it would be dropped silently).
    Unknown,
    /// A value of the wrong type or form; `expected` says what the field takes.
    Wrong,
    /// The record itself could not be read (a table's cell); only `message` says how.
    Unreadable,
}

/// What a field takes, when its value was wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expect {
    /// One line of text (the value had several).
    Line,
    Text,
    Date,
    Integer,
    Bool,
    List,
    Object,
    /// One of the field's `values`.
    OneOf,
}

/// `description_kk`/`description_ru` and `docs`, each doc's path a field of the schema.
fn words_of(map: &serde_yaml_ng::Mapping, fields: &[(String, Field)]) -> Result<Words, String> {
    let text = |v: Option<&YamlValue>, what: &str| match v {
        None => Ok(String::new()),
        Some(v) => v.as_str().map(str::to_string).ok_or_else(|| format!("{what} must be text")),
    };
    let kk = text(map.get("description_kk"), "`description_kk`")?;
    let ru = text(map.get("description_ru"), "`description_ru`")?;
    let description = (!kk.is_empty() || !ru.is_empty()).then_some(Docs { kk, ru });
    let mut docs = std::collections::BTreeMap::new();
    if let Some(d) = map.get("docs") {
        let d = d.as_mapping().ok_or("`docs` must be a mapping of field paths to {kk, ru}")?;
        for (k, v) in d {
            let path = k.as_str().ok_or("`docs`: a field path must be text")?;
            if !has_path(fields, path) {
                return Err(format!("`docs`: '{path}' is not a field of the schema"));
            }
            let m = v.as_mapping().ok_or_else(|| format!("`docs`: '{path}' must be {{kk, ru}}"))?;
            let one = |l: &str| text(m.get(l), &format!("`docs`: '{path}'.{l}"));
            docs.insert(path.to_string(), Docs { kk: one("kk")?, ru: one("ru")? });
        }
    }
    Ok(Words { description, docs })
}

/// Is `path` ("sender.kk", "basis.units") a field, through objects and lists of them?
fn has_path(fields: &[(String, Field)], path: &str) -> bool {
    let (head, rest) = path.split_once('.').map_or((path, None), |(h, r)| (h, Some(r)));
    let Some((_, f)) = fields.iter().find(|(n, _)| n == head) else { return false };
    match rest {
        None => true,
        Some(r) => f.subfields().is_some_and(|fs| has_path(fs, r)),
    }
}

fn fields_of(v: &YamlValue, path: &str) -> Result<Vec<(String, Field)>, String> {
    let map = v.as_mapping().ok_or_else(|| format!("{path}: `fields` must be a mapping"))?;
    let mut out = Vec::new();
    for (k, def) in map {
        let name = k.as_str().ok_or_else(|| format!("{path}: a field name must be text"))?.to_string();
        let p = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
        out.push((name, field_of(def, &p)?));
    }
    Ok(out)
}

fn field_of(def: &YamlValue, path: &str) -> Result<Field, String> {
    let m = def.as_mapping().ok_or_else(|| format!("{path}: a field must be a mapping with `type`"))?;
    let ty_name = m.get("type").and_then(|t| t.as_str()).ok_or_else(|| format!("{path}: no `type`"))?;
    let ty = match ty_name {
        "string" => Type::String,
        "text" => Type::Text,
        "date" => Type::Date,
        "integer" => Type::Integer,
        "bool" => Type::Bool,
        "list" => Type::List(Box::new(field_of(
            m.get("items").ok_or_else(|| format!("{path}: a list needs `items`"))?,
            &format!("{path}[]"),
        )?)),
        "object" => {
            Type::Object(fields_of(m.get("fields").ok_or_else(|| format!("{path}: an object needs `fields`"))?, path)?)
        }
        other => {
            return Err(format!("{path}: unknown type `{other}` (string, text, date, integer, bool, list, object)"))
        }
    };
    Ok(Field {
        ty,
        required: m.get("required").and_then(|r| r.as_bool()).unwrap_or(true),
        doc: m.get("doc").and_then(|d| d.as_str()).unwrap_or_default().to_string(),
        values: match m.get("values") {
            None => Vec::new(),
            Some(v) => v
                .as_sequence()
                .and_then(|vs| vs.iter().map(|x| x.as_str().map(str::to_string)).collect::<Option<Vec<_>>>())
                .ok_or_else(|| format!("{path}: `values` must be a list of text"))?,
        },
        cites: match m.get("cites").map(|c| c.as_str()) {
            None => None,
            Some(Some(c @ ("act" | "unit"))) => Some(c.to_string()),
            Some(_) => return Err(format!("{path}: `cites` is act or unit")),
        },
    })
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

fn check_object(fields: &[(String, Field)], data: &Value, path: &str, errors: &mut Vec<Problem>) {
    let Some(obj) = data.as_object() else { return };
    let at = |name: &str| if path.is_empty() { name.to_string() } else { format!("{path}.{name}") };
    for (name, f) in fields {
        match obj.get(name) {
            None | Some(Value::Null) => {
                if f.required {
                    let message = format!("field '{}' is missing ({})", at(name), describe(f));
                    errors.push(Problem { field: at(name), code: Code::Missing, expected: None, message });
                }
            }
            Some(v) => check(f, v, &at(name), errors),
        }
    }
    // A field the template does not know would be silently dropped: say so.
    for key in obj.keys() {
        if !fields.iter().any(|(n, _)| n == key) {
            let known: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
            let message = format!("field '{}' is not in the schema (known: {})", at(key), known.join(", "));
            errors.push(Problem { field: at(key), code: Code::Unknown, expected: None, message });
        }
    }
}

fn describe(f: &Field) -> String {
    let t = match &f.ty {
        Type::String if !f.values.is_empty() => return format!("one of: {}", f.values.join(", ")),
        Type::String => "text",
        Type::Text => "text, paragraphs allowed",
        Type::Date => "a date YYYY-MM-DD",
        Type::Integer => "a whole number",
        Type::Bool => "true or false",
        Type::List(_) => "a list",
        Type::Object(_) => "a mapping",
    };
    if f.doc.is_empty() {
        t.to_string()
    } else {
        format!("{t}: {}", f.doc)
    }
}

/// What a field of this type takes, when its value is wrong.
fn expected(f: &Field) -> Expect {
    match &f.ty {
        Type::String if !f.values.is_empty() => Expect::OneOf,
        Type::String => Expect::Line,
        Type::Text => Expect::Text,
        Type::Date => Expect::Date,
        Type::Integer => Expect::Integer,
        Type::Bool => Expect::Bool,
        Type::List(_) => Expect::List,
        Type::Object(_) => Expect::Object,
    }
}

fn check(f: &Field, v: &Value, path: &str, errors: &mut Vec<Problem>) {
    let bad = |errors: &mut Vec<Problem>, what: String| {
        let message = format!("field '{path}' must be {}, not {what}", describe(f));
        errors.push(Problem { field: path.to_string(), code: Code::Wrong, expected: Some(expected(f)), message })
    };
    let empty = |errors: &mut Vec<Problem>, message: String| {
        errors.push(Problem { field: path.to_string(), code: Code::Empty, expected: None, message })
    };
    // A list's item left empty (null) is empty, whatever it should hold.
    if v.is_null() {
        return empty(errors, format!("field '{path}' is empty ({})", describe(f)));
    }
    match &f.ty {
        Type::String => match v {
            Value::String(s) if s.contains('\n') => bad(errors, "several lines".into()),
            Value::String(s) if s.trim().is_empty() && f.required => {
                empty(errors, format!("field '{path}' is empty ({})", describe(f)))
            }
            Value::String(s) if !f.values.is_empty() && !f.values.contains(s) => bad(errors, format!("'{s}'")),
            Value::String(_) => {}
            Value::Number(n) if !f.values.is_empty() => bad(errors, format!("{n}")),
            // Numbers where text is expected (a number "149", a phone) are fine as text.
            Value::Number(_) => {}
            other => bad(errors, kind(other).into()),
        },
        Type::Text => match v {
            Value::String(s) if s.trim().is_empty() && f.required => {
                empty(errors, format!("field '{path}' is empty ({})", describe(f)))
            }
            Value::String(_) => {}
            other => bad(errors, kind(other).into()),
        },
        Type::Date => match v.as_str() {
            Some(s) if crate::lang::date::Date::from_iso(s).is_some() => {}
            Some(s) => bad(errors, format!("'{s}'")),
            None => bad(errors, kind(v).into()),
        },
        Type::Integer => {
            if !v.is_i64() && !v.is_u64() {
                bad(errors, kind(v).into());
            }
        }
        Type::Bool => {
            if !v.is_boolean() {
                bad(errors, kind(v).into());
            }
        }
        Type::List(item) => match v.as_array() {
            Some(items) => {
                if items.is_empty() && f.required {
                    empty(errors, format!("field '{path}' is an empty list"));
                }
                for (i, it) in items.iter().enumerate() {
                    check(item, it, &format!("{path}[{}]", i + 1), errors);
                }
            }
            None => bad(errors, kind(v).into()),
        },
        Type::Object(fields) => {
            if v.is_object() {
                check_object(fields, v, path, errors);
            } else {
                bad(errors, kind(v).into());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_field() {
        let s = Schema::from_yaml(
            "fields:\n  date: {type: date}\n  place: {type: string, required: false}\n  recs:\n    type: list\n    items:\n      type: object\n      fields:\n        body: {type: string}\n        deadline: {type: date}\n",
            std::path::Path::new("schema.yaml"),
        )
        .unwrap();
        let ok = serde_json::json!({"date": "2026-01-05", "recs": [{"body": "ІІМ", "deadline": "2026-02-01"}]});
        assert!(s.validate(&ok).is_empty());
        let bad = serde_json::json!({"date": "2026-13-05", "recs": [{"body": "ІІМ"}], "plase": "Құлсары"});
        let e = s.validate(&bad);
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(e[0].message.starts_with("field 'date' must be a date YYYY-MM-DD, not '2026-13-05'"), "{e:?}");
        assert!(e[1].message.starts_with("field 'recs[1].deadline' is missing"), "{e:?}");
        assert!(e[2].message.starts_with("field 'plase' is not in the schema"), "{e:?}");
        let codes: Vec<_> = e.iter().map(|p| (p.field.as_str(), p.code, p.expected)).collect();
        assert_eq!(
            codes,
            [
                ("date", Code::Wrong, Some(Expect::Date)),
                ("recs[1].deadline", Code::Missing, None),
                ("plase", Code::Unknown, None)
            ]
        );
        let item = serde_json::json!({"date": "2026-01-05", "recs": [null]});
        let e = s.validate(&item);
        assert_eq!((e[0].field.as_str(), e[0].code), ("recs[1]", Code::Empty), "{e:?}");
        let lines = serde_json::json!({"date": "2026-01-05", "recs": [], "place": "a\nb"});
        let e = s.validate(&lines);
        let codes: Vec<_> = e.iter().map(|p| (p.field.as_str(), p.code, p.expected)).collect();
        assert_eq!(codes, [("place", Code::Wrong, Some(Expect::Line)), ("recs", Code::Empty, None)]);
    }

    /// Kazakh and Russian docs name fields of the schema, or the schema is refused.
    #[test]
    fn docs_name_fields() {
        let path = std::path::Path::new("schema.yaml");
        let base = "fields:\n  sender:\n    type: object\n    fields:\n      kk: {type: string, doc: in Kazakh}\n";
        let s =
            Schema::from_yaml(&format!("{base}docs:\n  sender.kk: {{kk: қазақша, ru: на казахском}}\n"), path).unwrap();
        assert_eq!(s.words.docs["sender.kk"], Docs { kk: "қазақша".into(), ru: "на казахском".into() });
        let e = Schema::from_yaml(&format!("{base}docs:\n  sender.ru: {{kk: x, ru: y}}\n"), path).unwrap_err();
        assert!(e.to_string().contains("'sender.ru' is not a field of the schema"), "{e}");
    }

    #[test]
    fn cites_is_act_or_unit() {
        let path = std::path::Path::new("schema.yaml");
        let s = Schema::from_yaml(
            "fields:\n  act: {type: string, cites: act}\n  units: {type: list, items: {type: string, cites: unit}}\n",
            path,
        )
        .unwrap();
        assert_eq!(s.fields[0].1.cites.as_deref(), Some("act"));
        let Type::List(item) = &s.fields[1].1.ty else { panic!("a list") };
        assert_eq!(item.cites.as_deref(), Some("unit"));
        let e = Schema::from_yaml("fields:\n  act: {type: string, cites: page}\n", path).unwrap_err();
        assert!(e.to_string().contains("act: `cites` is act or unit"), "{e}");
    }
}
