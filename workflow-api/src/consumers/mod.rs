//! One module per inbound task name.

pub mod roles;
