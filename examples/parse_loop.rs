//! Parse already-normalized corpus texts in a loop (a profiling target for the parse stage).
fn main() {
    let dir = std::env::args().nth(1).unwrap_or("corpus/raw".into());
    let ns: Vec<(usize, qujat::text::Normalized)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let s = std::fs::read_to_string(e.unwrap().path()).unwrap();
            (s.len(), qujat::text::normalize(&s, qujat::text::looks_like_markdown(&s)))
        })
        .collect();
    let source = qujat::model::Source { sha256: "0".repeat(64), ..Default::default() };
    let t = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..400 {
        for (len, n) in &ns {
            std::hint::black_box(qujat::parse::parse(n, source.clone()));
            bytes += len;
        }
    }
    println!("parse {:.0} MB/s", bytes as f64 / 1e6 / t.elapsed().as_secs_f64());
}
