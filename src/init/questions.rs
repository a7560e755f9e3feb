//! The questions `signpost init` asks at a terminal: one plain line each,
//! the default in brackets, asked again until the answer passes its check.

use std::io::{self, BufRead, Write};

use super::answers::{self, Answers, Ci, Flags};

/// Asks for every answer the flags did not give, reading `input` and
/// writing the questions to `output`. A flag that fails its check is said
/// and asked again. At the end of `input`, the defaults are taken.
pub(crate) fn ask(
    flags: &Flags,
    input: &mut dyn BufRead,
    output: &mut dyn Write,
) -> io::Result<Answers> {
    writeln!(
        output,
        "A few questions about your pack. Press Enter to take the answer in [brackets]."
    )?;
    let mut ask = Asker { input, output };
    Ok(Answers {
        title: ask.one(
            "Title of the pack",
            &flags.title,
            answers::DEFAULT_TITLE,
            answers::check_text,
        )?,
        organisation: ask.one(
            "Your council or trust",
            &flags.organisation,
            answers::DEFAULT_ORGANISATION,
            answers::check_text,
        )?,
        contact_name: ask.one(
            "Team readers can contact",
            &flags.contact_name,
            answers::DEFAULT_CONTACT_NAME,
            answers::check_text,
        )?,
        email: ask.one(
            "Its email address",
            &flags.email,
            answers::DEFAULT_EMAIL,
            answers::check_email,
        )?,
        phone: ask.one(
            "Its phone number",
            &flags.phone,
            answers::DEFAULT_PHONE,
            answers::check_phone,
        )?,
        audiences: ask.one(
            "Audiences, with commas (professional, carer, easy-read)",
            &flags.audiences,
            answers::DEFAULT_AUDIENCES,
            answers::check_audiences,
        )?,
        ci: match flags.ci {
            Some(ci) => Some(ci),
            None => ask.one(
                "Publish with CI: github, gitlab or none",
                &None,
                "none",
                check_ci,
            )?,
        },
    })
}

/// `github`, `gitlab` or `none`.
fn check_ci(answer: &str) -> Result<Option<Ci>, String> {
    match answer.trim().to_ascii_lowercase().as_str() {
        "github" => Ok(Some(Ci::Github)),
        "gitlab" => Ok(Some(Ci::Gitlab)),
        "none" | "no" => Ok(None),
        _ => Err(format!(
            "\"{}\" is not one of github, gitlab or none",
            answer.trim().escape_default()
        )),
    }
}

/// The terminal the questions are asked on.
struct Asker<'a> {
    /// Where answers are read from.
    input: &'a mut dyn BufRead,
    /// Where questions are written.
    output: &'a mut dyn Write,
}

impl Asker<'_> {
    /// The flag's value when it passes `check`; else asks `question` until
    /// an answer does. An empty answer, or the end of the input, takes
    /// `default`.
    fn one<T>(
        &mut self,
        question: &str,
        flag: &Option<String>,
        default: &str,
        check: fn(&str) -> Result<T, String>,
    ) -> io::Result<T> {
        if let Some(given) = flag {
            match check(given) {
                Ok(value) => return Ok(value),
                Err(why) => writeln!(self.output, "  {why}")?,
            }
        }
        loop {
            write!(self.output, "{question} [{default}]: ")?;
            self.output.flush()?;
            let mut line = String::new();
            let ended = self.input.read_line(&mut line)? == 0;
            let answer = match line.trim() {
                "" => default,
                typed => typed,
            };
            match check(answer) {
                Ok(value) => return Ok(value),
                Err(why) if ended => {
                    // Nothing more will come: say so rather than loop.
                    return Err(io::Error::new(io::ErrorKind::UnexpectedEof, why));
                }
                Err(why) => writeln!(self.output, "  {why}; please try again.")?,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asks with `typed` as the input; returns the answers and what was
    /// shown.
    fn asked(flags: &Flags, typed: &str) -> (Answers, String) {
        let mut shown = Vec::new();
        let answers = ask(flags, &mut typed.as_bytes(), &mut shown).unwrap();
        (answers, String::from_utf8(shown).unwrap())
    }

    #[test]
    fn empty_answers_take_the_defaults_shown_in_brackets() {
        let (answers, shown) = asked(&Flags::default(), "\n\n\n\n\n\n\n");
        assert_eq!(answers, answers::from_flags(&Flags::default()).unwrap());
        assert!(
            shown.contains("Title of the pack [Our mentoring programme]: "),
            "{shown}"
        );
        assert!(
            shown.contains("Publish with CI: github, gitlab or none [none]: "),
            "{shown}"
        );
    }

    #[test]
    fn a_bad_email_is_asked_again() {
        let (answers, shown) = asked(
            &Flags::default(),
            "Carers' pack\nNorthby Council\n\nnot an email\nteam@northby.gov.uk\n\neasy-read\ngitlab\n",
        );
        assert_eq!(answers.title, "Carers' pack");
        assert_eq!(answers.email, "team@northby.gov.uk");
        assert_eq!(answers.audiences, ["easy-read"]);
        assert_eq!(answers.ci, Some(Ci::Gitlab));
        assert!(
            shown.contains("\"not an email\" is not an email address"),
            "{shown}"
        );
        assert_eq!(shown.matches("Its email address").count(), 2, "{shown}");
    }

    #[test]
    fn flags_are_not_asked_again() {
        let flags = Flags {
            title: Some("Given".into()),
            ci: Some(Ci::Github),
            ..Flags::default()
        };
        let (answers, shown) = asked(&flags, "");
        assert_eq!(answers.title, "Given");
        assert!(!shown.contains("Title of the pack"), "{shown}");
        assert!(!shown.contains("Publish with CI"), "{shown}");
    }
}
