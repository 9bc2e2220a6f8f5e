//! Writing outputs safely: never over an existing file without `--force`, never half-written; and what
//! a failed file operation means, in Vietnamese, naming the user's path (never a temporary file).

use anyhow::{Result, bail};
use std::io::{ErrorKind, Write};
use std::path::Path;

/// Write `bytes` to `path` through a temporary file in the same folder, then rename it into place.
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let shown = path.display();
    check_target(path)?;
    if path.exists() && !force {
        bail!("tệp {shown} đã có; thêm --force nếu muốn ghi đè");
    }
    let dir = folder_of(path);
    if let Err(e) = std::fs::create_dir_all(dir) {
        bail!(
            "không tạo được thư mục {} để ghi tệp {shown}: {}",
            dir.display(),
            io_reason(&e)
        );
    }
    let fail = |e: &std::io::Error| {
        anyhow::anyhow!(
            "không ghi được tệp {shown}: {}",
            match e.kind() {
                ErrorKind::PermissionDenied => format!(
                    "không có quyền ghi vào thư mục {}; chọn thư mục khác, hoặc nhờ người quản trị máy cấp quyền ghi",
                    dir.display()
                ),
                _ => io_reason(e),
            }
        )
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".soket-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| fail(&e))?;
    tmp.write_all(bytes).map_err(|e| fail(&e))?;
    tmp.as_file().sync_all().ok();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = tmp
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    if force {
        tmp.persist(path).map_err(|e| fail(&e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| match e.error.kind() {
            ErrorKind::AlreadyExists => anyhow::anyhow!(
                "không ghi được tệp {shown}: tệp vừa được tạo trong lúc chạy; thêm --force để ghi đè"
            ),
            _ => fail(&e.error),
        })?;
    }
    Ok(())
}

/// Refuse, before any work, an output path that cannot be a file: a folder, or under a file.
pub fn check_target(path: &Path) -> Result<()> {
    let shown = path.display();
    if path.is_dir() {
        bail!(
            "không ghi được tệp {shown}: đây là một thư mục; ghi tên tệp cần tạo, ví dụ {shown}/ten-tep.xlsx"
        );
    }
    if let Some(file) = folder_of(path).ancestors().find(|a| a.is_file()) {
        bail!(
            "không ghi được tệp {shown}: {} là một tệp, không phải thư mục; chọn đường dẫn khác",
            file.display()
        );
    }
    Ok(())
}

/// Refuse, before any work, an output folder that is a file or lies under one.
pub fn check_folder(dir: &Path) -> Result<()> {
    if let Some(file) = dir.ancestors().find(|a| a.is_file()) {
        bail!(
            "không ghi được vào thư mục {}: {} là một tệp, không phải thư mục; chọn đường dẫn khác",
            dir.display(),
            file.display()
        );
    }
    Ok(())
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// What a failed file operation means and what to do, in Vietnamese. The caller names the path; this
/// never repeats the system's English text (nor the temporary path some errors carry).
pub fn io_reason(e: &std::io::Error) -> String {
    let why = match e.kind() {
        ErrorKind::NotFound => "không tìm thấy tệp hoặc thư mục này: kiểm tra lại đường dẫn",
        ErrorKind::PermissionDenied => {
            "không có quyền truy cập: chọn thư mục khác, hoặc nhờ người quản trị máy cấp quyền"
        }
        ErrorKind::AlreadyExists => "đã có tệp hoặc thư mục trùng tên: chọn tên khác",
        ErrorKind::NotADirectory => {
            "một phần của đường dẫn là tệp chứ không phải thư mục: kiểm tra lại đường dẫn"
        }
        ErrorKind::IsADirectory => "đây là thư mục, không phải tệp: ghi tên tệp",
        ErrorKind::DirectoryNotEmpty => "thư mục còn tệp bên trong",
        ErrorKind::StorageFull => "ổ đĩa đã đầy: giải phóng chỗ trống rồi chạy lại",
        ErrorKind::QuotaExceeded => {
            "đã hết hạn mức dung lượng của tài khoản: giải phóng chỗ trống rồi chạy lại"
        }
        ErrorKind::FileTooLarge => "tệp quá lớn so với ổ đĩa",
        ErrorKind::ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc, không ghi được: chọn thư mục khác",
        ErrorKind::InvalidFilename | ErrorKind::InvalidInput => {
            "tên tệp không hợp lệ (quá dài hoặc có ký tự không được phép): đặt tên khác"
        }
        ErrorKind::InvalidData => "nội dung không phải văn bản UTF-8",
        ErrorKind::UnexpectedEof => "tệp bị cắt cụt (chưa tải hoặc chép xong)",
        ErrorKind::ResourceBusy | ErrorKind::WouldBlock => {
            "tệp đang được chương trình khác dùng (ví dụ đang mở trong Excel): đóng tệp rồi chạy lại"
        }
        ErrorKind::Interrupted | ErrorKind::TimedOut => "thao tác bị ngắt giữa chừng: chạy lại",
        ErrorKind::CrossesDevices => "không chuyển được tệp sang ổ đĩa khác",
        ErrorKind::OutOfMemory => "máy không đủ bộ nhớ",
        _ => return other(e),
    };
    why.to_string()
}

fn other(e: &std::io::Error) -> String {
    // Windows: another program (Excel) holds the file open.
    if cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33)) {
        return "tệp đang được chương trình khác dùng (ví dụ đang mở trong Excel): đóng tệp rồi chạy lại"
            .into();
    }
    match e.raw_os_error() {
        Some(code) => format!("lỗi hệ thống khi đọc hoặc ghi tệp (mã {code})"),
        None => "lỗi khi đọc hoặc ghi tệp".into(),
    }
}

/// Print to stdout; a closed pipe (`sokết outline | head`) ends quietly instead of panicking.
pub fn emit(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}
