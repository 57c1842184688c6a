//! Bundle the raw texts of corpus/raw and the templates of templates/ into the binary, so
//! that `qujat check`, `qujat render` and `qujat corpus` work without any setup, from any
//! folder.
use std::fmt::Write;

fn main() {
    println!("cargo:rerun-if-changed=corpus/raw");
    let mut files: Vec<_> = std::fs::read_dir("corpus/raw")
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out =
        String::from("/// The bundled raw texts: (file name, bytes).\nstatic BUNDLED_RAW: &[(&str, &[u8])] = &[\n");
    for f in &files {
        let abs = std::fs::canonicalize(f).unwrap();
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy();
        writeln!(out, "    ({name:?}, include_bytes!({:?})),", abs.display().to_string()).unwrap();
    }
    out.push_str("];\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("bundled_raw.rs");
    std::fs::write(dest, out).unwrap();
    laws();
    templates();
}

/// (folder name, kaz.md, meta.yaml) for every act folder of corpus/laws.
fn laws() {
    println!("cargo:rerun-if-changed=corpus/laws");
    let mut dirs: Vec<_> = std::fs::read_dir("corpus/laws")
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.join("kaz.md").is_file()).collect())
        .unwrap_or_default();
    dirs.sort();
    let mut out = String::from(
        "/// The bundled laws: (folder name, kaz.md, meta.yaml).\nstatic BUNDLED_LAWS: &[(&str, &[u8], &str)] = &[\n",
    );
    for d in &dirs {
        let abs = std::fs::canonicalize(d).unwrap();
        for f in ["kaz.md", "meta.yaml"] {
            println!("cargo:rerun-if-changed={}", abs.join(f).display());
        }
        writeln!(
            out,
            "    ({:?}, include_bytes!({:?}), include_str!({:?})),",
            d.file_name().unwrap().to_string_lossy(),
            abs.join("kaz.md").display().to_string(),
            abs.join("meta.yaml").display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("bundled_laws.rs");
    std::fs::write(dest, out).unwrap();
}

/// (name, template.md.tera, schema.yaml, example.yaml) for every folder of templates/.
fn templates() {
    println!("cargo:rerun-if-changed=templates");
    let mut dirs: Vec<_> = std::fs::read_dir("templates")
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.join("template.md.tera").is_file()).collect()
        })
        .unwrap_or_default();
    dirs.sort();
    let mut out = String::from("/// Bundled templates: (name, template, schema, example).\npub static BUNDLED: &[(&str, &str, &str, &str)] = &[\n");
    for d in &dirs {
        let abs = std::fs::canonicalize(d).unwrap();
        let file = |f: &str| {
            let p = abs.join(f);
            println!("cargo:rerun-if-changed={}", p.display());
            format!("include_str!({:?})", p.display().to_string())
        };
        writeln!(
            out,
            "    ({:?}, {}, {}, {}),",
            d.file_name().unwrap().to_string_lossy(),
            file("template.md.tera"),
            file("schema.yaml"),
            file("example.yaml")
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("bundled_templates.rs");
    std::fs::write(dest, out).unwrap();
}
