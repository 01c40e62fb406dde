//! Notification rules with no I/O.

pub mod mail;
pub mod render;
pub mod time;
