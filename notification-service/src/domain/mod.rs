//! Notification rules with no I/O.

pub mod render;
