//! The top-level modules of `src/` point one way: each uses only modules of the layers above it, so no
//! module imports one that imports it back. Also: every module opens with a `//!` line, and no source
//! file reaches 600 lines.
//!
//! Dependencies are read from the source text: every `crate::x` path (also inside `use crate::{…}`
//! groups) and every `super::` that climbs to the crate root. Test code (`tests.rs`, `tests/` folders,
//! the `#[cfg(test)]` module at the end of a file) is left out: a test may build its inputs with any
//! module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, top (depended on by everything below) to bottom. A module may use the modules of the
/// layers before its own, never its own layer's siblings or a later layer.
const LAYERS: &[&[&str]] = &[
    // Infrastructure: no crate dependency at all.
    &["value", "record", "rng", "inputs", "output", "screen"],
    &["progress"],
    &["outline"],
    &["workbook"],
    &["read"],
    &["roster"],
    &["form"],
    &["check"],
    &["report"],
    &["summary"],
    &["select"],
    &["demo"],
    &["cmd"],
    &["cli"],
];

/// Edges that exist today and that another branch removes; each one must still exist (so the list
/// shrinks as the code is fixed). Empty: keep it so.
const PENDING: &[(&str, &str)] = &[];

/// Files that are the crate's roots, not modules of a layer.
const ROOTS: &[&str] = &["lib.rs", "main.rs", "bin"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read src")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Path of a file relative to `src/`, as components.
fn parts(p: &Path) -> Vec<String> {
    p.strip_prefix(src())
        .expect("under src")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect()
}

fn is_test_file(parts: &[String]) -> bool {
    parts.last().is_some_and(|f| f == "tests.rs")
        || parts[..parts.len() - 1].contains(&"tests".into())
}

/// The module path of a file: `a/b/mod.rs` → [a, b]; `a/b.rs` → [a, b].
fn module_path(parts: &[String]) -> Vec<String> {
    let mut m: Vec<String> = parts.to_vec();
    let last = m.pop().expect("file");
    if last != "mod.rs" {
        m.push(last.trim_end_matches(".rs").to_string());
    }
    m
}

/// The code of a file without comments and without its test module.
fn code(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            match lines.peek().map(|l| l.trim()) {
                // The test module at the end of the file: nothing after it is production code.
                Some(next) if next.starts_with("mod ") && next.ends_with('{') => break,
                _ => {
                    lines.next();
                    continue;
                }
            }
        }
        if t.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn ident(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// Paths that `text` (what follows `crate::`, `super::`, `self::`) names, each prefixed with `base`:
/// `a::b::C` → [a, b, C]; `a::{b, c::d}` → [a, b] and [a, c, d].
fn expand(base: &[String], text: &str) -> Vec<Vec<String>> {
    let mut path = base.to_vec();
    let mut rest = text;
    loop {
        if let Some(group) = rest.strip_prefix('{') {
            let (mut depth, mut items, mut item) = (0, Vec::new(), String::new());
            for c in group.chars() {
                match c {
                    '}' if depth == 0 => break,
                    ',' if depth == 0 => items.push(std::mem::take(&mut item)),
                    '{' => {
                        depth += 1;
                        item.push(c)
                    }
                    '}' => {
                        depth -= 1;
                        item.push(c)
                    }
                    _ => item.push(c),
                }
            }
            items.push(item);
            return items
                .iter()
                .map(|i| i.trim())
                .filter(|i| !i.is_empty())
                .flat_map(|i| match i {
                    "self" => vec![path.clone()],
                    _ => expand(&path, i),
                })
                .collect();
        }
        let name = ident(rest);
        if name.is_empty() {
            return vec![path];
        }
        rest = &rest[name.len()..];
        path.push(name);
        match rest.strip_prefix("::") {
            Some(r) => rest = r.trim_start(),
            None => return vec![path],
        }
    }
}

/// Absolute paths a file's code names through `crate::`, `super::` and `self::`.
fn uses(module: &[String], code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let before = code[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == ':') {
            continue;
        }
        out.extend(expand(&[], &code[i + "crate::".len()..]));
    }
    for start in ["super::", "self::"] {
        for (i, _) in code.match_indices(start) {
            let before = code[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let mut rest = &code[i..];
            let mut up = 0;
            while let Some(r) = rest.strip_prefix("super::") {
                up += 1;
                rest = r;
            }
            let rest = rest.strip_prefix("self::").unwrap_or(rest);
            if up <= module.len() {
                out.extend(expand(&module[..module.len() - up], rest));
            }
        }
    }
    out
}

/// Module → the sibling modules it uses (`a::b` using `a::c::X` gives `a::b` → `a::c`; `a` using `d`
/// gives `a` → `d`), with the files where it does.
type Graph = BTreeMap<Vec<String>, BTreeMap<Vec<String>, BTreeSet<String>>>;

fn graph() -> Graph {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let modules: BTreeSet<Vec<String>> = files
        .iter()
        .map(|f| module_path(&parts(f)))
        .filter(|m| !m.is_empty())
        .collect();
    let sources: Vec<(Vec<String>, String, String)> = files
        .iter()
        .map(|f| parts(f))
        .filter(|p| !ROOTS.contains(&p[0].as_str()) && !is_test_file(p))
        .map(|p| {
            let text = std::fs::read_to_string(src().join(p.join("/"))).expect("read");
            (module_path(&p), p.join("/"), code(&text))
        })
        .collect();
    // `pub use child::Item;` in a module: `module::Item` is the child's.
    let mut reexports: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
    for (module, _, code) in &sources {
        for stmt in code.split(';') {
            let stmt = stmt.trim();
            let Some(rest) = ["pub use ", "pub(crate) use ", "pub(super) use "]
                .iter()
                .find_map(|p| stmt.strip_prefix(p))
            else {
                continue;
            };
            for path in expand(module, rest) {
                if path.len() > module.len() + 1 {
                    let mut item = module.clone();
                    item.push(path.last().expect("item").clone());
                    reexports.insert(item, path[..=module.len()].to_vec());
                }
            }
        }
    }
    let mut g = Graph::new();
    for (module, file, code) in &sources {
        g.entry(module[..1].to_vec()).or_default();
        for used in uses(module, code) {
            let k = module.iter().zip(&used).take_while(|(a, b)| a == b).count();
            if k >= module.len() || k >= used.len() {
                continue; // a module using itself, its parent or its own children
            }
            let from = module[..=k].to_vec();
            let to = match reexports.get(&used[..=k]) {
                Some(child) if child.len() == k + 2 && child[..=k] != used[..=k] => {
                    child[..=k].to_vec()
                }
                _ => used[..=k].to_vec(),
            };
            if modules.contains(&to) {
                g.entry(from)
                    .or_default()
                    .entry(to)
                    .or_default()
                    .insert(file.clone());
            }
        }
    }
    g
}

/// The edges between top-level modules.
fn top(g: &Graph) -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    g.iter()
        .filter(|(from, _)| from.len() == 1)
        .map(|(from, to)| {
            let to = to.iter().map(|(t, f)| (t[0].clone(), f.clone())).collect();
            (from[0].clone(), to)
        })
        .collect()
}

fn layer_of(m: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&m))
}

#[test]
fn every_top_level_module_has_a_layer() {
    let unknown: Vec<String> = top(&graph())
        .into_keys()
        .filter(|m| layer_of(m).is_none())
        .collect();
    assert!(
        unknown.is_empty(),
        "modules missing from LAYERS in tests/layers.rs: {unknown:?}"
    );
}

#[test]
fn modules_use_only_the_layers_above_them() {
    let mut wrong = Vec::new();
    let mut pending_seen = BTreeSet::new();
    for (from, deps) in top(&graph()) {
        let Some(lf) = layer_of(&from) else { continue };
        for (to, files) in deps {
            if layer_of(&to).is_some_and(|lt| lt < lf) {
                continue;
            }
            match PENDING.iter().find(|e| **e == (from.as_str(), to.as_str())) {
                Some(e) => {
                    pending_seen.insert(*e);
                }
                None => wrong.push(format!("{from} → {to} (in {})", join(&files))),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "uses against the layer order:\n{}",
        wrong.join("\n")
    );
    let stale: Vec<_> = PENDING
        .iter()
        .filter(|e| !pending_seen.contains(*e))
        .collect();
    assert!(
        stale.is_empty(),
        "fixed, remove from PENDING in tests/layers.rs: {stale:?}"
    );
}

/// A circle in `g` (a depth-first search for a back edge), as the modules along it.
fn circle(g: &Graph) -> Option<Vec<String>> {
    fn visit(
        m: &Vec<String>,
        g: &Graph,
        stack: &mut Vec<Vec<String>>,
        done: &mut BTreeSet<Vec<String>>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|s| s == m) {
            let mut c: Vec<String> = stack[at..].iter().map(|p| p.join("::")).collect();
            c.push(m.join("::"));
            return Some(c);
        }
        if !done.insert(m.clone()) {
            return None;
        }
        stack.push(m.clone());
        for to in g.get(m).into_iter().flat_map(|d| d.keys()) {
            let pending = m.len() == 1 && PENDING.contains(&(m[0].as_str(), to[0].as_str()));
            if !pending && let Some(c) = visit(to, g, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    g.keys()
        .find_map(|m| visit(m, g, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    // At every level: top-level modules, and the files of each folder (summary::units ↔ aggregate…).
    let g = graph();
    if let Some(c) = circle(&g) {
        let files: Vec<String> = c
            .windows(2)
            .map(|w| {
                let key = |s: &str| s.split("::").map(String::from).collect::<Vec<_>>();
                join(&g[&key(&w[0])][&key(&w[1])])
            })
            .collect();
        panic!("import circle: {} (in {})", c.join(" → "), files.join("; "));
    }
}

#[test]
fn the_circle_finder_finds_circles() {
    let p = |s: &str| s.split("::").map(String::from).collect::<Vec<_>>();
    let mut g = Graph::new();
    for (a, b) in [
        ("x::a", "x::b"),
        ("x::b", "x::c"),
        ("x::c", "x::a"),
        ("y", "x"),
    ] {
        g.entry(p(a)).or_default().entry(p(b)).or_default();
    }
    assert_eq!(
        circle(&g),
        Some(vec![
            "x::a".into(),
            "x::b".into(),
            "x::c".into(),
            "x::a".into()
        ])
    );
    g.remove(&p("x::c"));
    assert_eq!(circle(&g), None);
}

#[test]
fn every_module_opens_with_a_doc_line_and_stays_short() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut bad = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read");
        let name = parts(&f).join("/");
        if !text.starts_with("//!") {
            bad.push(format!("{name}: does not open with a `//!` line"));
        }
        let n = text.lines().count();
        if n >= 600 {
            bad.push(format!("{name}: {n} lines"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_scanner_sees_uses_and_ignores_tests_and_comments() {
    let text = "//! doc naming crate::cli\nuse crate::{outline::Outline, value::{self, fold}};\n\
                use super::style; use super::super::record::Value;\n// crate::demo in a comment\n\
                fn f() { crate::check::rules::status(&[]); }\n\
                #[cfg(test)]\nmod tests {\n    use crate::cmd;\n}\n";
    let got: BTreeSet<String> = uses(
        &["summary".into(), "write".into(), "totals".into()],
        &code(text),
    )
    .into_iter()
    .map(|p| p.join("::"))
    .collect();
    let want: BTreeSet<String> = [
        "outline::Outline",
        "value",
        "value::fold",
        "summary::write::style",
        "summary::record::Value",
        "check::rules::status",
    ]
    .map(String::from)
    .into();
    assert_eq!(got, want);
}

fn join(files: &BTreeSet<String>) -> String {
    files.iter().cloned().collect::<Vec<_>>().join(", ")
}
