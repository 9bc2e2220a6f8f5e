//! Hostile and messy returns: the corpus in tests/fixtures/hostile (each file's exact outcome under
//! `check`), the input folder's traps (symlink loops, unreadable files, NFD names), the guarantees
//! (bounded memory, inputs never modified, atomic outputs) and a generator of broken workbooks that
//! must never panic the reader.

#[path = "../fixtures/hostile/make.rs"]
mod make;

mod corpus;
mod folder;
mod guarantees;
mod mutate;

use std::path::PathBuf;

/// A file of the committed corpus.
pub fn corpus_file(name: &str) -> PathBuf {
    make::dir().join(name)
}

/// Every return of the committed corpus (the generators and README excluded), sorted.
pub fn corpus_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(make::dir())
        .expect("corpus folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".rs") && !n.ends_with(".py") && !n.ends_with(".md"))
        .collect();
    names.sort();
    names
}
