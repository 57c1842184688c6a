//! Print the text qujat reads from a PDF, page by page (debugging the PDF reader).
fn main() {
    let path = std::env::args().nth(1).expect("a PDF");
    let bytes = std::fs::read(&path).expect("readable");
    for (i, p) in pdf_extract::extract_text_from_mem_by_pages(&bytes).expect("a PDF").iter().enumerate() {
        println!("=== page {}\n{p:?}", i + 1);
    }
}
