//! The desk's story list over a folder of 10,000 stories (issue 12): how soon the first
//! rows show, when every row is in, when the checks' counts are, and the heap the list
//! keeps (bodies are not kept). Targets: first rows within 100 ms, the whole list within
//! 2 s, under 30 MB. The frame with the list visible is in `benches/frame.rs`.
//!
//! `cargo bench --bench desk` (the folder is made once in `target/desk-bench/`; the file
//! system's cache is warm after the first run, as it is on a desk that opens its folder
//! again).

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

#[path = "common/counting.rs"]
mod counting;
#[path = "common/stories.rs"]
mod stories;

use counting::{LIVE, PEAK, mb};
use newsdesk::desk::Desk;

fn main() {
    let dir = stories::folder();
    for run in 1..=3 {
        PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
        let before = LIVE.load(Ordering::Relaxed);
        let start = Instant::now();
        let mut desk = Desk::open(&dir);
        let mut first = None;
        let mut listed = None;
        loop {
            desk.poll();
            let now = start.elapsed();
            if first.is_none() && !desk.is_empty() {
                first = Some((now, desk.len()));
            }
            if listed.is_none() && desk.is_listed() {
                listed = Some(now);
                assert_eq!(desk.len(), stories::STORIES, "every story has its row");
            }
            if listed.is_some() && desk.is_counted() {
                break;
            }
            assert!(now < Duration::from_mins(10), "the desk never finished");
            // As the window: it polls once a frame.
            std::thread::sleep(Duration::from_millis(16));
        }
        let counted = start.elapsed();
        let rows_heap = LIVE.load(Ordering::Relaxed).saturating_sub(before);
        let (first, first_rows) = first.expect("rows came");
        let listed = listed.expect("listed");
        println!(
            "run {run}: first {first_rows} rows {:7.1} ms, all {} rows {:7.1} ms, \
             checks' counts {:7.1} ms; list heap {:5.2} MB (peak {:5.2} MB)",
            first.as_secs_f64() * 1000.0,
            desk.len(),
            listed.as_secs_f64() * 1000.0,
            counted.as_secs_f64() * 1000.0,
            mb(rows_heap),
            mb(PEAK.load(Ordering::Relaxed).saturating_sub(before)),
        );
        // A filter over 10,000 rows, as typed into the box.
        let start = Instant::now();
        desk.set_filter("nato rutte");
        let filtered = start.elapsed();
        println!(
            "        filter \"nato rutte\": {} rows in {:.2} ms",
            desk.len(),
            filtered.as_secs_f64() * 1000.0
        );
        drop(desk);
    }
}
