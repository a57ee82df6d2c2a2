//! Writes a generated bank for benchmarks and manual tries:
//! `cargo run --release --example genbank -- 10000 /tmp/bank10k`

#[path = "../benches/support/genbank.rs"]
mod genbank;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let docs: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(10_000);
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
    copy(&themes, &out.join("themes"))?;
    println!("generated {docs} documents in {}", out.display());
    Ok(())
}

fn copy(from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
    for e in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let dest = to.join(e.path().strip_prefix(from).map_err(std::io::Error::other)?);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest)?;
        } else {
            std::fs::copy(e.path(), &dest)?;
        }
    }
    Ok(())
}
