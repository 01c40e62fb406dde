//! The rules of comment threads, free of I/O: who may see what, what a comment may be, and who
//! hears about it.

pub mod access;
pub mod comment;
