//! Writes a generated bank for benchmarks and manual tries:
//! `cargo run --release --example genbank -- 10000 /tmp/bank10k`

#[path = "../benches/support/genbank.rs"]
mod genbank;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let docs: usize = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(genbank::docs_from_env);
    let out = std::path::PathBuf::from(args.next().unwrap_or_else(|| format!("/tmp/lape-bank-{docs}")));
    let vocab = genbank::vocabulary(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("content")
            .as_path(),
    );
    if out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    genbank::generate(&out, docs, &vocab)?;
    let themes = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes");
    genbank::copy_dir(&themes, &out.join("themes"));
    println!("generated {docs} documents in {}", out.display());
    Ok(())
}
