//! Uploaded files: what they may be called and contain, where their bytes live, and how they go
//! back out. Bytes are stored once per SHA-256 (two uploads of the same file share one copy), at
//! `<dir>/<first two hex digits>/<sha256>`, written to a temporary name and renamed into place so a
//! reader never sees half a file.

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::Multipart;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use tokio_util::io::ReaderStream;

use crate::http::ApiError;

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Debug, Clone)]
pub struct FileStore {
    root: PathBuf,
}

impl FileStore {
    pub fn new(root: PathBuf) -> std::io::Result<FileStore> {
        std::fs::create_dir_all(&root)?;
        Ok(FileStore { root })
    }

    /// Stores `bytes` unless a file with the same digest is there; returns the digest.
    pub async fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let sha = hex(&Sha256::digest(bytes));
        let path = self.path(&sha);
        if tokio::fs::try_exists(&path).await? {
            return Ok(sha);
        }
        let dir = path.parent().expect("stored files sit in a subdirectory");
        tokio::fs::create_dir_all(dir).await?;
        let temporary = dir.join(format!(".{}.partial", uuid::Uuid::new_v4().simple()));
        tokio::fs::write(&temporary, bytes).await?;
        tokio::fs::rename(&temporary, &path).await?;
        Ok(sha)
    }

    /// Where the file with digest `sha` lives. Digests come from our own database, and are
    /// checked anyway, so no path outside the store can be formed.
    pub fn path(&self, sha: &str) -> PathBuf {
        assert!(
            sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit()),
            "a SHA-256 hex digest"
        );
        self.root.join(&sha[..2]).join(sha)
    }
}

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

/// One uploaded file, checked: a plain name, within the size limit, not empty, of an accepted type.
#[derive(Debug)]
pub struct Upload {
    pub file_name: String,
    pub content_type: String,
    pub bytes: axum::body::Bytes,
}

fn multipart_error(e: MultipartError) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large("the file is larger than allowed".into())
    } else {
        ApiError::bad_request(
            "malformed_multipart",
            format!("malformed multipart body: {}", e.body_text()),
        )
    }
}

fn too_large(message: String) -> ApiError {
    ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", message)
}

fn unsupported(message: String) -> ApiError {
    ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        message,
    )
}

/// The first file of a `multipart/form-data` body (field `file`), checked; `max` bytes at most.
pub async fn read_upload(
    multipart: Result<Multipart, MultipartRejection>,
    max: u64,
) -> Result<Upload, ApiError> {
    let mut multipart = multipart.map_err(|_| {
        unsupported("expected a multipart/form-data body with a `file` field".into())
    })?;
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        let Some(raw_name) = field.file_name().map(str::to_string) else {
            continue;
        };
        let declared = field.content_type().map(str::to_string);
        let name = file_name(&raw_name).map_err(|m| ApiError::invalid_field("file_name", m))?;
        let bytes = field.bytes().await.map_err(multipart_error)?;
        if bytes.len() as u64 > max {
            return Err(too_large(format!("the file is larger than {max} bytes")));
        }
        if bytes.is_empty() {
            return Err(ApiError::invalid_field("file", "is empty"));
        }
        let content_type = content_type(&bytes, declared.as_deref()).map_err(unsupported)?;
        return Ok(Upload {
            file_name: name,
            content_type,
            bytes,
        });
    }
    Err(ApiError::invalid_field("file", "no file was sent"))
}

/// The stored file at `path`, streamed, with headers that make browsers download it rather than
/// render it.
pub async fn download(
    path: &Path,
    content_type: &str,
    size: i64,
    name: &str,
) -> std::io::Result<Response> {
    let file = tokio::fs::File::open(path).await?;
    let headers = [
        (header::CONTENT_TYPE, header_value(content_type)),
        (header::CONTENT_LENGTH, header_value(&size.to_string())),
        (
            header::CONTENT_DISPOSITION,
            header_value(&content_disposition(name)),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, max-age=0"),
        ),
    ];
    Ok((headers, Body::from_stream(ReaderStream::new(file))).into_response())
}

fn header_value(text: &str) -> HeaderValue {
    HeaderValue::from_str(text)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"))
}

/// `attachment; filename="plain"; filename*=UTF-8''encoded` (RFC 6266): browsers that know
/// RFC 5987 get the real name, others a safe ASCII one.
fn content_disposition(name: &str) -> String {
    let plain: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{plain}\"; filename*=UTF-8''{encoded}")
}

/// The `multipart/form-data` body of an upload.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct AttachmentUpload {
    /// The file, with its name (`filename` of the part) and declared type (the part's
    /// `Content-Type`). The first part that carries a file name is taken.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// A downloaded file's bytes.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct AttachmentBytes(Vec<u8>);

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

    #[test]
    fn content_disposition_is_safe_and_keeps_the_real_name() {
        assert_eq!(
            content_disposition("résumé \"v2\".pdf"),
            "attachment; filename=\"r_sum_ _v2_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22v2%22.pdf"
        );
    }
}
