//! Look words up in the bundled lexicon: `cargo run --release --example lexicon_query -- ол ын лық`
//! prints each word with whether the dictionary has it and its count in the bundled corpus.
fn main() {
    let lex = qujat::lexicon::lexicon();
    for w in std::env::args().skip(1) {
        println!("{w}\tknown={}\tcorpus={}", lex.contains(&w), lex.corpus_count(&w));
    }
}
