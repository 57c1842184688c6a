//! Normalize the corpus in a loop (a profiling target for the normalize stage).
fn main() {
    let dir = std::env::args().nth(1).unwrap_or("corpus/raw".into());
    let texts: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect();
    let t = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..400 {
        for s in &texts {
            let md = qujat::text::looks_like_markdown(s);
            std::hint::black_box(qujat::text::normalize(s, md));
            bytes += s.len();
        }
    }
    println!("normalize {:.0} MB/s", bytes as f64 / 1e6 / t.elapsed().as_secs_f64());
}
