//! `signpost check --external`: asks every website a page links to whether
//! the address still works. Each address is asked once, with `HEAD` (then
//! `GET` where the server does not allow `HEAD`), at most [`AT_ONCE`] at a
//! time, each within [`TIMEOUT`]; an answer of 400 or more, or no answer,
//! is a warning at every place the address is written.

use super::rules::finding::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// How long one address may take to answer, redirects included.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(5);

/// How many addresses are asked at once.
pub(crate) const AT_ONCE: usize = 8;

/// How many redirects are followed.
const MAX_REDIRECTS: u32 = 5;

/// Where a link to another website is written.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Place {
    /// The file.
    pub file: PathBuf,
    /// The 1-based line and column.
    pub at: (usize, usize),
}

/// What asking an address found, when it is a problem.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Answer {
    /// It answered with this status (400 or more) and reason.
    Status(u16, String),
    /// It could not be reached.
    Failed(String),
}

/// Asks every address, and returns a diagnostic (at `severity`) for each
/// place of each address that does not work.
pub(crate) fn check(links: &BTreeMap<String, Vec<Place>>, severity: Severity) -> Vec<Diagnostic> {
    let urls: Vec<&String> = links.keys().collect();
    let answers: Mutex<Vec<(usize, Answer)>> = Mutex::new(Vec::new());
    let next = AtomicUsize::new(0);
    let web = agent(true);
    let local = agent(false);
    std::thread::scope(|scope| {
        for _ in 0..AT_ONCE.min(urls.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(url) = urls.get(i) else { break };
                let agent = if is_loopback(url) { &local } else { &web };
                if let Some(answer) = ask(agent, url) {
                    answers
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((i, answer));
                }
            });
        }
    });
    let mut answers = answers.into_inner().unwrap_or_else(|e| e.into_inner());
    answers.sort_by_key(|(i, _)| *i);
    let mut problems = Vec::new();
    for (i, answer) in answers {
        let url = urls[i];
        let (message, hint) = match &answer {
            Answer::Status(status, reason) => (
                format!("the link `{url}` answered {status} {reason}"),
                match status {
                    404 | 410 => "the page has moved or gone: find where it is now, or remove the link",
                    401 | 403 => "the site refuses to show it without signing in, or refuses checks; open it in a browser to see",
                    429 => "the site is asking for fewer requests; check again later",
                    500.. => "the site may be down for a while; check again later",
                    _ => "open the link in a browser to see what is wrong",
                }
                .to_string(),
            ),
            Answer::Failed(why) => (
                format!("the link `{url}` could not be reached: {why}"),
                "check the address for typing mistakes; if it is right, the site may be down"
                    .to_string(),
            ),
        };
        for place in &links[url] {
            problems.push(Diagnostic {
                severity,
                ..Diagnostic::warning(&place.file, message.clone())
                    .at(place.at.0, place.at.1)
                    .with_hint(hint.clone())
                    .with_rule(Rule::LinksExternal.name())
            });
        }
    }
    problems
}

/// An agent that reads statuses itself, within the timeout; `proxy` tells
/// whether it uses the proxy named in the environment (not for this
/// machine's own addresses).
fn agent(proxy: bool) -> ureq::Agent {
    let mut config = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .max_redirects(MAX_REDIRECTS)
        .user_agent(concat!("signpost-check/", env!("CARGO_PKG_VERSION")));
    if !proxy {
        config = config.proxy(None);
    }
    config.build().into()
}

/// Whether an address is on this machine.
fn is_loopback(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = if host.starts_with('[') {
        host.split(']')
            .next()
            .unwrap_or_default()
            .trim_start_matches('[')
    } else {
        host.split(':').next().unwrap_or_default()
    };
    host.eq_ignore_ascii_case("localhost") || host.starts_with("127.") || host == "::1"
}

/// Asks one address: `None` when it works.
fn ask(agent: &ureq::Agent, url: &str) -> Option<Answer> {
    let answer = match agent.head(url).call() {
        Ok(response) if matches!(response.status().as_u16(), 405 | 501) => agent.get(url).call(),
        other => other,
    };
    match answer {
        Ok(response) => {
            let status = response.status();
            (status.as_u16() >= 400).then(|| {
                Answer::Status(
                    status.as_u16(),
                    status.canonical_reason().unwrap_or_default().to_string(),
                )
            })
        }
        Err(error) => Some(Answer::Failed(failure_words(&error))),
    }
}

/// Why an address could not be reached, in words.
fn failure_words(error: &ureq::Error) -> String {
    match error {
        ureq::Error::Timeout(_) => format!("no answer within {} seconds", TIMEOUT.as_secs()),
        ureq::Error::HostNotFound => "there is no such host".to_string(),
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => "the connection was refused".to_string(),
            std::io::ErrorKind::TimedOut => {
                format!("no answer within {} seconds", TIMEOUT.as_secs())
            }
            _ => crate::diagnostic::io_words(io),
        },
        ureq::Error::TooManyRedirects => format!("more than {MAX_REDIRECTS} redirects"),
        ureq::Error::BadUri(_) => "it is not a valid address".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        assert!(is_loopback("http://127.0.0.1:8080/a"));
        assert!(is_loopback("http://localhost/"));
        assert!(is_loopback("http://[::1]:80/"));
        assert!(!is_loopback("https://www.nhs.uk/"));
    }
}
