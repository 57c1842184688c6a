//! The act's title against its attachments: "X қағидаларын бекіту туралы" approves
//! "X қағидалары", so an attachment with that title is expected. A title that names a
//! document no attachment carries is reported: either the title or an attachment title
//! was read wrongly, or the document was published without its attachment.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::lang::noun::to_nominative;
use crate::lang::Case;
use crate::model::{Act, PartKind};

/// A warning for each approved document that no attachment title names.
pub fn check(act: &Act) -> Vec<String> {
    let Some(title) = act.meta.title.as_deref() else { return Vec::new() };
    let titles: Vec<String> = act
        .parts
        .iter()
        .filter(|p| p.kind == PartKind::Attachment)
        .filter_map(|p| p.title.as_deref())
        .map(key)
        .collect();
    if titles.is_empty() {
        return Vec::new();
    }
    let names: Vec<String> = approved(title).into_iter().filter(|n| is_document_noun(n)).collect();
    // Found when an attachment title has the head noun ("қағидалары", "ережесі"): the words
    // before it are often worded differently ("үлгілік қағидалары", "ұйымдастыру" for
    // "ұйымдастырудың"), and that is no reason to doubt the parse.
    let found: Vec<bool> = names
        .iter()
        .map(|n| {
            let head = key(n.rsplit(' ').next().unwrap_or(n));
            titles.iter().any(|t| t.split(' ').any(|w| w == head))
        })
        .collect();
    // A piece before one that is found may be a modifier of it, not a document of its own
    // ("иттерді және мысықтарды күтіп-ұстау Қағидаларын"): only the missing pieces after
    // the last one found are reported.
    let after = found.iter().rposition(|&f| f).map_or(0, |k| k + 1);
    names[after..].iter().map(|name| format!("the title approves «{name}», but no attachment has that title")).collect()
}

/// Whether a name's last word is a document's head noun (`data/document-nouns.txt`):
/// "ұйымды, … аккредиттеу" names no document, "… қағидалары" does.
fn is_document_noun(name: &str) -> bool {
    static NOUNS: LazyLock<HashSet<String>> =
        LazyLock::new(|| super::labels::nominative_forms(include_str!("../../data/document-nouns.txt")));
    name.rsplit(' ').next().is_some_and(|w| NOUNS.contains(&w.to_lowercase()))
}

/// What "… бекіту туралы" approves, each in the nominative: the accusative nouns that
/// end the object or one of its pieces joined by "және" or a comma ("X қағидаларын және
/// оның сипаттамасын" → "X қағидалары", "оның сипаттамасы"). A piece is named by its last
/// three words, which is enough to recognise it and does not depend on where the piece
/// starts.
pub fn approved(title: &str) -> Vec<String> {
    let Some(object) = title.trim().strip_suffix("туралы").map(str::trim_end).and_then(|t| t.strip_suffix("бекіту"))
    else {
        return Vec::new();
    };
    let words: Vec<&str> = object.split_whitespace().collect();
    let mut names = Vec::new();
    let mut start = 0;
    for (k, w) in words.iter().enumerate() {
        let bare = w.trim_end_matches([',', ';']);
        let ends_piece = k + 1 == words.len() || bare.len() < w.len() || words[k + 1] == "және";
        let Some(nominative) =
            ends_piece.then(|| to_nominative(bare.trim_end_matches(['»', '"']), Case::Acc)).flatten()
        else {
            continue;
        };
        let from = start.max(k.saturating_sub(2));
        let mut name: Vec<String> = words[from..k].iter().map(|w| w.to_string()).collect();
        name.push(nominative);
        names.push(name.join(" "));
        start = k + 1 + usize::from(words.get(k + 1) == Some(&"және"));
    }
    names
}

/// Each word's first four letters, lowercase, one space between: how titles are compared.
/// The stems let "жерлеудің … ұйымдастырудың қағидалары" (title) match "жерлеу …
/// ұйымдастыру қағидалары" (attachment), which differ only in case endings.
fn key(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(4).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approved_documents_in_the_nominative() {
        assert_eq!(approved("Иттерді күтіп-ұстау Қағидаларын бекіту туралы"), ["Иттерді күтіп-ұстау Қағидалары"]);
        assert_eq!(
            approved("Куәлік беру қағидаларын және оның сипаттамасын бекіту туралы"),
            ["Куәлік беру қағидалары", "оның сипаттамасы"]
        );
        assert!(approved("Мәслихаттың шешіміне өзгеріс енгізу туралы").is_empty());
    }

    const ACT: &str = "Иттерді күтіп-ұстау Қағидаларын бекіту туралы\n\nАудандық мәслихат ШЕШІМ ҚАБЫЛДАДЫ:\n\n\
        1. Қоса беріліп отырған Иттерді күтіп-ұстау Қағидалары бекітілсін.\n\n2. Осы шешім қолданысқа енгізіледі.\n\n\
        Мәслихат хатшысы\n\nА. Бекова\n\n";

    #[test]
    fn an_attachment_the_title_approves_is_looked_for() {
        let warned = |text: &str| {
            let act = crate::parse::parse_text(text, "t.txt", false).act;
            act.warnings.iter().any(|w| w.contains("«Иттерді күтіп-ұстау Қағидалары»"))
        };
        let stamp = "Аудандық мәслихаттың\n2024 жылғы 5 наурыздағы\n№ 12 шешімімен\nбекітілген\n\n";
        let with = |title: &str| format!("{ACT}{stamp}{title}\n\n1. Иттер тіркеледі.\n");
        assert!(!warned(&with("Иттерді күтіп-ұстау Қағидалары")));
        assert!(warned(&with("Мысықтарды тіркеу тізбесі")));
        // No attachment at all: nothing to compare (acts are often published without).
        assert!(!warned(ACT));
    }
}
