//! `soket template`: the form file, its safety on overwrite, and what is inside the workbook.

use crate::harness::Sandbox;

#[test]
fn writes_the_form() {
    let sb = Sandbox::new();
    sb.run(&["template", "-o", "form.xlsx"]).ok();
    assert!(sb.join("form.xlsx").is_file());
}
