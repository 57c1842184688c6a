//! The Kazakh language layer: what generated text and the citation checker need to
//! be grammatical.
//!
//! - [`noun`]: case, plural and possessive of words and noun phrases;
//! - [`number`]: numbers in words, ordinals, suffixes after digits;
//! - [`date`]: date phrases in every form, and parsing them back;
//! - [`cite`]: citation chains ("Қағидалардың 11-тармағының 6) тармақшасына").
//!
//! It depends only on the model and the [`crate::lexicon`] resource; the parser uses its
//! dates.

pub mod cite;
pub mod date;
pub mod noun;
pub mod number;

pub use noun::{inflect, inflect_phrase, Case, Form, Number, Possessive};
