//! Files beside the tantivy index that hold, by rank, each document's record (see `forward`)
//! and its excerpt text: `<name>.bin` has the values one after another, `<name>.idx` for each
//! rank the offset (`u64`) and length (`u32`), little-endian. Kept out of tantivy's document
//! store, which would compress all of it on every build while `lape search` reads a few.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
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

/// A store opened for reading.
pub struct Store {
    bin: File,
    idx: Vec<u8>,
}

impl Store {
    /// Opens the store `name` in `dir`.
    pub fn open(dir: &Path, name: &str) -> std::io::Result<Store> {
        Ok(Store {
            bin: File::open(dir.join(format!("{name}.bin")))?,
            idx: std::fs::read(dir.join(format!("{name}.idx")))?,
        })
    }

    /// The value of `rank` (empty when there is none).
    pub fn get(&mut self, rank: u64) -> std::io::Result<Vec<u8>> {
        let at = rank as usize * ENTRY;
        let Some(e) = self.idx.get(at..at + ENTRY) else {
            return Ok(Vec::new());
        };
        let offset = u64::from_le_bytes(e[..8].try_into().unwrap_or_default());
        let len = u32::from_le_bytes(e[8..].try_into().unwrap_or_default());
        let mut out = vec![0u8; len as usize];
        self.bin.seek(SeekFrom::Start(offset))?;
        self.bin.read_exact(&mut out)?;
        Ok(out)
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
        let mut s = Store::open(dir.path(), "t").expect("open");
        assert_eq!(s.get(2).expect("get"), b"kolme");
        assert_eq!(s.get(1).expect("get"), b"");
        assert_eq!(s.get(9).expect("get"), b"");
        replace(dir.path(), "t", &[(0, b"uusi")]).expect("replace");
        let mut s = Store::open(dir.path(), "t").expect("open");
        assert_eq!(s.get(0).expect("get"), b"uusi");
        assert_eq!(s.get(2).expect("get"), b"kolme");
    }
}
