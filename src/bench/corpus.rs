//! `qujat bench corpus`: a synthetic corpus in the kazakhstan-law layout, imported on one
//! core (MB/s), then `qujat check --corpus` on it, a process each time (start-up
//! included), for a one-page draft that cites its laws.
//!
//! The synthetic acts are the bundled laws cut after a varying number of articles (so
//! that their sizes spread around the public corpus's mean of 60 KB), each with its own
//! title, date, number and act code, in tier/year/act folders with `kaz.md` and
//! `meta.yaml`.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::error::{Error, Result};
use crate::lang::date::{phrase, Date, DateForm};

/// The laws the synthetic acts are cut from: (kaz.md, article starts).
fn sources() -> Vec<(String, Vec<usize>)> {
    crate::corpus::bundled_laws()
        .map(|(_, kaz, _)| {
            let text = String::from_utf8_lossy(kaz).into_owned();
            let starts = article_starts(&text);
            (text, starts)
        })
        .collect()
}

/// Byte offsets of the `<a id="stN">` anchors that precede the articles.
fn article_starts(text: &str) -> Vec<usize> {
    text.match_indices("<a id=\"st").map(|(i, _)| i).collect()
}

fn date_of(i: usize) -> Date {
    Date::new(1995 + (i % 30) as u32, 1 + (i / 30 % 12) as u32, 1 + (i / 360 % 28) as u32).unwrap()
}

const MONTHS_RU: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// Act `i`: (folder relative to the corpus root, kaz.md, meta.yaml, title).
fn act(i: usize, src: &[(String, Vec<usize>)]) -> (String, String, String) {
    let (text, starts) = &src[i % src.len()];
    // 3 to 40 articles: sizes from a few KB to a whole law.
    let keep = 3 + (i * 7919) % 38;
    let end = starts.get(keep).copied().unwrap_or(text.len());
    let d = date_of(i);
    let title = format!("Синтетикалық заң № {i} туралы");
    let body = &text[..end];
    // The law's own `# Title` line gives way to this act's title.
    let kaz = match body.find("\n# ") {
        Some(h) => {
            let line_end = body[h + 1..].find('\n').map_or(body.len(), |e| h + 1 + e);
            format!("{}\n# {title}{}", &body[..h], &body[line_end..])
        }
        None => format!("# {title}\n\n{body}"),
    };
    let number = format!("{}-S", 1000 + i);
    let meta = format!(
        "act_code: '{code}'\nrequisite: Закон Республики Казахстан от {day} {month} {year} года № {number}\ntitle:\n  rus: Синтетический закон № {i}\n  kaz: {title}\nform: ЗАК\ntype_codes:\n- ЗАК\napproved_on: {iso}\nversion_date:\n  kaz: {iso}\n  rus: {iso}\n",
        code = 500_000 + i,
        day = d.day,
        month = MONTHS_RU[d.month as usize - 1],
        year = d.year,
        iso = d.iso(),
    );
    let folder = format!("03-laws/{}/{:02}{:02}-synthetic-law-{i}", d.year, d.month, d.day);
    (folder, kaz, meta)
}

/// Write `n` synthetic act folders under `root`: the total bytes of their kaz.md.
fn write_layout(root: &Path, n: usize) -> Result<u64> {
    let src = sources();
    let mut bytes = 0;
    for i in 0..n {
        let (folder, kaz, meta) = act(i, &src);
        let dir = root.join(folder);
        std::fs::create_dir_all(&dir).map_err(|e| Error::write(&dir, e))?;
        std::fs::write(dir.join("kaz.md"), &kaz).map_err(|e| Error::write(&dir, e))?;
        std::fs::write(dir.join("meta.yaml"), &meta).map_err(|e| Error::write(&dir, e))?;
        bytes += kaz.len() as u64;
    }
    Ok(bytes)
}

/// A one-page draft (about 3,000 characters) with ten references to the synthetic laws:
/// "… 2003 жылғы 5 наурыздағы № 1234-S Заңының 2-бабының 1-тармағына сәйкес …".
fn draft(n: usize) -> String {
    let mut out = String::from("# Шешімнің жобасы\n\n");
    for r in 0..10 {
        let i = (r * 9973) % n;
        let d = date_of(i);
        out.push_str(&format!(
            "{}. Қазақстан Республикасының {} № {}-S Заңының {}-бабына сәйкес аудандағы құқық бұзушылықтың алдын алу жөніндегі жұмыстың барысы қаралсын, мемлекеттік органдардың өзара іс-қимылы күшейтілсін.\n\n",
            r + 1,
            phrase(d, DateForm::Attr),
            1000 + i,
            1 + r % 3,
        ));
    }
    out
}

/// What the benchmark measured.
pub struct CorpusReport {
    acts: usize,
    bytes: u64,
    write_secs: f64,
    import_secs: f64,
    failures: usize,
    index_bytes: u64,
    /// Milliseconds of each `qujat check` process, sorted.
    check_ms: Vec<f64>,
    /// The same check against the bundled corpus only.
    bundled_ms: Vec<f64>,
    resolved: String,
    dir: PathBuf,
    kept: bool,
}

/// Make `n` synthetic acts in `dir` (default: a temporary folder, removed after unless
/// `keep`), import them on one core, and time `runs` check processes on a one-page draft.
pub fn corpus(n: usize, dir: Option<&Path>, keep: bool, runs: usize) -> Result<CorpusReport> {
    if n == 0 {
        return Err(Error::usage("bench corpus: --acts must be at least 1"));
    }
    let dir = dir
        .map(Path::to_path_buf)
        .unwrap_or_else(|| std::env::temp_dir().join(format!("qujat-bench-corpus-{}", std::process::id())));
    let src = dir.join("layout");
    let out = dir.join("corpus");
    let _ = std::fs::remove_dir_all(&dir);
    let t = Instant::now();
    let bytes = write_layout(&src, n)?;
    let write_secs = t.elapsed().as_secs_f64();
    // One core: a pool of one thread.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().map_err(|e| Error::usage(e.to_string()))?;
    let t = Instant::now();
    let run = pool.install(|| crate::corpus::import::import(std::slice::from_ref(&src), &out, None, &|_, _| {}))?;
    let import_secs = t.elapsed().as_secs_f64();
    let draft_path = dir.join("draft.md");
    std::fs::write(&draft_path, draft(n)).map_err(|e| Error::write(&draft_path, e))?;
    let exe = std::env::current_exe().map_err(|e| Error::io(Path::new("qujat"), e))?;
    let time = |corpus: Option<&Path>| -> Result<(Vec<f64>, String)> {
        let mut ms = Vec::new();
        let mut summary = String::new();
        for _ in 0..runs {
            let mut cmd = Command::new(&exe);
            cmd.arg("check").arg(&draft_path);
            if let Some(c) = corpus {
                cmd.arg("--corpus").arg(c);
            }
            let t = Instant::now();
            let o = cmd.output().map_err(|e| Error::io(&exe, e))?;
            ms.push(t.elapsed().as_secs_f64() * 1e3);
            summary = String::from_utf8_lossy(&o.stdout).lines().last().unwrap_or("").to_string();
        }
        ms.sort_by(f64::total_cmp);
        Ok((ms, summary))
    };
    let (check_ms, resolved) = time(Some(&out))?;
    let (bundled_ms, _) = time(None)?;
    let index_bytes = std::fs::metadata(out.join(crate::corpus::store::INDEX)).map_or(0, |m| m.len());
    if !keep {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(CorpusReport {
        acts: n,
        bytes,
        write_secs,
        import_secs,
        failures: run.failures.len(),
        index_bytes,
        check_ms,
        bundled_ms,
        resolved,
        dir,
        kept: keep,
    })
}

impl fmt::Display for CorpusReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mb = self.bytes as f64 / 1e6;
        writeln!(
            f,
            "corpus: {} synthetic acts, {:.1} MB of kaz.md (mean {:.0} KB), written in {:.1} s",
            self.acts,
            mb,
            self.bytes as f64 / self.acts as f64 / 1e3,
            self.write_secs
        )?;
        writeln!(
            f,
            "import: {:.1} s on one core, {:.1} MB/s, {} failed; index {:.1} MB",
            self.import_secs,
            mb / self.import_secs.max(1e-9),
            self.failures,
            self.index_bytes as f64 / 1e6
        )?;
        let stats = |v: &[f64]| (v[0], v[v.len() / 2], v[v.len() - 1]);
        let (lo, med, hi) = stats(&self.check_ms);
        writeln!(f, "check --corpus (a process each, start-up included): min {lo:.0} ms, median {med:.0} ms, max {hi:.0} ms over {} runs", self.check_ms.len())?;
        let (lo, med, hi) = stats(&self.bundled_ms);
        writeln!(
            f,
            "check, bundled corpus only:                       min {lo:.0} ms, median {med:.0} ms, max {hi:.0} ms"
        )?;
        writeln!(f, "draft: {}", self.resolved)?;
        if self.kept {
            writeln!(f, "kept: {}", self.dir.display())?;
        }
        Ok(())
    }
}
