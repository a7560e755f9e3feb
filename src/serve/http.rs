//! Answering requests: files of the built site only, by their path in the
//! output, with the right content type; anything else is the 404 page.

use super::live;
use super::State;
use crate::output::Output;
use std::sync::Arc;
use tiny_http::{Header, Request, Response, Server};

/// Answers requests until the server stops, each on its own thread.
pub fn run(server: Server, state: Arc<State>) {
    for request in server.incoming_requests() {
        let state = Arc::clone(&state);
        std::thread::spawn(move || answer(request, &state));
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn answer(request: Request, state: &State) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == live::EVENTS_PATH {
        let (sender, receiver) = std::sync::mpsc::channel();
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
        // Written by hand and flushed after each event: a response body
        // would be buffered.
        live::stream(request.into_writer(), receiver, first);
        return;
    }
    if path == live::SCRIPT_PATH {
        let response = Response::from_string(live::SCRIPT)
            .with_header(header("Content-Type", "text/javascript; charset=utf-8"));
        let _ = request.respond(response);
        return;
    }
    let files = state.files.read().unwrap_or_else(|e| e.into_inner());
    let response = match site_path(path) {
        Some(key) => match lookup(&files, &key) {
            Found::File(key) => file_response(&files[&key], &key, state, 200),
            Found::Folder(folder) => Some(
                Response::from_data(Vec::new())
                    .with_status_code(301)
                    .with_header(header("Location", &format!("/{folder}/"))),
            ),
            Found::Nothing => None,
        },
        None => None,
    };
    let response = response.unwrap_or_else(|| not_found(&files, state));
    let _ = request.respond(response);
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

fn lookup(files: &std::collections::BTreeMap<String, Output>, key: &str) -> Found {
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
fn file_response(
    output: &Output,
    key: &str,
    state: &State,
    status: u16,
) -> Option<Response<std::io::Cursor<Vec<u8>>>> {
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
    Some(
        Response::from_data(bytes)
            .with_status_code(status)
            .with_header(header("Content-Type", &content_type))
            .with_header(header("Cache-Control", "no-store")),
    )
}

fn not_found(
    files: &std::collections::BTreeMap<String, Output>,
    state: &State,
) -> Response<std::io::Cursor<Vec<u8>>> {
    files
        .get("404.html")
        .and_then(|page| file_response(page, "404.html", state, 404))
        .unwrap_or_else(|| Response::from_data(b"Not found".to_vec()).with_status_code(404))
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
