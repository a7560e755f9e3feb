//! The facts a new pack starts with, their defaults, and the light checks
//! on what someone typed or passed as a flag.

use crate::diagnostic::Diagnostic;

/// Where the new pack will be published from, for its CI workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Ci {
    /// GitHub Actions, publishing to GitHub Pages.
    Github,
    /// GitLab CI, publishing to GitLab Pages.
    Gitlab,
}

/// What `signpost init` was given on its command line; `None` where a flag
/// was left out.
#[derive(Clone, Debug, Default)]
pub struct Flags {
    /// `--title`: the pack's name.
    pub title: Option<String>,
    /// `--organisation`: the council or trust.
    pub organisation: Option<String>,
    /// `--contact-name`: the team readers can ask.
    pub contact_name: Option<String>,
    /// `--email`: the team's email address.
    pub email: Option<String>,
    /// `--phone`: the team's phone number.
    pub phone: Option<String>,
    /// `--audiences`: a comma list of audience ids.
    pub audiences: Option<String>,
    /// `--ci`: the CI workflow to write, if any.
    pub ci: Option<Ci>,
}

/// Every fact the starter pack is filled in with, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Answers {
    /// The pack's name.
    pub(crate) title: String,
    /// The council or trust.
    pub(crate) organisation: String,
    /// The team readers can ask.
    pub(crate) contact_name: String,
    /// The team's email address.
    pub(crate) email: String,
    /// The team's phone number.
    pub(crate) phone: String,
    /// The chosen audiences' ids, in the switcher's order.
    pub(crate) audiences: Vec<&'static str>,
    /// The CI workflow to write, if any.
    pub(crate) ci: Option<Ci>,
}

/// The audiences a starter pack can have, with their labels, in order.
pub(crate) const AUDIENCES: [(&str, &str); 3] = [
    ("professional", "For professionals"),
    ("carer", "For carers and families"),
    ("easy-read", "Easy read"),
];

/// The title when none is given.
pub(crate) const DEFAULT_TITLE: &str = "Our mentoring programme";
/// The organisation when none is given.
pub(crate) const DEFAULT_ORGANISATION: &str = "Our council";
/// The contact team when none is given.
pub(crate) const DEFAULT_CONTACT_NAME: &str = "Mentoring team";
/// The email when none is given: `.example` is reserved, so it reaches
/// nobody until it is changed.
pub(crate) const DEFAULT_EMAIL: &str = "mentoring@council.example";
/// The phone number when none is given: Ofcom keeps 01632 960 numbers for
/// drama, so it rings nobody.
pub(crate) const DEFAULT_PHONE: &str = "01632 960000";
/// The audiences when none are given: all three.
pub(crate) const DEFAULT_AUDIENCES: &str = "professional,carer,easy-read";

/// A line of text (title, organisation, team): not empty once trimmed, and
/// without control characters, which would break site.yaml's line.
pub(crate) fn check_text(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("it is empty".to_string());
    }
    if text.chars().any(char::is_control) {
        return Err("it has a line break or another control character in it".to_string());
    }
    Ok(text.to_string())
}

/// An email address, lightly: one `@` with something before it, and a
/// domain with a dot after it, no spaces.
pub(crate) fn check_email(email: &str) -> Result<String, String> {
    let email = email.trim();
    let shape = email.split_once('@').filter(|(local, domain)| {
        !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
    });
    if shape.is_none() || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "\"{}\" is not an email address: write it as name@council.gov.uk",
            email.escape_default()
        ));
    }
    Ok(email.to_string())
}

/// A phone number, lightly: digits, spaces, `+`, `-` and brackets, with
/// between 3 and 15 digits.
pub(crate) fn check_phone(phone: &str) -> Result<String, String> {
    let phone = phone.trim();
    let allowed = phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()".contains(c));
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if !allowed || !(3..=15).contains(&digits) {
        return Err(format!(
            "\"{}\" is not a phone number: write digits and spaces, such as 0300 123 4567",
            phone.escape_default()
        ));
    }
    Ok(phone.to_string())
}

/// A comma list of audience ids, each one of [`AUDIENCES`], at least one,
/// none twice; returned in the switcher's order.
pub(crate) fn check_audiences(list: &str) -> Result<Vec<&'static str>, String> {
    let mut chosen = Vec::new();
    for id in list.split(',').map(str::trim).filter(|id| !id.is_empty()) {
        let Some(&(known, _)) = AUDIENCES.iter().find(|(known, _)| *known == id) else {
            return Err(format!(
                "\"{}\" is not an audience: choose from professional, carer and easy-read",
                id.escape_default()
            ));
        };
        if !chosen.contains(&known) {
            chosen.push(known);
        }
    }
    if chosen.is_empty() {
        return Err("no audience is named: choose from professional, carer and easy-read".into());
    }
    chosen.sort_by_key(|id| AUDIENCES.iter().position(|(known, _)| known == id));
    Ok(chosen)
}

/// The answers from the flags alone, defaults for the rest; a flag that
/// fails its check is an error naming the flag.
pub(crate) fn from_flags(flags: &Flags) -> Result<Answers, Diagnostic> {
    /// Checks one flag, or its default.
    fn one<T>(
        flag: &str,
        given: &Option<String>,
        default: &str,
        check: fn(&str) -> Result<T, String>,
    ) -> Result<T, Diagnostic> {
        check(given.as_deref().unwrap_or(default)).map_err(|why| {
            Diagnostic::general(format!("--{flag}: {why}")).with_hint(format!(
                "give --{flag} again, or leave it out to use \"{default}\""
            ))
        })
    }
    Ok(Answers {
        title: one("title", &flags.title, DEFAULT_TITLE, check_text)?,
        organisation: one(
            "organisation",
            &flags.organisation,
            DEFAULT_ORGANISATION,
            check_text,
        )?,
        contact_name: one(
            "contact-name",
            &flags.contact_name,
            DEFAULT_CONTACT_NAME,
            check_text,
        )?,
        email: one("email", &flags.email, DEFAULT_EMAIL, check_email)?,
        phone: one("phone", &flags.phone, DEFAULT_PHONE, check_phone)?,
        audiences: one(
            "audiences",
            &flags.audiences,
            DEFAULT_AUDIENCES,
            check_audiences,
        )?,
        ci: flags.ci,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_need_an_at_and_a_domain_with_a_dot() {
        assert_eq!(
            check_email(" a.b@council.gov.uk ").unwrap(),
            "a.b@council.gov.uk"
        );
        for bad in [
            "",
            "council.gov.uk",
            "@council.gov.uk",
            "a@council",
            "a b@c.uk",
            "a@b@c.uk",
            "a@.uk",
        ] {
            assert!(check_email(bad).is_err(), "{bad} passed");
        }
    }

    #[test]
    fn phones_are_digits_spaces_and_a_few_signs() {
        assert_eq!(
            check_phone("+44 (0)300 123-4567").unwrap(),
            "+44 (0)300 123-4567"
        );
        for bad in [
            "",
            "call us",
            "12",
            "0300 123 4567 ext 5",
            "1234567890123456",
        ] {
            assert!(check_phone(bad).is_err(), "{bad} passed");
        }
    }

    #[test]
    fn audiences_come_back_in_the_switchers_order_once_each() {
        assert_eq!(
            check_audiences("easy-read, professional,easy-read").unwrap(),
            ["professional", "easy-read"]
        );
        let why = check_audiences("carers").unwrap_err();
        assert!(why.contains("\"carers\" is not an audience"), "{why}");
        assert!(check_audiences(" , ").is_err());
    }

    #[test]
    fn a_bad_flag_is_an_error_naming_the_flag() {
        let flags = Flags {
            email: Some("nobody".into()),
            ..Flags::default()
        };
        let problem = from_flags(&flags).unwrap_err();
        assert!(
            problem
                .message
                .starts_with("--email: \"nobody\" is not an email address"),
            "{}",
            problem.message
        );
    }

    #[test]
    fn no_flags_give_the_defaults_and_every_audience() {
        let answers = from_flags(&Flags::default()).unwrap();
        assert_eq!(answers.title, DEFAULT_TITLE);
        assert_eq!(answers.audiences, ["professional", "carer", "easy-read"]);
        assert_eq!(answers.ci, None);
    }
}
