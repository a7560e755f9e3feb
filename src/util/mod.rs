//! Small helpers every stage uses, depending on nothing else in signpost:
//! HTML escaping, `/`-separated path folding, slugs, hexadecimal,
//! calendar days, and temporary folders that the next signpost removes if
//! their own was killed.

pub(crate) mod day;
pub(crate) mod hex;
pub(crate) mod html;
pub(crate) mod owned;
pub(crate) mod path;
pub(crate) mod slug;
