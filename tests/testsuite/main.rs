//! The integration tests, one module per area.

mod harness;

mod accessibility;
mod body_dialect;
mod build;
mod check;
mod errors;
mod example_pack;
mod fuzz;
mod hostile_bodies;
mod messages;
mod output_safety;
mod pdf;
mod serve;
