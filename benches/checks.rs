//! All checks over a 10,000-word article, the speed target (under 5 ms): the window
//! re-runs them after every change, so this is the cost of one keystroke's refresh.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use newsdesk::Article;
use newsdesk::formats::{self, Format};

/// A sample article with its body repeated to at least `words` words: real prose with the
/// sample's real slips, so every rule does its full work.
fn long_article(sample: &str, words: usize) -> Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(sample);
    let mut article = formats::read(&path, Format::Ron).expect("the sample reads");
    let once = article.body.clone();
    while newsdesk::checks::stats(&article).words < words {
        article.body.push('\n');
        article.body.push_str(&once);
    }
    article
}

fn checks(c: &mut Criterion) {
    for (name, sample) in [("id", "nato-rutte.ron"), ("en", "harbor-ferry.ron")] {
        let article = long_article(sample, 10_000);
        // The first run loads the dictionaries and fills the spelling cache, as the
        // window's first check of a session does.
        newsdesk::checks::run(&article);
        c.bench_function(&format!("checks 10k words {name}"), |b| {
            b.iter(|| newsdesk::checks::run(black_box(&article)));
        });
    }
    let article = long_article("nato-rutte.ron", 10_000);
    c.bench_function("stats 10k words", |b| {
        b.iter(|| newsdesk::checks::stats(black_box(&article)));
    });
}

criterion_group!(benches, checks);
criterion_main!(benches);
