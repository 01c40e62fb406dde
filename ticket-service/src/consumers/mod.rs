//! One module per inbound task name.

pub mod ticket_status;
