//! Fuzzes the agency feed reader (XML decoding, the element tree, NewsML-G2, NITF and
//! NewsML 1.2 mapping, the body converter and the import rules after it): any bytes read
//! without a panic, and every item read survives RON, Markdown and the NewsML-G2 export.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdesk::formats::feed::{self, newsml_g2};
use newsdesk::formats::{markdown, ron};

fuzz_target!(|bytes: &[u8]| {
    let Ok(read) = feed::read(bytes) else {
        return;
    };
    for item in read.items {
        let article = item.article;
        let md = markdown::to_string(&article).expect("an item writes as Markdown");
        assert_eq!(markdown::from_str(&md).expect("reads back"), article);
        let text = ron::to_string(&article).expect("an item writes as RON");
        assert_eq!(ron::from_str(&text).expect("reads back"), article);
        // The export is XML that the reader reads again (not necessarily the same
        // article: arbitrary bytes are not canonical Markdown).
        let xml = newsml_g2::to_string(&article);
        assert!(feed::read(xml.as_bytes()).is_ok(), "{xml}");
    }
});
