//! Bundle the clause YAML of corpus/acts into the binary, so `qujat check` knows the
//! corpus without any setup.
use std::fmt::Write;

fn main() {
    println!("cargo:rerun-if-changed=corpus/acts");
    let mut files: Vec<_> = std::fs::read_dir("corpus/acts")
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "yaml")).collect())
        .unwrap_or_default();
    files.sort();
    let mut out = String::from("/// The bundled corpus: (file name, clause YAML).\npub static BUNDLED: &[(&str, &str)] = &[\n");
    for f in &files {
        let abs = std::fs::canonicalize(f).unwrap();
        println!("cargo:rerun-if-changed={}", f.display());
        writeln!(out, "    ({:?}, include_str!({:?})),", f.file_name().unwrap().to_string_lossy(), abs.display().to_string()).unwrap();
    }
    out.push_str("];\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("bundled_acts.rs");
    std::fs::write(dest, out).unwrap();
}
