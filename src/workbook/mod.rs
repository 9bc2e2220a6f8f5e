//! The workbook contract shared by the form writer, the summary writer and the reader: sheet names, marker, key column and layout.

pub mod layout;
