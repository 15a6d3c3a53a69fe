//! OLE compound files — xls, encrypted xlsx, doc — their directory walked bounded and cycle-safe.

use super::*;

pub(super) const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Sector numbers at or above this are markers (free, end of chain, FAT, DIFAT), not sectors.
pub(super) const MAX_REG_SECT: u32 = 0xFFFF_FFFA;
/// Streams smaller than the header's cutoff (4096) live in 64-byte sectors of the mini stream.
pub(super) const MINI_SECTOR_SIZE: usize = 64;
/// More directory entries than this (a real file has a few dozen) are not read.
pub(super) const MAX_DIR_ENTRIES: usize = 65_536;

/// One directory entry of a compound file, as far as sniffing needs it.
pub(super) struct DirEntry {
    name: String,
    /// 1 storage, 2 stream, 5 root.
    kind: u8,
    left: u32,
    right: u32,
    child: u32,
    start: u32,
    size: u64,
}

/// A compound file's header values and FAT, enough to follow sector chains.
pub(super) struct Cfb<'a> {
    bytes: &'a [u8],
    sector_size: usize,
    mini_cutoff: u64,
    fat_sectors: Vec<u32>,
    /// Upper bound on the number of sectors in the file: no chain can be longer.
    sector_count: usize,
}

impl<'a> Cfb<'a> {
    /// Parses the header and collects the FAT's sector numbers (header DIFAT, then the DIFAT chain).
    fn parse(bytes: &'a [u8]) -> Option<Cfb<'a>> {
        let shift = u16_at(bytes, 0x1E)?;
        if shift != 9 && shift != 12 {
            return None;
        }
        let sector_size = 1usize << shift;
        let sector_count = bytes.len() / sector_size + 1;
        let fat_count = (u32_at(bytes, 0x2C)? as usize).min(sector_count);
        let mini_cutoff = u64::from(u32_at(bytes, 0x38)?);
        let mut fat_sectors = Vec::with_capacity(fat_count.min(109));
        for i in 0..109 {
            if fat_sectors.len() >= fat_count {
                break;
            }
            let s = u32_at(bytes, 0x4C + 4 * i)?;
            if s >= MAX_REG_SECT {
                break;
            }
            fat_sectors.push(s);
        }
        let mut cfb = Cfb {
            bytes,
            sector_size,
            mini_cutoff,
            fat_sectors,
            sector_count,
        };
        let per_difat = sector_size / 4 - 1;
        let mut difat = u32_at(bytes, 0x44)?;
        let mut steps = 0;
        while cfb.fat_sectors.len() < fat_count && difat < MAX_REG_SECT && steps < sector_count {
            let Some(sector) = cfb.sector(difat) else {
                break;
            };
            for j in 0..per_difat {
                if cfb.fat_sectors.len() >= fat_count {
                    break;
                }
                match u32_at(sector, 4 * j) {
                    Some(s) if s < MAX_REG_SECT => cfb.fat_sectors.push(s),
                    _ => break,
                }
            }
            difat = u32_at(sector, 4 * per_difat).unwrap_or(u32::MAX);
            steps += 1;
        }
        Some(cfb)
    }

    /// The bytes of sector `n` (shorter at the end of a truncated file, `None` past it).
    fn sector(&self, n: u32) -> Option<&'a [u8]> {
        let start = (n as usize).checked_add(1)?.checked_mul(self.sector_size)?;
        let end = start.checked_add(self.sector_size)?.min(self.bytes.len());
        self.bytes.get(start..end).filter(|s| !s.is_empty())
    }

    /// The sector after `n` in its chain.
    fn next(&self, n: u32) -> Option<u32> {
        let per = self.sector_size / 4;
        let fat_sector = *self.fat_sectors.get(n as usize / per)?;
        u32_at(self.sector(fat_sector)?, (n as usize % per) * 4)
    }

    /// All directory entries, following the directory chain from the header; `complete` is false when
    /// the chain broke off (truncated or damaged file).
    fn directory(&self) -> (Vec<DirEntry>, bool) {
        let mut entries = Vec::new();
        let Some(mut s) = u32_at(self.bytes, 0x30) else {
            return (entries, false);
        };
        let major = u16_at(self.bytes, 0x1A).unwrap_or(3);
        let mut steps = 0;
        while s < MAX_REG_SECT {
            steps += 1;
            if steps > self.sector_count || entries.len() >= MAX_DIR_ENTRIES {
                return (entries, false);
            }
            let Some(sector) = self.sector(s) else {
                return (entries, false);
            };
            for raw in sector.chunks_exact(128) {
                entries.push(parse_dir_entry(raw, major));
            }
            if sector.len() < self.sector_size {
                return (entries, false);
            }
            match self.next(s) {
                Some(n) => s = n,
                None => return (entries, false),
            }
        }
        (entries, s == 0xFFFF_FFFE)
    }

    /// Whether the sector chain from `start` comes back to a sector it passed: readers that follow
    /// chains without counting (calamine's directory reader, #714 class) then loop, growing a buffer
    /// until memory runs out. A chain leaving the file is not a loop (a truncated file).
    fn chain_loops(&self, start: u32) -> bool {
        let mut seen = vec![false; self.sector_count + 1];
        let mut s = start;
        while s < MAX_REG_SECT {
            let Some(slot) = seen.get_mut(s as usize) else {
                return false;
            };
            if *slot {
                return true;
            }
            *slot = true;
            match self.next(s) {
                Some(n) => s = n,
                None => return false,
            }
        }
        false
    }

    /// The bytes of a stream held in regular sectors (at least the mini-stream cutoff): `Err` when its
    /// chain loops, `Ok(None)` when it ends before the stream's size (a truncated file, left to the
    /// reader to refuse).
    fn regular_stream(&self, entry: &DirEntry) -> Result<Option<Vec<u8>>, ()> {
        let Ok(size) = usize::try_from(entry.size) else {
            return Ok(None);
        };
        let mut out = Vec::with_capacity(size.min(self.bytes.len()));
        let mut seen = vec![false; self.sector_count + 1];
        let mut s = entry.start;
        while out.len() < size {
            if s >= MAX_REG_SECT {
                return Ok(None);
            }
            let Some(slot) = seen.get_mut(s as usize) else {
                return Ok(None);
            };
            if *slot {
                return Err(());
            }
            *slot = true;
            let Some(sector) = self.sector(s) else {
                return Ok(None);
            };
            let take = (size - out.len()).min(sector.len());
            out.extend_from_slice(&sector[..take]);
            match self.next(s) {
                Some(n) => s = n,
                None if out.len() >= size => break,
                None => return Ok(None),
            }
        }
        Ok(Some(out))
    }

    /// The first bytes of a stream: its first sector, or for a stream smaller than the mini-stream
    /// cutoff (most small xls files), its first 64-byte mini sector, found in the mini stream that
    /// the root entry's chain holds. Enough to see the records at the start of a workbook stream.
    fn stream_start(&self, entry: &DirEntry, root: &DirEntry) -> Option<&'a [u8]> {
        if entry.start >= MAX_REG_SECT {
            return None;
        }
        if entry.size >= self.mini_cutoff {
            return self.sector(entry.start);
        }
        let offset = (entry.start as usize).checked_mul(MINI_SECTOR_SIZE)?;
        let hops = offset / self.sector_size;
        if hops > self.sector_count {
            return None;
        }
        let mut s = root.start;
        for _ in 0..hops {
            s = self.next(s)?;
        }
        let within = offset % self.sector_size;
        let sector = self.sector(s)?;
        sector.get(within..(within + MINI_SECTOR_SIZE).min(sector.len()))
    }
}

pub(super) fn parse_dir_entry(raw: &[u8], major: u16) -> DirEntry {
    let name_len = usize::from(u16_at(raw, 64).unwrap_or(0)).min(64);
    let units: Vec<u16> = raw
        .get(..name_len.saturating_sub(2))
        .unwrap_or_default()
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let size = if major >= 4 {
        u64_at(raw, 120).unwrap_or(0)
    } else {
        u64::from(u32_at(raw, 120).unwrap_or(0))
    };
    DirEntry {
        name: String::from_utf16_lossy(&units),
        kind: raw.get(66).copied().unwrap_or(0),
        left: u32_at(raw, 68).unwrap_or(u32::MAX),
        right: u32_at(raw, 72).unwrap_or(u32::MAX),
        child: u32_at(raw, 76).unwrap_or(u32::MAX),
        start: u32_at(raw, 116).unwrap_or(u32::MAX),
        size,
    }
}

/// Indices of the root storage's direct children: the sibling tree hanging off the root's child
/// pointer. Visiting each entry at most once makes loops in a damaged tree harmless.
pub(super) fn root_children(entries: &[DirEntry]) -> Vec<usize> {
    let mut out = Vec::new();
    let Some(root) = entries.first().filter(|e| e.kind == 5) else {
        return out;
    };
    let mut seen = vec![false; entries.len()];
    let mut stack = vec![root.child];
    while let Some(id) = stack.pop() {
        let i = id as usize;
        if id >= MAX_REG_SECT || i >= entries.len() || seen[i] {
            continue;
        }
        seen[i] = true;
        let e = &entries[i];
        if e.kind != 0 {
            out.push(i);
        }
        stack.push(e.left);
        stack.push(e.right);
    }
    out
}

pub(super) fn sniff_cfb(bytes: &[u8]) -> Result<Format, FileProblem> {
    let Some(cfb) = Cfb::parse(bytes) else {
        return Err(corrupt_cfb());
    };
    // Chains that loop (directory, mini FAT, the mini stream under the root): refused before any
    // reader follows them.
    let checks = declared::enabled();
    let looping = |at: usize| u32_at(bytes, at).is_some_and(|s| cfb.chain_loops(s));
    if checks && (looping(0x30) || looping(0x3C)) {
        return Err(corrupt_cfb());
    }
    let (entries, complete) = cfb.directory();
    if checks
        && entries
            .first()
            .is_some_and(|root| root.kind == 5 && cfb.chain_loops(root.start))
    {
        return Err(corrupt_cfb());
    }
    let top = root_children(&entries);
    let find = |name: &str| {
        top.iter()
            .map(|&i| &entries[i])
            .find(|e| e.name.eq_ignore_ascii_case(name))
    };

    // An xlsx/xlsm with an opening password: the package is encrypted into these two streams.
    if find("EncryptionInfo").is_some() || find("EncryptedPackage").is_some() {
        return Err(FileProblem::said(
            Code::FileEncrypted,
            DiagText::Encrypted,
            DiagText::HintPassword,
            &[],
        ));
    }
    if let Some(book) = find("Workbook").or_else(|| find("Book")) {
        let encrypted = entries
            .first()
            .and_then(|root| cfb.stream_start(book, root))
            .is_some_and(starts_with_filepass);
        if encrypted {
            return Err(FileProblem::said(
                Code::FileEncrypted,
                DiagText::Encrypted,
                DiagText::HintPassword,
                &[],
            ));
        }
        // The sheets' dimensions and farthest cells (a workbook stream in the mini stream, under
        // 4 KB, is left to the reader in its worker).
        if checks && book.size >= cfb.mini_cutoff {
            match cfb.regular_stream(book) {
                Err(()) => return Err(corrupt_cfb()),
                Ok(Some(stream)) => declared::check_biff(&stream)?,
                Ok(None) => {}
            }
        }
        return Ok(Format::Xls);
    }
    let what = if find("WordDocument").is_some() {
        DiagText::NotSheetDoc
    } else if find("PowerPoint Document").is_some() {
        DiagText::NotSheetPpt
    } else if !complete || top.is_empty() {
        return Err(corrupt_cfb());
    } else {
        DiagText::NotSheetCfb
    };
    Err(FileProblem::said(
        Code::FileUnreadable,
        what,
        DiagText::HintUseTemplate,
        &[],
    ))
}

/// Whether a BIFF workbook stream begins with BOF followed by FILEPASS (0x002F), i.e. the workbook
/// is encrypted. FILEPASS must immediately follow the globals' BOF, so the first 24 bytes are enough.
pub(super) fn starts_with_filepass(stream: &[u8]) -> bool {
    let (Some(bof), Some(len)) = (u16_at(stream, 0), u16_at(stream, 2)) else {
        return false;
    };
    // BOF is 0x0809 in BIFF5/8 (0x0409 etc. in older BIFF, which has no FILEPASS of this kind).
    bof == 0x0809 && u16_at(stream, 4 + usize::from(len)) == Some(0x002F)
}

pub(super) fn corrupt_cfb() -> FileProblem {
    FileProblem::said(
        Code::FileUnreadable,
        DiagText::CorruptCfb,
        DiagText::HintResend,
        &[],
    )
}
