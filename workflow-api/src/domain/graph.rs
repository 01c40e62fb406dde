//! Placeholder until the graph model lands.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub code: &'static str,
    pub message: String,
    pub step: Option<String>,
    pub transition: Option<String>,
}
