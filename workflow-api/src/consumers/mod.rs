//! One module per inbound task name.

pub mod comment_posted;
pub mod roles;
