//! What the version store adds to Save, at 10,000 words: `Document::save` with and without
//! a version sink. The store's own work (diffing against the last version, writing it)
//! happens on its thread; what Save pays is the snapshot and the hand-over. Target
//! (issue 13): at most 2 ms more than without.
//!
//! Each timed save starts with the store idle, as after an editor's pause: the store's
//! work for the save before is waited for outside the timing (`background` times that
//! work itself). Back-to-back saves would time the two threads' disk syncs queueing behind
//! each other, which no one typing and saving does.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use newsdesk::document::Document;
use newsdesk::storage::versions::{Keeper, Store};
use newsdesk::{Article, Field};

fn body(words: usize) -> String {
    let sentence = "Rutte menjadi pejabat sipil tertinggi NATO saat invasi Rusia ke Ukraina \
                    mendekati hari ke-1.000, kata para pejabat di Brussels.";
    let per = sentence.split_whitespace().count();
    (0..words / per)
        .map(|i| {
            if i % 6 == 5 {
                format!("{sentence}\n\n")
            } else {
                format!("{sentence} ")
            }
        })
        .collect()
}

fn saves(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("story.ron");
    let article = Article {
        headline: "Jens Stoltenberg Mundur, Mark Rutte Resmi Pimpin NATO".into(),
        body: body(10_000),
        language: "id".into(),
        ..Article::default()
    };
    newsdesk::formats::write(&path, &article, newsdesk::formats::Format::Ron).expect("write");
    let keeper = Keeper::start(Store::open(dir.path().join("versions"))).expect("keeper");
    let mut group = c.benchmark_group("save_10000_words");
    group.sample_size(50);
    for with_store in [false, true] {
        let mut doc = Document::open(&path).expect("open");
        if with_store {
            doc.keep_versions(Some(keeper.sink()));
        }
        let mut flip = false;
        let name = if with_store {
            "with_versions"
        } else {
            "without"
        };
        group.bench_function(name, |bench| {
            bench.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    // A one-letter edit, so every save is a new version.
                    flip = !flip;
                    let (range, text) = if flip { (0..0, "x") } else { (0..1, "") };
                    doc.type_text(Field::Headline, range, text, 0.0);
                    let start = Instant::now();
                    doc.save().expect("save");
                    total += start.elapsed();
                    black_box(doc.revision());
                    keeper.flush();
                }
                total
            });
        });
        if with_store {
            group.bench_function("background", |bench| {
                bench.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        flip = !flip;
                        let (range, text) = if flip { (0..0, "x") } else { (0..1, "") };
                        doc.type_text(Field::Headline, range, text, 0.0);
                        doc.save().expect("save");
                        let start = Instant::now();
                        keeper.flush();
                        total += start.elapsed();
                    }
                    total
                });
            });
        }
    }
    group.finish();
    keeper.flush();
    assert!(keeper.take_errors().is_empty());
}

criterion_group!(benches, saves);
criterion_main!(benches);
