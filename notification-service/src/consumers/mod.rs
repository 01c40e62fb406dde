//! Consumers: in-app notifications, e-mail, and the user e-mail directory.

pub mod directory;
pub mod email;
pub mod inapp;
