//! Stage 1: bytes → decoded text → normalized paragraphs (with a repair report).

pub mod decode;
pub mod docx;
pub mod label;
pub mod normalize;
pub mod pdf;

pub use decode::{decode, Decoded};
pub use normalize::{is_markdown, is_rule, looks_like_markdown, normalize, Normalized, Para, Repair, RepairKind};
