//! qujat: Kazakh legal and official text.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`text`] (decode, normalize) → [`parse`] (blocks → [`model::Act`]) → clause YAML.

pub mod error;
pub mod model;
pub mod text;
pub mod parse;
