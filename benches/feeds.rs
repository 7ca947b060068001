//! Reading an agency item — decoding, the element tree, the field mapping, the body
//! converter and the import rules — against the floor: a bare pass of quick-xml over the
//! same bytes, every event read and nothing kept. The target is at most twice the floor:
//! `cargo bench --bench feeds`. Between the two, decoding and the element tree alone, to
//! show where the time goes (README, Speed).
//!
//! The items are the samples in `../shared/feeds` (skipped without them).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "common/bare_xml.rs"]
mod bare_xml;

use bare_xml::bare_parse;

fn samples() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/feeds/superdesk");
    [
        "dpa.xml",
        "ap-nitf.xml",
        "ansa-newsmlg2-text.xml",
        "afp20.xml",
    ]
    .iter()
    .filter_map(|name| Some(((*name).to_owned(), std::fs::read(dir.join(name)).ok()?)))
    .collect()
}

fn feeds(c: &mut Criterion) {
    let samples = samples();
    if samples.is_empty() {
        eprintln!("!!!!!!!! SKIPPED: ../shared/feeds is not beside this checkout !!!!!!!!");
        return;
    }
    // The patterns are compiled once per process; a batch import pays that once.
    let _ = newsdesk::formats::feed::read(&samples[0].1);
    let mut group = c.benchmark_group("agency item");
    for (name, bytes) in &samples {
        group.bench_function(format!("{name}: bare quick-xml parse"), |b| {
            b.iter(|| bare_parse(black_box(bytes)));
        });
        group.bench_function(format!("{name}: decode and element tree"), |b| {
            b.iter(|| {
                let decoded = newsdesk::formats::feed::xml::decode(black_box(bytes));
                // The tree borrows the decoded text, so it is looked at here.
                decoded.map(|d| {
                    newsdesk::formats::feed::xml::parse(&d.text)
                        .map(|doc| black_box(&doc).root().children().count())
                })
            });
        });
        group.bench_function(format!("{name}: parse and import"), |b| {
            b.iter(|| newsdesk::formats::feed::read(black_box(bytes)));
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = feeds
}
criterion_main!(benches);
