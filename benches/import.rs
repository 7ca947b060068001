//! Importing 1 MB of raw copy (the seed and the corpus repeated) must take under 10 ms in
//! release: `cargo bench --no-default-features --bench import`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

/// About 1 MB of copy: every corpus file (when the corpus is beside the project) and the
/// seed sample, repeated, each copy separated by a blank line.
fn megabyte_of_copy() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut parts = vec![
        std::fs::read_to_string(root.join("samples/nato-rutte-liputan6.txt"))
            .expect("the seed sample is in samples/"),
    ];
    for lang in ["id", "en"] {
        if let Ok(dir) = std::fs::read_dir(root.join("../shared/corpus").join(lang)) {
            let mut paths: Vec<_> = dir.filter_map(Result::ok).map(|e| e.path()).collect();
            paths.sort();
            parts.extend(paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()));
        }
    }
    let mut copy = String::with_capacity(1_100_000);
    'fill: loop {
        for part in &parts {
            copy.push_str(part);
            copy.push_str("\n\n");
            if copy.len() >= 1_000_000 {
                break 'fill;
            }
        }
    }
    copy
}

fn import_one_megabyte(c: &mut Criterion) {
    let copy = megabyte_of_copy();
    c.bench_function("import 1 MB of raw copy", |b| {
        b.iter(|| newsdesk::import::wire(black_box(&copy)));
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = import_one_megabyte
}
criterion_main!(benches);
