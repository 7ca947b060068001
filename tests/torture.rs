//! Torture test for atomic saves: `newsdesk convert` writing a multi-megabyte article is
//! killed at random moments, 200 times; after every kill the target must be byte-identical
//! to the complete old file or the complete new one, never a mix, a truncation or empty.
//!
//! The kill is SIGKILL on Unix and `TerminateProcess` on Windows, so no clean-up code runs:
//! exactly what a crash or power cut leaves, minus the disk cache (the fsync before the
//! rename covers that). Run with `--nocapture` to see the tally.
//!
//! The second test kills saves that also keep a version (`convert --keep-version`, the
//! window's Save path into the version store): the article file and every stored version
//! must be whole afterwards.

#![allow(clippy::unwrap_used)] // a test that cannot go on fails loudly, on purpose

mod common;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use newsdesk::Article;
use newsdesk::formats::{markdown, ron};

const RUNS: usize = 200;

/// xorshift64*: a seeded, reproducible sequence of delays without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform-ish in `0..=max`.
    fn below(&mut self, max: Duration) -> Duration {
        let micros = u64::try_from(max.as_micros()).unwrap_or(u64::MAX);
        Duration::from_micros(self.next() % (micros + 1))
    }
}

/// About 5 MB of article; `word` makes the two versions differ all the way through.
fn big_article(word: &str) -> Article {
    let mut body = String::with_capacity(5_200_000);
    for i in 0..60_000 {
        write!(
            body,
            "Paragraf {i}: Menteri mengatakan \"{word}\" itu — efektif — sejak 1/10/2024.\n\n"
        )
        .expect("writing to a String cannot fail");
    }
    Article {
        headline: format!("Artikel besar: {word}"),
        body,
        language: "id".into(),
        ..Article::default()
    }
}

fn spawn_convert(input: &Path, output: &Path) -> std::process::Child {
    spawn_with(input, output, None)
}

/// `newsdesk convert`, with `--keep-version` into the data folder `data` when given.
fn spawn_with(input: &Path, output: &Path, data: Option<&Path>) -> std::process::Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_newsdesk"));
    command.arg("convert").arg(input).arg(output);
    if let Some(data) = data {
        command.env("NEWSDESK_DATA_DIR", data).arg("--keep-version");
    }
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("newsdesk starts")
}

/// A temporary file of ours: `.newsdesk-XXXXXX.tmp`.
fn is_temp(name: &str) -> bool {
    name.starts_with(newsdesk::storage::fsio::TEMP_PREFIX)
        && name.ends_with(newsdesk::storage::fsio::TEMP_SUFFIX)
}

fn temp_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("folder lists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| is_temp(n))
        .collect();
    names.sort();
    names
}

#[test]
fn killed_conversions_leave_the_old_or_the_new_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let inputs = [d.join("a.ron"), d.join("b.ron")];
    let expected: Vec<Vec<u8>> = ["kebijakan", "peraturan"]
        .iter()
        .zip(&inputs)
        .map(|(word, path)| {
            let article = big_article(word);
            fs::write(path, ron::to_string(&article).unwrap()).unwrap();
            markdown::to_string(&article).unwrap().into_bytes()
        })
        .collect();
    assert!(expected[0].len() > 4_000_000);
    assert_eq!(
        expected[0].len(),
        expected[1].len(),
        "same size, so only content tells"
    );
    let target = d.join("target.md");

    // Calibrate: the slowest of three full runs, so the delays span the whole conversion
    // on this machine, debug or release.
    let mut full = Duration::ZERO;
    for input in [&inputs[0], &inputs[1], &inputs[0]] {
        let start = Instant::now();
        let status = spawn_convert(input, &target).wait().unwrap();
        full = full.max(start.elapsed());
        assert!(status.success());
    }
    assert_eq!(fs::read(&target).unwrap(), expected[0]);
    let max_delay = full + full / 4;

    let seed = std::env::var("TORTURE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_1234_abcd_0001_u64);
    let mut rng = Rng(seed);
    let (mut kept_old, mut got_new, mut killed_running) = (0, 0, 0);
    for run in 0..RUNS {
        let before = fs::read(&target).unwrap();
        // Always the other content, so every run is a real change from old to new.
        let new = usize::from(before == expected[0]);
        let mut child = spawn_convert(&inputs[new], &target);
        std::thread::sleep(rng.below(max_delay));
        if child.try_wait().unwrap().is_none() {
            killed_running += 1;
        }
        // An error here means the process already exited: nothing to kill.
        let _ = child.kill();
        child.wait().unwrap();

        let after = fs::read(&target).unwrap();
        if after == before {
            kept_old += 1;
        } else if after == expected[new] {
            got_new += 1;
        } else {
            panic!(
                "run {run} (seed {seed:#x}): target is neither the old nor the new file \
                 ({} bytes; old {}, new {})",
                after.len(),
                before.len(),
                expected[new].len()
            );
        }
        // Nothing but the inputs, the target and killed saves' temporary files.
        let others: Vec<_> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !["a.ron", "b.ron", "target.md"].contains(&n.as_str()))
            .filter(|n| !is_temp(n))
            .collect();
        assert!(others.is_empty(), "run {run}: stray files {others:?}");
    }

    let left = temp_files(d);
    eprintln!(
        "torture (seed {seed:#x}): {RUNS} runs, full conversion {full:?}, delays 0..={max_delay:?}; \
         {killed_running} killed while running, target kept old {kept_old}, became new {got_new}; \
         {} temporary files left by kills",
        left.len()
    );
    assert!(
        kept_old > 0 && got_new > 0,
        "the delays never hit one of the outcomes"
    );
    // Each killed run leaves at most its one temporary file; a finished one leaves none.
    assert!(
        left.len() <= killed_running,
        "{} > {killed_running}",
        left.len()
    );

    // Once they are old enough to be certainly abandoned, the next save clears them.
    let old = SystemTime::now() - newsdesk::storage::fsio::STALE_TEMP_AGE - Duration::from_secs(1);
    for name in &left {
        fs::File::options()
            .write(true)
            .open(d.join(name))
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    assert!(spawn_convert(&inputs[0], &target).wait().unwrap().success());
    assert_eq!(fs::read(&target).unwrap(), expected[0]);
    assert_eq!(temp_files(d), Vec::<String>::new());
}

/// Like [`big_article`], smaller (a version is diffed against the one before on every
/// save) and with an id, so every save is a version of the same article.
fn versioned_article(word: &str) -> Article {
    let mut body = String::with_capacity(220_000);
    for i in 0..2_500 {
        write!(
            body,
            "Paragraf {i}: Menteri mengatakan \"{word}\" itu efektif.\n\n"
        )
        .expect("writing to a String cannot fail");
    }
    Article {
        id: "0b6f3c1e-8d2a-4f4b-9c7e-5a1d2e3f4a5b".into(),
        headline: format!("Artikel: {word}"),
        body,
        language: "id".into(),
        ..Article::default()
    }
}

#[test]
fn killed_saves_leave_the_article_and_every_stored_version_whole() {
    const VERSION_RUNS: usize = 60;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let data = d.join("data");
    let articles = [
        versioned_article("kebijakan"),
        versioned_article("peraturan"),
    ];
    let inputs = [d.join("a.ron"), d.join("b.ron")];
    let expected: Vec<Vec<u8>> = articles
        .iter()
        .zip(&inputs)
        .map(|(article, path)| {
            fs::write(path, ron::to_string(article).unwrap()).unwrap();
            markdown::to_string(article).unwrap().into_bytes()
        })
        .collect();
    let target = d.join("target.md");
    let save = |input: &Path| spawn_with(input, &target, Some(&data));
    let mut full = Duration::ZERO;
    for input in [&inputs[0], &inputs[1], &inputs[0]] {
        let start = Instant::now();
        assert!(save(input).wait().unwrap().success());
        full = full.max(start.elapsed());
    }
    let store = newsdesk::storage::versions::Store::open(data.join("versions"));
    let id = &articles[0].id;
    let versions = |store: &newsdesk::storage::versions::Store| store.list(id).unwrap().versions;
    assert_eq!(versions(&store).len(), 3);
    let max_delay = full + full / 4;
    let mut rng = Rng(0x5eed_0000_7e55_0002);
    let (mut file_only, mut both, mut neither) = (0, 0, 0);
    for run in 0..VERSION_RUNS {
        let before = fs::read(&target).unwrap();
        let stored_before = versions(&store).len();
        let new = usize::from(before == expected[0]);
        let mut child = save(&inputs[new]);
        std::thread::sleep(rng.below(max_delay));
        let _ = child.kill();
        child.wait().unwrap();

        let after = fs::read(&target).unwrap();
        assert!(
            after == before || after == expected[new],
            "run {run}: the article is neither the old nor the new file ({} bytes)",
            after.len()
        );
        // Every stored version reads whole, as one of the two articles.
        let listed = versions(&store);
        for v in &listed {
            let a = store.load(v).unwrap_or_else(|e| panic!("run {run}: {e}"));
            assert!(
                articles.contains(&a),
                "run {run}: version {} is neither",
                v.number
            );
        }
        match (after == expected[new], listed.len() > stored_before) {
            (true, true) => both += 1,
            (true, false) => file_only += 1,
            (false, false) => neither += 1,
            (false, true) => panic!("run {run}: a version of an article never written"),
        }
    }
    eprintln!(
        "torture with versions: {VERSION_RUNS} runs, full save {full:?}; article and version \
         {both}, article only {file_only}, neither {neither}"
    );
    assert!(
        both > 0 && file_only > 0,
        "the delays never hit a save while it wrote its version"
    );
}
