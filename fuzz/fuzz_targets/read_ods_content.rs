//! Fuzzed `content.xml` inside a well-formed, stored ods zip: reaches calamine's ods reader
//! (repeated rows and columns, text spans) and the guard's ods scan.
#![no_main]

use libfuzzer_sys::fuzz_target;
use soket::outline::Outline;
use std::io::Write;
use std::sync::OnceLock;

static OUTLINE: OnceLock<Outline> = OnceLock::new();

const MANIFEST: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
</manifest:manifest>";

fuzz_target!(|data: &[u8]| {
    let o = OUTLINE.get_or_init(Outline::embedded);
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    let parts: [(&str, &[u8]); 3] = [
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml", data),
        ("META-INF/manifest.xml", MANIFEST.as_bytes()),
    ];
    for (name, bytes) in parts {
        w.start_file(name, opts).expect("start");
        w.write_all(bytes).expect("write");
    }
    let bytes = w.finish().expect("finish").into_inner();
    let _ = soket::read::read_bytes(bytes, o);
});
