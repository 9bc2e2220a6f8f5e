//! A zip written with every part stored (not compressed): how the guard hands calamine the parts it
//! has already inflated and checked, so that calamine copies them instead of inflating them again.
//! Only what a zip reader needs is written: local headers, the central directory and its end record.

/// Packages handed on this way are small (the guard inflates at most 32 MB whole), so sizes and
/// offsets fit the classic 32-bit fields and no zip64 record is needed.
pub(super) struct Stored {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

/// 1980-01-01 00:00 in DOS date and time fields.
const DOS_DATE: u16 = (1 << 5) | 1;
/// General-purpose flag: names are UTF-8.
const UTF8_NAMES: u16 = 1 << 11;

impl Stored {
    pub fn with_capacity(bytes: usize) -> Stored {
        Stored {
            out: Vec::with_capacity(bytes),
            central: Vec::new(),
            entries: 0,
        }
    }

    /// Add one part; None when the package would outgrow the 32-bit fields.
    pub fn add(&mut self, name: &str, data: &[u8]) -> Option<()> {
        let offset = u32::try_from(self.out.len()).ok()?;
        let size = u32::try_from(data.len()).ok()?;
        let name_len = u16::try_from(name.len()).ok()?;
        self.entries = self.entries.checked_add(1)?;
        let crc = crc32fast::hash(data);
        let common = |v: &mut Vec<u8>| {
            v.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0
            v.extend_from_slice(&UTF8_NAMES.to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // stored
            v.extend_from_slice(&0u16.to_le_bytes()); // time
            v.extend_from_slice(&DOS_DATE.to_le_bytes());
            v.extend_from_slice(&crc.to_le_bytes());
            v.extend_from_slice(&size.to_le_bytes()); // compressed size
            v.extend_from_slice(&size.to_le_bytes()); // uncompressed size
            v.extend_from_slice(&name_len.to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        };
        self.out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut self.out);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);
        let c = &mut self.central;
        c.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        c.extend_from_slice(&20u16.to_le_bytes()); // version made by
        common(c);
        c.extend_from_slice(&0u16.to_le_bytes()); // comment length
        c.extend_from_slice(&0u16.to_le_bytes()); // disk number
        c.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        c.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        c.extend_from_slice(&offset.to_le_bytes());
        c.extend_from_slice(name.as_bytes());
        Some(())
    }

    /// The whole zip; None when it would outgrow the 32-bit fields.
    pub fn finish(mut self) -> Option<Vec<u8>> {
        let offset = u32::try_from(self.out.len()).ok()?;
        let size = u32::try_from(self.central.len()).ok()?;
        offset.checked_add(size)?;
        self.out.append(&mut self.central);
        self.out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes()); // this disk
        self.out.extend_from_slice(&0u16.to_le_bytes()); // disk of the central directory
        self.out.extend_from_slice(&self.entries.to_le_bytes());
        self.out.extend_from_slice(&self.entries.to_le_bytes());
        self.out.extend_from_slice(&size.to_le_bytes());
        self.out.extend_from_slice(&offset.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes()); // comment length
        Some(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn a_zip_reader_reads_back_every_part() {
        let parts: [(&str, &[u8]); 3] = [
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/worksheets/sheet1.xml", "<c>Báo cáo</c>".as_bytes()),
            ("xl/empty.xml", b""),
        ];
        let mut z = Stored::with_capacity(64);
        for (name, data) in parts {
            z.add(name, data).expect("small");
        }
        let bytes = z.finish().expect("small");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        assert_eq!(zip.len(), 3);
        for (name, data) in parts {
            let mut f = zip.by_name(name).expect(name);
            assert_eq!(f.compression(), zip::CompressionMethod::Stored);
            let mut back = Vec::new();
            f.read_to_end(&mut back).expect("CRC and sizes agree");
            assert_eq!(back, data, "{name}");
        }
    }
}
