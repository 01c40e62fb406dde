//! Queries. Each function takes `&mut AsyncPgConnection`, so callers compose them inside one
//! transaction.

pub mod attachments;
pub mod audit;
pub mod idempotency;
pub mod tickets;
