//! Small helpers every stage uses, depending on nothing else in signpost:
//! HTML escaping and `/`-separated path folding.

pub mod html;
pub mod path;
