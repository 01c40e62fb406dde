//! Attachment bytes on disk, stored once per SHA-256: two uploads of the same file share one copy.
//! Layout: `<dir>/<first two hex digits>/<sha256>`. A file is written to a temporary name and
//! renamed into place, so a reader never sees half a file.

use std::path::PathBuf;

use sha2::{Digest, Sha256};

use crate::domain::handoff::hex;

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
