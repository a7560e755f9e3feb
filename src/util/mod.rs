//! Small helpers every stage uses, depending on nothing else in signpost:
//! HTML escaping, `/`-separated path folding and slugs.

pub(crate) mod html;
pub(crate) mod path;
pub(crate) mod slug;
