//! Dates: "2026 жылғы 5 қаңтардағы", its case forms, the short "05.01.2026 ж.", and
//! parsing all of them back.
//!
//! In acts the year stands in the attributive "жылғы" and the month takes the case:
//! the attributive is locative + -ғы/-гі (қаңтардағы, сәуірдегі); "5 қаңтарда",
//! "5 қаңтарға дейін", "5 қаңтардан бастап" are the locative, dative and ablative.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

use super::noun::{inflect, Case, Form};

pub const MONTHS: [&str; 12] = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
];

/// A calendar date (proleptic Gregorian, years 1000–2999).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// A valid date, or None (31 ақпан is not one).
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        ((1000..3000).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days[month as usize - 1])
            .then_some(Date { year, month, day })
    }

    /// Read `YYYY-MM-DD`.
    pub fn from_iso(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days(&self) -> i64 {
        // (Howard Hinnant's days_from_civil.)
        let (y, m, d) = (self.year as i64 - i64::from(self.month <= 2), self.month as i64, self.day as i64);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Option<Date> {
        let (y, m, d) = civil_from_days(days);
        Date::new(u32::try_from(y).ok()?, m, d)
    }

    /// This date plus `n` days.
    pub fn plus_days(&self, n: i64) -> Option<Date> {
        Date::from_days(self.days() + n)
    }

    /// Today, in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        Date::from_days((secs / 86_400) as i64).unwrap_or(Date { year: 2026, month: 1, day: 1 })
    }
}

/// (year, month, day) of the day `days` after 1970-01-01, any year (Howard Hinnant's
/// civil_from_days): for [`Date::from_days`] and spreadsheet serials beyond its range.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m as u32, d as u32)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The form of a date phrase: the attributive ("…қаңтардағы", the default in acts) or
/// a case of the month word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateForm {
    /// "2026 жылғы 5 қаңтардағы" (of the date: before an act or a letter).
    Attr,
    Case(Case),
}

impl DateForm {
    /// `attr` or a case code (`nom`, `loc`, …).
    pub fn parse(s: &str) -> Option<DateForm> {
        match s.trim() {
            "attr" | "attributive" => Some(DateForm::Attr),
            other => Case::parse(other).map(DateForm::Case),
        }
    }
}

/// The month word in a form: (1, Attr) → "қаңтардағы", (4, Case(Dat)) → "сәуірге".
pub fn month_word(month: u32, form: DateForm) -> String {
    let m = MONTHS[(month.clamp(1, 12) - 1) as usize];
    match form {
        DateForm::Case(c) => inflect(m, Form::case(c)),
        DateForm::Attr => {
            let loc = inflect(m, Form::case(Case::Loc));
            let back = loc.ends_with('а');
            format!("{loc}{}", if back { "ғы" } else { "гі" })
        }
    }
}

/// "2026 жылғы 5 қаңтардағы" and its case forms ("2026 жылғы 5 қаңтарда").
pub fn phrase(date: Date, form: DateForm) -> String {
    format!("{} жылғы {} {}", date.year, date.day, month_word(date.month, form))
}

/// Day and month without the year, for deadlines in running text: "5 қаңтарға" (to
/// which a text adds "дейін"), "5 қаңтарда", "5 қаңтардан" ("бастап").
pub fn day_month(date: Date, form: DateForm) -> String {
    format!("{} {}", date.day, month_word(date.month, form))
}

/// The short form of letters and stamps: "05.01.2026 ж.".
pub fn short(date: Date) -> String {
    format!("{:02}.{:02}.{:04} ж.", date.day, date.month, date.year)
}

/// A date found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub date: Date,
    /// The form of the month word; the short numeric form reports `Case(Nom)`.
    pub form: DateForm,
    /// Byte range of the whole date phrase.
    pub range: std::ops::Range<usize>,
}

/// Month number and form from a month word in any case form ("қыркүйектегі", "маусымда").
pub fn month_of(word: &str) -> Option<(u32, DateForm)> {
    let w = word.to_lowercase();
    let i = MONTHS.iter().position(|m| w.starts_with(m))?;
    let rest = &w[MONTHS[i].len()..];
    let form = match rest {
        "" => DateForm::Case(Case::Nom),
        "дағы" | "дегі" | "тағы" | "тегі" => DateForm::Attr,
        "дың" | "дің" | "тың" | "тің" | "ның" | "нің" => DateForm::Case(Case::Gen),
        "ға" | "ге" | "қа" | "ке" => DateForm::Case(Case::Dat),
        "ды" | "ді" | "ты" | "ті" | "ны" | "ні" => DateForm::Case(Case::Acc),
        "да" | "де" | "та" | "те" => DateForm::Case(Case::Loc),
        "дан" | "ден" | "тан" | "тен" | "нан" | "нен" => DateForm::Case(Case::Abl),
        "мен" | "бен" | "пен" => DateForm::Case(Case::Ins),
        _ => return None,
    };
    Some((i as u32 + 1, form))
}

static YMD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([0-9]{4})\s*(?:жыл(?:ғы|ы)?|ж\.)\s+([0-9]{1,2})\s+(\p{L}+)").unwrap());
static DMY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([0-9]{1,2})\s+(\p{L}+)\s+([0-9]{4})\s*(?:жыл(?:ғы|ы)?|ж\.)").unwrap());
static NUM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9.])(([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})(?:\s*(?:жылғы|ж\.))?)(?:[^0-9]|$)").unwrap()
});

/// Year first with dots, as the corpus's amendment notes write dates ("ҚР 2004.05.11. N 552").
static NUM_YMD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^0-9.])(([0-9]{4})\.([0-9]{1,2})\.([0-9]{1,2}))(?:[^0-9]|$)").unwrap());

/// The first date in a text: "2026 жылғы 5 қаңтардағы" (any case form of the month),
/// "23 қаңтар 2001 жылғы", "05.05.2026 ж.", "8.05.2026", "2004.05.11".
pub fn find(s: &str) -> Option<Found> {
    // Every form has a year of four ASCII digits: most text is passed over without a
    // regex (the checker asks this of every reference's sentence).
    if !has_year_digits(s) {
        return None;
    }
    let mut best: Option<Found> = None;
    let mut consider = |f: Option<Found>| {
        if let Some(f) = f {
            if best.as_ref().is_none_or(|b| f.range.start < b.range.start) {
                best = Some(f);
            }
        }
    };
    if let Some(c) = YMD.captures(s) {
        consider(month_of(&c[3]).and_then(|(m, form)| {
            Some(Found {
                date: Date::new(c[1].parse().ok()?, m, c[2].parse().ok()?)?,
                form,
                range: c.get(0).unwrap().range(),
            })
        }));
    }
    if let Some(c) = DMY.captures(s) {
        consider(month_of(&c[2]).and_then(|(m, _)| {
            Some(Found {
                date: Date::new(c[3].parse().ok()?, m, c[1].parse().ok()?)?,
                form: DateForm::Attr,
                range: c.get(0).unwrap().range(),
            })
        }));
    }
    if let Some(c) = NUM.captures(s) {
        let date = Date::new(c[4].parse().unwrap_or(0), c[3].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
        consider(date.map(|date| Found { date, form: DateForm::Case(Case::Nom), range: c.get(1).unwrap().range() }));
    }
    if let Some(c) = NUM_YMD.captures(s) {
        let date = Date::new(c[2].parse().unwrap_or(0), c[3].parse().unwrap_or(0), c[4].parse().unwrap_or(0));
        consider(date.map(|date| Found { date, form: DateForm::Case(Case::Nom), range: c.get(1).unwrap().range() }));
    }
    best
}

/// Four ASCII digits in a row somewhere in `s`.
fn has_year_digits(s: &str) -> bool {
    let mut run = 0;
    s.bytes().any(|b| {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        run == 4
    })
}

/// The first date in a text as `YYYY-MM-DD`, with its byte range (what the parser needs).
pub fn find_date(s: &str) -> Option<(String, std::ops::Range<usize>)> {
    find(s).map(|f| (f.date.iso(), f.range))
}

/// Parse a whole string as one date phrase (any form above).
pub fn parse(s: &str) -> Option<Found> {
    let t = s.trim();
    find(t).filter(|f| f.range.start == 0 && f.range.end == t.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: u32, m: u32, day: u32) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn phrases() {
        assert_eq!(phrase(d(2026, 1, 5), DateForm::Attr), "2026 жылғы 5 қаңтардағы");
        assert_eq!(phrase(d(2026, 1, 5), DateForm::Case(Case::Loc)), "2026 жылғы 5 қаңтарда");
        assert_eq!(phrase(d(2026, 1, 5), DateForm::Case(Case::Dat)), "2026 жылғы 5 қаңтарға");
        assert_eq!(phrase(d(2026, 4, 7), DateForm::Attr), "2026 жылғы 7 сәуірдегі");
        assert_eq!(phrase(d(2003, 9, 9), DateForm::Attr), "2003 жылғы 9 қыркүйектегі");
        assert_eq!(phrase(d(2026, 7, 1), DateForm::Attr), "2026 жылғы 1 шілдедегі");
        assert_eq!(short(d(2026, 5, 5)), "05.05.2026 ж.");
        assert_eq!(format!("{} дейін", day_month(d(2026, 1, 5), DateForm::Case(Case::Dat))), "5 қаңтарға дейін");
        assert_eq!(day_month(d(2026, 1, 5), DateForm::Case(Case::Loc)), "5 қаңтарда");
        let attr: Vec<String> = (1..=12).map(|m| month_word(m, DateForm::Attr)).collect();
        assert_eq!(
            attr.join(" "),
            "қаңтардағы ақпандағы наурыздағы сәуірдегі мамырдағы маусымдағы шілдедегі тамыздағы қыркүйектегі қазандағы қарашадағы желтоқсандағы"
        );
    }

    #[test]
    fn day_arithmetic() {
        assert_eq!(d(1970, 1, 1).days(), 0);
        assert_eq!(d(2025, 12, 30).plus_days(60), Some(d(2026, 2, 28)));
        assert_eq!(d(2024, 2, 28).plus_days(1), Some(d(2024, 2, 29)));
        for n in [-30_000, -1, 0, 1, 19_000, 20_000, 300_000] {
            assert_eq!(Date::from_days(n).map(|x| x.days()), Some(n));
        }
    }

    #[test]
    fn round_trip_every_form() {
        for date in [d(2026, 1, 5), d(2024, 2, 29), d(2003, 9, 9), d(2025, 12, 31)] {
            let mut forms = vec![DateForm::Attr];
            forms.extend(Case::ALL.map(DateForm::Case));
            for form in forms {
                let p = phrase(date, form);
                let found = parse(&p).unwrap_or_else(|| panic!("{p}"));
                assert_eq!((found.date, found.form), (date, form), "{p}");
            }
            assert_eq!(parse(&short(date)).unwrap().date, date);
        }
    }

    #[test]
    fn finds_dates_in_text() {
        assert_eq!(find_date("2003 жылғы 9 қыркүйектегі 32-2 шешімі").unwrap().0, "2003-09-09");
        assert_eq!(find_date("Қазақстан Республикасының 23 қаңтар 2001 жылғы Заңы").unwrap().0, "2001-01-23");
        assert_eq!(find_date("2024 жылғы 21 маусымда № 34535").unwrap().0, "2024-06-21");
        assert_eq!(find_date("№ 03-2530 05.05.2026 ж.").unwrap().0, "2026-05-05");
        assert_eq!(find_date("КІРІС № 121 8.05.2026 ж.").unwrap().0, "2026-05-08");
        assert!(find_date("2026 жылғы 31 ақпандағы").is_none());
        let f = find("хат 05.05.2026 ж. бойынша").unwrap();
        assert_eq!(&"хат 05.05.2026 ж. бойынша"[f.range], "05.05.2026 ж.");
    }
}
