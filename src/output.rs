//! Writing outputs safely: never over an existing file without `--force`, never half-written.

use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::Path;

/// Write `bytes` to `path` through a temporary file in the same folder, then rename it into place.
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    if path.exists() && !force {
        bail!("tệp {} đã có; thêm --force nếu muốn ghi đè", path.display());
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)
        .with_context(|| format!("không tạo được thư mục {}", dir.display()))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".soket-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("không tạo được tệp tạm trong thư mục {}", dir.display()))?;
    tmp.write_all(bytes)
        .with_context(|| format!("không ghi được tệp tạm cho {}", path.display()))?;
    tmp.as_file().sync_all().ok();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = tmp
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    if force {
        tmp.persist(path)
            .map_err(|e| e.error)
            .with_context(|| format!("không ghi được tệp {}", path.display()))?;
    } else {
        tmp.persist_noclobber(path)
            .map_err(|e| e.error)
            .with_context(|| {
                format!(
                    "không ghi được tệp {} (có thể tệp vừa được tạo; thêm --force để ghi đè)",
                    path.display()
                )
            })?;
    }
    Ok(())
}

/// Print to stdout; a closed pipe (`sokết outline | head`) ends quietly instead of panicking.
pub fn emit(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}
