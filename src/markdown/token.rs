//! The build's secret token: how one pass of the body hands a value to a
//! later pass inside the body's own text without the author being able to
//! write the same thing by chance or on purpose.
//!
//! Markers made of characters (private-use ones, say) can be typed into a
//! page, and then the author's text is taken for a marker. The token is
//! drawn at random once per run of signpost and never written out (every
//! placeholder holding it is replaced before the HTML is made), so no body,
//! value or file can hold it. It is made of digits only: Markdown leaves a
//! run of digits alone (twenty of them cannot start a list), and Tera's
//! filters (`upper`, `title`) do not change them.

use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;

/// The token: twenty random digits, the same for the whole run.
pub(crate) fn token() -> &'static str {
    static TOKEN: OnceLock<String> = OnceLock::new();
    TOKEN.get_or_init(|| {
        // `RandomState` is seeded from the operating system's randomness.
        let random = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish();
        format!("{random:020}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_twenty_digits_and_stays_the_same() {
        assert_eq!(token().len(), 20);
        assert!(token().bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(token(), token());
    }
}
