//! The feed benchmarks' floor: a bare quick-xml pass over a document's events, keeping
//! nothing, as any XML reader must at least do.

use quick_xml::Reader;
use quick_xml::events::Event;

/// Every event of the document; how many there were.
pub fn bare_parse(bytes: &[u8]) -> usize {
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut events = 0;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => return events,
            Ok(_) => events += 1,
        }
        buf.clear();
    }
}
