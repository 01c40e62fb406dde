//! Workflow rules with no I/O: no database, no HTTP, no clock reads.
//!
//! Everything here is a plain function of its inputs so that the rules can be
//! tested exhaustively and reused by every caller (API handlers, workers,
//! publish checks) without dragging storage along.

pub mod address;
pub mod calendar;
pub mod duration;
pub mod graph;
pub mod lifecycle;
pub mod matching;
pub mod round_robin;
pub mod sla;
pub mod work_list;
