//! qujat: Kazakh legal and official text.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`text`] (decode, normalize) → [`parse`] (blocks → [`model::Act`]) → clause YAML.
//! [`lang`] is the Kazakh language layer (inflection, numbers, dates, citation phrases)
//! that the parser (for dates) and the later stages use.

pub mod error;
pub mod model;
pub mod text;
pub mod lang;
pub mod parse;
pub mod corpus;
pub mod cite;
pub mod generate;
pub mod render;
pub mod batch;
