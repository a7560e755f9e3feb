//! Small helpers every stage uses, depending on nothing else in signpost:
//! HTML escaping, `/`-separated path folding, slugs, hexadecimal and
//! calendar days.

pub(crate) mod day;
pub(crate) mod hex;
pub(crate) mod html;
pub(crate) mod owned;
pub(crate) mod path;
pub(crate) mod slug;
