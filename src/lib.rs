//! qujat: Kazakh legal and official text.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`text`] (decode, normalize) → [`parse`] (blocks → [`model::Act`]) → clause YAML.
//! [`lang`] is the Kazakh language layer (inflection, numbers, dates, citation phrases)
//! that the parser (for dates) and the later stages use.

pub mod batch;
pub mod cite;
pub mod corpus;
pub mod error;
pub mod generate;
pub mod lang;
pub mod model;
pub mod parse;
pub mod render;
pub mod text;
