//! Not an example for users: a driver for counting instructions of the feed reader under
//! `valgrind --tool=callgrind` (README, Agency feeds), where criterion's own work would
//! drown the figures. `feed_profile MODE N FILE` reads FILE once (compiling the import
//! patterns), then N times: `bare` a quick-xml pass keeping nothing (the floor), `tree`
//! decoding and the element tree, `read` the whole parse and import. The per-item cost is
//! (run with N) minus (run with 0), divided by N.

use std::hint::black_box;
use std::process::ExitCode;

#[path = "common/bare_xml.rs"]
mod bare_xml;

use bare_xml::bare_parse;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(mode), Some(Ok(n)), Some(file)) = (
        args.get(1),
        args.get(2).map(|n| n.parse::<usize>()),
        args.get(3),
    ) else {
        eprintln!("usage: feed_profile bare|tree|read N FILE");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("feed_profile: {file}: {e}");
            return ExitCode::from(2);
        }
    };
    let _ = newsdesk::formats::feed::read(&bytes);
    let kept = run(mode, n, &bytes);
    println!("{kept}");
    ExitCode::SUCCESS
}

/// The measured loop, on its own so that `--toggle-collect=feed_profile::run` profiles the
/// items without the one-time pattern compilation.
#[inline(never)]
fn run(mode: &str, n: usize, bytes: &[u8]) -> usize {
    let mut kept = 0usize;
    for _ in 0..n {
        let bytes = black_box(bytes);
        kept += match mode {
            "bare" => bare_parse(bytes),
            "tree" => newsdesk::formats::feed::xml::decode(bytes).map_or(0, |d| {
                newsdesk::formats::feed::xml::parse(&d.text)
                    .map_or(0, |doc| doc.root().children().count())
            }),
            _ => newsdesk::formats::feed::read(bytes).map_or(0, |f| f.items.len()),
        };
    }
    kept
}
