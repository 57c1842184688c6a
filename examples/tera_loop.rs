//! Render one template's Markdown in a loop: does memory stay flat?
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let reg = qujat::generate::Registry::bundled(std::sync::Arc::new(qujat::corpus::Corpus::bundled()));
    let t = reg.get("official-letter").unwrap();
    let base = t.example_record().unwrap();
    for i in 0..n {
        let mut r = base.clone();
        r["number"] = format!("03-{i}").into();
        std::hint::black_box(reg.render("official-letter", &r, "x").unwrap().len());
    }
    println!("{n} renders; peak {:.0} MB", qujat::batch::peak_rss().unwrap_or(0) as f64 / 1e6);
}
