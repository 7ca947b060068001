//! Heap the core keeps for a session, counted by a wrapping global allocator: what the
//! importer's compiled patterns, the spelling dictionaries and the checks' caches hold once
//! they have been used, the part of the window's resident memory (issue 4: under 120 MB
//! with the seed open) that is Newsdesk's own rather than the windowing and GL stack's.
//!
//! Prints one line per step, live heap after it and the peak during it, in MB:
//! `cargo bench --bench memory`.

use std::path::Path;
use std::sync::atomic::Ordering;

#[path = "common/counting.rs"]
mod counting;

use counting::{LIVE, PEAK, mb};

/// Runs `step`, then prints the live heap and the peak while it ran.
fn measure<T>(name: &str, step: impl FnOnce() -> T) -> T {
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    let before = LIVE.load(Ordering::Relaxed);
    let out = step();
    let after = LIVE.load(Ordering::Relaxed);
    let change = if after >= before {
        mb(after - before)
    } else {
        -mb(before - after)
    };
    println!(
        "{name:<44} live {:6.2} MB ({change:+5.2})  peak {:6.2} MB",
        mb(after),
        mb(PEAK.load(Ordering::Relaxed)),
    );
    out
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The seed article, as the project's own sample.
    let raw =
        std::fs::read(root.join("samples/nato-rutte-liputan6.txt")).expect("the sample reads");

    let imported = measure("import the seed (patterns compiled)", || {
        newsdesk::import::bytes(&raw)
    });
    measure("import it again", || newsdesk::import::bytes(&raw));
    measure(
        "release the importer's own patterns",
        newsdesk::import::release_patterns,
    );
    let id = imported.article;
    measure("checks, Indonesian (id + en dictionaries)", || {
        newsdesk::checks::run(&id)
    });
    measure("checks again", || newsdesk::checks::run(&id));
    let en = newsdesk::formats::read(
        &root.join("samples/harbor-ferry.ron"),
        newsdesk::formats::Format::Ron,
    )
    .expect("the sample reads");
    measure("checks, English", || newsdesk::checks::run(&en));

    // The window's edit path at 100,000 words: what a 200-character burst and the pause
    // after it leave in the heap (README: at most 10 MB more after the burst).
    let long = newsdesk::Article {
        headline: "Rutte Resmi Pimpin NATO".into(),
        body: long_body(100_000),
        language: "id".into(),
        ..newsdesk::Article::default()
    };
    let mut doc = measure("open a 100,000-word article", || {
        newsdesk::document::Document::from_file(
            long,
            root.join("long.ron"),
            newsdesk::formats::Format::Ron,
        )
    });
    measure("type 200 characters at the end of its body", || {
        for (i, c) in "kata baru di akhir berita ".repeat(8)[..200]
            .chars()
            .enumerate()
        {
            let end = doc.article().body.len();
            #[allow(clippy::cast_precision_loss)]
            let now = i as f64 * 0.01;
            doc.type_text(newsdesk::Field::Body, end..end, &c.to_string(), now);
        }
    });
    let snapshot = measure("the pause: one shared snapshot", || doc.snapshot());
    measure("checks at 100,000 words", || {
        newsdesk::checks::run(&snapshot)
    });
    println!("undo history after the burst: {} bytes", doc.history_size());
}

/// About `words` words of Indonesian copy in paragraphs of a hundred.
fn long_body(words: usize) -> String {
    let sentence = "Rutte menjadi pejabat sipil tertinggi NATO saat invasi Rusia ke Ukraina \
                    mendekati hari ke-1.000, kata para pejabat di Brussels.";
    let per = sentence.split_whitespace().count();
    let paragraph = vec![sentence; 100 / per + 1].join(" ");
    vec![paragraph.as_str(); words / 100].join("\n\n")
}
