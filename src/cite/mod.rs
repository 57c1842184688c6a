//! Citations: find every clause reference in a draft, resolve it against the corpus and
//! the draft's own structure, and report the ones that point at nothing.
//!
//! [`check`] is the entry point: normalize the draft → parse it (for self references) →
//! [`extract`] references paragraph by paragraph → resolve → diagnostics with spans in
//! the original text.

pub mod extract;
mod locate;
pub mod report;

use std::collections::HashMap;
use std::ops::Range;

use crate::corpus::{self, Corpus};
use crate::lang::cite::{chain, Links, Numbers, Target, UnitRef};
use crate::lang::noun::{inflect, Case, Form, Number, Possessive};
use crate::model::{walk, Act, PartKind, Unit, UnitKind, Walk};
use extract::{ActRef, Link, Owner};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// Where something is in the original file: byte range, and 1-based line and column
/// (columns count characters).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Span {
    #[serde(skip)]
    pub bytes: Range<usize>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// The Word paragraph, for a draft read from DOCX (its lines are its paragraphs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub file: String,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    #[serde(flatten)]
    pub span: Span,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Citation {
    pub file: String,
    #[serde(flatten)]
    pub span: Span,
    pub text: String,
    pub resolved: bool,
    /// The full unit address `<act id>/<part id>/<unit id>` (the first, for a list).
    pub target: Option<String>,
    /// Every unit a list or range points at.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<String>,
    /// The first words of the cited unit ("6-бап. Мәслихаттардың құзыреті: 1.
    /// Мәслихаттардың құзыретіне: …"), so that the writer sees what she cites.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_text: Option<String>,
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    pub citations: Vec<Citation>,
}

impl Checked {
    /// Say that the draft's lines are Word paragraphs: every span gets its paragraph.
    pub fn in_paragraphs(&mut self) {
        let spans =
            self.diagnostics.iter_mut().map(|d| &mut d.span).chain(self.citations.iter_mut().map(|c| &mut c.span));
        for s in spans {
            s.paragraph = Some(s.line);
        }
    }
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
    }
}

/// Diagnostic codes.
pub mod codes {
    /// The act is in the corpus, the unit is not.
    pub const MISSING_UNIT: &str = "missing-unit";
    /// The act is not in the corpus: the reference cannot be verified.
    pub const UNKNOWN_ACT: &str = "unknown-act";
    /// Several acts fit the reference.
    pub const AMBIGUOUS: &str = "ambiguous";
    /// A reference to the draft itself that its structure cannot place.
    pub const SELF_UNRESOLVED: &str = "self-unresolved";
    /// The unit exists but was repealed ("алып тасталды").
    pub const REPEALED_UNIT: &str = "repealed-unit";
    /// The act had lost force by the draft's date.
    pub const LOST_FORCE: &str = "lost-force";
}

/// Which act (and part) a reference's owner is.
#[derive(Clone, Debug)]
enum ActTarget {
    Corpus { act: usize, part: usize },
    Draft { part: usize },
}

/// Check a draft: `text` is the decoded file, `file` its name for messages.
pub fn check(text: &str, file: &str, markdown: bool, corpus: &Corpus) -> Checked {
    let crate::parse::Parsed { act: draft, normalized: n } = crate::parse::parse_text(text, file, markdown);
    let lines = locate::LineIndex::new(text);
    let mut cx = Context {
        corpus,
        draft: &draft,
        file,
        defined: HashMap::new(),
        unresolved_names: std::collections::HashSet::new(),
        last: HashMap::new(),
        on_date: draft.meta.date.clone().unwrap_or_else(|| crate::lang::date::Date::today().iso()),
        draft_amends: amends_another(&draft),
        out: Checked::default(),
    };
    for para in &n.paras {
        if is_note(&para.text) {
            // An editorial note of the database ("Ескерту. … 2-тармақтан қараңыз …") speaks of
            // the amending act's units, not of this text's.
            continue;
        }
        let found = extract::extract(&para.text);
        // Events in text order: mentions and references set "the act mentioned last",
        // definitions bind a short name to it.
        enum Ev<'a> {
            Mention(&'a extract::Mention),
            Ref(&'a extract::Reference),
            Def(&'a extract::Definition),
        }
        let mut events: Vec<(usize, Ev)> = Vec::new();
        events.extend(found.mentions.iter().map(|m| (m.range.start, Ev::Mention(m))));
        events.extend(found.references.iter().map(|r| (r.range.start, Ev::Ref(r))));
        events.extend(found.definitions.iter().map(|d| (d.range.start, Ev::Def(d))));
        events.sort_by_key(|e| e.0);
        let mut recent: Option<ActTarget> = None;
        for (_, ev) in events {
            match ev {
                Ev::Mention(m) => {
                    // (An act not found leaves nothing for a definition after it to name.)
                    recent = cx.find_named(&m.act).ok().flatten();
                    if let Some(t) = &recent {
                        cx.last.insert(m.act.type_word.clone(), t.clone());
                    }
                }
                Ev::Def(d) => {
                    let key = corpus::name_key(&d.name);
                    match recent.clone() {
                        Some(t) => {
                            // "(бұдан әрі – Қағидалар)" names the attachment when the act approves one.
                            let t = cx.attachment_named(t, &d.name);
                            cx.unresolved_names.remove(&key);
                            cx.defined.insert(key, t);
                        }
                        None => {
                            // A short name of an act not in the corpus: later references by it
                            // cannot be checked (and are not the text's own Қағидалар).
                            cx.defined.remove(&key);
                            cx.unresolved_names.insert(key);
                        }
                    }
                }
                Ev::Ref(r) => {
                    let span = lines.span(text, para, r.range.clone());
                    let quoted = para.text[r.range.clone()].to_string();
                    recent = cx.reference(r, span, quoted);
                }
            }
        }
    }
    let mut out = cx.out;
    out.diagnostics.sort_by_key(|d| (d.span.bytes.start, d.severity));
    out
}

struct Context<'a> {
    corpus: &'a Corpus,
    draft: &'a Act,
    file: &'a str,
    /// Short names the draft defines → what they name.
    defined: HashMap<String, ActTarget>,
    /// Short names the draft defines for acts not in the corpus.
    unresolved_names: std::collections::HashSet<String>,
    /// Act-type word → the act of that type mentioned last.
    last: HashMap<String, ActTarget>,
    /// The day the draft speaks of (its date, else today): which text of a law applies.
    on_date: String,
    /// The draft amends another act (some unit of it says "… енгізілсін", "…
    /// толықтырылсын", …).
    draft_amends: bool,
    out: Checked,
}

const ATTACHMENT_WORDS: &[&str] = &["ереже", "қағидалар", "бағдарлама", "нұсқаулық", "тізбе"];

impl<'a> Context<'a> {
    fn act(&self, t: &ActTarget) -> &'a Act {
        match t {
            ActTarget::Corpus { act, .. } => self.corpus.act_on(*act, &self.on_date).act,
            ActTarget::Draft { .. } => self.draft,
        }
    }

    fn part_index(t: &ActTarget) -> usize {
        match t {
            ActTarget::Corpus { part, .. } | ActTarget::Draft { part } => *part,
        }
    }

    /// The act's attachment called `name` (Ереже, Қағидалар), or the act itself.
    fn attachment_named(&self, t: ActTarget, name: &str) -> ActTarget {
        let key = corpus::name_key(name);
        let act = self.act(&t);
        let found = act
            .parts
            .iter()
            .position(|p| p.short_name.as_deref().map(corpus::name_key).as_deref() == Some(key.as_str()));
        match (t, found) {
            (ActTarget::Corpus { act, .. }, Some(part)) => ActTarget::Corpus { act, part },
            (ActTarget::Draft { .. }, Some(part)) => ActTarget::Draft { part },
            (t, None) => t,
        }
    }

    /// An act named with its identity: Ok(Some) found, Ok(None) not in the corpus,
    /// Err(candidates) ambiguous.
    fn find_named(&self, a: &ActRef) -> Result<Option<ActTarget>, Vec<usize>> {
        if !a.has_identity() {
            return Ok(None);
        }
        let mut cands: Vec<usize> = Vec::new();
        if let (Some(d), Some(n)) = (&a.date, &a.number) {
            cands.extend(self.corpus.by_date_number(&d.iso(), n));
        }
        if let Some(r) = &a.registration {
            for i in self.corpus.by_registration(r) {
                if !cands.contains(&i) {
                    cands.push(i);
                }
            }
        }
        if let Some(title) = &a.title {
            for i in self.corpus.by_title(title) {
                if !cands.contains(&i) {
                    cands.push(i);
                }
            }
        }
        // The type word must fit: the approving act's type for "…бұйрығымен бекітілген
        // Қағидалар", else the word itself unless it names an attachment.
        let act_word = a
            .approved_by
            .as_deref()
            .or((!ATTACHMENT_WORDS.contains(&a.type_word.as_str())).then_some(a.type_word.as_str()));
        if let Some(w) = act_word {
            cands.retain(|&i| self.corpus.type_word(i).is_none_or(|k| k == w));
        }
        if cands.is_empty() {
            cands = self.by_date_and_title(a, act_word);
        }
        if cands.is_empty() && a.date.is_none() && a.number.is_none() {
            cands = self.by_type_and_name(a, act_word);
        }
        match cands.len() {
            0 => Ok(None),
            1 => {
                let t = ActTarget::Corpus { act: cands[0], part: 0 };
                Ok(Some(if ATTACHMENT_WORDS.contains(&a.type_word.as_str()) {
                    self.attachment_named(t, &a.type_word)
                } else {
                    t
                }))
            }
            _ => Err(cands),
        }
    }

    /// Is a reference at `line` (its text `quoted`) part of an amending instruction: its
    /// sentence, or a unit of the draft that holds it, says "… толықтырылсын", "…
    /// өзгерістер енгізілсін:" (verbs of `data/amendment-verbs.txt`)?
    fn amends(&self, line: usize, quoted: &str) -> bool {
        let part = &self.draft.parts[self.draft_part_at(line)].units;
        let mut texts: Vec<&str> = vec![quoted];
        for kind in [UnitKind::Clause, UnitKind::Subclause, UnitKind::Item] {
            if let Some(u) = enclosing(part, kind, line) {
                texts.extend(u.text.as_deref());
            }
        }
        texts.iter().any(|t| has_amendment_verb(t))
    }

    /// The part of the draft that holds source line `line`.
    fn draft_part_at(&self, line: usize) -> usize {
        let mut best = 0;
        for (i, p) in self.draft.parts.iter().enumerate() {
            if p.units.first().is_some_and(|u| u.line <= line) {
                best = i;
            }
        }
        best
    }

    fn reference(&mut self, r: &extract::Reference, span: Span, text: String) -> Option<ActTarget> {
        let line = span.line;
        let (target, scope_unit): (ActTarget, Option<&Unit>) = match &r.owner {
            Owner::Implicit if self.amends(line, &text) => {
                // "17-тармақ алып тасталсын", "… 5-тармақпен толықтырылсын": the units of the
                // act being amended.
                self.diag(
                    Severity::Warning,
                    codes::UNKNOWN_ACT,
                    format!("«{text}»: өзгертілетін актінің бірлігі, тексерілмеді"),
                    span.clone(),
                    vec![],
                );
                self.cite(span, text, None, vec![]);
                return None;
            }
            Owner::Implicit => (ActTarget::Draft { part: self.draft_part_at(line) }, None),
            Owner::ThisAct { type_word } => {
                // "осы бұйрықтың": the act itself; "осы Әдістеменің", "осы Келісімнің": the
                // document so named, or else the part that holds the reference.
                let part = self.draft_part_at(line);
                let t = if crate::parse::amend::act_kind(type_word).is_some() {
                    ActTarget::Draft { part: 0 }
                } else {
                    self.attachment_named(ActTarget::Draft { part }, type_word)
                };
                (t, None)
            }
            Owner::ThisUnit { kind } => {
                let part = self.draft_part_at(line);
                let in_tree = Some(*kind).filter(|k| k.in_tree());
                match in_tree.and_then(|k| enclosing(&self.draft.parts[part].units, k, line)) {
                    Some(u) => (ActTarget::Draft { part }, Some(u)),
                    None => {
                        self.diag(
                            Severity::Warning,
                            codes::SELF_UNRESOLVED,
                            format!("«{}»: мәтінде бұл сілтеме тұрған {} табылмады", text, kind.noun()),
                            span.clone(),
                            vec![],
                        );
                        self.cite(span, text, None, vec![]);
                        return None;
                    }
                }
            }
            Owner::Unknown { word } => {
                self.diag(
                    Severity::Warning,
                    codes::UNKNOWN_ACT,
                    format!("«{word}» корпуста жоқ: сілтеме тексерілмеді"),
                    span.clone(),
                    vec!["актіні толық атаңыз (түрі, күні, нөмірі) немесе оны --corpus қалтасына қосыңыз".into()],
                );
                self.cite(span, text, None, vec![]);
                return None;
            }
            Owner::Abbrev { name } => {
                match self
                    .defined
                    .get(&corpus::name_key(name))
                    .filter(|_| !self.unresolved_names.contains(&corpus::name_key(name)))
                {
                    Some(t) => (t.clone(), None),
                    None => {
                        self.diag(
                        Severity::Warning,
                        codes::UNKNOWN_ACT,
                        format!("«{name}»: бұл қысқарту атаған акт корпуста жоқ немесе анықталмаған, сілтеме тексерілмеді"),
                        span.clone(),
                        vec!["актіні толық атап, «(бұдан әрі – …)» деп анықтаңыз немесе оны --corpus қалтасына қосыңыз".into()],
                    );
                        self.cite(span, text, None, vec![]);
                        return None;
                    }
                }
            }
            Owner::Act(a) => match self.resolve_act(a) {
                Ok(t) => (t, None),
                Err((sev, code, msg, notes)) => {
                    self.diag(sev, code, msg, span.clone(), notes);
                    self.cite(span, text, None, vec![]);
                    return None;
                }
            },
        };
        if let Owner::Act(a) = &r.owner {
            self.last.insert(a.type_word.clone(), target.clone());
        }
        if let (ActTarget::Draft { part }, None) = (&target, scope_unit) {
            let kind = r.links[0].kind;
            if !part_has(&self.draft.parts[*part], kind) {
                // "15-бабының 4-тармағына" in a text with no articles: its act was named in a
                // way not read, or the text's structure was not; not a sure error.
                let noun = inflect(kind.noun(), Form::case(Case::Nom).px3());
                let plural = inflect(kind.noun(), Form::case(Case::Nom).plural());
                self.diag(
                    Severity::Warning,
                    codes::UNKNOWN_ACT,
                    format!(
                        "«{text}»: қай актінің {noun} екені анықталмады (мәтінде {plural} жоқ), сілтеме тексерілмеді"
                    ),
                    span.clone(),
                    vec![],
                );
                self.cite(span, text, None, vec![]);
                return None;
            }
        }
        let act = self.act(&target);
        let mut part_idx = Self::part_index(&target);
        // Walk the chain.
        let mut scope: &[Unit] = match scope_unit {
            Some(u) => std::slice::from_ref(u),
            None => &act.parts[part_idx].units,
        };
        let mut scope_is_unit = scope_unit.is_some();
        let mut done: Vec<UnitRef> = Vec::new();
        let mut ids: Vec<String> = Vec::new();
        // The first unit of the chain that was repealed, and the chain down to it.
        let mut repealed: Option<(&Unit, Vec<UnitRef>)> = None;
        if let ActTarget::Corpus { act: i, .. } = &target {
            self.lost_force(*i, &r.owner, span.clone());
        }
        for (k, link) in r.links.iter().enumerate() {
            let last = k + 1 == r.links.len();
            if link.kind == UnitKind::Attachment {
                // "2-қосымшасының 5-тармағы": the N-th attachment of the act; "осы
                // Қағидаларға 3-қосымша": the N-th appendix of that attachment.
                let atts = appendices(act, part_idx);
                let wanted = numbers_list(&link.numbers);
                let picked: Vec<Option<usize>> = wanted
                    .iter()
                    .map(|n| n.parse::<usize>().ok().and_then(|k| atts.get(k.wrapping_sub(1)).copied()))
                    .collect();
                let missing: Vec<String> =
                    wanted.iter().zip(&picked).filter(|(_, p)| p.is_none()).map(|(n, _)| n.clone()).collect();
                if !missing.is_empty() {
                    let existing: Vec<String> = (1..=atts.len()).map(|i| i.to_string()).collect();
                    let mut msg = self.missing_message(&r.owner, &done, link, &missing, &existing);
                    let (sev, notes) = match &target {
                        // Forms and tables of an act are often published as images, not text:
                        // an appendix missing from the text is not surely missing from the act.
                        ActTarget::Draft { .. } => (
                            Severity::Warning,
                            vec!["мәтінде қосымшалар толық болмауы мүмкін (нысандар сурет ретінде жарияланады)".into()],
                        ),
                        ActTarget::Corpus { .. } => {
                            let (sev, m, notes) = self.missing_severity(&target, msg.clone());
                            msg = m;
                            (sev, notes)
                        }
                    };
                    self.diag(sev, codes::MISSING_UNIT, msg, span.clone(), notes);
                    self.cite(span, text, None, vec![]);
                    return Some(target);
                }
                let parts: Vec<usize> = picked.into_iter().flatten().collect();
                part_idx = parts[0];
                scope = &act.parts[part_idx].units;
                scope_is_unit = false;
                done.push(UnitRef { kind: link.kind, numbers: link.numbers.clone() });
                if last || parts.len() > 1 {
                    let pid = |i: usize| format!("{}/{}", act.id, act.parts[i].id);
                    let targets: Vec<String> = parts.iter().map(|&i| pid(i)).collect();
                    let first = targets[0].clone();
                    let title = act.parts[parts[0]].title.clone().map(|t| first_words(&t, 16));
                    self.cite(span, text, Some(first), if targets.len() > 1 { targets } else { vec![] });
                    self.cited_text(title);
                    return Some(target);
                }
                continue;
            }
            let kind = link.kind;
            // "осы тармақтың бірінші бөлігі": a part of a clause is a paragraph of its text,
            // which the model does not split; verified down to the clause.
            let part_of_text = kind == UnitKind::Part && !(scope_is_unit && scope[0].kind == UnitKind::Article);
            if !kind.in_tree() || part_of_text {
                // абзац: paragraphs of a unit's text are not in the model; the chain is
                // verified up to here.
                break;
            }
            let wanted = numbers_list(&link.numbers);
            let mut found: Vec<&Unit> = Vec::new();
            let mut missing: Vec<String> = Vec::new();
            for n in &wanted {
                let mut hits = Vec::new();
                let inner = if scope_is_unit { &scope[0].units[..] } else { scope };
                if kind == UnitKind::Subclause && n.contains('-') && !has_number(inner, kind, n) {
                    // "5-тармағы 1-4) тармақшасында": subclauses 1) to 4), when no subclause is
                    // numbered "1-4)" itself.
                    if let Some(r) = range_units(inner, kind, n) {
                        hits.extend(r);
                    }
                } else if kind == UnitKind::Part && scope_is_unit && scope[0].kind == UnitKind::Article {
                    // бөлік of an article: its N-th paragraph (see corpus::article_parts).
                    hits.extend(
                        n.parse::<usize>()
                            .ok()
                            .and_then(|k| corpus::article_parts(&scope[0]).get(k.wrapping_sub(1)).copied()),
                    );
                } else {
                    corpus::find_units(inner, kind, n, &mut hits);
                }
                match hits.first() {
                    Some(u) => found.push(u),
                    None => missing.push(n.clone()),
                }
            }
            if !missing.is_empty() {
                let inner = if scope_is_unit { &scope[0].units[..] } else { scope };
                let mut existing = Vec::new();
                if kind == UnitKind::Part && scope_is_unit && scope[0].kind == UnitKind::Article {
                    existing = (1..=corpus::article_parts(&scope[0]).len()).map(|k| k.to_string()).collect();
                } else {
                    corpus::numbers_of(inner, kind, &mut existing);
                }
                let msg = self.missing_message(&r.owner, &done, link, &missing, &existing);
                let (sev, msg, notes) = self.missing_severity(&target, msg);
                self.diag(sev, codes::MISSING_UNIT, msg, span.clone(), notes);
                self.cite(span, text, None, vec![]);
                return Some(target);
            }
            done.push(UnitRef { kind: link.kind, numbers: link.numbers.clone() });
            if repealed.is_none() {
                repealed = found.iter().find(|u| u.repealed.is_some()).map(|u| (*u, done.clone()));
            }
            if last || found.len() != 1 {
                ids = found.iter().map(|u| u.id.clone()).collect();
                break;
            }
            scope = std::slice::from_ref(found[0]);
            scope_is_unit = true;
            ids = vec![found[0].id.clone()];
        }
        if let Some((u, path)) = repealed {
            // Repealed numbers are not reused (legislative technique), so this holds whatever
            // the version.
            let by = u.repealed.as_ref().map(describe_act_ref).unwrap_or_default();
            let msg = format!("{} алып тасталған{by}", self.chain_phrase(&r.owner, &path));
            self.diag(Severity::Error, codes::REPEALED_UNIT, msg, span.clone(), vec![]);
        }
        let part = &act.parts[part_idx];
        let targets: Vec<String> = ids
            .iter()
            .map(|id| {
                if id.is_empty() {
                    format!("{}/{}", act.id, part.id)
                } else {
                    format!("{}/{}/{}", act.id, part.id, id)
                }
            })
            .collect();
        let first = targets.first().cloned();
        let summary = match ids.first().map(String::as_str) {
            Some("") | None => part.title.clone().map(|t| first_words(&t, 16)),
            Some(id) => find_by_id(&part.units, id).map(unit_summary),
        };
        self.cite(span, text, first, if targets.len() > 1 { targets } else { vec![] });
        self.cited_text(summary);
        Some(target)
    }

    /// Resolve an act owner, or say why not: (severity, code, message, notes).
    fn resolve_act(&self, a: &ActRef) -> Result<ActTarget, (Severity, &'static str, String, Vec<String>)> {
        if a.has_identity() {
            return match self.find_named(a) {
                Ok(Some(t)) => Ok(t),
                Ok(None) => Err((
                    Severity::Warning,
                    codes::UNKNOWN_ACT,
                    format!("{} корпуста жоқ: сілтеме тексерілмеді", describe(a)),
                    vec![],
                )),
                Err(c) => Err((
                    Severity::Note,
                    codes::AMBIGUOUS,
                    format!("{} бірнеше актіге сәйкес келеді: тексерілмеді", describe(a)),
                    vec![self.ids(&c)],
                )),
            };
        }
        if let Some(t) = self.defined.get(&a.type_word) {
            return Ok(t.clone());
        }
        if a.type_word == "конституция" {
            // There is one Constitution.
            return match self.corpus.by_type("конституция")[..] {
                [i] => Ok(ActTarget::Corpus { act: i, part: 0 }),
                _ => Err((
                    Severity::Warning,
                    codes::UNKNOWN_ACT,
                    format!("{} корпуста жоқ: сілтеме тексерілмеді", nominative(a)),
                    vec!["Конституцияны --corpus қалтасына қосыңыз (qujat corpus import)".into()],
                )),
            };
        }
        if self.unresolved_names.contains(&a.type_word) {
            return Err((
                Severity::Warning,
                codes::UNKNOWN_ACT,
                format!("{}: мәтін осы атпен атаған акт корпуста жоқ, сілтеме тексерілмеді", capitalized(&a.type_word)),
                vec![],
            ));
        }
        if let Some(t) = self.last.get(&a.type_word) {
            return Ok(t.clone());
        }
        // The draft's own attachment of that name ("Қағидалардың 5-тармағы" inside an order
        // that approves those Қағидалар).
        if let Some(part) = self
            .draft
            .parts
            .iter()
            .position(|p| p.short_name.as_deref().map(corpus::name_key).as_deref() == Some(a.type_word.as_str()))
        {
            return Ok(ActTarget::Draft { part });
        }
        if ATTACHMENT_WORDS.contains(&a.type_word.as_str()) {
            let c = self.corpus.by_short_name(&a.type_word);
            return match c.len() {
                0 => Err((
                    Severity::Warning,
                    codes::UNKNOWN_ACT,
                    format!("{} корпуста жоқ: сілтеме тексерілмеді", describe(a)),
                    vec![],
                )),
                1 => Ok(ActTarget::Corpus { act: c[0].0, part: c[0].1 }),
                _ => Err((
                    Severity::Note,
                    codes::AMBIGUOUS,
                    format!(
                        "«{}» корпуста {} актіде бар: қайсысы екені белгісіз, тексерілмеді",
                        capitalized(&a.type_word),
                        c.len()
                    ),
                    vec![
                        self.ids(&c.iter().map(|x| x.0).collect::<Vec<_>>()),
                        "актіні толық атаңыз немесе «(бұдан әрі – …)» деп анықтаңыз".into(),
                    ],
                )),
            };
        }
        Err((
            Severity::Warning,
            codes::UNKNOWN_ACT,
            format!("{}: қай акт екені көрсетілмеген, сілтеме тексерілмеді", describe(a)),
            vec![],
        ))
    }

    /// A law cited by date and title, without its number, whose title has changed since
    /// ("…жергілікті мемлекеттік басқару туралы" of 2001 is now "…басқару және өзін-өзі
    /// басқару туралы"): the acts of that date and type whose title holds every word of
    /// the cited one.
    fn by_date_and_title(&self, a: &ActRef, act_word: Option<&str>) -> Vec<usize> {
        let (Some(d), Some(title), Some(w)) = (&a.date, &a.title, act_word) else { return Vec::new() };
        let cited = corpus::title_key(title);
        let words: Vec<&str> = cited.split(' ').collect();
        let fits = |i: usize| self.title_holds(i, &words);
        let same_type = |i: &usize| self.corpus.type_word(*i) == Some(w);
        self.corpus.by_date(&d.iso()).into_iter().filter(same_type).filter(|&i| fits(i)).collect()
    }

    /// How sure a missing unit is. Of the draft itself, or of a corpus act without
    /// versions: an error. Of a versioned act (a law from the corpus): an error only when
    /// its text is known to be current on the draft's date (the import's `--as-of` is on or
    /// after it, and the version is not newer than it); otherwise the unit may have been
    /// added by an amendment the corpus does not have, and it is a warning.
    fn missing_severity(&self, t: &ActTarget, msg: String) -> (Severity, String, Vec<String>) {
        let ActTarget::Corpus { act, .. } = t else {
            // An amending act quotes the text it amends, and that text says "осы қаулы" of
            // itself: a unit missing from the amending act may be the amended act's.
            return match self.draft_amends {
                true => (
                    Severity::Warning,
                    msg,
                    vec!["мәтін басқа актіні өзгертеді: сілтеме сол актіге қатысты болуы мүмкін".into()],
                ),
                false => (Severity::Error, msg, vec![]),
            };
        };
        let on = self.on_date.as_str();
        let chosen = self.corpus.act_on(*act, on);
        let Some(vd) = chosen.version_date.as_deref() else { return (Severity::Error, msg, vec![]) };
        // The version covers the day when a later one exists, or the corpus knew it to be
        // current on or after that day.
        let sure = vd <= on && (chosen.later || chosen.as_of.as_deref().is_some_and(|a| a >= on));
        if sure {
            return (Severity::Error, msg, vec![]);
        }
        let (head, tail) = msg.split_once(" жоқ: ").map_or((msg.as_str(), None), |(h, t)| (h, Some(t)));
        let why = if vd > on {
            format!("{head} {vd} редакциясында жоқ; {on} күнгі редакциясы корпуста жоқ")
        } else {
            format!("{head} {vd} редакциясында жоқ; кейінгі өзгерістер корпуста жоқ")
        };
        let notes = tail.map(|t| vec![format!("{vd} редакциясында: {t}")]).unwrap_or_default();
        (Severity::Warning, why, notes)
    }

    /// An act of the corpus that lost force on or before the draft's date (its stated
    /// delay counted from the ending act's date, the earliest it can be): an error naming
    /// the act that ended it.
    fn lost_force(&mut self, i: usize, owner: &Owner, span: Span) {
        let act = self.corpus.act_on(i, &self.on_date).act;
        let Some(lf) = &act.meta.lost_force else { return };
        let Some(d) = lf.date.as_deref().and_then(crate::lang::date::Date::from_iso) else { return };
        let from = d.plus_days(i64::from(lf.delay_days.unwrap_or(0))).unwrap_or(d);
        if self.on_date.as_str() < from.iso().as_str() {
            return;
        }
        let name = match owner {
            Owner::Act(a) => match &a.title {
                Some(t) => format!("«{t}» {}", nominative(a)),
                None => nominative(a),
            },
            _ => act.meta.title.clone().unwrap_or_else(|| act.id.clone()),
        };
        let by = describe_act_ref(&crate::model::ActRef {
            date: lf.date.clone(),
            number: lf.number.clone(),
            kind: lf.kind.clone(),
        });
        let msg = format!("{name} {} бастап күшін жойған{by}; құжат күні {}", from.iso(), self.on_date);
        self.diag(Severity::Error, codes::LOST_FORCE, msg, span, vec![lf.text.clone()]);
    }

    /// "Заңының 5-бабының 2) тармақшасы": the owner and the chain, in the nominative.
    fn chain_phrase(&self, owner: &Owner, path: &[UnitRef]) -> String {
        let m = self.missing_message(
            owner,
            &path[..path.len() - 1],
            &Link {
                kind: path[path.len() - 1].kind,
                numbers: path[path.len() - 1].numbers.clone(),
                form: Form::case(Case::Nom),
                range: 0..0,
            },
            &numbers_list(&path[path.len() - 1].numbers),
            &[],
        );
        m.split(" жоқ").next().unwrap_or(&m).to_string()
    }

    /// A code or the Constitution, cited by its name alone ("Қазақстан Республикасы
    /// Кәсіпкерлік кодексінің", "Еңбек кодексі", "Конституциясының"): the acts of that type
    /// whose title holds every word of the name. Few acts are codes, so the list is short.
    fn by_type_and_name(&self, a: &ActRef, act_word: Option<&str>) -> Vec<usize> {
        let Some(w) = act_word.filter(|w| matches!(*w, "кодекс" | "конституция")) else {
            return Vec::new();
        };
        let Some(name) = &a.title else { return Vec::new() };
        // The name's words without the type word's own form ("кодексі", "Кодекстің").
        let key = corpus::title_key(name);
        let words: Vec<&str> = key.split(' ').filter(|x| extract::type_form(x).is_none_or(|(l, _)| l != w)).collect();
        if words.is_empty() {
            return Vec::new();
        }
        let fits = |i: &usize| self.title_holds(*i, &words);
        self.corpus.by_type(w).into_iter().filter(fits).collect()
    }

    /// Does act `i`'s title hold every one of these (title-key) words?
    fn title_holds(&self, i: usize, words: &[&str]) -> bool {
        let have = self.corpus.title(i).map(corpus::title_key).unwrap_or_default();
        let have: std::collections::HashSet<&str> = have.split(' ').collect();
        words.iter().all(|x| have.contains(x))
    }

    fn ids(&self, acts: &[usize]) -> String {
        let ids: Vec<&str> = acts.iter().map(|&i| self.corpus.id(i)).collect();
        format!("үміткерлер: {}", ids.join(", "))
    }

    /// "Ереженің 15-тармағы жоқ: 1–14-тармақтар бар".
    fn missing_message(
        &self,
        owner: &Owner,
        done: &[UnitRef],
        link: &Link,
        missing: &[String],
        existing: &[String],
    ) -> String {
        // The owner as a phrase the chain inflects: "Ереже" → "Ереженің", "осы шешім" →
        // "осы шешімнің". A unit of the text itself has none: "15-тармақ жоқ".
        let act_name = match owner {
            Owner::Act(a) => Some(nominative(a)),
            Owner::ThisAct { type_word } => Some(format!("осы {type_word}")),
            Owner::ThisUnit { kind } => Some(format!("осы {}", kind.noun())),
            Owner::Abbrev { name } => Some(name.clone()),
            Owner::Implicit | Owner::Unknown { .. } => None,
        };
        let mut path: Vec<UnitRef> = done.to_vec();
        let run = missing.len() >= 3
            && missing
                .windows(2)
                .all(|w| w[0].parse::<u64>().ok().zip(w[1].parse::<u64>().ok()).is_some_and(|(a, b)| b == a + 1));
        let numbers = match missing.len() {
            1 => Numbers::One(missing[0].clone()),
            _ if run => Numbers::Range(missing[0].clone(), missing[missing.len() - 1].clone()),
            _ => Numbers::List(missing.to_vec()),
        };
        path.push(UnitRef { kind: link.kind, numbers });
        let phrase = chain(&Target { act: act_name, this: false, path }, Case::Nom, Links::Genitive);
        let plural_noun =
            inflect(link.kind.noun(), Form { number: Number::Pl, possessive: Possessive::None, case: Case::Nom });
        let have = match existing.len() {
            0 => format!("{plural_noun} жоқ"),
            1 => format!("{} бар", ranges(existing, link.kind, link.kind.noun())),
            _ => format!("{} бар", ranges(existing, link.kind, &plural_noun)),
        };
        format!("{phrase} жоқ: {have}")
    }

    fn diag(&mut self, severity: Severity, code: &'static str, message: String, span: Span, notes: Vec<String>) {
        self.out.diagnostics.push(Diagnostic { file: self.file.to_string(), severity, code, message, span, notes });
    }

    fn cite(&mut self, span: Span, text: String, target: Option<String>, targets: Vec<String>) {
        self.out.citations.push(Citation {
            file: self.file.to_string(),
            span,
            text,
            resolved: target.is_some(),
            target,
            targets,
            target_text: None,
        });
    }

    /// Set the cited text of the citation just made.
    fn cited_text(&mut self, summary: Option<String>) {
        if let Some(c) = self.out.citations.last_mut() {
            c.target_text = summary;
        }
    }
}

/// The act as the message names it, in the nominative: "Қағидалар", "Заңы".
fn nominative(a: &ActRef) -> String {
    let w = if a.possessive { inflect(&a.type_word, Form::case(Case::Nom).px3()) } else { a.type_word.clone() };
    if a.printed.chars().next().is_some_and(char::is_uppercase) {
        capitalized(&w)
    } else {
        w
    }
}

fn capitalized(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

/// "бұйрық (2024-06-19, № 149)" — what was looked for.
fn describe(a: &ActRef) -> String {
    let mut bits = Vec::new();
    if let Some(t) = &a.title {
        bits.push(format!("«{t}»"));
    }
    if let Some(d) = &a.date {
        bits.push(d.iso());
    }
    if let Some(n) = &a.number {
        bits.push(format!("№ {n}"));
    }
    if let Some(r) = &a.registration {
        bits.push(format!("тіркеу № {r}"));
    }
    let what = a.approved_by.as_ref().map_or_else(|| nominative(a), |w| format!("{w} бекіткен {}", nominative(a)));
    if bits.is_empty() {
        what
    } else {
        format!("{what} ({})", bits.join(", "))
    }
}

/// "1–14-тармақтар", "1)–7) тармақшалар", "1–3, 5-тармақтар".
fn ranges(nums: &[String], kind: UnitKind, plural_noun: &str) -> String {
    let mut runs: Vec<(String, String)> = Vec::new();
    for n in nums {
        let v: Option<u64> = n.parse().ok();
        if let (Some(v), Some(last)) = (v, runs.last_mut()) {
            // Runs of three or more are ranges; two in a row stay a list (1), 2)).
            if last.1.parse::<u64>().ok() == Some(v.wrapping_sub(1)) {
                last.1 = n.clone();
                continue;
            }
        }
        runs.push((n.clone(), n.clone()));
    }
    let paren = kind == UnitKind::Subclause;
    let runs: Vec<(String, String)> = runs
        .into_iter()
        .flat_map(|(a, b)| {
            // (Compound numbers "20-1" do not parse: never a pair.)
            let two = a.parse::<u64>().is_ok_and(|x| b.parse::<u64>().ok() == Some(x + 1));
            if two {
                vec![(a.clone(), a), (b.clone(), b)]
            } else {
                vec![(a, b)]
            }
        })
        .collect();
    let shown: Vec<String> = runs
        .iter()
        .map(|(a, b)| {
            let f = |x: &str| if paren { format!("{x})") } else { x.to_string() };
            if a == b {
                f(a)
            } else {
                format!("{}–{}", f(a), f(b))
            }
        })
        .collect();
    if paren {
        format!("{} {plural_noun}", shown.join(", "))
    } else {
        format!("{}-{plural_noun}", shown.join(", "))
    }
}

fn numbers_list(n: &Numbers) -> Vec<String> {
    match n {
        Numbers::One(x) => vec![x.clone()],
        Numbers::List(v) => v.clone(),
        Numbers::Range(a, b) => match (a.parse::<u64>(), b.parse::<u64>()) {
            (Ok(x), Ok(y)) if x <= y && y - x < 1000 => (x..=y).map(|i| i.to_string()).collect(),
            _ => vec![a.clone(), b.clone()],
        },
    }
}

/// The attachments "N-қосымша" counts, for an owner at part `owner`: the appendices of
/// that attachment when it has some (parts whose `parent` is it), else the act's own
/// attachments (those without a parent; all of them when none is marked).
fn appendices(act: &Act, owner: usize) -> Vec<usize> {
    let atts = |f: &dyn Fn(&crate::model::Part) -> bool| -> Vec<usize> {
        act.parts.iter().enumerate().filter(|(_, p)| p.kind == PartKind::Attachment && f(p)).map(|(i, _)| i).collect()
    };
    let own_id = &act.parts[owner].id;
    let children = atts(&|p| p.parent.as_deref() == Some(own_id.as_str()));
    if act.parts[owner].kind == PartKind::Attachment && !children.is_empty() {
        return children;
    }
    let top = atts(&|p| p.parent.is_none());
    if top.is_empty() {
        atts(&|_| true)
    } else {
        top
    }
}

/// The unit of `kind` that holds source line `line`: the last one starting at or before it.
fn enclosing(units: &[Unit], kind: UnitKind, line: usize) -> Option<&Unit> {
    let mut best = None;
    walk(units, &mut |path| {
        let u = path[path.len() - 1];
        if u.line > line {
            // Units are in document order: everything after starts later too.
            return Walk::Stop;
        }
        if u.kind == kind {
            best = Some(u);
        }
        Walk::Continue
    });
    best
}

/// The verbs of amending instructions (`data/amendment-verbs.txt`), lower case.
static AMENDMENT_VERBS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    include_str!("../../data/amendment-verbs.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect()
});

fn has_amendment_verb(text: &str) -> bool {
    // (The verbs stand inside sentences, in lower case: no lower-casing of whole clauses,
    // which cost a sixth of a check.)
    AMENDMENT_VERBS.iter().any(|v| text.contains(v))
}

/// "Ескерту. …", "> *Ескерту. …*": an editorial note of the database.
fn is_note(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| c == '>' || c == '*' || c == '_' || c.is_whitespace());
    crate::parse::labels::label(t).0 == crate::parse::labels::Label::Note
}

/// Does a part have a unit of this kind (a citation-only kind: it may)?
fn part_has(part: &crate::model::Part, kind: UnitKind) -> bool {
    if !kind.in_tree() {
        return true;
    }
    let mut found = false;
    walk(&part.units, &mut |path| {
        found = path[path.len() - 1].kind == kind;
        if found {
            Walk::Stop
        } else {
            Walk::Continue
        }
    });
    found
}

/// Does any unit of the act give an amending instruction?
fn amends_another(act: &Act) -> bool {
    act.parts.iter().any(|p| {
        let mut yes = false;
        p.walk(&mut |u| yes = yes || u.text.as_deref().is_some_and(has_amendment_verb));
        yes
    })
}

/// Is there a unit of this kind and number under `units`?
fn has_number(units: &[Unit], kind: UnitKind, n: &str) -> bool {
    let mut hits = Vec::new();
    corpus::find_units(units, kind, n, &mut hits);
    !hits.is_empty()
}

/// "1-4": every unit from 1 to 4, when both ends exist (None otherwise).
fn range_units<'a>(units: &'a [Unit], kind: UnitKind, n: &str) -> Option<Vec<&'a Unit>> {
    let (a, b) = n.split_once('-')?;
    let (a, b) = (a.parse::<u32>().ok()?, b.parse::<u32>().ok()?);
    if a >= b || b - a > 100 {
        return None;
    }
    let mut out = Vec::new();
    for k in a..=b {
        let mut hits = Vec::new();
        corpus::find_units(units, kind, &k.to_string(), &mut hits);
        out.push(*hits.first()?);
    }
    Some(out)
}

/// " (2013-07-03 № 124-V заңымен)": the act that repealed or ended something.
fn describe_act_ref(r: &crate::model::ActRef) -> String {
    let mut bits = Vec::new();
    bits.extend(r.date.clone());
    bits.extend(r.number.as_ref().map(|n| format!("№ {n}")));
    // The kind's word (data/act-kinds.txt), possessive instrumental: "заңымен".
    let noun = r.kind.as_deref().and_then(crate::parse::amend::kind_noun).unwrap_or("акт");
    let word = inflect(noun, Form::case(Case::Ins).px3());
    if bits.is_empty() {
        String::new()
    } else {
        format!(" ({} {word})", bits.join(" "))
    }
}

/// The unit with this id under `units`.
pub fn find_by_id<'a>(units: &'a [Unit], id: &str) -> Option<&'a Unit> {
    let mut hit = None;
    walk(units, &mut |path| {
        let u = path[path.len() - 1];
        if u.id == id {
            hit = Some(u);
            return Walk::Stop;
        }
        Walk::Continue
    });
    hit
}

/// A unit as printed, its label first, cut to its first words: "6-бап. Мәслихаттардың
/// құзыреті: 1. Мәслихаттардың құзыретіне: …".
fn unit_summary(u: &Unit) -> String {
    let own = u.heading.as_deref().or(u.text.as_deref()).unwrap_or("");
    let mut s = format!("{}{own}", label(u));
    if let Some(c) = u.units.first() {
        s.push_str(if own.ends_with(':') || own.is_empty() { " " } else { ": " });
        s.push_str(&format!("{}{}", label(c), c.heading.as_deref().or(c.text.as_deref()).unwrap_or("")));
    }
    first_words(&s, 16)
}

/// A unit's label as printed: "6-бап. ", "13. ", "2) ".
fn label(u: &Unit) -> String {
    match (u.kind, u.num.as_deref()) {
        (UnitKind::Article, Some(n)) => format!("{n}-бап. "),
        (UnitKind::Chapter, Some(n)) => format!("{n}-тарау. "),
        (UnitKind::Section, Some(n)) => format!("{n}-бөлім. "),
        (UnitKind::Division, Some(n)) => format!("{n}-параграф. "),
        (UnitKind::Clause, Some(n)) => format!("{n}. "),
        (UnitKind::Subclause, Some(n)) => format!("{n}) "),
        _ => String::new(),
    }
}

/// A unit's whole text as printed: a line for it and for each unit inside, labels first.
pub fn unit_text(u: &Unit) -> String {
    let mut lines = Vec::new();
    walk(std::slice::from_ref(u), &mut |path| {
        let x = path[path.len() - 1];
        let own = [x.heading.as_deref(), x.text.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
        lines.push(format!("{}{own}", label(x)).trim_end().to_string());
        Walk::Continue
    });
    lines.join("\n")
}

/// Every unit of an act, in order, for a picker: its id (`part/unit`), its labels as the
/// act prints them from the outermost in ("2-тарау. 11. 6)"), and its own heading or text.
pub fn unit_list(act: &crate::model::Act) -> Vec<(String, String, String)> {
    fn go(part: &str, units: &[Unit], above: &str, out: &mut Vec<(String, String, String)>) {
        for u in units {
            let labels = format!("{above}{}", label(u));
            let own = u.heading.as_deref().or(u.text.as_deref()).unwrap_or_default().to_string();
            out.push((format!("{part}/{}", u.id), labels.trim_end().to_string(), own));
            go(part, &u.units, &labels, out);
        }
    }
    let mut out = Vec::new();
    for p in &act.parts {
        go(&p.id, &p.units, "", &mut out);
    }
    out
}

/// The first `n` words, with "…" when there were more.
fn first_words(s: &str, n: usize) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= n {
        words.join(" ")
    } else {
        format!("{} …", words[..n].join(" "))
    }
}
