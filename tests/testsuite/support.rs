//! Fixture sites in temporary folders, and the `lape` binary run against them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where Cargo.toml is).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("inside");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

/// A site in a temporary folder.
pub struct Site {
    dir: tempfile::TempDir,
}

/// What one run of `lape` did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(o: Output) -> Run {
        let run = Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        };
        assert!(!run.stderr.contains("panicked"), "lape panicked:\n{}", run.stderr);
        run
    }

    /// Both streams, for assertions that do not care where a message went.
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

impl Site {
    /// An empty site with the default theme.
    pub fn empty() -> Site {
        let dir = tempfile::tempdir().expect("tempdir");
        copy_dir(&repo().join("themes"), &dir.path().join("themes"));
        std::fs::create_dir_all(dir.path().join("content")).expect("content");
        Site { dir }
    }

    /// A copy of `tests/fixtures/<name>` with the default theme.
    pub fn fixture(name: &str) -> Site {
        let site = Site::empty();
        copy_dir(&repo().join("tests/fixtures").join(name), site.path());
        site
    }

    /// A copy of the real bank: content/, themes/ and book.toml.
    pub fn real_bank() -> Site {
        let site = Site::empty();
        copy_dir(&repo().join("content"), &site.path().join("content"));
        std::fs::copy(repo().join("book.toml"), site.path().join("book.toml")).expect("book.toml");
        site
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders).
    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, content).expect("write");
    }

    /// Reads a file of the site as text.
    pub fn read(&self, rel: &str) -> String {
        let p = self.path().join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
    }

    /// Runs `lape <args> --root <site>`.
    pub fn lape(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_lape"))
            .args(args)
            .arg("--root")
            .arg(self.path())
            .current_dir(self.path())
            // Assertions are written against the English messages; tests of the Finnish ones
            // pass --lang fi, which wins over the locale.
            .env("LC_ALL", "en_US.UTF-8")
            .output()
            .expect("run lape");
        Run::from(out)
    }

    /// Runs `lape` with a locale of its own: `Some("en_GB.UTF-8")` sets `LANG`, `None` sets no
    /// locale variable at all, so the bank's language decides.
    pub fn lape_in_locale(&self, locale: Option<&str>, args: &[&str]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_lape"));
        cmd.args(args).arg("--root").arg(self.path()).current_dir(self.path());
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            cmd.env_remove(var);
        }
        if let Some(l) = locale {
            cmd.env("LANG", l);
        }
        Run::from(cmd.output().expect("run lape"))
    }

    /// Runs `lape` like [`Site::lape`], failing the test if it runs longer than `secs` (a hang)
    /// or panics.
    pub fn lape_within(&self, secs: u64, args: &[&str]) -> Run {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lape"))
            .args(args)
            .arg("--root")
            .arg(self.path())
            .current_dir(self.path())
            .env("LC_ALL", "en_US.UTF-8")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run lape");
        let start = std::time::Instant::now();
        // Drained on threads so a chatty run cannot block on a full pipe.
        let mut out = child.stdout.take().expect("stdout");
        let mut err = child.stderr.take().expect("stderr");
        let out = std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = std::io::Read::read_to_end(&mut out, &mut v);
            v
        });
        let err = std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = std::io::Read::read_to_end(&mut err, &mut v);
            v
        });
        let status = loop {
            if let Some(s) = child.try_wait().expect("wait") {
                break s;
            }
            if start.elapsed() > std::time::Duration::from_secs(secs) {
                let _ = child.kill();
                let _ = child.wait();
                panic!("lape {args:?} did not finish within {secs} s");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let run = Run {
            code: status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.join().unwrap_or_default()).into_owned(),
            stderr: String::from_utf8_lossy(&err.join().unwrap_or_default()).into_owned(),
        };
        assert!(
            !run.stderr.contains("panicked") && run.code != 101,
            "lape {args:?} panicked:\n{}",
            run.stderr
        );
        run
    }

    /// Runs `lape build` and asserts success.
    pub fn build_ok(&self, extra: &[&str]) -> Run {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        let run = self.lape(&args);
        assert_eq!(run.code, 0, "build failed:\n{}", run.all());
        run
    }

    /// Every file under a folder of the site, with its bytes.
    pub fn snapshot(&self, rel: &str) -> BTreeMap<PathBuf, Vec<u8>> {
        let root = self.path().join(rel);
        walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(&root).expect("inside").to_path_buf(),
                    std::fs::read(e.path()).expect("read"),
                )
            })
            .collect()
    }

    /// Every HTML page under `public/`, by its path there, with its text.
    pub fn all_html(&self) -> Vec<(PathBuf, String)> {
        self.snapshot("public")
            .into_iter()
            .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
            .map(|(p, b)| (p, String::from_utf8(b).expect("pages are UTF-8")))
            .collect()
    }
}

/// The real bank, built once for every test that only reads it.
pub fn real_built() -> &'static Site {
    static SITE: std::sync::OnceLock<Site> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let site = Site::real_bank();
        site.build_ok(&[]);
        site
    })
}

/// The `<main>` element of a page, where the content assertions belong.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").unwrap_or(0);
    let end = html.rfind("</main>").map_or(html.len(), |e| e + 7);
    &html[start..end]
}

/// The HTML of a section of a page, from the heading with `id` to the next `</section>`.
pub fn section_of<'a>(html: &'a str, id: &str) -> &'a str {
    let needle = format!("id=\"{id}\"");
    let start = html.find(&needle).unwrap_or_else(|| panic!("no #{id} in page"));
    let end = html[start..].find("</section>").map_or(html.len(), |e| start + e);
    &html[start..end]
}
