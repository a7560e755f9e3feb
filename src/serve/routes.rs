//! What each address answers: files of the built site only, by their path
//! in the output, with the right content type; the live-reload script and
//! event stream; anything else is the site's 404 page.

use super::live;
use super::State;
use crate::output::Output;
use std::collections::BTreeMap;

/// An answer with its whole body, and any headers beyond the standard ones.
pub(super) struct Reply {
    /// The status code.
    pub status: u16,
    /// Headers other than `Content-Length` and `Connection`.
    pub headers: Vec<(&'static str, String)>,
    /// The body (not sent for `HEAD`).
    pub body: Vec<u8>,
}

impl Reply {
    /// A plain-text answer, for refusals: the text says what is wrong.
    pub(super) fn plain(status: u16, text: &str) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type", "text/plain; charset=utf-8".to_string())],
            body: format!("{text}\n").into_bytes(),
        }
    }

    /// Adds a header.
    pub(super) fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }
}

/// What to send for a request.
pub(super) enum Answer {
    /// This whole answer.
    Reply(Reply),
    /// The live-reload event stream, which holds the connection open.
    Events,
}

/// The answer to a GET (or, with `head_only`, HEAD) of `target`.
pub(super) fn answer(target: &str, head_only: bool, state: &State) -> Answer {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if path == live::EVENTS_PATH {
        if head_only {
            return Answer::Reply(event_stream_head());
        }
        return Answer::Events;
    }
    if path == live::SCRIPT_PATH {
        return Answer::Reply(Reply {
            status: 200,
            headers: vec![("Content-Type", "text/javascript; charset=utf-8".to_string())],
            body: live::SCRIPT.as_bytes().to_vec(),
        });
    }
    let files = state.files.read().unwrap_or_else(|e| e.into_inner());
    let reply = match site_path(path) {
        Some(key) => match lookup(&files, &key) {
            Found::File(key) => file_reply(&files[&key], &key, state, 200),
            Found::Folder(folder) => Some(Reply {
                status: 301,
                headers: vec![("Location", format!("/{folder}/"))],
                body: Vec::new(),
            }),
            Found::Nothing => None,
        },
        None => None,
    };
    Answer::Reply(reply.unwrap_or_else(|| not_found(&files, state)))
}

/// The live-reload events for a page, until it goes.
pub(super) fn events(state: &State) -> impl futures::Stream<Item = String> + Send + 'static {
    let (sender, receiver) = tokio::sync::mpsc::unbounded_channel();
    state
        .listeners
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(sender);
    let errors = state
        .errors
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let first = (!errors.is_empty()).then_some(live::Event::Broken(errors));
    live::stream(receiver, first)
}

/// The event stream's status and headers; alone, the answer to a HEAD.
pub(super) fn event_stream_head() -> Reply {
    Reply {
        status: 200,
        headers: vec![
            ("Content-Type", "text/event-stream".to_string()),
            ("Cache-Control", "no-cache".to_string()),
        ],
        body: Vec::new(),
    }
}

/// The output path a request path names, or `None` for one that tries to
/// leave the site (`..`, encoded or not) or is not valid.
fn site_path(path: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" => {}
            "." | ".." => return None,
            part => parts.push(part),
        }
    }
    let mut key = parts.join("/");
    if decoded.ends_with('/') || key.is_empty() {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Some(key)
}

enum Found {
    File(String),
    Folder(String),
    Nothing,
}

fn lookup(files: &BTreeMap<String, Output>, key: &str) -> Found {
    if files.contains_key(key) {
        Found::File(key.to_string())
    } else if files.contains_key(&format!("{key}/index.html")) {
        Found::Folder(key.to_string())
    } else {
        Found::Nothing
    }
}

/// A file of the site, with live reload added to pages. A copied file that
/// is (or is reached through) a link to outside the site is refused.
fn file_reply(output: &Output, key: &str, state: &State, status: u16) -> Option<Reply> {
    let bytes = match output {
        Output::Bytes(bytes) => bytes.clone(),
        Output::Copy(source) => {
            let real = std::fs::canonicalize(source).ok()?;
            if !real.starts_with(&state.root) {
                return None;
            }
            std::fs::read(real).ok()?
        }
    };
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let bytes = if is_html {
        with_live_reload(bytes)
    } else {
        bytes
    };
    let content_type = if mime.type_() == "text" || mime.essence_str() == "application/javascript" {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    Some(Reply {
        status,
        headers: vec![
            ("Content-Type", content_type),
            ("Cache-Control", "no-store".to_string()),
        ],
        body: bytes,
    })
}

fn not_found(files: &BTreeMap<String, Output>, state: &State) -> Reply {
    files
        .get("404.html")
        .and_then(|page| file_reply(page, "404.html", state, 404))
        .unwrap_or_else(|| Reply::plain(404, "Not found"))
}

/// The page with the live-reload script before `</body>`.
fn with_live_reload(html: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8_lossy(&html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{}{}", &text[..at], live::SCRIPT_TAG, &text[at..]).into_bytes(),
        None => format!("{text}{}", live::SCRIPT_TAG).into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::site_path;

    #[test]
    fn paths_out_of_the_site_are_refused() {
        assert_eq!(site_path("/guide/").as_deref(), Some("guide/index.html"));
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/a/../b"), None);
        assert_eq!(site_path("/%2e%2e/etc/passwd"), None);
        assert_eq!(site_path("/%2E%2E%2Fetc"), None);
        assert_eq!(site_path("//etc/passwd").as_deref(), Some("etc/passwd"));
    }
}
