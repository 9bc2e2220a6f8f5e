//! How wide the screen that stdout prints to is: `COLUMNS`, else the terminal's width, else no limit
//! (a pipe or a file gets every column).

use std::io::IsTerminal;

/// Columns available to a table printed on stdout; None when there is no limit.
pub fn width() -> Option<usize> {
    if let Some(w) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&w| w > 0)
    {
        return Some(w);
    }
    if !std::io::stdout().is_terminal() {
        return None;
    }
    comfy_table::Table::new().width().map(usize::from)
}
