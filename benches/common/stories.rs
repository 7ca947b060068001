//! The desk benchmarks' folder of 10,000 stories (issue 12), made once from the samples and
//! the corpus (its raw copy imported, as `newsdesk import` would) and kept in
//! `target/desk-bench/stories/`: half Markdown, half RON less every tenth, which is raw
//! copy left as `.txt` for the list to import as it reads. Headlines are numbered, dates
//! spread over two months and states over all four, so sorting has work to do.

use std::path::{Path, PathBuf};

use newsdesk::Article;
use newsdesk::article::StoryState;
use newsdesk::formats::{self, Format};

pub const STORIES: usize = 10_000;

/// The folder, made on the first call.
pub fn folder() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("target/desk-bench/stories");
    // Hidden, so not a story file itself.
    let complete = dir.join(".complete");
    if complete.exists() {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the bench folder is made");
    let (articles, raw) = bases(root);
    let first = chrono::NaiveDate::from_ymd_opt(2024, 10, 1).expect("a date");
    for i in 0..STORIES {
        if i % 10 == 9 && !raw.is_empty() {
            let copy = &raw[(i / 10) % raw.len()];
            std::fs::write(dir.join(format!("story-{i:05}.txt")), copy).expect("written");
            continue;
        }
        let mut a = articles[i % articles.len()].clone();
        a.headline = format!("{} ({})", a.headline, i + 1);
        a.dateline.date = first.checked_sub_days(chrono::Days::new((i % 60) as u64));
        a.state = StoryState::ALL[i % 4];
        let (ext, format) = if i % 2 == 0 {
            ("md", Format::Md)
        } else {
            ("ron", Format::Ron)
        };
        let text = formats::serialize(&a, format).expect("a sample serialises");
        std::fs::write(dir.join(format!("story-{i:05}.{ext}")), text).expect("written");
    }
    std::fs::write(&complete, "").expect("written");
    dir
}

/// The samples' articles and the corpus's articles (imported), and the corpus's raw copy.
fn bases(root: &Path) -> (Vec<Article>, Vec<Vec<u8>>) {
    let mut articles = Vec::new();
    let mut raw = Vec::new();
    for name in [
        "nato-rutte.ron",
        "harbor-ferry.md",
        "harbor-ferry-pictures.ron",
    ] {
        let path = root.join("samples").join(name);
        let format = Format::from_path(&path).expect("an article extension");
        articles.push(formats::read(&path, format).expect("the sample reads"));
    }
    let corpus = root.join("../shared/corpus");
    for lang in ["id", "en"] {
        let Ok(entries) = std::fs::read_dir(corpus.join(lang)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for path in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        {
            let bytes = std::fs::read(path).expect("a corpus file reads");
            articles.push(newsdesk::import::bytes(&bytes).article);
            raw.push(bytes);
        }
    }
    if raw.is_empty() {
        println!("(no ../shared/corpus beside the checkout: stories from the samples only)");
    }
    (articles, raw)
}
