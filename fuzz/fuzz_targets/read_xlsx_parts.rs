//! Fuzzed XML inside a well-formed zip: the bytes are cut at each 0xFF into the workbook, its
//! relationships, the form sheet and the shared strings of a real form, zipped stored (no CRC to
//! break), so mutations reach calamine's XML readers instead of stopping at the zip layer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use soket::outline::Outline;
use std::io::{Read, Write};
use std::sync::OnceLock;

const PARTS: [&str; 4] = [
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/worksheets/sheet1.xml",
    "xl/sharedStrings.xml",
];

static OUTLINE: OnceLock<Outline> = OnceLock::new();
static TEMPLATE: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();

fn template(o: &Outline) -> Vec<(String, Vec<u8>)> {
    let form = soket::form::blank(o).expect("blank form");
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(form)).expect("zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("entry");
            let mut d = Vec::new();
            f.read_to_end(&mut d).expect("inflate");
            (f.name().expect("name").to_string(), d)
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let o = OUTLINE.get_or_init(Outline::embedded);
    let t = TEMPLATE.get_or_init(|| template(o));
    let pieces: Vec<&[u8]> = data.split(|b| *b == 0xFF).collect();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in t {
        let fuzzed = PARTS
            .iter()
            .position(|p| p == name)
            .and_then(|i| pieces.get(i));
        w.start_file(name.as_str(), opts).expect("start");
        w.write_all(fuzzed.copied().unwrap_or(bytes)).expect("write");
    }
    let bytes = w.finish().expect("finish").into_inner();
    let _ = soket::read::read_bytes(bytes, o);
});
