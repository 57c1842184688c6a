//! What `qujat templates` lists: every template with its fields, for people and as JSON
//! (the web form builder reads the same).

use serde_json::{json, Value};

use super::schema::{Field, Type};
use super::Registry;

/// The fields' docs in Kazakh and Russian, by path.
type DocsByPath = std::collections::BTreeMap<String, super::schema::Docs>;

/// `{"templates": [{name, origin, title, description, fields: [...]}]}`.
pub fn json(reg: &Registry) -> Value {
    let list: Vec<Value> = reg
        .templates
        .values()
        .map(|t| {
            let mut v = json!({
                "name": t.name,
                "origin": t.origin,
                "title": t.schema.title,
                "description": t.schema.description,
                "fields": fields_json(&t.schema.fields, "", &t.schema.words.docs),
            });
            if let Some(d) = &t.schema.words.description {
                v["description_kk"] = json!(d.kk);
                v["description_ru"] = json!(d.ru);
            }
            v
        })
        .collect();
    json!({ "templates": list })
}

/// One block per template: name, origin, title, then the fields indented by nesting.
pub fn human(reg: &Registry) -> String {
    let mut s = String::new();
    for t in reg.templates.values() {
        s.push_str(&format!("{}  ({})\n  {}\n", t.name, t.origin, t.schema.title));
        fields_human(&t.schema.fields, 2, &mut s);
        s.push('\n');
    }
    s
}

/// A field's type in words: "list of string".
pub fn type_name(t: &Type) -> String {
    match t {
        Type::String => "string".into(),
        Type::Text => "text".into(),
        Type::Date => "date".into(),
        Type::Integer => "integer".into(),
        Type::Bool => "bool".into(),
        Type::List(item) => format!("list of {}", type_name(&item.ty)),
        Type::Object(_) => "object".into(),
    }
}

fn fields_json(fields: &[(String, Field)], at: &str, docs: &DocsByPath) -> Vec<Value> {
    fields
        .iter()
        .map(|(n, f)| {
            let path = if at.is_empty() { n.clone() } else { format!("{at}.{n}") };
            let mut v = json!({"name": n, "type": type_name(&f.ty), "required": f.required, "doc": f.doc});
            if let Some(d) = docs.get(&path) {
                v["doc_kk"] = json!(d.kk);
                v["doc_ru"] = json!(d.ru);
            }
            extras(f, &mut v);
            if let Type::List(item) = &f.ty {
                let mut it = json!({"type": type_name(&item.ty)});
                extras(item, &mut it);
                v["items"] = it;
            }
            if let Some(fs) = f.subfields() {
                v["fields"] = Value::Array(fields_json(fs, &path, docs));
            }
            v
        })
        .collect()
}

/// What a form needs beyond the type: the allowed values, what the field cites.
fn extras(f: &Field, v: &mut Value) {
    if !f.values.is_empty() {
        v["values"] = json!(f.values);
    }
    if let Some(c) = &f.cites {
        v["cites"] = json!(c);
    }
}

fn fields_human(fields: &[(String, Field)], indent: usize, s: &mut String) {
    for (n, f) in fields {
        let req = if f.required { "" } else { ", optional" };
        let doc = if f.doc.is_empty() { String::new() } else { format!(" — {}", f.doc) };
        s.push_str(&format!("{:indent$}{n}: {}{req}{doc}\n", "", type_name(&f.ty)));
        if let Some(fs) = f.subfields() {
            fields_human(fs, indent + 2, s);
        }
    }
}
