//! Small helpers every stage uses, depending on nothing else in signpost:
//! HTML escaping and `/`-separated path folding.

pub(crate) mod html;
pub(crate) mod path;
