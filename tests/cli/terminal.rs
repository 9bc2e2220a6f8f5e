//! What a terminal shows: `status` fits its width (COLUMNS, else the terminal's size), the full table
//! stays in JSON and in a pipe, and the progress bar's rate is a whole number.

use crate::harness::{BIN, Sandbox, source_file};

/// The widest line, in characters.
fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

fn status_args(roster: &str) -> Vec<&str> {
    vec![
        "status",
        "-q",
        "--roster",
        roster,
        "--as-of",
        "2026-05-10",
        "d/bao-cao",
    ]
}

#[test]
fn status_fits_the_width_it_is_given_and_keeps_every_column_in_a_pipe_and_in_json() {
    let sb = Sandbox::new();
    sb.run(&["demo", "-o", "d", "--units", "30"]).ok();
    let args = status_args("d/danh-sach-don-vi.csv");
    let full = sb.run(&args);
    full.expect_code(1);
    assert!(full.stdout.contains("| Tệp "), "{}", full.stdout);
    assert!(widest(&full.stdout) > 150, "{}", full.stdout);
    for cols in ["80", "100", "120"] {
        let run = sb.run_env(&args, &[("COLUMNS", cols)], ".");
        run.expect_code(1);
        let w: usize = cols.parse().expect("width");
        assert!(
            widest(&run.stdout) <= w,
            "COLUMNS={cols}: a line of {} characters\n{}",
            widest(&run.stdout),
            run.stdout
        );
        // Every unit is still there, one line each, with its status.
        for code in ["AG-0001", "AG-0002", "AG-0030"] {
            assert_eq!(
                run.stdout
                    .lines()
                    .filter(|l| l.starts_with(&format!("| {code} ")))
                    .count(),
                1,
                "{code}\n{}",
                run.stdout
            );
        }
        assert!(run.stdout.contains("| trễ hạn "), "{}", run.stdout);
        assert!(
            run.stdout
                .contains(&format!("Bảng rút gọn cho vừa {cols} cột: bỏ cột Tệp")),
            "{}",
            run.stdout
        );
    }
    let narrow = sb.run_env(&args, &[("COLUMNS", "80")], ".");
    assert!(
        narrow.stdout.contains(
            "Bảng rút gọn cho vừa 80 cột: bỏ cột Tệp, Công đoàn cấp trên, cắt bớt tên đơn vị.\nĐủ các cột: --format json, hoặc trang “Tình hình nộp” của tệp merge --roster.\n"
        ),
        "{}",
        narrow.stdout
    );
    // The JSON has every column whatever the width.
    let mut json = args.clone();
    json.extend(["--format", "json"]);
    let wide = sb.run(&json);
    let narrow = sb.run_env(&json, &[("COLUMNS", "60")], ".");
    assert_eq!(narrow.stdout, wide.stdout);
    assert_eq!(
        wide.json()["units"][2]["files"][1],
        "d/bao-cao/AG-0003-gui-lai.xlsx"
    );
}

#[cfg(target_os = "linux")]
mod pty {
    //! Runs the program on a pseudo-terminal of a known size, as its controlling terminal.

    use super::*;
    use std::io::Read;
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};

    /// Run `soket ARGS…` with stdout and stderr on a terminal `cols` wide; (exit code, what it showed).
    pub fn on_terminal(sb: &Sandbox, args: &[&str], cols: u16) -> (i32, String) {
        let (mut master, mut slave) = (0, 0);
        let size = libc::winsize {
            ws_row: 40,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty writes two descriptors into the integers given; the size is read only.
        let rc = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(rc, 0, "openpty");
        // SAFETY: both descriptors were just opened by openpty and are owned here only.
        let (master, slave) =
            unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let tty = slave.as_raw_fd();
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .current_dir(sb.path())
            .env_remove("COLUMNS")
            .env("TERM", "xterm")
            .stdin(Stdio::null())
            .stdout(slave.try_clone().expect("dup"))
            .stderr(slave.try_clone().expect("dup"));
        // SAFETY: only async-signal-safe calls between fork and exec: a new session whose
        // controlling terminal is the pseudo-terminal, so /dev/tty is it too.
        unsafe {
            cmd.pre_exec(move || {
                if libc::setsid() < 0 || libc::ioctl(tty, libc::TIOCSCTTY as _, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let mut child = cmd.spawn().expect("spawn on a terminal");
        drop(cmd);
        drop(slave);
        let mut out = Vec::new();
        let mut reader = std::fs::File::from(master);
        // Reading ends with EIO once the program has exited and the terminal has no writer left.
        let _ = reader.read_to_end(&mut out);
        let code = child.wait().expect("wait").code().unwrap_or(-1);
        (code, String::from_utf8_lossy(&out).replace('\r', ""))
    }
}

#[cfg(target_os = "linux")]
#[test]
fn status_fits_the_terminal_it_runs_in() {
    let sb = Sandbox::new();
    sb.run(&["demo", "-o", "d", "--units", "30"]).ok();
    let (code, shown) = pty::on_terminal(&sb, &status_args("d/danh-sach-don-vi.csv"), 80);
    assert_eq!(code, 1, "{shown}");
    assert!(widest(&shown) <= 80, "{shown}");
    assert!(shown.contains("Bảng rút gọn cho vừa 80 cột"), "{shown}");
}

/// "337/s", "1.250/s": a whole number, Vietnamese thousands.
fn whole(rate: &str) -> bool {
    let mut groups = rate.split('.');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(target_os = "linux")]
#[test]
fn the_progress_bar_shows_a_whole_number_per_second() {
    let sb = Sandbox::new();
    // 40 units: more than the 20 items below which no bar is drawn.
    let roster: String = std::fs::read_to_string(source_file("examples/roster-an-giang.csv"))
        .expect("example roster")
        .lines()
        .take(41)
        .map(|l| format!("{l}\n"))
        .collect();
    sb.write("ds.csv", roster);
    let (code, shown) = pty::on_terminal(&sb, &["template", "--roster", "ds.csv", "-o", "f"], 100);
    assert_eq!(code, 0, "{shown}");
    let rates: Vec<&str> = shown
        .split("/s")
        .filter_map(|before| before.rsplit(['(', ' ']).next())
        .collect::<Vec<_>>();
    let rates = &rates[..rates.len().saturating_sub(1)];
    assert!(!rates.is_empty(), "no progress bar drawn:\n{shown:?}");
    for r in rates {
        assert!(whole(r), "rate “{r}/s” in:\n{shown:?}");
    }
    assert!(shown.contains("Đang tạo biểu mẫu"), "{shown:?}");
}

#[test]
fn whole_rates_are_told_from_fractions() {
    assert!(whole("337") && whole("1.250") && whole("0"));
    assert!(!whole("337.1885") && !whole("0.0000") && !whole("") && !whole("1,5"));
}
