//! The link and image addresses of a body, numbered as the writer meets
//! them (Markdown links and images, and `<img>` in raw HTML), so that each
//! version can settle them from its own URL.

/// A link or image address in a body, resolved for each version.
pub(super) struct Address {
    /// As written.
    pub(super) dest: String,
    /// Where it is in the file.
    pub(super) place: Option<(usize, usize)>,
}

/// Records an address and returns its number.
pub(super) fn address(
    addresses: &mut Vec<Address>,
    dest: &str,
    place: Option<(usize, usize)>,
) -> usize {
    addresses.push(Address {
        dest: dest.to_string(),
        place,
    });
    addresses.len() - 1
}
