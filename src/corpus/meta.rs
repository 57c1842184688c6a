//! `meta.yaml` of the kazakhstan-law corpus → the act's [`Meta`].
//!
//! The file is written by the corpus's own builder, in Russian where it is prose: the
//! requisite line "Закон Республики Казахстан от 23 января 2001 года № 148", and when the
//! act ended, ". Утратил силу Законом Республики Казахстан от 30 декабря 2025 года №
//! 245-VIII (вводится в действие по истечении шестидесяти календарных дней …)".

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::error::Result;
use crate::model::{ActRef, LostForce, Meta, Registration};

/// The fields of `meta.yaml` that qujat reads (others are ignored).
#[derive(Debug, Default, Deserialize)]
pub struct CorpusMeta {
    #[serde(default, deserialize_with = "string_or_number")]
    pub act_code: Option<String>,
    #[serde(default)]
    pub requisite: Option<String>,
    #[serde(default)]
    pub title: BTreeMap<String, String>,
    #[serde(default)]
    pub form: Option<String>,
    #[serde(default, deserialize_with = "string_or_number")]
    pub approved_on: Option<String>,
    /// Per language (`kaz`, `rus`); older files give one date.
    #[serde(default)]
    pub version_date: Option<VersionDate>,
    #[serde(default)]
    pub caused_by: Option<CausedBy>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum VersionDate {
    One(String),
    PerLanguage(BTreeMap<String, String>),
}

#[derive(Debug, Default, Deserialize)]
pub struct CausedBy {
    #[serde(default, deserialize_with = "string_or_number")]
    pub code: Option<String>,
    #[serde(default)]
    pub requisite: Option<String>,
}

/// YAML gives `act_code: 7966` as a number and `'7966'` as a string; both are the code.
fn string_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<String>, D::Error> {
    let v: Option<crate::yaml::Value> = Option::deserialize(d)?;
    Ok(match v {
        Some(crate::yaml::Value::String(s)) => Some(s),
        Some(crate::yaml::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

/// Read a `meta.yaml`; an error names the file and line.
pub fn read(text: &str, file: &Path) -> Result<CorpusMeta> {
    crate::yaml::from_str(text, file, "a corpus meta.yaml")
}

impl CorpusMeta {
    /// The version's date: the Kazakh text's, else the Russian's.
    pub fn version(&self) -> Option<String> {
        match self.version_date.as_ref()? {
            VersionDate::One(d) => Some(d.clone()),
            VersionDate::PerLanguage(m) => m.get("kaz").or_else(|| m.get("rus")).cloned(),
        }
    }

    /// Fill `meta` with what the file says. The file is the corpus's record of the act,
    /// so its title, date and number win over what the parser read from the text.
    pub fn apply(&self, meta: &mut Meta) {
        meta.act_code = self.act_code.clone();
        if let Some(t) = self.title.get("kaz").filter(|t| !t.trim().is_empty()) {
            meta.title = Some(t.trim().to_string());
        }
        meta.title_ru = self.title.get("rus").map(|t| t.trim().to_string());
        meta.form = self.form.clone();
        if let Some(t) = self.form.as_deref().and_then(form_type) {
            if meta.act_type.is_none() || matches!(t, "law" | "code") {
                meta.act_type = Some(t.to_string());
            }
        }
        let requisite = self.requisite.as_deref().unwrap_or("");
        let (own, ended) = match requisite.find("Утратил") {
            Some(i) => (&requisite[..i], Some(&requisite[i..])),
            None => (requisite, None),
        };
        let own_ref = act_ref(own);
        meta.date = self.approved_on.clone().or(own_ref.date).or(meta.date.take());
        meta.number = own_ref.number.or(meta.number.take());
        if let Some(r) = registration(own) {
            meta.registration = Some(r);
        }
        meta.version_date = self.version();
        meta.amended_by = self.caused_by.as_ref().and_then(|c| c.requisite.as_deref()).map(act_ref);
        meta.lost_force = ended.map(lost_force);
    }
}

/// The corpus's form codes that name a kind of act unambiguously.
fn form_type(form: &str) -> Option<&'static str> {
    match form {
        "ЗАК" => Some("law"),
        "КОД" => Some("code"),
        "ПРИК" => Some("order"),
        _ => None,
    }
}

/// "от 23 января 2001 года № 148": the first date in words and the number after it.
static REQUISITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:от\s+)?(\d{1,2})\s+(\p{L}+)\s+(\d{4})\s+года(?:\s+№\s*(\S+?)(?:\.(?:\s|$)|[\s,;)]|$))?").unwrap()
});

/// The Russian month names of the requisite line, in the genitive ("января"): the
/// corpus's builder writes them so.
const MONTHS_RU: [&str; 12] =
    ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"];

fn month_ru(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    // "ма" is a prefix of nothing else among the months; test the longer stems first.
    let mut order: Vec<usize> = (0..12).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(MONTHS_RU[i].len()));
    order.into_iter().find(|&i| w.starts_with(MONTHS_RU[i])).map(|i| i as u32 + 1)
}

/// A date in Russian words in `text` ("23 января 2001", "от 23 января 2001 года"):
/// YYYY-MM-DD and its byte range.
pub fn date_ru(text: &str) -> Option<(String, std::ops::Range<usize>)> {
    static DATE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\d{1,2})\s+(\p{L}+)\s+(\d{4})(?:\s+(?:года|г\.))?").unwrap());
    DATE.captures_iter(text).find_map(|c| {
        let d = crate::lang::date::Date::new(c[3].parse().ok()?, month_ru(&c[2])?, c[1].parse().ok()?)?;
        Some((d.iso(), c.get(0)?.range()))
    })
}

/// The act a requisite line names: its date, number and kind.
pub fn act_ref(text: &str) -> ActRef {
    let mut r = ActRef { kind: kind_ru(text).map(str::to_string), ..Default::default() };
    if let Some(c) = REQUISITE.captures(text) {
        let date = month_ru(&c[2])
            .and_then(|m| crate::lang::date::Date::new(c[3].parse().ok()?, m, c[1].parse().ok()?).map(|d| d.iso()));
        r.date = date;
        r.number = c.get(4).map(|m| m.as_str().trim_end_matches(['.', ',']).to_string());
    }
    r
}

/// The kind of act a Russian requisite names by its first word ("Закон", "Законом",
/// "Кодекс", "Указ", "Постановление", "Приказ", "Решение").
pub(crate) fn kind_ru(text: &str) -> Option<&'static str> {
    const KINDS: [(&str, &str); 8] = [
        ("конституционн", "law"),
        ("закон", "law"),
        ("кодекс", "code"),
        ("указ", "decree"),
        ("постановлени", "resolution"),
        ("приказ", "order"),
        ("решени", "decision"),
        ("распоряжени", "instruction"),
    ];
    let words = text.split_whitespace().map(str::to_lowercase);
    words.take(4).find_map(|w| KINDS.iter().find(|(s, _)| w.starts_with(s)).map(|(_, k)| *k))
}

/// "Зарегистрирован в Министерстве юстиции … 21 октября 2019 года № 19491".
fn registration(text: &str) -> Option<Registration> {
    let i = text.find("Зарегистрирован")?;
    let r = act_ref(&text[i..]);
    Some(Registration {
        authority: Some("Министерство юстиции Республики Казахстан".into()),
        date: r.date,
        number: r.number,
    })
    .filter(|_| text[i..].contains("юстиции"))
}

/// "Утратил силу Законом … от 30 декабря 2025 года № 245-VIII (вводится в действие по
/// истечении шестидесяти календарных дней …)".
fn lost_force(text: &str) -> LostForce {
    let r = act_ref(text.trim_start_matches("Утратил силу").trim_start_matches("Утратил"));
    LostForce {
        date: r.date,
        number: r.number,
        kind: r.kind,
        delay_days: delay_days(text),
        text: text.trim().to_string(),
    }
}

/// "по истечении шестидесяти календарных дней": 60. Digits or Russian number words.
fn delay_days(text: &str) -> Option<u32> {
    let i = text.find("по истечении")?;
    let tail = &text[i + "по истечении".len()..];
    let j = tail.find("календарн").or_else(|| tail.find("дней"))?;
    let words = &tail[..j];
    if let Some(n) = words.split_whitespace().find_map(|w| w.parse::<u32>().ok()) {
        return Some(n);
    }
    // Tens before units; the stems of the genitive forms ("шестидесяти", "двадцати одного").
    const NUMS: [(&str, u32); 28] = [
        ("девяност", 90),
        ("восемьдесят", 80),
        ("восьмидесят", 80),
        ("семьдесят", 70),
        ("семидесят", 70),
        ("шестьдесят", 60),
        ("шестидесят", 60),
        ("пятьдесят", 50),
        ("пятидесят", 50),
        ("сорок", 40),
        ("тридцат", 30),
        ("двадцат", 20),
        ("одиннадцат", 11),
        ("двенадцат", 12),
        ("тринадцат", 13),
        ("четырнадцат", 14),
        ("пятнадцат", 15),
        ("десят", 10),
        ("один", 1),
        ("одного", 1),
        ("два", 2),
        ("двух", 2),
        ("тр", 3),
        ("четыр", 4),
        ("пят", 5),
        ("шест", 6),
        ("сем", 7),
        ("девят", 9),
    ];
    let mut total = 0;
    for w in words.split_whitespace().map(str::to_lowercase) {
        if let Some((_, n)) = NUMS.iter().find(|(s, _)| w.starts_with(s)) {
            total += n;
        } else if w.starts_with("восьм") {
            total += 8;
        }
    }
    (total > 0).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requisites() {
        let r = act_ref("Закон Республики Казахстан от 23 января 2001 года № 148");
        assert_eq!(
            (r.date.as_deref(), r.number.as_deref(), r.kind.as_deref()),
            (Some("2001-01-23"), Some("148"), Some("law"))
        );
        let r = act_ref("Закон Республики Казахстан от 7 ноября 2014 года № 248-V ЗРК");
        assert_eq!((r.date.as_deref(), r.number.as_deref()), (Some("2014-11-07"), Some("248-V")));
        let t = "Приказ Начальника Канцелярии Президента Республики Казахстан от 7 октября 2019 года № 19-42-3.3.17. Зарегистрирован в Министерстве юстиции Республики Казахстан 21 октября 2019 года № 19491";
        assert_eq!(act_ref(t).number.as_deref(), Some("19-42-3.3.17"));
        let reg = registration(t).unwrap();
        assert_eq!((reg.date.as_deref(), reg.number.as_deref()), (Some("2019-10-21"), Some("19491")));
    }

    #[test]
    fn loss_of_force() {
        let t = "Утратил силу Законом Республики Казахстан от 30 декабря 2025 года № 245-VIII (вводится в действие по истечении шестидесяти календарных дней после дня его первого официального опубликования)";
        let l = lost_force(t);
        assert_eq!(
            (l.date.as_deref(), l.number.as_deref(), l.delay_days),
            (Some("2025-12-30"), Some("245-VIII"), Some(60))
        );
        assert_eq!(l.kind.as_deref(), Some("law"));
        assert_eq!(delay_days("по истечении двадцати одного календарного дня"), Some(21));
        assert_eq!(delay_days("по истечении двадцати одного календарных дней"), Some(21));
        assert_eq!(delay_days("по истечении десяти календарных дней"), Some(10));
    }
}
