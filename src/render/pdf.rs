//! Markdown → PDF with Typst as a library, behind the `pdf` feature (on by default; the
//! fuzzers build without it, as Typst is most of the build).

#[cfg(feature = "pdf")]
mod typst_pdf_impl {
    use std::sync::LazyLock;

    use sha2::{Digest, Sha256};
    use typst::foundations::{Dict, IntoValue, Smart};
    use typst_as_lib::TypstEngine;
    use typst_layout::PagedDocument;

    use super::super::{doc_tree, DOCUMENT, FONTS};
    use crate::error::{Error, Result};
    use serde_json::Value;

    /// One Typst engine for the process: fonts are parsed once. After each compile comemo's
    /// cache drops what the last few compiles did not use: memory stays bounded however long
    /// a batch runs, while what every letter shares (the document, fonts) stays cached.
    static ENGINE: LazyLock<TypstEngine<typst_as_lib::TypstTemplateMainFile>> = LazyLock::new(|| {
        TypstEngine::builder().main_file(DOCUMENT).fonts(FONTS).comemo_evict_max_age(Some(EVICT_AGE)).build()
    });

    /// comemo's cache keeps entries used within this many compiles.
    const EVICT_AGE: usize = 5;

    /// The PDF of the Markdown.
    pub fn pdf(markdown: &str, title: &str) -> Result<Vec<u8>> {
        let doc = doc_tree(markdown, title);
        let mut inputs = Dict::new();
        inputs.insert("doc".into(), serde_json::to_string(&doc).expect("plain data").into_value());
        let compiled: PagedDocument = ENGINE.compile_with_input(inputs).output.map_err(|e| {
            Error::input(std::path::Path::new("<typst>"), format!("the document does not typeset: {e}"))
        })?;
        // The identifier comes from the content: same input, same bytes.
        let ident = format!("{:x}", Sha256::digest(markdown.as_bytes()));
        let opts = typst_pdf::PdfOptions {
            ident: Smart::Custom(ident),
            creator: Smart::Custom(Some("qujat".into())),
            timestamp: None,
            ..Default::default()
        };
        typst_pdf::pdf(&compiled, &opts)
            .map(without_false_suspects)
            .map_err(|e| Error::input(std::path::Path::new("<typst>"), format!("the PDF cannot be written: {e:?}")))
    }

    /// Poppler (pdfinfo, pdftotext) reports "Syntax Error: Suspects object is wrong type
    /// (boolean)" for the valid `/Suspects false` of a tagged PDF's /MarkInfo. false is
    /// the default, so the entry is blanked out with spaces of the same length: every
    /// byte offset of the file stays right, and qpdf --check stays clean.
    fn without_false_suspects(mut pdf: Vec<u8>) -> Vec<u8> {
        const ENTRY: &[u8] = b"/Suspects false";
        if let Some(at) = memchr::memmem::find(&pdf, ENTRY) {
            pdf[at..at + ENTRY.len()].fill(b' ');
        }
        pdf
    }

    /// One PDF of several documents, each starting on a new page (a batch for printing).
    pub fn pdf_many(docs: &[(String, String)]) -> Result<Vec<u8>> {
        let trees: Vec<Value> = docs.iter().map(|(md, title)| doc_tree(md, title)).collect();
        let mut inputs = Dict::new();
        inputs.insert("docs".into(), serde_json::to_string(&trees).expect("plain data").into_value());
        let compiled: PagedDocument = ENGINE
            .compile_with_input(inputs)
            .output
            .map_err(|e| Error::input(std::path::Path::new("<typst>"), format!("the documents do not typeset: {e}")))?;
        let mut h = Sha256::new();
        for (md, _) in docs {
            h.update(md.as_bytes());
        }
        let opts = typst_pdf::PdfOptions {
            ident: Smart::Custom(format!("{:x}", h.finalize())),
            creator: Smart::Custom(Some("qujat".into())),
            timestamp: None,
            ..Default::default()
        };
        typst_pdf::pdf(&compiled, &opts)
            .map(without_false_suspects)
            .map_err(|e| Error::input(std::path::Path::new("<typst>"), format!("the PDF cannot be written: {e:?}")))
    }
}

#[cfg(feature = "pdf")]
pub use typst_pdf_impl::{pdf, pdf_many};

/// Without the `pdf` feature: a clear error instead of a document.
#[cfg(not(feature = "pdf"))]
pub fn pdf(_markdown: &str, _title: &str) -> crate::error::Result<Vec<u8>> {
    Err(crate::error::Error::usage("this qujat was built without PDF support (the `pdf` feature)"))
}

/// Without the `pdf` feature: a clear error instead of a document.
#[cfg(not(feature = "pdf"))]
pub fn pdf_many(_docs: &[(String, String)]) -> crate::error::Result<Vec<u8>> {
    pdf("", "")
}
