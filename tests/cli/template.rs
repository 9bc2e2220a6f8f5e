//! `soket template`: the form file, its safety on overwrite, and what is inside the workbook.

use crate::harness::{
    Book, Sandbox, SheetData, attr, cell_pos, col_letter, sha256, sheet_xml, tags, xlsx_part,
    xlsx_part_names,
};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use unicode_normalization::UnicodeNormalization;

const FORM: &str = "Báo cáo";
const META: &str = "_soket";
const CAMPAIGN: &str = "so-ket-02-ctr-bch-2026";
const VERSION: &str = "1.0";

/// A sandbox holding a freshly written `form.xlsx`, and the outline as JSON.
fn form() -> (Sandbox, Value) {
    let sb = Sandbox::new();
    let run = sb.run(&["template", "-o", "form.xlsx"]);
    run.ok();
    assert_eq!(run.stdout, "", "the form goes to the file, not to stdout");
    assert!(run.stderr.contains("form.xlsx"), "{}", run.stderr);
    let doc = sb.run(&["outline", "--format", "json"]).ok().json();
    (sb, doc)
}

fn fields(doc: &Value) -> &Vec<Value> {
    doc["fields"].as_array().expect("fields")
}

// ------------------------------------------------------------------ the file

#[test]
fn writes_the_form_and_nothing_else() {
    let (sb, doc) = form();
    assert_eq!(sb.list("."), ["form.xlsx"], "no temporary file left behind");
    let bytes = std::fs::read(sb.join("form.xlsx")).expect("read form");
    assert!(bytes.starts_with(b"PK\x03\x04"), "an xlsx is a zip file");
    let run = sb.run(&["template", "-o", "other.xlsx"]);
    run.ok();
    let count = fields(&doc).len().to_string();
    assert!(
        run.stderr.contains(&count),
        "stderr tells the number of inputs: {}",
        run.stderr
    );
}

#[test]
fn default_output_name() {
    let sb = Sandbox::new();
    sb.run(&["template"]).ok();
    assert_eq!(sb.list("."), ["bieu-mau-so-ket.xlsx"]);
}

#[test]
fn writes_into_a_new_subfolder() {
    let sb = Sandbox::new();
    sb.run(&["template", "-o", "dot-1/bieu-mau.xlsx"]).ok();
    assert_eq!(sb.list("dot-1"), ["bieu-mau.xlsx"]);
}

#[test]
fn refuses_to_overwrite_without_force() {
    let (sb, _) = form();
    let path = sb.join("form.xlsx");
    let before = sha256(&path);
    let run = sb.run(&["template", "-o", "form.xlsx"]);
    run.expect_code(2);
    let line = run.one_error_line();
    assert!(line.contains("form.xlsx"), "names the file: {line}");
    assert!(line.contains("đã có") && line.contains("--force"), "{line}");
    assert_eq!(sha256(&path), before, "the existing file is untouched");
    assert_eq!(sb.list("."), ["form.xlsx"], "no temporary file left behind");
}

#[test]
fn refuses_to_overwrite_any_existing_file() {
    let sb = Sandbox::new();
    let path = sb.write(
        "bao-cao-quan-trong.xlsx",
        b"not a workbook, but someone's file",
    );
    let before = sha256(&path);
    sb.run(&["template", "-o", "bao-cao-quan-trong.xlsx"])
        .expect_code(2);
    assert_eq!(sha256(&path), before);
}

#[test]
fn overwrites_with_force() {
    let sb = Sandbox::new();
    sb.run(&["template", "-o", "fresh.xlsx"]).ok();
    let path = sb.write("form.xlsx", b"old content");
    sb.run(&["template", "-o", "form.xlsx", "--force"]).ok();
    assert_eq!(sha256(&path), sha256(sb.join("fresh.xlsx")));
    assert_eq!(
        sb.list("."),
        ["form.xlsx", "fresh.xlsx"],
        "no temporary file left behind"
    );
}

#[test]
fn generating_twice_gives_identical_bytes() {
    let sb = Sandbox::new();
    sb.run(&["template", "-o", "a.xlsx"]).ok();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    sb.run(&["template", "-o", "b.xlsx"]).ok();
    assert_eq!(sha256(sb.join("a.xlsx")), sha256(sb.join("b.xlsx")));
}

// ------------------------------------------------------------------ cells, names, keys

#[test]
fn every_field_has_its_defined_name_cell_and_key_token() {
    let (sb, doc) = form();
    let mut book = Book::open(sb.join("form.xlsx"));
    assert_eq!(book.sheet_names(), [FORM, META]);
    assert!(!book.is_hidden(FORM));
    assert!(book.is_hidden(META), "the meta sheet is hidden");
    let names: BTreeMap<String, String> = book.names().into_iter().collect();
    let sheet = book.sheet(FORM);
    for f in fields(&doc) {
        let key = f["key"].as_str().expect("key");
        let name = f["name"].as_str().expect("name");
        let cell = f["cell"].as_str().expect("cell");
        let (row, col) = cell_pos(cell);
        let letter = col_letter(col);
        let reference = names
            .get(name)
            .unwrap_or_else(|| panic!("defined name {name} is missing"));
        assert_eq!(
            reference,
            &format!("'{FORM}'!${letter}${}", row + 1),
            "defined name {name}"
        );
        let g = format!("G{}", row + 1);
        let tokens = sheet.text(&g).unwrap_or_default();
        assert!(
            tokens
                .split_whitespace()
                .any(|t| t == format!("{}@{letter}", key.replace('_', "."))),
            "{g} should hold {key}@{letter}, has {tokens:?}"
        );
    }
    // No stray input names beyond the fields (sk__campaign/sk__version are the meta cells).
    let expected: BTreeSet<String> = fields(&doc)
        .iter()
        .map(|f| f["name"].as_str().expect("name").to_string())
        .chain(["sk__campaign".to_string(), "sk__version".to_string()])
        .collect();
    let actual: BTreeSet<String> = names
        .keys()
        .filter(|n| n.starts_with("sk_"))
        .cloned()
        .collect();
    assert_eq!(actual, expected);
    assert_eq!(names["sk__campaign"], format!("'{META}'!$B$2"));
    assert_eq!(names["sk__version"], format!("'{META}'!$B$3"));
}

#[test]
fn key_column_holds_only_tokens_of_known_fields() {
    let (sb, doc) = form();
    let mut book = Book::open(sb.join("form.xlsx"));
    let sheet = book.sheet(FORM);
    let known: BTreeMap<&str, &str> = fields(&doc)
        .iter()
        .map(|f| {
            (
                f["key"].as_str().expect("key"),
                f["cell"].as_str().expect("cell"),
            )
        })
        .collect();
    let mut seen = 0;
    for (row, col, text) in sheet.strings() {
        if col != cell_pos("G1").1 {
            continue;
        }
        for token in text.split_whitespace() {
            let (dotted, letter) = token.split_once('@').expect("key@COL");
            assert!(
                !dotted.contains('_'),
                "token {token} must write _ as . (LibreOffice escapes)"
            );
            let key = dotted.replace('.', "_");
            let key = key.as_str();
            let cell = format!("{letter}{}", row + 1);
            assert_eq!(
                known.get(key),
                Some(&cell.as_str()),
                "token {token} in G{}",
                row + 1
            );
            seen += 1;
        }
    }
    assert_eq!(seen, known.len(), "one token per field");
}

#[test]
fn meta_sheet_and_document_properties_name_the_campaign() {
    let (sb, _) = form();
    let path = sb.join("form.xlsx");
    let mut book = Book::open(&path);
    let meta = book.sheet(META);
    assert_eq!(meta.text("B2").as_deref(), Some(CAMPAIGN));
    assert_eq!(meta.text("B3").as_deref(), Some(VERSION));

    let custom = xlsx_part(&path, "docProps/custom.xml");
    assert!(
        custom.contains(&format!("<vt:lpwstr>{CAMPAIGN}</vt:lpwstr>")),
        "{custom}"
    );
    assert!(
        custom.contains(&format!("<vt:lpwstr>{VERSION}</vt:lpwstr>")),
        "{custom}"
    );
    let core = xlsx_part(&path, "docProps/core.xml");
    assert!(
        core.contains(">2026-04-21T00:00:00Z</dcterms:created>"),
        "pinned creation date: {core}"
    );
}

// ------------------------------------------------------------------ protection, validation, print

/// (sqref, type, formula1) of each `<dataValidation>` of a sheet XML.
fn validations(xml: &str) -> Vec<(String, String, String)> {
    xml.split("<dataValidation ")
        .skip(1)
        .map(|chunk| {
            let body = &chunk[..chunk.find("</dataValidation>").unwrap_or(chunk.len())];
            let formula = body
                .split_once("<formula1>")
                .and_then(|(_, r)| r.split_once("</formula1>"))
                .map(|(f, _)| f.to_string())
                .unwrap_or_default();
            (
                attr(chunk, "sqref").expect("sqref"),
                attr(chunk, "type").unwrap_or_default(),
                formula,
            )
        })
        .collect()
}

#[test]
fn sheet_is_protected_without_password_and_inputs_are_unlocked() {
    let (sb, doc) = form();
    let path = sb.join("form.xlsx");
    let xml = sheet_xml(&path, FORM);
    let prot = tags(&xml, "sheetProtection");
    assert_eq!(prot.len(), 1, "one <sheetProtection>");
    assert_eq!(attr(prot[0], "sheet").as_deref(), Some("1"));
    for a in ["password", "hashValue", "algorithmName"] {
        assert!(attr(prot[0], a).is_none(), "no password: {}", prot[0]);
    }
    let styles = xlsx_part(&path, "xl/styles.xml");
    assert!(
        styles.contains("locked=\"0\""),
        "an unlocked input style exists"
    );

    let mut book = Book::open(&path);
    for f in fields(&doc) {
        let cell = f["cell"].as_str().expect("cell");
        assert_eq!(
            book.locked(FORM, cell),
            Some(false),
            "input {cell} ({}) is unlocked",
            f["key"]
        );
    }
    // Labels stay locked.
    let label = format!(
        "B{}",
        cell_pos(fields(&doc)[7]["cell"].as_str().expect("cell")).0 + 1
    );
    assert_eq!(
        book.locked(FORM, &label),
        Some(true),
        "label {label} is locked"
    );
}

#[test]
fn one_validation_per_input_cell() {
    let (sb, doc) = form();
    let path = sb.join("form.xlsx");
    let xml = sheet_xml(&path, FORM);
    let dv = validations(&xml);
    assert_eq!(
        dv.len(),
        fields(&doc).len(),
        "one <dataValidation> per field"
    );
    let wrapper = tags(&xml, "dataValidations");
    assert_eq!(
        attr(wrapper[0], "count"),
        Some(fields(&doc).len().to_string())
    );
    let by_cell: BTreeMap<&str, (&str, &str)> = dv
        .iter()
        .map(|(s, t, f)| (s.as_str(), (t.as_str(), f.as_str())))
        .collect();
    let mut book = Book::open(&path);
    let meta = book.sheet(META);
    for f in fields(&doc) {
        let cell = f["cell"].as_str().expect("cell");
        let key = &f["key"];
        let (ty, formula) = by_cell
            .get(cell)
            .unwrap_or_else(|| panic!("no validation on {cell} ({key})"));
        match f["type"].as_str().expect("type") {
            "choice" | "yes_no" => {
                assert_eq!(*ty, "list", "{key}");
                let wanted: Vec<&str> = f["choices"]
                    .as_array()
                    .expect("choices")
                    .iter()
                    .map(|c| c.as_str().expect("choice"))
                    .collect();
                assert_eq!(list_values(&meta, formula), wanted, "dropdown of {key}");
            }
            "integer" | "signed_integer" => {
                assert!(["whole", "decimal"].contains(ty), "{key}: {ty}")
            }
            "money" | "percent" => assert!(["whole", "decimal"].contains(ty), "{key}: {ty}"),
            "date" => assert_eq!(*ty, "date", "{key}"),
            _ => {}
        }
    }
}

/// The values of a list validation's range on the meta sheet, e.g. `'_soket'!$D$2:$D$3`.
fn list_values(meta: &SheetData, formula: &str) -> Vec<String> {
    let range = formula
        .strip_prefix(&format!("'{META}'!"))
        .unwrap_or_else(|| panic!("list on the meta sheet, got {formula}"));
    let (a, b) = range.split_once(':').expect("a range");
    let ((r1, c1), (r2, c2)) = (cell_pos(a), cell_pos(b));
    assert_eq!(c1, c2, "one column");
    (r1..=r2)
        .map(|r| {
            meta.text(&format!("{}{}", col_letter(c1), r + 1))
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn prints_on_a4_portrait_one_page_wide() {
    let (sb, _) = form();
    let xml = sheet_xml(sb.join("form.xlsx"), FORM);
    let setup = tags(&xml, "pageSetup");
    assert_eq!(setup.len(), 1);
    assert_eq!(attr(setup[0], "paperSize").as_deref(), Some("9"), "A4");
    assert_eq!(attr(setup[0], "orientation").as_deref(), Some("portrait"));
    // One page wide at a fixed 71 % (what fitting the width gives), so that the form places its
    // own page breaks: a heading never ends a page, the signature and short tables stay whole.
    assert_eq!(attr(setup[0], "scale").as_deref(), Some("71"));
    assert!(!xml.contains("fitToPage"));
    assert_eq!(tags(&xml, "rowBreaks").len(), 1, "page breaks");
    let names = xlsx_part_names(sb.join("form.xlsx"));
    assert!(
        names.iter().any(|n| n == "docProps/custom.xml"),
        "{names:?}"
    );
}

mod seed;
