//! Runtime-level tests: configuration orderings and who may call what.

mod authorization;
mod delays;
