//! Render one letter's PDF in a loop (a profiling target for batch rendering): rate and
//! peak memory, to see whether memory stays flat as the count grows. Run `qujat build` first (it reads out/official-letter.md).
// The same allocator as the binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let md = std::fs::read_to_string("out/official-letter.md").unwrap();
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    let same = std::env::args().any(|a| a == "--same");
    let pooled = std::env::args().any(|a| a == "--rayon");
    let t = std::time::Instant::now();
    let work = || {
        for i in 0..n {
            let m = if same { md.clone() } else { md.replace("03-2530", &format!("03-{i}")) };
            let title = if std::env::args().any(|a| a == "--titles") {
                format!("Ресми хат № 03-{i}")
            } else {
                "t".to_string()
            };
            std::hint::black_box(qujat::render::pdf(&m, &title).unwrap().len());
        }
    };
    if pooled {
        rayon::ThreadPoolBuilder::new().num_threads(1).stack_size(32 << 20).build().unwrap().install(work);
    } else {
        work();
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{n} PDFs in {s:.2} s: {:.0}/s one thread; peak {:.0} MB",
        n as f64 / s,
        qujat::batch::peak_rss().unwrap_or(0) as f64 / 1e6
    );
}
