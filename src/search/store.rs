//! Files beside the tantivy index that hold, by rank, each document's record (see `forward`)
//! and its excerpt text: `<name>.bin` has the values one after another, `<name>.idx` for each
//! rank the offset (`u64`) and length (`u32`), little-endian. Kept out of tantivy's document
//! store, which would compress all of it on every build while `lape search` reads a few.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

const ENTRY: usize = 12;

/// Writes `values` (in rank order) as the store `name` in `dir`.
pub fn write<'a>(dir: &Path, name: &str, values: impl Iterator<Item = &'a [u8]>) -> std::io::Result<()> {
    let mut bin = BufWriter::new(File::create(dir.join(format!("{name}.bin")))?);
    let mut idx = Vec::new();
    let mut at = 0u64;
    for v in values {
        bin.write_all(v)?;
        idx.extend_from_slice(&at.to_le_bytes());
        idx.extend_from_slice(&(v.len() as u32).to_le_bytes());
        at += v.len() as u64;
    }
    bin.flush()?;
    std::fs::write(dir.join(format!("{name}.idx")), idx)
}

/// A store opened for reading, through tantivy's memory-mapped directory: a value is a slice of
/// the mapped file, with no read per value.
pub struct Store {
    bin: tantivy::directory::OwnedBytes,
    idx: tantivy::directory::OwnedBytes,
}

impl Store {
    /// Opens the store `name` in `dir`.
    pub fn open(dir: &Path, name: &str) -> std::io::Result<Store> {
        use tantivy::directory::{Directory, MmapDirectory};
        let d = MmapDirectory::open(dir).map_err(std::io::Error::other)?;
        let read = |file: String| -> std::io::Result<tantivy::directory::OwnedBytes> {
            d.open_read(Path::new(&file))
                .map_err(std::io::Error::other)?
                .read_bytes()
        };
        Ok(Store {
            bin: read(format!("{name}.bin"))?,
            idx: read(format!("{name}.idx"))?,
        })
    }

    /// The value of `rank` (empty when there is none).
    pub fn get(&self, rank: u64) -> &[u8] {
        let at = rank as usize * ENTRY;
        let Some(e) = self.idx.as_slice().get(at..at + ENTRY) else {
            return &[];
        };
        let offset = u64::from_le_bytes(e[..8].try_into().unwrap_or_default()) as usize;
        let len = u32::from_le_bytes(e[8..].try_into().unwrap_or_default()) as usize;
        self.bin.as_slice().get(offset..offset + len).unwrap_or_default()
    }
}

/// Replaces the values of some ranks (the preview's updates): the new values are appended and
/// the index, written beside and renamed, points at them.
pub fn replace(dir: &Path, name: &str, values: &[(u32, &[u8])]) -> std::io::Result<()> {
    let bin_path = dir.join(format!("{name}.bin"));
    let mut bin = std::fs::OpenOptions::new().append(true).open(&bin_path)?;
    let mut at = bin.metadata()?.len();
    let mut idx = std::fs::read(dir.join(format!("{name}.idx")))?;
    for (rank, v) in values {
        bin.write_all(v)?;
        let e = *rank as usize * ENTRY;
        if let Some(slot) = idx.get_mut(e..e + ENTRY) {
            slot[..8].copy_from_slice(&at.to_le_bytes());
            slot[8..].copy_from_slice(&(v.len() as u32).to_le_bytes());
        }
        at += v.len() as u64;
    }
    bin.flush()?;
    let tmp = dir.join(format!("{name}.idx.tmp"));
    std::fs::write(&tmp, idx)?;
    std::fs::rename(tmp, dir.join(format!("{name}.idx")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_read_replace() {
        let dir = tempfile::tempdir().expect("tempdir");
        let values: Vec<&[u8]> = vec![b"yksi", b"", b"kolme"];
        write(dir.path(), "t", values.into_iter()).expect("write");
        let s = Store::open(dir.path(), "t").expect("open");
        assert_eq!(s.get(2), b"kolme");
        assert_eq!(s.get(1), b"");
        assert_eq!(s.get(9), b"");
        replace(dir.path(), "t", &[(0, b"uusi")]).expect("replace");
        let s = Store::open(dir.path(), "t").expect("open");
        assert_eq!(s.get(0), b"uusi");
        assert_eq!(s.get(2), b"kolme");
    }
}
