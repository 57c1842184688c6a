//! qujat: Kazakh legal and official text.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`text`] (decode, normalize) → [`parse`] (blocks → [`model::Act`]) → clause YAML;
//! [`corpus`] (acts and their indexes) → [`cite`] (references checked against it);
//! [`records`] + [`generate`] (Tera templates) → [`render`] (HTML, PDF) → [`batch`].
//! [`lang`] is the Kazakh language layer (inflection, numbers, dates, citation phrases)
//! that the parser (for dates), the checker and the templates use.
//!
//! [`model`] holds the types every stage shares; [`lexicon`] is a resource both `text`
//! and `lang` read; [`io`] and [`yaml`] are the only doors to files and to YAML; [`jobs`]
//! and [`bench`] are what front ends run.

pub mod error;
pub mod io;
pub mod lexicon;
pub mod model;
pub mod yaml;

pub mod lang;
pub mod text;

pub mod parse;

pub mod cite;
pub mod corpus;

pub mod generate;
pub mod records;
pub mod render;

pub mod batch;

pub mod bench;
pub mod jobs;
pub mod serve;
