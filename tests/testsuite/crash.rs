//! Crash safety (issue 8): `kill -9` at any moment of a build leaves the previous site and
//! search index as they were, and the next build clears the leftovers and succeeds.

use crate::support::Site;
use std::process::{Command, Stdio};
use std::time::Instant;

/// Everything beside `public/` and the index that a build may leave: staging, old and trash
/// folders (`.public.lape-staging-*` and friends).
fn leftovers(site: &Site) -> Vec<String> {
    let mut found = Vec::new();
    for dir in [site.path().to_path_buf(), site.path().join(".lape")] {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.contains(".lape-staging-") || name.contains(".lape-old-") {
                found.push(name);
            }
        }
    }
    found
}

/// `lape build` on `site`, running in the background.
fn spawn_build(site: &Site) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_lape"))
        .args(["build", "--root"])
        .arg(site.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("lape build")
}

#[cfg(unix)]
#[test]
fn kill_9_mid_build_keeps_the_old_site_and_index() {
    let site = Site::real_bank();
    // Enough documents that a build takes a while, so the kills land in every phase.
    for i in 0..400 {
        site.write(
            &format!("content/memos/2018-01-{:02}-kuorma-{i}.md", i % 28 + 1),
            format!(
                "---\ntitle: Kuormamuistio {i}\ndate: 2018-01-{:02}\nregions: [pirkanmaa]\nthemes: [perhekeskus]\n---\n{}\n",
                i % 28 + 1,
                "Perhekeskuksen palvelut ja monialainen yhteistyö kunnissa. ".repeat(40)
            ),
        );
    }
    site.build_ok(&[]);
    // How long a whole build takes here, to spread the kills over it.
    let t = Instant::now();
    spawn_build(&site).wait().expect("probe");
    let full = t.elapsed();

    let mut public = site.snapshot("public");
    let mut index = site.snapshot(".lape/search-index");
    assert!(!public.is_empty() && !index.is_empty());

    // The next build would change every page: a new footer text in the theme.
    let base = site.read("themes/default/templates/base.html");
    site.write(
        "themes/default/templates/base.html",
        base.replace("</main>", "<p>UUSI-VERSIO</p></main>"),
    );

    let mut killed = 0;
    for step in 1..=8u32 {
        let at = full * step / 10;
        let mut child = spawn_build(&site);
        std::thread::sleep(at);
        if child.try_wait().expect("wait").is_none() {
            child.kill().expect("SIGKILL");
            killed += 1;
        }
        let _ = child.wait();
        if site.read("public/index.html").contains("UUSI-VERSIO") {
            // This build finished before the kill: a complete new site, which is fine; put the
            // old one back for the next round.
            site.write("themes/default/templates/base.html", base.clone());
            site.build_ok(&[]);
            // Same pages, but a fresh index (tantivy names its segments anew).
            public = site.snapshot("public");
            index = site.snapshot(".lape/search-index");
            site.write(
                "themes/default/templates/base.html",
                base.replace("</main>", "<p>UUSI-VERSIO</p></main>"),
            );
            continue;
        }
        assert!(
            site.snapshot("public") == public,
            "public/ changed by a build killed after {at:?}"
        );
        let now = site.snapshot(".lape/search-index");
        let changed: Vec<_> = now
            .iter()
            .filter(|(k, v)| index.get(*k) != Some(v))
            .map(|(k, _)| k.clone())
            .chain(index.keys().filter(|k| !now.contains_key(*k)).cloned())
            .collect();
        assert!(
            changed.is_empty(),
            "the search index changed by a build killed after {at:?}: {changed:?}"
        );
        // The old index still answers.
        let run = site.lape(&["search", "perhekeskus"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stdout.contains("1."), "{}", run.stdout);
    }
    assert!(
        killed >= 4,
        "only {killed} builds were killed mid-way (a build takes {full:?})"
    );

    site.build_ok(&[]);
    assert!(
        site.read("public/index.html").contains("UUSI-VERSIO"),
        "the next build succeeds"
    );
    assert_eq!(leftovers(&site), Vec::<String>::new(), "staging leftovers not cleared");
}
