//! Diffing two bodies that differ in 5 % of their words (every paragraph touched), at
//! 10,000 and 100,000 words. Targets (issue 13): under 20 ms and under 300 ms.
//!
//! It also writes the two 100,000-word articles as Markdown to `target/diff-bench/`, to
//! time the whole `newsdesk diff` process against `git diff --no-index --word-diff=plain`
//! (README, Speed): `hyperfine -N 'target/release/newsdesk diff target/diff-bench/a.md
//! target/diff-bench/b.md' 'git diff --no-index --word-diff=plain target/diff-bench/a.md
//! target/diff-bench/b.md'`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use newsdesk::Article;

/// xorshift64*: reproducible without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).expect("below n")
    }
}

const WORDS: &str = "Sekretaris Jenderal NATO Jens Stoltenberg mengundurkan diri pada hari Selasa \
    (1/10/2024) dan menyerahkan tampuk kepemimpinan kepada mantan Perdana Menteri Belanda Mark \
    Rutte. Stoltenberg, sekretaris jenderal ke-13 NATO, mengambil alih kursi kepemimpinan aliansi \
    tersebut pada 2014, tahun ketika pasukan Rusia menyusup ke Ukraina. Rutte menjadi pejabat \
    sipil tertinggi NATO saat invasi Rusia ke Ukraina mendekati hari ke-1.000. The alliance's \
    32 members spent 2.1% of GDP on defence, officials said in Brussels.";

/// Two bodies of `words` words in paragraphs of 100, the second with 5 % of the words
/// replaced, inserted or deleted at random, within their paragraphs (as editors do).
fn pair(words: usize) -> (String, String) {
    let vocab: Vec<&str> = WORDS.split_whitespace().collect();
    let mut rng = Rng(0x0dd_ba11 + words as u64);
    let (mut old, mut new) = (Vec::new(), Vec::new());
    for _ in 0..words / 100 {
        let para: Vec<&str> = (0..100).map(|_| vocab[rng.below(vocab.len())]).collect();
        let mut edited = Vec::with_capacity(102);
        for &w in &para {
            match rng.below(60) {
                0 => edited.push(vocab[rng.below(vocab.len())]),
                1 => {
                    edited.push(w);
                    edited.push(vocab[rng.below(vocab.len())]);
                }
                2 => {}
                _ => edited.push(w),
            }
        }
        old.push(para.join(" "));
        new.push(edited.join(" "));
    }
    (old.join("\n\n"), new.join("\n\n"))
}

fn article(body: String) -> Article {
    Article {
        headline: "Jens Stoltenberg Mundur, Mark Rutte Resmi Pimpin NATO".into(),
        body,
        language: "id".into(),
        ..Article::default()
    }
}

fn diffs(c: &mut Criterion) {
    for words in [10_000, 100_000] {
        let (old, new) = pair(words);
        let (a, b) = (article(old), article(new));
        let d = newsdesk::diff::diff(&a, &b);
        let changed = d.words_changed();
        assert!(
            changed > words / 40 && changed < words / 5,
            "about 5 % of {words} words changed: {changed}"
        );
        if words == 100_000 {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/diff-bench");
            std::fs::create_dir_all(&dir).expect("bench folder");
            for (name, article) in [("a.md", &a), ("b.md", &b)] {
                let text = newsdesk::formats::markdown::to_string(article).expect("markdown");
                std::fs::write(dir.join(name), text).expect("bench file");
            }
        }
        let mut group = c.benchmark_group(format!("diff_{words}_words"));
        group.sample_size(20);
        group.bench_function("5_percent_changed", |bench| {
            bench.iter(|| black_box(newsdesk::diff::diff(black_box(&a), black_box(&b))));
        });
        group.finish();
    }
}

criterion_group!(benches, diffs);
criterion_main!(benches);
