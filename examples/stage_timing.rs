//! Time each stage of the pipeline over a folder (a diagnostic for `qujat bench`).
use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).unwrap_or("corpus/raw".into());
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let inputs: Vec<(std::path::PathBuf, Vec<u8>)> = files
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    let total: usize = inputs.iter().map(|i| i.1.len()).sum();
    let rounds = 300;
    let (mut td, mut tn, mut tp) = (0f64, 0f64, 0f64);
    for _ in 0..rounds {
        for (p, b) in &inputs {
            let t = Instant::now();
            let d = qujat::text::decode(b, p).unwrap();
            td += t.elapsed().as_secs_f64();
            let md = qujat::text::looks_like_markdown(&d.text);
            let t = Instant::now();
            let n = qujat::text::normalize(&d.text, md);
            tn += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let a = qujat::parse::parse(&n, Default::default());
            tp += t.elapsed().as_secs_f64();
            std::hint::black_box(a);
        }
    }
    let mb = (total * rounds) as f64 / 1e6;
    println!(
        "decode {:.0} MB/s, normalize {:.0} MB/s, parse {:.0} MB/s, all {:.0} MB/s",
        mb / td,
        mb / tn,
        mb / tp,
        mb / (td + tn + tp)
    );
}
