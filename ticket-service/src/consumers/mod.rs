//! One module per inbound task name.

pub mod ticket_record;
pub mod ticket_status;
