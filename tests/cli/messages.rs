//! No English in what the user reads: file-system errors and TOML mistakes are explained in
//! Vietnamese, naming the user's path (never a temporary file) and saying what to do.

use crate::harness::{Sandbox, source_file};

/// English words the system, the TOML parser and serde use, found outside `…` and “…” spans (which
/// quote the user's own text).
fn english(line: &str) -> Vec<String> {
    const WORDS: [&str; 40] = [
        "expected",
        "unclosed",
        "invalid",
        "unknown",
        "missing",
        "duplicate",
        "field",
        "variant",
        "type",
        "string",
        "integer",
        "boolean",
        "array",
        "table",
        "key",
        "value",
        "found",
        "sequence",
        "map",
        "struct",
        "nothing",
        "comma",
        "quote",
        "literal",
        "characters",
        "unexpected",
        "opening",
        "date",
        "floating",
        "point",
        "error",
        "permission",
        "denied",
        "exists",
        "such",
        "file",
        "directory",
        "path",
        "must",
        "quoted",
    ];
    let mut plain = String::new();
    let mut inside: Option<char> = None;
    for c in line.chars() {
        match (inside, c) {
            (None, '`') => inside = Some('`'),
            (None, '“') => inside = Some('”'),
            (Some(end), c) if c == end => inside = None,
            (None, c) => plain.push(c),
            _ => {}
        }
    }
    plain
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| WORDS.contains(&w.to_ascii_lowercase().as_str()))
        .map(str::to_string)
        .collect()
}

#[track_caller]
fn vietnamese_only(line: &str) {
    assert!(
        english(line).is_empty(),
        "English {:?} in: {line}",
        english(line)
    );
    assert!(
        !line.contains("os error") && !line.contains(".soket-") && !line.contains(".tmp"),
        "{line}"
    );
}

#[test]
fn a_folder_without_write_permission_is_named_with_what_to_do() {
    let sb = Sandbox::new();
    let locked = sb.join("khoa");
    std::fs::create_dir(&locked).expect("folder");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    }
    // As root a read-only mode does not stop writing; /sys/kernel refuses even root.
    let dir = if std::fs::write(locked.join("thu"), "x").is_err() {
        "khoa".to_string()
    } else {
        "/sys/kernel".to_string()
    };
    let out = format!("{dir}/bieu-mau.xlsx");
    let run = sb.run(&["template", "-o", &out]);
    run.expect_code(2);
    let line = run.one_error_line();
    assert_eq!(
        line,
        format!(
            "lỗi: không ghi được tệp {out}: không có quyền ghi vào thư mục {dir}; chọn thư mục khác, hoặc nhờ người quản trị máy cấp quyền ghi"
        )
    );
    vietnamese_only(line);
}

#[test]
fn a_file_where_a_folder_should_be_is_named() {
    let sb = Sandbox::new();
    sb.write("tep", "x");
    for out in ["tep/bieu-mau.xlsx", "tep/con/bieu-mau.xlsx"] {
        let run = sb.run(&["template", "-o", out]);
        run.expect_code(2);
        let line = run.one_error_line();
        assert_eq!(
            line,
            format!(
                "lỗi: không ghi được tệp {out}: tep là một tệp, không phải thư mục; chọn đường dẫn khác"
            )
        );
        vietnamese_only(line);
    }
    // Refused before any return is read or anything printed.
    sb.run(&["demo", "-o", "d", "--units", "10"]).ok();
    let run = sb.run(&["check", "--feedback", "tep", "d/bao-cao"]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.one_error_line(),
        "lỗi: không ghi được vào thư mục tep: tep là một tệp, không phải thư mục; chọn đường dẫn khác"
    );
    let run = sb.run(&["merge", "-o", "tep/tong-hop.xlsx", "d/bao-cao"]);
    run.expect_code(2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.one_error_line(),
        "lỗi: không ghi được tệp tep/tong-hop.xlsx: tep là một tệp, không phải thư mục; chọn đường dẫn khác"
    );
    std::fs::create_dir(sb.join("thu-muc.xlsx")).expect("folder");
    let run = sb.run(&["template", "-o", "thu-muc.xlsx"]);
    run.expect_code(2);
    assert_eq!(
        run.one_error_line(),
        "lỗi: không ghi được tệp thu-muc.xlsx: đây là một thư mục; ghi tên tệp cần tạo, ví dụ thu-muc.xlsx/ten-tep.xlsx"
    );
}

#[test]
fn a_missing_input_is_explained_in_vietnamese() {
    let sb = Sandbox::new();
    let run = sb.run(&["status", "--roster", "khong-co.csv", "."]);
    run.expect_code(2);
    let line = run.one_error_line();
    assert!(line.contains("khong-co.csv"), "{line}");
    assert!(
        line.ends_with(": không tìm thấy tệp hoặc thư mục này: kiểm tra lại đường dẫn"),
        "{line}"
    );
    vietnamese_only(line);
    // A roster that is no spreadsheet: calamine's English stays out.
    sb.copy_fixture("hostile/garbage.xlsx", "ds.xlsx");
    let run = sb.run(&["status", "--roster", "ds.xlsx", "."]);
    run.expect_code(2);
    assert_eq!(
        run.one_error_line(),
        "lỗi: không mở được danh sách đơn vị ds.xlsx: hãy kiểm tra tệp có đúng là bảng tính và không đặt mật khẩu"
    );
}

#[test]
fn template_refuses_a_name_that_is_not_xlsx_as_merge_does() {
    let sb = Sandbox::new();
    let run = sb.run(&["template", "-o", "out.ods"]);
    run.expect_code(2);
    assert_eq!(
        run.one_error_line(),
        "lỗi: tệp biểu mẫu out.ods phải có đuôi .xlsx"
    );
    assert!(!sb.join("out.ods").exists());
    let merge = sb.run(&["merge", "-o", "out.ods", "."]);
    merge.expect_code(2);
    assert_eq!(
        merge.one_error_line(),
        "lỗi: tệp tổng hợp out.ods phải có đuôi .xlsx"
    );
    sb.run(&["template", "-o", "BIEU-MAU.XLSX"]).ok();
    assert!(sb.join("BIEU-MAU.XLSX").is_file());
}

/// The embedded outline with one piece of text replaced.
fn outline_with(old: &str, new: &str) -> String {
    let text =
        std::fs::read_to_string(source_file("templates/so-ket-02-ctr-bch.toml")).expect("outline");
    assert!(text.contains(old), "{old}");
    text.replacen(old, new, 1)
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("{needle}"))
}

#[test]
fn toml_mistakes_are_explained_in_vietnamese_with_file_and_line() {
    let sb = Sandbox::new();
    let recipients =
        r#"recipients = ["Nơi nhận:", "- LĐLĐ tỉnh (Bộ phận Tổ chức - Kiểm tra);", "- Lưu: VT."]"#;
    let required = "type = \"text\"\nrequired = true";
    // (name, replaced, replacement, line the message names, what it says)
    let cases = [
        (
            "mo-ngoac",
            r#"receiver = "LĐLĐ tỉnh""#,
            "receiver = \"LĐLĐ tỉnh\"\nx = [1, 2",
            "[document]",
            "sai cú pháp TOML: thiếu dấu “,” giữa hai phần tử của danh sách, hoặc danh sách ở trên chưa đóng bằng “]” (dòng đó: `[document]`)",
        ),
        (
            "thua-phay",
            recipients,
            r#"recipients = ["a",, "b"]"#,
            r#"recipients = ["a",, "b"]"#,
            "sai cú pháp TOML: thừa dấu “,” trong danh sách (dòng đó: `recipients = [\"a\",, \"b\"]`)",
        ),
        (
            "ngoac-kep",
            r#"version = "1.0""#,
            "version = 1.0",
            "version = 1.0",
            "sai kiểu giá trị: đã ghi số thập phân `1.0`, cần một chuỗi trong dấu ngoặc kép, ví dụ \"Có\" (dòng đó: `version = 1.0`)",
        ),
        (
            "dung-sai",
            required,
            "type = \"text\"\nrequired = yes",
            "required = yes",
            "sai cú pháp TOML: giá trị chữ phải viết trong dấu ngoặc kép, ví dụ \"Có\"; đúng/sai viết true hoặc false (dòng đó: `required = yes`)",
        ),
        (
            "kieu",
            "type = \"text\"",
            "type = \"texte\"",
            "type = \"texte\"",
            "giá trị `texte` không hợp lệ; chỉ nhận: `text`, `long_text`, `integer`, `signed_integer`, `money`, `percent`, `date`, `choice`, `multi_choice`, `yes_no`, `table` (dòng đó: `type = \"texte\"`)",
        ),
        (
            "ngay",
            "deadline_units = 2026-04-30",
            "deadline_units = 2026-13-30",
            "deadline_units = 2026-13-30",
            "sai cú pháp TOML: ngày không hợp lệ: ghi dạng năm-tháng-ngày, ví dụ 2026-04-30 (dòng đó: `deadline_units = 2026-13-30`)",
        ),
        (
            "trung",
            r#"version = "1.0""#,
            "version = \"1.0\"\nversion = \"2.0\"",
            "version = \"2.0\"",
            "sai cú pháp TOML: khóa hoặc bảng bị trùng: đã có ở trên; bỏ hoặc đổi tên một chỗ (dòng đó: `version = \"2.0\"`)",
        ),
        (
            "bang",
            "[lists.parent_union]",
            "[lists.parent_union",
            "[lists.parent_union",
            "sai cú pháp TOML: tên bảng [ … ] chưa đóng: thêm “]” (dòng đó: `[lists.parent_union`)",
        ),
    ];
    for (name, old, new, at, says) in cases {
        let text = outline_with(old, new);
        let file = format!("{name}.toml");
        sb.write(&file, &text);
        let run = sb.run(&["outline", "--outline", &file]);
        run.expect_code(2);
        let line = run.one_error_line();
        assert_eq!(
            line,
            format!(
                "lỗi: đề cương {file} không hợp lệ, dòng {}: {says}",
                line_of(&text, at)
            )
        );
        vietnamese_only(line);
    }
}

/// A file over the size limit is refused with the reason and what to check: a return is tens of KB,
/// a summary of 10,000 units about 7 MB; the other files of the run are still read.
#[test]
fn a_file_over_the_size_limit_says_what_to_check() {
    let sb = Sandbox::new();
    let big = sb.write("bao-cao/qua-lon.xlsx", b"");
    // Sparse: 51 MB declared without writing them.
    std::fs::File::options()
        .write(true)
        .open(&big)
        .expect("open")
        .set_len(51 * 1024 * 1024)
        .expect("grow");
    let run = sb.run(&["check", "--format", "json", "--quiet", "bao-cao"]);
    run.expect_code(1);
    let doc = run.json();
    let f = &doc["files"][0];
    assert_eq!(f["status"], "unreadable");
    assert_eq!(
        f["issues"][0]["message"],
        "Tệp quá lớn (51 MB, giới hạn 50 MB): một báo cáo chỉ vài chục KB, một tệp tổng hợp 10.000 đơn vị khoảng 7 MB; kiểm tra lại đây có đúng là tệp báo cáo hoặc tệp tổng hợp không (nếu là báo cáo, đề nghị đơn vị gửi lại đúng tệp)"
    );
}
