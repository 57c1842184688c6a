//! Rebuild `data/lexicon.fst` (see `scripts/build-lexicon.sh`).
//! Usage: build_lexicon WORDLIST OUT.fst TEXT...
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: build_lexicon WORDLIST OUT.fst [TEXT...]");
        std::process::exit(2);
    }
    let words = std::fs::read_to_string(&args[0]).expect("read word list");
    let texts: Vec<String> = args[2..].iter().map(|p| std::fs::read_to_string(p).expect("read corpus text")).collect();
    let bytes = qujat::lexicon::build(&words, &texts);
    std::fs::write(&args[1], &bytes).expect("write fst");
    eprintln!("{}: {} bytes", args[1], bytes.len());
}
