//! Queries. Each function takes `&mut AsyncPgConnection`, so callers compose them inside one
//! transaction.

pub mod audit;
pub mod roles;
pub mod tasks;
pub mod tickets;
pub mod workflows;
