//! What an uploaded file may be called and may contain.

/// Longest accepted file name, in bytes.
pub const MAX_FILE_NAME: usize = 255;

/// A file name as the uploader gave it, refused if it could name a path: no directory parts,
/// no `..`, no control characters, no leading dot.
pub fn file_name(name: &str) -> Result<String, String> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err("is empty".into());
    }
    if trimmed.len() > MAX_FILE_NAME {
        return Err(format!("is longer than {MAX_FILE_NAME} bytes"));
    }
    if trimmed.contains(['/', '\\']) || trimmed.split(['/', '\\']).any(|p| p == "..") {
        return Err("must be a plain file name, not a path".into());
    }
    if trimmed.starts_with('.') {
        return Err("must not start with a dot".into());
    }
    if trimmed.chars().any(char::is_control) {
        return Err("must not contain control characters".into());
    }
    Ok(trimmed.to_string())
}

/// Types accepted as attachments, as detected from the bytes.
const ALLOWED: &[&str] = &[
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/bmp",
    "application/pdf",
    "application/zip",
    "application/gzip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "message/rfc822",
];

/// Text types accepted when the bytes are UTF-8 and carry no binary signature.
const TEXT: &[&str] = &[
    "text/plain",
    "text/csv",
    "application/json",
    "text/markdown",
];

/// The content type to store for `bytes`, judged by the bytes themselves. The declared type is
/// only trusted to choose between text types; a file whose bytes say otherwise is refused.
pub fn content_type(bytes: &[u8], declared: Option<&str>) -> Result<String, String> {
    let declared = declared
        .map(|d| {
            d.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .filter(|d| !d.is_empty() && d != "application/octet-stream");
    match infer::get(bytes) {
        Some(kind) => {
            let detected = kind.mime_type();
            if !ALLOWED.contains(&detected) {
                return Err(format!("files of type {detected} are not accepted"));
            }
            // Office formats are zip files inside; a declared specific type may refine `zip`.
            let refines_zip = detected == "application/zip"
                && declared
                    .as_deref()
                    .is_some_and(|d| ALLOWED.contains(&d) && d.contains("officedocument"));
            match declared {
                Some(d) if refines_zip => Ok(d),
                Some(d) if d != detected => {
                    Err(format!("content is {detected} but was declared as {d}"))
                }
                _ => Ok(detected.to_string()),
            }
        }
        None if looks_like_text(bytes) => {
            let d = declared.unwrap_or_else(|| "text/plain".into());
            if TEXT.contains(&d.as_str()) {
                Ok(d)
            } else {
                Err(format!("content is text but was declared as {d}"))
            }
        }
        None => Err("the file type could not be recognised from its content".into()),
    }
}

/// UTF-8 without control characters other than tab, newline, carriage return and form feed:
/// binary formats nearly always hold NUL or other control bytes early on.
fn looks_like_text(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|text| {
        text.chars()
            .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_like_names_are_refused() {
        for bad in [
            "../../etc/passwd",
            "a/b.txt",
            "..\\boot.ini",
            ".htaccess",
            "",
            "a\0b",
            "x\n.txt",
        ] {
            assert!(file_name(bad).is_err(), "{bad:?}");
        }
        assert_eq!(file_name(" report final.pdf ").unwrap(), "report final.pdf");
        assert_eq!(file_name("résumé.txt").unwrap(), "résumé.txt");
    }

    #[test]
    fn content_type_comes_from_the_bytes() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(content_type(png, Some("image/png")).unwrap(), "image/png");
        assert_eq!(content_type(png, None).unwrap(), "image/png");
        assert!(content_type(png, Some("application/pdf")).is_err());
        assert_eq!(
            content_type(b"plain words", Some("text/plain; charset=utf-8")).unwrap(),
            "text/plain"
        );
        assert!(content_type(b"plain words", Some("image/png")).is_err());
        let elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0";
        assert!(content_type(elf, None).is_err(), "executables are refused");
        assert!(content_type(&[0xff, 0xfe, 0x00, 0x01, 0x80], None).is_err());
    }
}
