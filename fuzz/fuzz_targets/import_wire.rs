//! Fuzzes the raw-copy importer: any bytes must import without a panic, every removal must
//! be restorable in bounds, and the imported article must survive both file formats.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdesk::formats::{markdown, ron};
use newsdesk::import;

fuzz_target!(|bytes: &[u8]| {
    let imported = import::bytes(bytes);
    let article = imported.article;
    for removal in imported.report.removals() {
        let restored = import::restore(&article.body, removal);
        assert!(restored.len() >= article.body.len());
    }
    let md = markdown::to_string(&article).expect("an imported article writes as Markdown");
    assert_eq!(markdown::from_str(&md).expect("reads back"), article);
    let text = ron::to_string(&article).expect("an imported article writes as RON");
    assert_eq!(ron::from_str(&text).expect("reads back"), article);
});
