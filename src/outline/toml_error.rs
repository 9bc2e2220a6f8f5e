//! What the TOML parser's and serde's English error messages mean, in Vietnamese, with what to do.
//! Messages it does not know become a general sentence: the parser's English never reaches the user.

/// The Vietnamese explanation of a TOML `message`, followed by the text of the line at `at` (a byte
/// offset into `text`), so the officer sees what to fix.
pub fn explain(message: &str, text: &str, at: usize) -> String {
    let why = translate(message.trim());
    match line_at(text, at) {
        Some(line) => format!("{why} (dòng đó: `{line}`)"),
        None => why,
    }
}

/// The line containing byte `at`, trimmed and cut to 60 characters; None when blank.
fn line_at(text: &str, at: usize) -> Option<String> {
    let at = (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))?;
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = text[start..end].trim();
    if line.is_empty() {
        return None;
    }
    let mut out: String = line.chars().take(60).collect();
    if line.chars().count() > 60 {
        out.push('…');
    }
    Some(out)
}

fn translate(msg: &str) -> String {
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let (name, allowed) = name_and_allowed(rest);
        return match allowed {
            Some(a) => format!(
                "khóa {name} không dùng được ở đây (viết sai tên khóa?); các khóa được dùng: {a}"
            ),
            None => format!("khóa {name} không dùng được ở đây (viết sai tên khóa?)"),
        };
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let (name, allowed) = name_and_allowed(rest);
        return match allowed {
            Some(a) => format!("giá trị {name} không hợp lệ; chỉ nhận: {a}"),
            None => format!("giá trị {name} không hợp lệ"),
        };
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return format!("thiếu khóa bắt buộc {rest}");
    }
    if let Some(rest) = msg.strip_prefix("duplicate field ") {
        return format!("khóa {rest} được ghi hai lần: bỏ một lần");
    }
    for (prefix, head) in [
        ("invalid type: ", "sai kiểu giá trị"),
        ("invalid value: ", "giá trị không hợp lệ"),
    ] {
        if let Some(rest) = msg.strip_prefix(prefix) {
            let (found, wanted) = rest.split_once(", expected ").unwrap_or((rest, ""));
            return match kind_wanted(wanted) {
                Some(w) => format!("{head}: đã ghi {}, cần {w}", kind_found(found)),
                None => format!("{head}: đã ghi {}", kind_found(found)),
            };
        }
    }
    if msg.starts_with("invalid length ") {
        return "số phần tử của danh sách không đúng".into();
    }
    let (what, expected) = msg.split_once(", expected ").unwrap_or((msg, ""));
    let mut out = format!("sai cú pháp TOML: {}", syntax(what));
    let literals: Vec<String> = expected
        .split(", ")
        .filter_map(|e| e.strip_prefix('`')?.strip_suffix('`'))
        .filter(|l| ["]", "]]", "}", ",", "=", "\"", "'"].contains(l))
        .map(|l| format!("“{l}”"))
        .collect();
    if !literals.is_empty() && !out.contains('“') {
        out.push_str(&format!(" (cần {})", literals.join(" hoặc ")));
    }
    out
}

/// "`x`, expected one of `a`, `b`" → ("`x`", Some("`a`, `b`")).
fn name_and_allowed(rest: &str) -> (&str, Option<&str>) {
    let (name, tail) = rest.split_once(", ").unwrap_or((rest, ""));
    let allowed = tail
        .strip_prefix("expected one of ")
        .or_else(|| tail.strip_prefix("expected "))
        .filter(|a| a.starts_with('`'));
    (name, allowed)
}

/// What was written, from serde's `Unexpected` text ("integer `5`", "string \"x\"").
fn kind_found(found: &str) -> String {
    let (kind, value) = match found.find(['`', '"']) {
        Some(i) => (found[..i].trim(), Some(&found[i..])),
        None => (found.trim(), None),
    };
    let kind = match kind {
        "boolean" => "giá trị đúng/sai",
        "integer" => "số nguyên",
        "floating point" => "số thập phân",
        "string" | "character" => "chuỗi",
        "sequence" => "một danh sách [ … ]",
        "map" => "một bảng",
        _ => "một giá trị",
    };
    match value {
        Some(v) => format!("{kind} {v}"),
        None => kind.to_string(),
    }
}

/// What was expected, from serde's `Expected` text ("a string", "u32", "struct Field").
fn kind_wanted(wanted: &str) -> Option<&'static str> {
    let w = wanted.trim();
    Some(match w {
        "a string" | "a borrowed string" | "a char" => {
            "một chuỗi trong dấu ngoặc kép, ví dụ \"Có\""
        }
        "a boolean" => "true hoặc false",
        "a sequence" => "một danh sách [ … ]",
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => {
            "một số nguyên"
        }
        "f32" | "f64" => "một số",
        _ if w.starts_with("struct ") || w == "a map" => "một bảng { … } hoặc [ … ]",
        _ if w.contains("datetime") || w.contains("date") => "một ngày dạng 2026-04-30",
        _ if w.starts_with("enum ") || w.starts_with("variant ") => {
            "một trong các giá trị được dùng"
        }
        _ => return None,
    })
}

/// The parser's own descriptions of a syntax mistake.
fn syntax(what: &str) -> &'static str {
    match what {
        "unclosed array" => "danh sách chưa đóng: thêm “]” ở cuối danh sách",
        "unclosed array table" => "tên bảng [[ … ]] chưa đóng: thêm “]]”",
        "unclosed table" => "tên bảng [ … ] chưa đóng: thêm “]”",
        "unclosed inline table" => "bảng { … } chưa đóng: thêm “}” ở cuối, trên cùng dòng",
        "missing comma between array elements" => {
            "thiếu dấu “,” giữa hai phần tử của danh sách, hoặc danh sách ở trên chưa đóng bằng “]”"
        }
        "missing comma between key-value pairs" => {
            "thiếu dấu “,” giữa hai cặp khóa = giá trị trong { … }"
        }
        "extra comma in array" => "thừa dấu “,” trong danh sách",
        "extra comma in inline table" => "thừa dấu “,” trong bảng { … }",
        "string values must be quoted" => {
            "giá trị chữ phải viết trong dấu ngoặc kép, ví dụ \"Có\"; đúng/sai viết true hoặc false"
        }
        "missing value" | "missing value for key" | "key with no value" => {
            "thiếu giá trị: sau dấu “=” phải có một giá trị"
        }
        "missing assignment between key-value pairs" => "thiếu dấu “=” giữa khóa và giá trị",
        "extra `=`" | "extra assignment between key-value pairs" => "thừa dấu “=”",
        "unexpected `=` in array" => "dấu “=” không được đặt trong danh sách",
        "duplicate key" => "khóa hoặc bảng bị trùng: đã có ở trên; bỏ hoặc đổi tên một chỗ",
        "invalid basic string" | "invalid literal string" => {
            "chuỗi chưa đóng dấu ngoặc kép, hoặc có ký tự không được phép"
        }
        "missing opening quote" => "thiếu dấu ngoặc kép mở đầu chuỗi",
        "invalid unquoted key" => {
            "tên khóa chỉ gồm chữ không dấu, số, “_” và “-”; tên khác phải viết trong dấu ngoặc kép"
        }
        "unquoted keys cannot be empty" | "missing key for inline table element" => {
            "thiếu tên khóa"
        }
        "keys cannot be multi-line basic strings" | "keys cannot be multi-line literal strings" => {
            "tên khóa không được viết trên nhiều dòng"
        }
        "invalid inline table element" | "invalid key-value pair" | "unexpected key or value" => {
            "dòng này phải có dạng khóa = giá trị"
        }
        "missing table open" | "missing array opening" | "missing inline table opening" => {
            "thiếu dấu mở “[” hoặc “{”"
        }
        "invalid date" | "invalid time" | "invalid datetime" | "invalid offset" => {
            "ngày không hợp lệ: ghi dạng năm-tháng-ngày, ví dụ 2026-04-30"
        }
        "invalid escape sequence" | "missing escaped value" | "too few unicode value digits" => {
            "chuỗi có dấu “\\” không hợp lệ: viết “\\\\” cho một dấu “\\”"
        }
        "unexpected leading zero" => "số không được bắt đầu bằng chữ số 0",
        "`_` may only go between digits" => "dấu “_” trong số chỉ được đặt giữa hai chữ số",
        "unexpected sign"
        | "redundant numeric sign"
        | "redundant integer number prefix"
        | "radix must be lowercase"
        | "integers with a radix cannot be signed" => "số viết sai",
        "invalid comment character" | "missing comment start" => {
            "ghi chú (sau dấu #) có ký tự không được phép"
        }
        "carriage return must be followed by newline" => "ký tự xuống dòng không hợp lệ",
        "unexpected content" | "unexpected content between comment and newline" => {
            "có nội dung thừa trên dòng: mỗi dòng chỉ một khóa = giá trị"
        }
        "cannot recurse further; max recursion depth met" | "recursion limit" => {
            "lồng quá nhiều tầng danh sách hoặc bảng"
        }
        _ if what.starts_with("cannot extend value of type") => {
            "khóa có dấu chấm trùng với một giá trị đã có"
        }
        _ => "kiểm tra dấu ngoặc, dấu phẩy, dấu ngoặc kép trên dòng này",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parser_messages_become_vietnamese() {
        assert_eq!(
            translate("unclosed array, expected `]`"),
            "sai cú pháp TOML: danh sách chưa đóng: thêm “]” ở cuối danh sách"
        );
        assert_eq!(
            translate("extra comma in array, expected value"),
            "sai cú pháp TOML: thừa dấu “,” trong danh sách"
        );
        assert_eq!(
            translate("unknown variant `texte`, expected one of `text`, `date`"),
            "giá trị `texte` không hợp lệ; chỉ nhận: `text`, `date`"
        );
        assert_eq!(
            translate("invalid type: floating point `1.0`, expected a string"),
            "sai kiểu giá trị: đã ghi số thập phân `1.0`, cần một chuỗi trong dấu ngoặc kép, ví dụ \"Có\""
        );
        assert_eq!(
            translate("something new, expected `]`"),
            "sai cú pháp TOML: kiểm tra dấu ngoặc, dấu phẩy, dấu ngoặc kép trên dòng này (cần “]”)"
        );
    }

    #[test]
    fn the_line_is_shown_cut_at_a_character() {
        let text = "a = 1\nrecipients = [\"Nơi nhận:\"\n\nb = 2";
        assert_eq!(
            explain("unclosed array, expected `]`", text, 10),
            "sai cú pháp TOML: danh sách chưa đóng: thêm “]” ở cuối danh sách (dòng đó: `recipients = [\"Nơi nhận:\"`)"
        );
        assert_eq!(
            explain("duplicate key", text, 35),
            translate("duplicate key")
        );
        let long = format!("x = \"{}\"", "ư".repeat(80));
        assert!(explain("duplicate key", &long, 7).ends_with("ưư…`)"));
    }
}
