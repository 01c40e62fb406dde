//! Workflow rules with no I/O.

pub mod graph;
