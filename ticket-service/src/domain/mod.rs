//! Ticket rules with no I/O: what a ticket is, which changes are allowed, what the workflow
//! engine is told. Handlers and consumers call these; tests exercise them directly.

pub mod handoff;
pub mod ticket;
