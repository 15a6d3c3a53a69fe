//! The folder walk: which entries of an input folder are read as returns, and a diagnostic for every
//! entry that is not.
//!
//! Rules (README, "What is read from an input folder"):
//! - folders are walked recursively, entries in sorted order; files with a spreadsheet extension are read
//!   (content decides the format), other files get `F008`; hidden entries and Excel's `~$` lock files too;
//! - a symbolic link is followed only when it resolves inside the input folder given (`F021` otherwise,
//!   or when it resolves nowhere); each real folder and file is visited once, by device and inode, so
//!   links back (`a -> .`) never loop and nothing is read twice (`F022`);
//! - FIFOs, sockets and devices are never opened (`F020`);
//! - a name that is not UTF-8 (GBK bytes, as unzip writes names from zips made on Chinese Windows) is
//!   kept as it is for opening and shown decoded as GB18030 (`F023`);
//! - a folder that cannot be listed, or lies deeper than [`MAX_DEPTH`], is `F024`.
//!
//! Files named explicitly are always read, whatever their extension; the reader refuses what is not a
//! regular file (see `open`).

use super::open::{not_regular, special_kind};
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::error::Error;
use crate::i18n::diagnostics::DiagText;
use crate::intake::sniff;
use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs::Metadata;
use std::path::{Path, PathBuf};

/// Folders nested deeper than this are not walked (a crafted tree must not exhaust the stack).
pub const MAX_DEPTH: usize = 64;

/// The result of walking the inputs.
#[derive(Debug, Clone, Default)]
pub struct InputFiles {
    /// Files to read: (path to open, path as displayed), in the order found.
    pub files: Vec<(PathBuf, String)>,
    /// 报送包 (`.pepkg`) found or named, in the same form: `ingest` and `run` take them in, `check`
    /// leaves them alone.
    pub packages: Vec<(PathBuf, String)>,
    /// Everything worth saying about the entries: what was not read and why, names decoded.
    pub notes: Vec<Diagnostic>,
}

impl InputFiles {
    /// Notes a user should see without `-v` (errors and warnings).
    pub fn notes_to_show(&self) -> impl Iterator<Item = &Diagnostic> {
        self.notes
            .iter()
            .filter(|d| d.severity != crate::Severity::Info)
    }
}

/// What identifies a real file or folder: device and inode on Unix, the resolved path elsewhere.
#[cfg(unix)]
type FileKey = (u64, u64);
#[cfg(not(unix))]
type FileKey = PathBuf;

#[cfg(unix)]
fn key_of(_path: &Path, meta: &Metadata) -> Option<FileKey> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn key_of(path: &Path, _meta: &Metadata) -> Option<FileKey> {
    std::fs::canonicalize(path).ok()
}

/// A file or folder name as shown to people, and whether it had to be decoded from GBK.
pub fn display_name(name: &OsStr) -> (String, bool) {
    if let Some(s) = name.to_str() {
        return (s.to_string(), false);
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let (text, _, had_errors) = encoding_rs::GB18030.decode(name.as_bytes());
        if !had_errors {
            return (text.into_owned(), true);
        }
    }
    (name.to_string_lossy().into_owned(), true)
}

/// A whole path as shown to people, each component decoded as [`display_name`] does.
pub fn display_path(path: &Path) -> String {
    if let Some(s) = path.to_str() {
        return s.to_string();
    }
    let mut shown = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::Normal(n) => shown.push(display_name(n).0),
            other => shown.push(other.as_os_str()),
        }
    }
    shown.display().to_string()
}

/// The raw bytes of a name, escaped (`\xcc\xee…`), for a diagnostic's raw text.
fn raw_name(name: &OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        return name.as_bytes().escape_ascii().to_string();
    }
    #[allow(unreachable_code)]
    name.to_string_lossy().into_owned()
}

/// Expands the inputs: folders are walked (see the module's rules), files named explicitly are read.
/// An input that does not exist stops the run (`Error::Io`); everything found inside folders is a file to
/// read or a note.
pub fn collect_inputs(inputs: &[PathBuf]) -> Result<InputFiles, Error> {
    let mut walk = Walk::default();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|e| Error::io(input, e))?;
        let display = display_path(input);
        if meta.is_dir() {
            let root = std::fs::canonicalize(input).map_err(|e| Error::io(input, e))?;
            if let Some(key) = key_of(input, &meta) {
                if !walk.dirs.insert(key) {
                    walk.note_said(
                        Code::AlreadyRead,
                        &display,
                        None,
                        DiagText::FolderAgain,
                        None,
                        &[],
                    );
                    continue;
                }
            }
            walk.dir(&root, input, &display, 0);
        } else {
            if let Some(key) = key_of(input, &meta) {
                if !walk.files_seen.insert(key) {
                    walk.note_said(
                        Code::AlreadyRead,
                        &display,
                        None,
                        DiagText::FileAgain,
                        None,
                        &[],
                    );
                    continue;
                }
            }
            if crate::store::package::is_package_name(input) {
                walk.out.packages.push((input.clone(), display));
            } else {
                walk.out.files.push((input.clone(), display));
            }
        }
    }
    Ok(walk.out)
}

#[derive(Default)]
struct Walk {
    out: InputFiles,
    dirs: HashSet<FileKey>,
    files_seen: HashSet<FileKey>,
}

impl Walk {
    fn note_said(
        &mut self,
        code: Code,
        file: &str,
        raw: Option<String>,
        message: DiagText,
        hint: Option<DiagText>,
        args: &[(&str, &str)],
    ) {
        let location = Location::File {
            file: file.to_string(),
        };
        let (m_zh, m_en) = message.both(args);
        let (h_zh, h_en) = hint.map(|h| h.both(args)).unwrap_or_default();
        self.out
            .notes
            .push(Diagnostic::new(code, location, raw, m_zh, h_zh).with_en(m_en, h_en));
    }

    /// Walks `dir` (already marked visited), whose canonical input folder is `root`.
    fn dir(&mut self, root: &Path, dir: &Path, shown: &str, depth: usize) {
        if depth >= MAX_DEPTH {
            self.note_said(
                Code::FolderNotRead,
                shown,
                None,
                DiagText::TooDeep,
                Some(DiagText::HintShallow),
                &[("max", &MAX_DEPTH.to_string())],
            );
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.note_said(
                    Code::FolderNotRead,
                    shown,
                    None,
                    DiagText::FolderUnreadable,
                    Some(DiagText::HintFolderReadable),
                    &[("error", &e.to_string())],
                );
                return;
            }
        };
        let mut names = Vec::new();
        for e in entries {
            match e {
                Ok(e) => names.push(e.file_name()),
                Err(e) => self.note_said(
                    Code::FolderNotRead,
                    shown,
                    None,
                    DiagText::FolderEntryUnreadable,
                    Some(DiagText::HintFolderPermission),
                    &[("error", &e.to_string())],
                ),
            }
        }
        names.sort();
        for name in names {
            self.entry(root, dir, shown, &name, depth);
        }
    }

    fn entry(&mut self, root: &Path, dir: &Path, dir_shown: &str, name: &OsStr, depth: usize) {
        let path = dir.join(name);
        let (name_shown, decoded) = display_name(name);
        let shown = Path::new(dir_shown).join(&name_shown).display().to_string();
        if decoded {
            self.note_said(
                Code::NameNotUtf8,
                &shown,
                Some(raw_name(name)),
                DiagText::NameNotUtf8,
                Some(DiagText::HintNameNotUtf8),
                &[],
            );
        }
        // Hidden entries and Excel's lock files (~$…) are never returns.
        if name_shown.starts_with('.') || name_shown.starts_with("~$") {
            let message = if name_shown.starts_with("~$") {
                DiagText::ExcelLockFile
            } else {
                DiagText::HiddenEntry
            };
            self.note_said(Code::NotASpreadsheet, &shown, None, message, None, &[]);
            return;
        }
        let lmeta = match std::fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                self.note_said(
                    Code::FileUnreadable,
                    &shown,
                    None,
                    DiagText::EntryUnreadable,
                    Some(DiagText::HintReadable),
                    &[("error", &e.to_string())],
                );
                return;
            }
        };
        let link = lmeta.file_type().is_symlink();
        let meta = if link {
            let target = match std::fs::canonicalize(&path) {
                Ok(t) => t,
                Err(e) => {
                    self.note_said(
                        Code::LinkNotFollowed,
                        &shown,
                        std::fs::read_link(&path).ok().map(|t| display_path(&t)),
                        DiagText::LinkBroken,
                        Some(DiagText::HintReplaceLink),
                        &[("error", &e.to_string())],
                    );
                    return;
                }
            };
            if !target.starts_with(root) {
                self.note_said(
                    Code::LinkNotFollowed,
                    &shown,
                    Some(display_path(&target)),
                    DiagText::LinkOutside,
                    Some(DiagText::HintCopyNotLink),
                    &[],
                );
                return;
            }
            match std::fs::metadata(&path) {
                Ok(m) => m,
                Err(e) => {
                    self.note_said(
                        Code::LinkNotFollowed,
                        &shown,
                        None,
                        DiagText::LinkUnresolved,
                        Some(DiagText::HintReplaceLink),
                        &[("error", &e.to_string())],
                    );
                    return;
                }
            }
        } else {
            lmeta
        };
        if meta.is_dir() {
            if let Some(key) = key_of(&path, &meta) {
                if !self.dirs.insert(key) {
                    self.note_said(
                        Code::AlreadyRead,
                        &shown,
                        None,
                        DiagText::LinkToReadFolder,
                        None,
                        &[],
                    );
                    return;
                }
            }
            self.dir(root, &path, &shown, depth + 1);
        } else if meta.is_file() {
            let package = crate::store::package::is_package_name(Path::new(&name_shown));
            if !package && !sniff::looks_like_spreadsheet_name(Path::new(&name_shown)) {
                self.note_said(
                    Code::NotASpreadsheet,
                    &shown,
                    None,
                    DiagText::NotASpreadsheet,
                    Some(DiagText::HintSpreadsheetsOnly),
                    &[],
                );
                return;
            }
            if let Some(key) = key_of(&path, &meta) {
                if !self.files_seen.insert(key) {
                    self.note_said(
                        Code::AlreadyRead,
                        &shown,
                        None,
                        DiagText::SameFileAgain,
                        None,
                        &[],
                    );
                    return;
                }
            }
            if package {
                self.out.packages.push((path, shown));
            } else {
                self.out.files.push((path, shown));
            }
        } else {
            let kind = special_kind(&meta).unwrap_or(DiagText::KindSpecial);
            let d = not_regular(kind, link).into_diagnostic(Location::File { file: shown });
            self.out.notes.push(d);
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;

    fn temp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("planeval-walk-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn codes(inputs: &InputFiles) -> Vec<(&str, String)> {
        inputs
            .notes
            .iter()
            .map(|d| (d.code.id(), d.location.to_string()))
            .collect()
    }

    #[test]
    fn links_back_are_followed_once_and_links_out_not_at_all() {
        let d = temp("links");
        let inbox = d.join("inbox");
        std::fs::create_dir_all(inbox.join("sub")).unwrap();
        std::fs::write(inbox.join("a.xlsx"), b"x").unwrap();
        std::fs::write(inbox.join("sub/b.xlsx"), b"y").unwrap();
        std::fs::write(d.join("outside.xlsx"), b"z").unwrap();
        std::os::unix::fs::symlink(".", inbox.join("loop1")).unwrap();
        std::os::unix::fs::symlink("..", inbox.join("sub/up")).unwrap();
        std::os::unix::fs::symlink("a.xlsx", inbox.join("same.xlsx")).unwrap();
        std::os::unix::fs::symlink("../outside.xlsx", inbox.join("out.xlsx")).unwrap();
        std::os::unix::fs::symlink("missing.xlsx", inbox.join("dangling.xlsx")).unwrap();
        let got = collect_inputs(std::slice::from_ref(&inbox)).unwrap();
        let names: Vec<String> = got.files.iter().map(|(_, s)| s.clone()).collect();
        let i = inbox.display();
        assert_eq!(names, [format!("{i}/a.xlsx"), format!("{i}/sub/b.xlsx")]);
        let notes = codes(&got);
        for (code, name) in [
            ("F021", "dangling.xlsx"),
            ("F022", "loop1"),
            ("F021", "out.xlsx"),
            ("F022", "same.xlsx"),
            ("F022", "sub/up"),
        ] {
            assert!(
                notes.contains(&(code, format!("{i}/{name}"))),
                "{code} {name}: {notes:?}"
            );
        }
        assert_eq!(notes.len(), 5, "{notes:?}");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_gbk_name_is_read_and_shown_decoded() {
        let d = temp("gbk");
        let (bytes, _, _) = encoding_rs::GB18030.encode("填报-妇联-2023.xlsx");
        let raw = OsStr::from_bytes(&bytes);
        std::fs::write(d.join(raw), b"x").unwrap();
        let got = collect_inputs(std::slice::from_ref(&d)).unwrap();
        assert_eq!(got.files.len(), 1);
        assert_eq!(got.files[0].0, d.join(raw), "opened by its raw name");
        assert!(
            got.files[0].1.ends_with("/填报-妇联-2023.xlsx"),
            "{}",
            got.files[0].1
        );
        assert_eq!(got.notes.len(), 1);
        assert_eq!(got.notes[0].code, Code::NameNotUtf8);
        assert!(got.notes[0].raw.as_deref().unwrap().contains("\\xcc\\xee"));
        std::fs::remove_dir_all(&d).unwrap();
    }
}
