//! Citation phrases: from a target (an act and a path of units) and the case its
//! governing word needs, the chain a Kazakh lawyer writes.
//!
//! The chain runs from the act down to the smallest unit. Every link but the last is
//! genitive, and every unit that has an owner before it takes the possessive:
//! "Қағидалардың 11-тармағының 6) тармақшасына". The last link takes the case its
//! governing word needs (сәйкес → dative, көзделген → locative, негізінде → genitive).
//! Lists and ranges put the noun in the plural: "1), 5) және 12) тармақшаларында",
//! "3-7-тармақтарына".

use super::noun::{inflect, inflect_phrase, Case, Form, Number, Possessive};
use super::number::ordinal;

pub use crate::model::UnitKind;

/// The nouns that name the kinds of units.
impl UnitKind {
    pub fn noun(self) -> &'static str {
        match self {
            UnitKind::Section => "бөлім",
            UnitKind::Chapter => "тарау",
            UnitKind::Division => "параграф",
            UnitKind::Article => "бап",
            UnitKind::Part => "бөлік",
            UnitKind::Clause => "тармақ",
            UnitKind::Subclause => "тармақша",
            // A list item is cited as a paragraph of its clause.
            UnitKind::Paragraph | UnitKind::Item => "абзац",
            UnitKind::Attachment => "қосымша",
        }
    }

    /// The kind named by a noun in any case form (тармағына → Clause).
    pub fn from_noun(word: &str) -> Option<UnitKind> {
        let w = word.to_lowercase();
        // Longest stems first: тармақша before тармақ, бөлім before бөлік.
        let table: [(&str, UnitKind); 11] = [
            ("тармақша", UnitKind::Subclause),
            ("тармақ", UnitKind::Clause),
            ("тармағ", UnitKind::Clause),
            ("бөлім", UnitKind::Section),
            ("бөлік", UnitKind::Part),
            ("бөліг", UnitKind::Part),
            ("тарау", UnitKind::Chapter),
            ("параграф", UnitKind::Division),
            ("бап", UnitKind::Article),
            ("баб", UnitKind::Article),
            ("абзац", UnitKind::Paragraph),
        ];
        if w.starts_with("қосымша") {
            return Some(UnitKind::Attachment);
        }
        table.iter().find(|(stem, _)| w.starts_with(stem)).map(|(_, k)| *k)
    }

    fn style(self) -> NumberStyle {
        match self {
            UnitKind::Subclause => NumberStyle::Paren,
            UnitKind::Part | UnitKind::Paragraph | UnitKind::Item => NumberStyle::Words,
            _ => NumberStyle::Hyphen,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NumberStyle {
    /// "13-тармақ", "7-2-бап"
    Hyphen,
    /// "6) тармақша"
    Paren,
    /// "екінші бөлік"
    Words,
}

/// Which units of a kind: one, a list, or a range. Numbers are kept as written
/// ("7-2", "1-1").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Numbers {
    One(String),
    List(Vec<String>),
    Range(String, String),
}

/// One link of the chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitRef {
    pub kind: UnitKind,
    pub numbers: Numbers,
}

impl UnitRef {
    pub fn one(kind: UnitKind, n: impl Into<String>) -> UnitRef {
        UnitRef { kind, numbers: Numbers::One(n.into()) }
    }
}

/// How the middle links stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Links {
    /// Every middle link genitive: "Заңының 27-бабының 1-тармағының 1) тармақшасына".
    #[default]
    Genitive,
    /// Earlier links in the bare possessive, the one before the last genitive when there
    /// are three or more: "Заңының 27-бабы 1-тармағының 1) тармақшасына", "6-бабы
    /// 3-тармағына".
    Bare,
}

/// What a citation points at.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Target {
    /// The act as it is named in the nominative: "Қағидалар", "Ереже", "Қазақстан
    /// Республикасының Әкімшілік құқық бұзушылық туралы кодексі". None for units of
    /// the text itself ("13-тармаққа").
    pub act: Option<String>,
    /// A self reference: "осы Қағидалардың …".
    pub this: bool,
    pub path: Vec<UnitRef>,
}

/// Build the chain: ("Қағидалар", [тармақ 11, тармақша 6]), dative →
/// "Қағидалардың 11-тармағының 6) тармақшасына".
pub fn chain(target: &Target, case: Case, links: Links) -> String {
    let mut parts: Vec<String> = Vec::with_capacity(target.path.len() + 1);
    let n = target.path.len();
    if let Some(act) = &target.act {
        let form = if n == 0 { Form::case(case) } else { Form::case(Case::Gen) };
        let mut s = inflect_phrase(act, form);
        if target.this {
            s = format!("осы {s}");
        }
        parts.push(s);
    }
    for (i, unit) in target.path.iter().enumerate() {
        let last = i + 1 == n;
        // Bare: "6-бабы 3-тармағына", "27-бабы 1-тармағының 1) тармақшасына": the first
        // link in the bare possessive; with three or more, the one before the last genitive.
        let bare = links == Links::Bare && !last && (i + 2 < n || n == 2);
        let owned = target.act.is_some() || i > 0 || bare;
        let link_case = if last {
            case
        } else if bare {
            Case::Nom
        } else {
            Case::Gen
        };
        let plural = !matches!(unit.numbers, Numbers::One(_));
        let form = Form {
            number: if plural { Number::Pl } else { Number::Sg },
            possessive: if owned { Possessive::Px3 } else { Possessive::None },
            case: link_case,
        };
        parts.push(unit_phrase(unit, form));
    }
    parts.join(" ")
}

/// One unit with its number(s): "11-тармағының", "6) тармақшасына", "екінші бөлігіне",
/// "1), 5) және 12) тармақшаларында", "3-7-тармақтарына".
pub fn unit_phrase(unit: &UnitRef, form: Form) -> String {
    let noun = inflect(unit.kind.noun(), form);
    let style = unit.kind.style();
    let num = |n: &str| -> String {
        match style {
            NumberStyle::Hyphen => format!("{n}-"),
            NumberStyle::Paren => format!("{n})"),
            NumberStyle::Words => n.parse::<u64>().map(ordinal).unwrap_or_else(|_| n.to_string()),
        }
    };
    // Between the last number and the noun: nothing after a hyphen, a space otherwise.
    let join = |nums: String| -> String {
        if style == NumberStyle::Hyphen {
            format!("{nums}{noun}")
        } else {
            format!("{nums} {noun}")
        }
    };
    match &unit.numbers {
        Numbers::One(n) => join(num(n)),
        Numbers::Range(a, b) => match style {
            NumberStyle::Hyphen => join(format!("{a}-{b}-")),
            NumberStyle::Paren => join(format!("{a})-{b})")),
            NumberStyle::Words => join(format!("{}-{}", num(a), num(b))),
        },
        Numbers::List(items) => {
            // "1), 5) және 12)" / "15 және 16-": only the last number carries the hyphen.
            let shown: Vec<String> = items
                .iter()
                .enumerate()
                .map(|(i, n)| if style == NumberStyle::Hyphen && i + 1 < items.len() { n.clone() } else { num(n) })
                .collect();
            let list = match shown.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} және {last}", rest.join(", ")),
                Some((last, _)) => last.clone(),
                None => String::new(),
            };
            join(list)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(act: &str, path: Vec<UnitRef>) -> Target {
        Target { act: Some(act.into()), this: false, path }
    }

    #[test]
    fn chains_of_the_issue() {
        let t = target("Қағидалар", vec![UnitRef::one(UnitKind::Clause, "11"), UnitRef::one(UnitKind::Subclause, "6")]);
        assert_eq!(chain(&t, Case::Dat, Links::Genitive), "Қағидалардың 11-тармағының 6) тармақшасына");
        let t = target(
            "Қазақстан Республикасының Заңы",
            vec![UnitRef::one(UnitKind::Article, "7-2"), UnitRef::one(UnitKind::Part, "2")],
        );
        assert_eq!(
            chain(&t, Case::Dat, Links::Genitive),
            "Қазақстан Республикасының Заңының 7-2-бабының екінші бөлігіне"
        );
        let t = target("Ереже", vec![UnitRef::one(UnitKind::Clause, "13")]);
        assert_eq!(chain(&t, Case::Dat, Links::Genitive), "Ереженің 13-тармағына");
    }

    /// Issue 14: chains for laws and codes, in every case.
    #[test]
    fn law_and_code_chains_in_every_case() {
        let law = target(
            "Заң",
            vec![
                UnitRef::one(UnitKind::Article, "6"),
                UnitRef::one(UnitKind::Clause, "1"),
                UnitRef::one(UnitKind::Subclause, "4"),
            ],
        );
        let want = [
            (Case::Nom, "Заңның 6-бабының 1-тармағының 4) тармақшасы"),
            (Case::Gen, "Заңның 6-бабының 1-тармағының 4) тармақшасының"),
            (Case::Dat, "Заңның 6-бабының 1-тармағының 4) тармақшасына"),
            (Case::Acc, "Заңның 6-бабының 1-тармағының 4) тармақшасын"),
            (Case::Loc, "Заңның 6-бабының 1-тармағының 4) тармақшасында"),
            (Case::Abl, "Заңның 6-бабының 1-тармағының 4) тармақшасынан"),
            (Case::Ins, "Заңның 6-бабының 1-тармағының 4) тармақшасымен"),
        ];
        for (case, phrase) in want {
            assert_eq!(chain(&law, case, Links::Genitive), phrase);
        }
        // A law's own name is possessive: "… Заңы" → "Заңының".
        let named = target(
            "Қазақстан Республикасының Заңы",
            vec![UnitRef::one(UnitKind::Article, "6"), UnitRef::one(UnitKind::Clause, "1")],
        );
        assert_eq!(
            chain(&named, Case::Dat, Links::Genitive),
            "Қазақстан Республикасының Заңының 6-бабының 1-тармағына"
        );
        // The bare possessive chain: "6-бабы 3-тармағына".
        let bare = Target {
            act: None,
            this: false,
            path: vec![UnitRef::one(UnitKind::Article, "6"), UnitRef::one(UnitKind::Clause, "3")],
        };
        assert_eq!(chain(&bare, Case::Dat, Links::Bare), "6-бабы 3-тармағына");
        // A code's numbered paragraphs are бөлік, in words.
        let code = target(
            "Қылмыстық-атқару кодексі",
            vec![
                UnitRef::one(UnitKind::Article, "41"),
                UnitRef::one(UnitKind::Part, "1"),
                UnitRef::one(UnitKind::Subclause, "1"),
            ],
        );
        for (case, end) in [
            (Case::Nom, "тармақшасы"),
            (Case::Dat, "тармақшасына"),
            (Case::Loc, "тармақшасында"),
            (Case::Ins, "тармақшасымен"),
        ] {
            assert_eq!(
                chain(&code, case, Links::Genitive),
                format!("Қылмыстық-атқару кодексінің 41-бабының бірінші бөлігінің 1) {end}")
            );
        }
        let constitution = target("Конституция", vec![UnitRef::one(UnitKind::Article, "33")]);
        assert_eq!(chain(&constitution, Case::Dat, Links::Genitive), "Конституцияның 33-бабына");
        let constitution =
            target("Қазақстан Республикасының Конституциясы", vec![UnitRef::one(UnitKind::Article, "33")]);
        assert_eq!(
            chain(&constitution, Case::Dat, Links::Genitive),
            "Қазақстан Республикасының Конституциясының 33-бабына"
        );
    }

    #[test]
    fn lists_ranges_and_bare_links() {
        let t = Target {
            act: Some("Қағидалар".into()),
            this: true,
            path: vec![
                UnitRef::one(UnitKind::Clause, "5"),
                UnitRef {
                    kind: UnitKind::Subclause,
                    numbers: Numbers::List(vec!["1".into(), "5".into(), "12".into()]),
                },
            ],
        };
        assert_eq!(
            chain(&t, Case::Loc, Links::Genitive),
            "осы Қағидалардың 5-тармағының 1), 5) және 12) тармақшаларында"
        );
        let t =
            target("Ереже", vec![UnitRef { kind: UnitKind::Clause, numbers: Numbers::Range("3".into(), "7".into()) }]);
        assert_eq!(chain(&t, Case::Dat, Links::Genitive), "Ереженің 3-7-тармақтарына");
        let t = Target {
            act: None,
            this: false,
            path: vec![UnitRef { kind: UnitKind::Subclause, numbers: Numbers::Range("10".into(), "12".into()) }],
        };
        assert_eq!(chain(&t, Case::Nom, Links::Genitive), "10)-12) тармақшалар");
        let t = target(
            "Кодексі",
            vec![
                UnitRef::one(UnitKind::Article, "27"),
                UnitRef::one(UnitKind::Clause, "1"),
                UnitRef { kind: UnitKind::Subclause, numbers: Numbers::Range("1".into(), "16".into()) },
            ],
        );
        assert_eq!(chain(&t, Case::Dat, Links::Bare), "Кодексінің 27-бабы 1-тармағының 1)-16) тармақшаларына");
        let t = target(
            "Кодекс",
            vec![UnitRef { kind: UnitKind::Chapter, numbers: Numbers::List(vec!["15".into(), "16".into()]) }],
        );
        assert_eq!(chain(&t, Case::Dat, Links::Genitive), "Кодекстің 15 және 16-тарауларына");
    }

    #[test]
    fn unit_nouns_in_any_form() {
        assert_eq!(UnitKind::from_noun("тармағына"), Some(UnitKind::Clause));
        assert_eq!(UnitKind::from_noun("тармақшаларында"), Some(UnitKind::Subclause));
        assert_eq!(UnitKind::from_noun("бабының"), Some(UnitKind::Article));
        assert_eq!(UnitKind::from_noun("бөлігіне"), Some(UnitKind::Part));
        assert_eq!(UnitKind::from_noun("бөлімінің"), Some(UnitKind::Section));
    }
}
