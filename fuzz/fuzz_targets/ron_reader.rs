//! Fuzzes the RON reader: any text must read or fail cleanly, never panic, and whatever
//! reads must write and read back as the same article.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdesk::formats::ron;

fuzz_target!(|text: &str| {
    if let Ok(article) = ron::from_str(text) {
        let written = ron::to_string(&article).expect("a read article writes");
        let again = ron::from_str(&written).expect("what was written reads");
        assert_eq!(again, article, "round trip changed the article:\n{written}");
        assert_eq!(
            ron::to_string(&again).expect("writes"),
            written,
            "writing is not canonical"
        );
    }
});
