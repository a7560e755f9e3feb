//! `signpost serve`, from the outside: each test starts the real binary on a
//! free port, talks HTTP to it with the harness's small client, changes the
//! site's files and watches the live-reload events. Every server is stopped
//! when its test ends, passed or failed.
//!
//! Nothing here waits a fixed time for something to happen: each wait polls
//! (or listens) until what it waits for is true, and gives up after `WAIT`.

use crate::harness::browser::{browser_or_skip, find_browser};
use crate::harness::html::{listing, rel_link};
use crate::harness::http::{get, send_raw, Response};
use crate::harness::server::{eventually_within, spawn, Server, POLL, WAIT};
use crate::harness::TestSite;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------
// Server-sent events

// The live-reload stream is read by these tests alone.
impl Server {
    /// Opens the live-reload event stream; returns once the server has
    /// answered, so that from then on every event reaches it.
    fn events(&self) -> Events {
        Events::connect(self.port)
            .unwrap_or_else(|e| panic!("cannot open the event stream: {e}\n{}", self.stderr()))
    }
}

/// One server-sent event.
#[derive(Debug, Clone)]
struct Event {
    /// `reload`, `broken`, ...
    name: String,
    data: String,
}

/// An open `/_signpost/live` stream, read on a thread; closed when dropped.
struct Events {
    received: Receiver<Event>,
    stream: TcpStream,
}

impl Events {
    fn connect(port: u16) -> std::io::Result<Events> {
        let mut stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_read_timeout(Some(WAIT))?;
        write!(
            stream,
            "GET /_signpost/live HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n"
        )?;
        stream.flush()?;
        let mut reader = BufReader::new(stream.try_clone()?);
        let mut status = String::new();
        reader.read_line(&mut status)?;
        assert!(
            status.starts_with("HTTP/1.1 200"),
            "the event stream should open with 200, not {status:?}"
        );
        let mut content_type = String::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line)? == 0 {
                return Err(std::io::Error::other(
                    "the event stream closed in its headers",
                ));
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-type") {
                    content_type = value.trim().to_string();
                }
            }
        }
        assert!(
            content_type.starts_with("text/event-stream"),
            "the event stream's content type is {content_type:?}"
        );
        // Events may be far apart; the thread blocks until one comes or the
        // stream is shut down.
        stream.set_read_timeout(None)?;
        let (sender, received) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let (mut name, mut data) = (String::new(), Vec::<String>::new());
            loop {
                let mut line = String::new();
                match reader.read_line(&mut line) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                let line = line.trim_end_matches(['\r', '\n']);
                if line.is_empty() {
                    if !name.is_empty() || !data.is_empty() {
                        let event = Event {
                            name: if name.is_empty() {
                                "message".to_string()
                            } else {
                                std::mem::take(&mut name)
                            },
                            data: std::mem::take(&mut data).join("\n"),
                        };
                        if sender.send(event).is_err() {
                            return;
                        }
                    }
                    continue;
                }
                if line.starts_with(':') {
                    continue;
                }
                let (field, value) = line.split_once(':').unwrap_or((line, ""));
                let value = value.strip_prefix(' ').unwrap_or(value);
                match field {
                    "event" => name = value.to_string(),
                    "data" => data.push(value.to_string()),
                    _ => {}
                }
            }
        });
        Ok(Events { received, stream })
    }

    /// The next event within `within`, or why there is none.
    fn next_within(&self, within: Duration) -> Result<Event, String> {
        self.received.recv_timeout(within).map_err(|e| match e {
            RecvTimeoutError::Timeout => format!("no event within {within:?}"),
            RecvTimeoutError::Disconnected => "the server closed the event stream".to_string(),
        })
    }

    /// The next event; panics if none comes within `WAIT`.
    fn next(&self, server: &Server, what: &str) -> Event {
        self.next_within(WAIT)
            .unwrap_or_else(|why| panic!("{what}: {why}; server said:\n{}", server.stderr()))
    }

    /// Waits for `event: reload`s until `done` holds after one of them.
    /// A `broken` event, or none within `WAIT`, fails the test.
    fn reload_until(&self, server: &Server, what: &str, mut done: impl FnMut() -> bool) {
        let deadline = Instant::now() + WAIT;
        let mut seen = 0;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.next_within(left) {
                Ok(event) if event.name == "reload" => {
                    seen += 1;
                    if done() {
                        return;
                    }
                }
                Ok(event) => panic!(
                    "waiting for a reload after which {what}, got {event:?}; server said:\n{}",
                    server.stderr()
                ),
                Err(why) => panic!(
                    "{what}: not so after {seen} reload event(s), then {why}; server said:\n{}",
                    server.stderr()
                ),
            }
        }
    }

    /// Waits for an `event: broken` (after any reloads still on their way)
    /// and returns its diagnostics.
    fn broken(&self, server: &Server, what: &str) -> Vec<serde_json::Value> {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.next_within(left) {
                Ok(event) if event.name == "broken" => return diagnostics(&event),
                Ok(event) if event.name == "reload" => {}
                Ok(event) => panic!("unexpected event {event:?} waiting for {what}"),
                Err(why) => panic!(
                    "no broken event ({what}): {why}; server said:\n{}",
                    server.stderr()
                ),
            }
        }
    }
}

impl Drop for Events {
    fn drop(&mut self) {
        let _ = self.stream.shutdown(Shutdown::Both);
    }
}

/// The diagnostics a `broken` event carries.
fn diagnostics(event: &Event) -> Vec<serde_json::Value> {
    let value: serde_json::Value = serde_json::from_str(&event.data)
        .unwrap_or_else(|e| panic!("broken data is not JSON ({e}): {:?}", event.data));
    let list = value
        .as_array()
        .unwrap_or_else(|| panic!("broken data is not an array: {value}"))
        .clone();
    for d in &list {
        for key in ["severity", "file", "line", "column", "message", "hint"] {
            assert!(d.get(key).is_some(), "diagnostic without {key}: {d}");
        }
    }
    list
}

/// The diagnostic about `file`, which must be there.
fn about<'a>(list: &'a [serde_json::Value], file: &str) -> &'a serde_json::Value {
    list.iter()
        .find(|d| d["file"].as_str() == Some(file))
        .unwrap_or_else(|| panic!("no diagnostic names {file}: {list:?}"))
}

// ---------------------------------------------------------------------------
// Sites and HTML

/// A site with a guide of three pages (Alpha, Beta, Gamma, in that order),
/// a picture, and a style sheet and script of its own in static/.
fn guide_site() -> TestSite {
    let site = TestSite::new();
    site.page("guide/_index.md", "title: Guide", "The guide.");
    site.page("guide/a.md", "title: Alpha\nweight: 1", "Alpha text.");
    site.page("guide/b.md", "title: Beta\nweight: 2", "Beta text.");
    site.page("guide/c.md", "title: Gamma\nweight: 3", "Gamma text.");
    site.write("content/images/dot.svg", SVG);
    site.write("static/extra.css", "p { color: #0b0c0c; }\n");
    site.write("static/extra.js", "console.log('extra');\n");
    site
}

const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 2 2\"><circle cx=\"1\" cy=\"1\" r=\"1\"/></svg>\n";

/// What is added to every served page.
const SCRIPT: &str = "/_signpost/live.js";

/// Whether the page has the live-reload script, before `</body>`.
fn has_live_reload(html: &str) -> bool {
    match (
        html.find(&format!("<script src=\"{SCRIPT}\"")),
        html.rfind("</body>"),
    ) {
        (Some(script), Some(body_end)) => script < body_end,
        _ => false,
    }
}

/// Asserts that `response` is the site's 404 page.
fn assert_404_page(response: &Response, path: &str) {
    assert_eq!(response.status, 404, "GET {path}: {}", response.body);
    assert_eq!(response.mime(), "text/html", "GET {path}");
    assert!(
        response.body.contains("Page not found"),
        "GET {path} should give the site's 404 page:\n{}",
        response.body
    );
}

// ---------------------------------------------------------------------------
// Starting

#[test]
fn it_starts_on_a_free_port_and_prints_every_audience_home_address() {
    let site = TestSite::example();
    let mut server = site.serve();
    assert_ne!(server.port, 0);
    let base = format!("http://127.0.0.1:{}/", server.port);
    let serving = server.wait_for_line("the Serving line", |l| l.contains("Serving on"));
    assert!(serving.contains(&format!("Serving on {base}")), "{serving}");
    for (label, prefix, audience) in [
        ("For professionals", "", "professional"),
        ("For carers and families", "carer/", "carer"),
        ("Easy read", "easy-read/", "easy-read"),
    ] {
        let printed = format!("{label}: {base}{prefix}");
        let line = server.wait_for_line(&printed, |l| l.trim() == printed);
        let path = format!("/{}", line.split(&base).nth(1).unwrap());
        let response = server.get(&path);
        assert_eq!(response.status, 200, "GET {path}");
        assert_eq!(response.mime(), "text/html", "GET {path}");
        assert!(
            response
                .header("content-type")
                .unwrap()
                .contains("charset=utf-8"),
            "{:?}",
            response.header("content-type")
        );
        let html = &response.body;
        assert!(
            html.contains("<title>") && html.contains("Reverse mentoring pack"),
            "the home page {path} should have the site's title:\n{html}"
        );
        assert!(
            html.contains(&format!("audience-{audience}")),
            "{path} should be the {audience} home page"
        );
        assert!(
            has_live_reload(html),
            "{path} should have the live-reload script before </body>:\n{html}"
        );
    }
    assert!(
        !site.root().join("public").exists(),
        "serve builds in memory and writes nothing into the site"
    );
}

#[test]
fn pages_built_by_build_have_no_live_reload_script() {
    let site = TestSite::example();
    let out = tempfile::tempdir().unwrap();
    let run = site.run(&[
        "build",
        "--root",
        site.root().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(run.success, "{}", run.stderr);
    let home = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(home.contains("Reverse mentoring pack"));
    for entry in walkdir::WalkDir::new(out.path()) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|x| x == "html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            assert!(
                !html.contains("_signpost/live"),
                "{} should not have the live-reload script",
                entry.path().display()
            );
        }
    }
    // While the server adds it to the same page.
    let server = site.serve();
    assert!(has_live_reload(&server.page("/")));
}

// ---------------------------------------------------------------------------
// What is served

#[test]
fn files_are_served_with_their_content_types() {
    let site = guide_site();
    let server = site.serve();
    let css_types = ["text/css"];
    let js_types = ["text/javascript", "application/javascript"];
    for (path, types) in [
        ("/_signpost/professional/style.css", &css_types[..]),
        ("/extra.css", &css_types[..]),
        ("/_signpost/professional/signpost.js", &js_types[..]),
        ("/extra.js", &js_types[..]),
        ("/_signpost/live.js", &js_types[..]),
        ("/images/dot.svg", &["image/svg+xml"][..]),
        ("/", &["text/html"][..]),
        ("/guide/", &["text/html"][..]),
        ("/guide/a/", &["text/html"][..]),
        ("/guide/a/index.html", &["text/html"][..]),
        ("/404.html", &["text/html"][..]),
    ] {
        let response = server.get(path);
        assert_eq!(response.status, 200, "GET {path}");
        assert!(
            types.contains(&response.mime()),
            "GET {path}: content type {:?}, expected one of {types:?}",
            response.header("content-type")
        );
    }
    // Files other than pages are served as they are.
    assert_eq!(server.get("/images/dot.svg").bytes, SVG.as_bytes());
    assert_eq!(server.get("/extra.css").body, "p { color: #0b0c0c; }\n");
    assert_eq!(server.get("/extra.js").body, "console.log('extra');\n");
    let script = server.page("/_signpost/live.js");
    assert!(script.contains("EventSource") && script.contains("/_signpost/live"));
    assert!(server.page("/guide/a/").contains("Alpha text."));
}

#[test]
fn a_folder_without_its_slash_redirects_to_the_slash_form() {
    let site = guide_site();
    let server = site.serve();
    for (path, location) in [
        ("/guide", "/guide/"),
        ("/guide/a", "/guide/a/"),
        ("/easy-read", "/easy-read/"),
        ("/easy-read/guide", "/easy-read/guide/"),
    ] {
        let response = server.get(path);
        assert_eq!(response.status, 301, "GET {path}");
        let to = response.header("location").unwrap_or_default();
        // An absolute URL to the same place is as good as a path.
        assert!(
            to == location || to == format!("http://127.0.0.1:{}{location}", server.port),
            "GET {path} should redirect to {location}, not {to:?}"
        );
        assert_eq!(server.get(location).status, 200, "GET {location}");
    }
}

#[test]
fn an_unknown_path_gives_404_with_the_sites_404_page() {
    let site = guide_site();
    let server = site.serve();
    for path in [
        "/nothing-here/",
        "/nothing-here",
        "/guide/d/",
        "/guide/a/extra.html",
        "/easy-read/guide/zzz/",
        "/images/none.svg",
    ] {
        assert_404_page(&server.get(path), path);
    }
}

// ---------------------------------------------------------------------------
// Rebuilding on changes

#[test]
fn editing_a_page_reloads_and_serves_the_new_text() {
    let site = guide_site();
    let mut server = site.serve();
    let events = server.events();
    site.page("guide/a.md", "title: Alpha\nweight: 1", "Brand new words.");
    events.reload_until(&server, "/guide/a/ has the new text", || {
        server.page("/guide/a/").contains("Brand new words.")
    });
    let html = server.page("/guide/a/");
    assert!(!html.contains("Alpha text."), "{html}");
    assert!(
        has_live_reload(&html),
        "a rebuilt page still has the script"
    );
    assert!(server
        .page("/easy-read/guide/a/")
        .contains("Brand new words."));
    let line = server.wait_for_line("the Rebuilt line", |l| l.starts_with("Rebuilt in"));
    assert!(
        line.contains("ms after a change to") && line.contains("content/guide/a.md"),
        "{line}"
    );
}

#[test]
fn editing_a_welsh_page_reloads_it_and_leaves_the_english_alone() {
    let site = guide_site();
    site.write(
        "site.yaml",
        "title: Test pack\norganisation: Test Council\nlanguages:\n  cy: { label: Cymraeg }\n",
    );
    site.page("guide/_index.cy.md", "title: Canllaw", "");
    site.page("guide/a.cy.md", "title: Alffa", "Hen eiriau.");
    let server = site.serve();
    let events = server.events();
    assert!(server.page("/cy/guide/a/").contains("Hen eiriau."));
    site.page("guide/a.cy.md", "title: Alffa", "Geiriau newydd.");
    events.reload_until(&server, "/cy/guide/a/ has the new text", || {
        server.page("/cy/guide/a/").contains("Geiriau newydd.")
    });
    assert!(server
        .page("/cy/easy-read/guide/a/")
        .contains("Geiriau newydd."));
    assert!(server.page("/guide/a/").contains("Alpha text."));
}

#[test]
fn editing_a_title_shows_in_the_listing_and_the_neighbours_links() {
    let site = guide_site();
    let server = site.serve();
    assert_eq!(listing(&server.page("/guide/")), ["Alpha", "Beta", "Gamma"]);
    assert!(rel_link(&server.page("/guide/a/"), "next")
        .map(|(text, _)| text)
        .unwrap()
        .contains("Beta"));
    let events = server.events();
    site.page("guide/b.md", "title: Bravo\nweight: 2", "Beta text.");
    events.reload_until(&server, "the listing shows the new title", || {
        listing(&server.page("/guide/")) == ["Alpha", "Bravo", "Gamma"]
    });
    assert_eq!(
        listing(&server.page("/easy-read/guide/")),
        ["Alpha", "Bravo", "Gamma"]
    );
    let next = rel_link(&server.page("/guide/a/"), "next")
        .map(|(text, _)| text)
        .expect("Alpha has a next link");
    assert!(
        next.contains("Bravo") && !next.contains("Beta"),
        "next: {next}"
    );
    let previous = rel_link(&server.page("/guide/c/"), "prev")
        .map(|(text, _)| text)
        .expect("Gamma has a prev link");
    assert!(
        previous.contains("Bravo") && !previous.contains("Beta"),
        "prev: {previous}"
    );
    assert!(server.page("/guide/b/").contains("<h1>Bravo</h1>"));
}

#[test]
fn a_new_page_is_served_and_listed_without_a_restart() {
    let site = guide_site();
    let server = site.serve();
    assert_404_page(&server.get("/guide/d/"), "/guide/d/");
    let events = server.events();
    site.page("guide/d.md", "title: Delta\nweight: 4", "Delta text.");
    events.reload_until(&server, "the new page is served", || {
        server.get("/guide/d/").status == 200
    });
    assert!(server.page("/guide/d/").contains("Delta text."));
    assert!(server.page("/easy-read/guide/d/").contains("Delta text."));
    assert_eq!(
        listing(&server.page("/guide/")),
        ["Alpha", "Beta", "Gamma", "Delta"]
    );
    assert!(rel_link(&server.page("/guide/c/"), "next")
        .map(|(text, _)| text)
        .expect("Gamma now has a next link")
        .contains("Delta"));
}

#[test]
fn a_renamed_page_moves_to_its_new_address() {
    let site = guide_site();
    let server = site.serve();
    let events = server.events();
    let content = site.root().join("content/guide");
    std::fs::rename(content.join("b.md"), content.join("bee.md")).unwrap();
    events.reload_until(&server, "the page is at its new address", || {
        server.get("/guide/bee/").status == 200
    });
    assert!(server.page("/guide/bee/").contains("Beta text."));
    assert_404_page(&server.get("/guide/b/"), "/guide/b/");
    assert_404_page(&server.get("/easy-read/guide/b/"), "/easy-read/guide/b/");
    assert_eq!(listing(&server.page("/guide/")), ["Alpha", "Beta", "Gamma"]);
    let guide = server.page("/guide/");
    assert!(
        guide.contains("href=\"bee/\"") || guide.contains("/guide/bee/"),
        "the listing should link to the new address:\n{guide}"
    );
}

#[test]
fn a_deleted_page_is_gone_from_listings_and_gives_the_404_page() {
    let site = guide_site();
    let server = site.serve();
    let events = server.events();
    std::fs::remove_file(site.root().join("content/guide/c.md")).unwrap();
    events.reload_until(&server, "the deleted page is gone", || {
        server.get("/guide/c/").status == 404
    });
    assert_404_page(&server.get("/guide/c/"), "/guide/c/");
    assert_404_page(&server.get("/easy-read/guide/c/"), "/easy-read/guide/c/");
    assert_eq!(listing(&server.page("/guide/")), ["Alpha", "Beta"]);
    assert_eq!(listing(&server.page("/carer/guide/")), ["Alpha", "Beta"]);
    assert_eq!(
        rel_link(&server.page("/guide/b/"), "next").map(|(text, _)| text),
        None
    );
}

#[test]
fn adding_and_deleting_a_variant_changes_its_audience_version() {
    let site = guide_site();
    site.page("x.md", "title: X", "Plain words.");
    let server = site.serve();
    assert!(server.page("/easy-read/x/").contains("Plain words."));
    let events = server.events();

    // A variant replaces the page for its audience alone.
    site.page("x.easy-read.md", "title: X made easy", "Easy words.");
    events.reload_until(&server, "/easy-read/x/ is the variant", || {
        server.page("/easy-read/x/").contains("Easy words.")
    });
    let easy = server.page("/easy-read/x/");
    assert!(easy.contains("X made easy") && !easy.contains("Plain words."));
    assert!(server.page("/x/").contains("Plain words."));
    assert!(server.page("/carer/x/").contains("Plain words."));

    // Deleting it brings back the page every audience shares.
    std::fs::remove_file(site.root().join("content/x.easy-read.md")).unwrap();
    events.reload_until(&server, "/easy-read/x/ is the shared page again", || {
        server.page("/easy-read/x/").contains("Plain words.")
    });
    assert!(!server.page("/easy-read/x/").contains("Easy words."));

    // A variant without a page of its own is a page for its audience only.
    site.page("y.easy-read.md", "title: Y", "Only easy.");
    events.reload_until(&server, "/easy-read/y/ is served", || {
        server.get("/easy-read/y/").status == 200
    });
    assert!(server.page("/easy-read/y/").contains("Only easy."));
    assert_404_page(&server.get("/y/"), "/y/");
    std::fs::remove_file(site.root().join("content/y.easy-read.md")).unwrap();
    events.reload_until(&server, "/easy-read/y/ is gone", || {
        server.get("/easy-read/y/").status == 404
    });
    assert_404_page(&server.get("/easy-read/y/"), "/easy-read/y/");
}

// ---------------------------------------------------------------------------
// Broken changes

#[test]
fn a_broken_front_matter_is_reported_and_the_last_good_site_served() {
    let site = guide_site();
    let mut server = site.serve();
    let events = server.events();
    // Line 2 opens a quote that is never closed.
    site.write(
        "content/guide/a.md",
        "---\ntitle: \"Alpha\nweight: 1\n---\nBroken text.\n",
    );
    let problems = events.broken(&server, "after the unclosed quote");
    let problem = about(&problems, "content/guide/a.md");
    assert_eq!(problem["severity"], "error", "{problem}");
    let line = problem["line"]
        .as_u64()
        .unwrap_or_else(|| panic!("the diagnostic should give a line: {problem}"));
    assert!(
        (2..=4).contains(&line),
        "the line should be in the front matter: {problem}"
    );
    assert!(!problem["message"].as_str().unwrap().is_empty());
    server.wait_for_line("the broke line", |l| {
        l.contains("The change to content/guide/a.md broke the site")
    });

    // The last good version is still served.
    let html = server.page("/guide/a/");
    assert!(html.contains("Alpha text.") && !html.contains("Broken text."));
    assert_eq!(listing(&server.page("/guide/")), ["Alpha", "Beta", "Gamma"]);

    // A page opened now is told at once.
    let late = server.events();
    let first = late.next(&server, "the broken event sent on connecting");
    assert_eq!(first.name, "broken", "{first:?}");
    about(&diagnostics(&first), "content/guide/a.md");

    // Fixing it reloads every open page.
    site.page("guide/a.md", "title: Alpha\nweight: 1", "Fixed text.");
    events.reload_until(&server, "the fixed page is served", || {
        server.page("/guide/a/").contains("Fixed text.")
    });
    late.reload_until(&server, "the late page reloads too", || true);

    // A page opened after the fix is not told of old problems: the first
    // event it gets is the reload after the next change.
    let fresh = server.events();
    site.page("guide/b.md", "title: Beta\nweight: 2", "Beta again.");
    let first = fresh.next(&server, "the reload after the next change");
    assert_eq!(
        first.name, "reload",
        "a page opened after the fix got {first:?}"
    );
}

#[test]
fn a_link_to_a_missing_page_is_reported_with_its_line() {
    let site = guide_site();
    let server = site.serve();
    let events = server.events();
    // The link is on line 7 of the file.
    site.page(
        "guide/b.md",
        "title: Beta\nweight: 2",
        "Beta text.\n\nSee [the missing page](missing.md).\n",
    );
    let problems = events.broken(&server, "after the link to a missing page");
    let problem = about(&problems, "content/guide/b.md");
    assert_eq!(problem["line"], 7, "{problem}");
    assert!(
        problem["message"].as_str().unwrap().contains("missing.md"),
        "{problem}"
    );
    assert!(server.page("/guide/b/").contains("Beta text."));
    assert!(!server.page("/guide/b/").contains("the missing page"));

    let late = server.events();
    let first = late.next(&server, "the broken event sent on connecting");
    assert_eq!(first.name, "broken", "{first:?}");
    assert_eq!(about(&diagnostics(&first), "content/guide/b.md")["line"], 7);

    site.page("guide/d.md", "title: Delta\nweight: 4", "Now it is here.");
    site.page(
        "guide/b.md",
        "title: Beta\nweight: 2",
        "Beta text.\n\nSee [the found page](d.md).\n",
    );
    events.reload_until(&server, "the link works", || {
        server.page("/guide/b/").contains("the found page")
    });
    let fresh = server.events();
    site.page("guide/c.md", "title: Gamma\nweight: 3", "Gamma again.");
    let first = fresh.next(&server, "the reload after the next change");
    assert_eq!(first.name, "reload", "{first:?}");
}

// ---------------------------------------------------------------------------
// Editors

#[test]
fn an_editor_that_saves_by_renaming_a_new_file_over_the_page_reloads_it() {
    let site = guide_site();
    let server = site.serve();
    let events = server.events();
    let folder = site.root().join("content/guide");
    // A hidden temporary file (as gedit and many libraries write) and one
    // that is not hidden (as JetBrains editors write).
    for (temp, text) in [
        (".goutputstream-8QX2H1", "Saved by rename."),
        ("a.md___jb_tmp___", "Saved by rename again."),
    ] {
        std::fs::write(
            folder.join(temp),
            format!("---\ntitle: Alpha\nweight: 1\n---\n{text}\n"),
        )
        .unwrap();
        std::fs::rename(folder.join(temp), folder.join("a.md")).unwrap();
        events.reload_until(&server, &format!("/guide/a/ reads {text:?}"), || {
            server.page("/guide/a/").contains(text)
        });
        assert_404_page(&server.get(&format!("/guide/{temp}")), temp);
    }
    assert_eq!(listing(&server.page("/guide/")), ["Alpha", "Beta", "Gamma"]);
}

// ---------------------------------------------------------------------------
// Only the site

#[test]
fn paths_out_of_the_site_are_refused_with_404() {
    let site = guide_site();
    let server = site.serve();
    let root = std::fs::canonicalize(site.root()).unwrap();
    let absolute = format!("/{}/site.yaml", root.display());
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E%2Fsite.yaml",
        "/guide/../../site.yaml",
        "/guide/%2e%2e/%2e%2e/site.yaml",
        "/..%2fsite.yaml",
        "/..%5csite.yaml",
        "/../content/guide/a.md",
        "//etc/passwd",
        "/%2Fetc%2Fpasswd",
        absolute.as_str(),
        "/site.yaml",
        "/content/guide/a.md",
        "/guide/a.md",
    ] {
        let response = server.get(path);
        assert_404_page(&response, path);
        assert!(
            !response.body.contains("organisation: Test Council")
                && !response.body.contains("root:x:0")
                && !response.body.contains("weight: 1"),
            "GET {path} gave a file from outside the site:\n{}",
            response.body
        );
    }
}

#[test]
fn a_symlink_to_a_file_outside_the_site_is_not_served() {
    let site = guide_site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "TOP SECRET\n").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.root().join("content/secret.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), site.root().join("content/linked")).unwrap();

    // `build` refuses them, naming each link ...
    let out = tempfile::tempdir().unwrap();
    let run = site.run(&[
        "build",
        "--root",
        site.root().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(!run.success, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/secret.txt is a link to"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/linked is a link to"),
        "{}",
        run.stderr
    );
    assert!(!out.path().join("secret.txt").exists());

    // ... and a server started before they were made does not hand out
    // what they point to either.
    std::fs::remove_file(site.root().join("content/secret.txt")).unwrap();
    std::fs::remove_file(site.root().join("content/linked")).unwrap();
    let mut server = site.serve();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.root().join("content/secret.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), site.root().join("content/linked")).unwrap();
    server.wait_for_line("the rebuild refusing the links", |l| {
        l.contains("broke the site")
    });
    for path in ["/secret.txt", "/linked/secret.txt", "/linked/"] {
        let response = server.get(path);
        assert_404_page(&response, path);
        assert!(!response.body.contains("TOP SECRET"), "GET {path}");
    }
    assert_eq!(server.get("/images/dot.svg").status, 200);
}

// ---------------------------------------------------------------------------
// Where it listens

#[test]
fn it_binds_to_loopback_by_default() {
    let site = guide_site();
    let mut server = site.serve();
    let line = server.wait_for_line("the Serving line", |l| l.contains("Serving on"));
    assert!(
        line.contains(&format!("http://127.0.0.1:{}/", server.port)),
        "{line}"
    );
    // On Linux every 127.x.y.z is this machine, but a socket bound to
    // 127.0.0.1 alone does not answer on 127.0.0.2.
    if cfg!(target_os = "linux") {
        let other = TcpStream::connect_timeout(
            &format!("127.0.0.2:{}", server.port).parse().unwrap(),
            Duration::from_secs(2),
        );
        assert!(
            other.is_err(),
            "the server answers on 127.0.0.2, so it listens on more than 127.0.0.1"
        );
    }
    // Nor on this machine's address on a network, if it has one (found by
    // "connecting" a UDP socket, which sends nothing).
    let own = std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("192.0.2.1:9").map(|_| s))
        .and_then(|s| s.local_addr());
    if let Ok(own) = own {
        if !own.ip().is_loopback() && !own.ip().is_unspecified() {
            let reached = TcpStream::connect_timeout(
                &std::net::SocketAddr::new(own.ip(), server.port),
                Duration::from_secs(2),
            );
            assert!(
                reached.is_err(),
                "the server answers on {}, a network address",
                own.ip()
            );
        }
    }
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn a_port_in_use_gives_a_clear_error() {
    let site = guide_site();
    let first = site.serve();
    let (mut second, lines) = spawn(site.root(), first.port);
    let deadline = Instant::now() + WAIT + WAIT;
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        if Instant::now() >= deadline {
            let _ = second.kill();
            let _ = second.wait();
            panic!(
                "a second server on port {} did not stop:\n{}",
                first.port,
                lines.lock().unwrap().join("\n")
            );
        }
        std::thread::sleep(POLL);
    };
    assert!(!status.success(), "a second server on the same port");
    let said = || lines.lock().unwrap().join("\n");
    // The reader thread may still be taking the last lines.
    eventually_within(Duration::from_secs(2), || {
        said().contains("Cannot serve the site")
    });
    let stderr = said();
    assert!(
        stderr.contains(&format!("cannot listen on 127.0.0.1:{}", first.port)),
        "the second server ({status}) should say it cannot listen:\n{stderr}"
    );
    assert!(stderr.contains("--port"), "the hint names --port: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("Serving on"), "{stderr}");
    // The first is unharmed.
    assert_eq!(first.get("/").status, 200);
}

// ---------------------------------------------------------------------------
// Hostile requests

impl Server {
    /// `send_raw`, which must get an answer.
    fn send(&self, request: &str) -> Response {
        send_raw(self.port, request.as_bytes()).unwrap_or_else(|e| {
            panic!(
                "no answer to {request:?}: {e}; server said:\n{}",
                self.stderr()
            )
        })
    }

    /// Asserts that the server still serves a page.
    fn still_serves(&self, after: &str) {
        let response = get(self.port, "/guide/a/")
            .unwrap_or_else(|e| panic!("no answer after {after}: {e}\n{}", self.stderr()));
        assert_eq!(response.status, 200, "after {after}");
        assert!(response.body.contains("Alpha text."), "after {after}");
    }
}

/// Asserts that a refused request got a short plain-text answer and none
/// of the site.
fn assert_refused_plainly(response: &Response, status: u16, request: &str) {
    assert_eq!(response.status, status, "{request:?}: {}", response.body);
    assert_eq!(response.mime(), "text/plain", "{request:?}");
    assert!(
        !response.body.contains("<html") && !response.body.contains("Alpha"),
        "{request:?} was answered with the site:\n{}",
        response.body
    );
}

/// Asserts that a request hyper refused itself (a head too large or not
/// valid HTTP, which serve never sees) got hyper's answer: the status alone,
/// with no body, so none of the site.
fn assert_refused_by_hyper(response: &Response, status: u16, request: &str) {
    assert_eq!(response.status, status, "{request:?}: {}", response.body);
    assert!(
        response.bytes.is_empty(),
        "{request:?} was answered with a body:\n{}",
        response.body
    );
}

#[test]
fn a_huge_content_length_is_refused_and_the_next_request_answered() {
    let site = guide_site();
    let server = site.serve();
    let port = server.port;
    for (method, status) in [("GET", 413), ("POST", 405)] {
        for length in ["9223372036854775807", "5"] {
            let request = format!(
                "{method} /guide/a/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: {length}\r\n\r\n"
            );
            assert_refused_plainly(&server.send(&request), status, &request);
            server.still_serves(&request);
        }
        // A length beyond any number is not valid HTTP: hyper refuses it
        // before serve sees the request.
        let request = format!(
            "{method} /guide/a/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 18446744073709551616\r\n\r\n"
        );
        assert_refused_by_hyper(&server.send(&request), 400, &request);
        server.still_serves(&request);
    }
    let chunked = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
    );
    assert_refused_plainly(&server.send(&chunked), 413, &chunked);
    server.still_serves(&chunked);
}

#[test]
fn a_body_that_is_sent_is_not_read_and_the_answer_still_arrives() {
    let site = guide_site();
    let server = site.serve();
    let body = "x".repeat(256 * 1024);
    let request = format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: {}\r\n\r\n{body}",
        server.port,
        body.len()
    );
    let response = server.send(&request);
    assert_refused_plainly(&response, 405, "a POST with a 256 KiB body");
    server.still_serves("a POST with a body");
}

#[test]
fn only_get_and_head_are_answered() {
    let site = guide_site();
    let server = site.serve();
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW"] {
        let request = format!(
            "{method} /guide/a/ HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            server.port
        );
        let response = server.send(&request);
        assert_refused_plainly(&response, 405, &request);
        assert_eq!(response.header("allow"), Some("GET, HEAD"), "{method}");
        assert!(response.body.contains("GET and HEAD"), "{}", response.body);
    }
    // HEAD has GET's headers, and no body.
    let page = server.get("/guide/a/");
    let head = server.send(&format!(
        "HEAD /guide/a/ HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
        server.port
    ));
    assert_eq!(head.status, 200);
    assert_eq!(head.mime(), "text/html");
    assert_eq!(
        head.header("content-length"),
        Some(page.bytes.len().to_string().as_str())
    );
    assert!(head.bytes.is_empty(), "HEAD sent a body: {}", head.body);
}

#[test]
fn a_request_naming_another_host_is_refused() {
    let site = guide_site();
    let server = site.serve();
    let port = server.port;
    // What a browser sends for a page of another site whose name has been
    // made to lead to this machine (DNS rebinding).
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("localhost:{}", port.wrapping_add(1)),
    ] {
        for path in ["/", "/guide/a/", "/_signpost/live.js", "/_signpost/live"] {
            let request =
                format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
            let response = server.send(&request);
            assert_refused_plainly(&response, 403, &request);
            assert!(
                response.body.contains("this machine's own addresses"),
                "{}",
                response.body
            );
        }
    }
    for host in [
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "localhost".to_string(),
    ] {
        let response = server.send(&format!(
            "GET /guide/a/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(response.status, 200, "Host: {host}");
        assert!(response.body.contains("Alpha text."), "Host: {host}");
    }
}

#[test]
fn oversized_or_malformed_heads_are_refused_and_the_server_goes_on() {
    let site = guide_site();
    let server = site.serve();
    let port = server.port;
    let long_header = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Long: {}\r\n\r\n",
        "a".repeat(200 * 1024)
    );
    let many_headers = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{}\r\n",
        (0..500)
            .map(|i| format!("X-{i}: {i}\r\n"))
            .collect::<String>()
    );
    let endless_line = format!("GET /{} HTTP/1.1\r\n", "a".repeat(200 * 1024));
    for (request, status) in [
        (long_header.as_str(), 431),
        (many_headers.as_str(), 431),
        (endless_line.as_str(), 431),
        ("\u{16}\u{3}\u{1}\u{2}\u{0}\r\n\r\n", 400),
        ("GET / HTTP/2.0\r\n\r\n", 400),
        ("GET\r\n\r\n", 400),
    ] {
        let shown = &request[..request.len().min(60)];
        assert_refused_by_hyper(&server.send(request), status, shown);
        server.still_serves(shown);
    }
}

#[test]
fn idle_and_slow_connections_hold_up_no_one_and_are_closed() {
    let site = guide_site();
    let server = site.serve();
    let idle = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let mut slow = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHo").unwrap();
    server.still_serves("an idle and a slow connection opened");
    // Each is closed once it has had its time to send a request (a few
    // seconds), and its thread ends.
    for (mut stream, what) in [(idle, "the idle connection"), (slow, "the slow one")] {
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let started = Instant::now();
        let mut rest = Vec::new();
        let _ = stream.read_to_end(&mut rest);
        assert!(
            started.elapsed() < Duration::from_secs(25),
            "{what} was not closed within 25 s"
        );
    }
    server.still_serves("the idle connections were closed");
}

#[test]
fn a_flood_of_connections_is_told_to_wait_and_served_once_it_ends() {
    let site = guide_site();
    let server = site.serve();
    // More than the 512 the server keeps open at once.
    let flood: Vec<TcpStream> = (0..530)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).expect("a connection"))
        .collect();
    let response = server.send(&format!(
        "GET /guide/a/ HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
        server.port
    ));
    assert_refused_plainly(&response, 503, "a request beyond the cap");
    assert_eq!(response.header("retry-after"), Some("1"));
    drop(flood);
    assert!(
        eventually_within(WAIT, || get(server.port, "/guide/a/")
            .is_ok_and(|r| r.status == 200)),
        "the server should answer again once the flood ends\n{}",
        server.stderr()
    );
}

#[test]
fn a_thousand_requests_fifty_at_a_time_with_a_hundred_idle_connections_all_succeed() {
    let site = TestSite::example();
    let server = site.serve();
    let port = server.port;
    let idle: Vec<TcpStream> = (0..100)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).expect("an idle connection"))
        .collect();
    let paths = [
        "/",
        "/carer/",
        "/easy-read/",
        "/_signpost/live.js",
        "/404.html",
    ];
    let workers: Vec<_> = (0..50)
        .map(|worker| {
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                for request in 0..20 {
                    let path = paths[(worker + request) % paths.len()];
                    match get(port, path) {
                        Ok(response) if response.status == 200 => {}
                        Ok(response) => failures.push(format!("{path}: {}", response.status)),
                        Err(error) => failures.push(format!("{path}: {error}")),
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = workers
        .into_iter()
        .flat_map(|worker| worker.join().unwrap())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of 1000 requests failed, such as {:?}\n{}",
        failures.len(),
        &failures[..failures.len().min(5)],
        server.stderr()
    );
    drop(idle);
    assert_eq!(server.get("/").status, 200, "after the load");
}

// ---------------------------------------------------------------------------
// Faults in a rebuild

impl Events {
    /// Waits through any events (reloads or problems) until `done` holds,
    /// now or after one of them; panics if it does not within `WAIT`.
    fn any_until(&self, server: &Server, what: &str, mut done: impl FnMut() -> bool) {
        let deadline = Instant::now() + WAIT;
        while !done() {
            let left = deadline.saturating_duration_since(Instant::now());
            if let Err(why) = self.next_within(left) {
                panic!("{what}: {why}; server said:\n{}", server.stderr());
            }
        }
    }
}

/// The first error among `problems`.
fn first_error(problems: &[serde_json::Value]) -> &serde_json::Value {
    problems
        .iter()
        .find(|p| p["severity"] == "error")
        .unwrap_or_else(|| panic!("no error among {problems:?}"))
}

/// Asserts that `error` is either the fault message naming the changed
/// file or, once signpost reports that case as a mistake in the page, an
/// error placed in that file with a line.
fn assert_fault_or_error_in(error: &serde_json::Value, file: &str) {
    let message = error["message"].as_str().unwrap_or_default();
    let is_fault = message.contains("fault in signpost itself") && message.contains(file);
    let is_placed = error["file"] == file && error["line"].as_u64().is_some();
    assert!(
        is_fault || is_placed,
        "the error should name {file}: {error}"
    );
    assert!(
        !message.contains("panicked") && !message.contains("src/"),
        "the error shows signpost's insides: {message}"
    );
}

#[test]
fn a_fault_in_a_rebuild_is_shown_and_the_next_good_save_reloads() {
    let site = guide_site();
    let mut server = site.serve();
    let events = server.events();
    // An edit of a page's text re-renders that page alone ...
    site.page("guide/a.md", "title: Alpha\nweight: 1", "Broken {%} text.");
    let problems = events.broken(&server, "after `{%}` in a page's text");
    assert_fault_or_error_in(first_error(&problems), "content/guide/a.md");
    server.wait_for_line("the broke line", |l| {
        l.contains("The change to content/guide/a.md broke the site")
    });
    assert!(server.page("/guide/a/").contains("Alpha text."));
    let late = server.events();
    let first = late.next(&server, "the problem sent on connecting");
    assert_eq!(first.name, "broken", "{first:?}");

    // ... and a new page rebuilds the whole site.
    site.page("guide/d.md", "title: Delta\nweight: 4", "Also {%} broken.");
    let problems = events.broken(&server, "after a new page with `{%}`");
    let named = problems
        .iter()
        .any(|p| p.to_string().contains("content/guide/d.md"));
    assert!(named, "the problems should name the new page: {problems:?}");
    assert_404_page(&server.get("/guide/d/"), "/guide/d/");

    // Mending both reloads every open page with them.
    site.page("guide/d.md", "title: Delta\nweight: 4", "Delta text.");
    site.page("guide/a.md", "title: Alpha\nweight: 1", "Mended text.");
    events.any_until(&server, "the mended pages are served", || {
        server.page("/guide/a/").contains("Mended text.") && server.get("/guide/d/").status == 200
    });
    let mut heard = late.next(&server, "the late page hears of the mend");
    while heard.name != "reload" {
        heard = late.next(&server, "the late page hears of the mend");
    }
    // And the next edit of a page's text is seen as usual.
    site.page(
        "guide/b.md",
        "title: Beta\nweight: 2",
        "Beta after the fault.",
    );
    events.reload_until(&server, "the next edit is served", || {
        server.page("/guide/b/").contains("Beta after the fault.")
    });
}

#[test]
fn a_deeply_nested_page_does_not_stop_the_server() {
    let site = guide_site();
    let server = site.serve();
    let events = server.events();
    // Deeper than a build thread's usual stack holds.
    let depth = 200;
    let body = format!(
        "{}Deep words.{}",
        "{% if true %}".repeat(depth),
        "{% endif %}".repeat(depth)
    );
    site.page("guide/d.md", "title: Delta\nweight: 4", &body);
    let event = events.next(&server, "after saving a deeply nested page");
    match event.name.as_str() {
        "reload" => assert!(server.page("/guide/d/").contains("Deep words.")),
        "broken" => {
            assert_fault_or_error_in(first_error(&diagnostics(&event)), "content/guide/d.md")
        }
        _ => panic!("unexpected {event:?}"),
    }
    site.page(
        "guide/a.md",
        "title: Alpha\nweight: 1",
        "After the deep page.",
    );
    events.any_until(&server, "the next save is served", || {
        server.page("/guide/a/").contains("After the deep page.")
    });
}

// ---------------------------------------------------------------------------
// The site's folders replaced

/// Writes the guide of `guide_site` again, with `alpha` as Alpha's text,
/// into `folder` (content/ or another).
fn write_guide(site: &TestSite, folder: &str, alpha: &str) {
    site.write(
        &format!("{folder}/guide/_index.md"),
        "---\ntitle: Guide\n---\nThe guide.",
    );
    site.write(
        &format!("{folder}/guide/a.md"),
        &format!("---\ntitle: Alpha\nweight: 1\n---\n{alpha}"),
    );
    site.write(
        &format!("{folder}/guide/b.md"),
        "---\ntitle: Beta\nweight: 2\n---\nBeta text.",
    );
    site.write(&format!("{folder}/images/dot.svg"), SVG);
}

#[test]
fn deleting_content_and_restoring_it_goes_on_seeing_edits() {
    let site = guide_site();
    let server = site.serve();
    let events = server.events();
    // As a switch to a branch without the folder, and back, does. The
    // folder goes in one step (moved out of the site, then deleted): taken
    // away file by file on a busy machine, a rebuild can start halfway and
    // build the half that is left, which is then the last site that built.
    let gone = tempfile::tempdir_in(site.root().parent().unwrap()).unwrap();
    std::fs::rename(site.root().join("content"), gone.path().join("content")).unwrap();
    let problems = events.broken(&server, "after content/ was deleted");
    about(&problems, "content");
    assert!(server.page("/guide/a/").contains("Alpha text."));
    write_guide(&site, "content", "Restored text.");
    events.any_until(&server, "the restored page is served", || {
        server.get("/guide/a/").body.contains("Restored text.")
    });
    site.page("guide/a.md", "title: Alpha\nweight: 1", "Edited after.");
    events.any_until(&server, "an edit after the restore is served", || {
        server.page("/guide/a/").contains("Edited after.")
    });
    site.page("guide/new/e.md", "title: Echo", "In a new folder.");
    events.any_until(&server, "a page in a new folder is served", || {
        server.get("/guide/new/e/").status == 200
    });
}

#[test]
fn content_replaced_by_renaming_a_folder_over_it_goes_on_seeing_edits() {
    let site = guide_site();
    let server = site.serve();
    let events = server.events();
    write_guide(&site, "incoming", "Replacement text.");
    let root = site.root();
    std::fs::rename(root.join("content"), root.join("outgoing")).unwrap();
    std::fs::rename(root.join("incoming"), root.join("content")).unwrap();
    events.any_until(&server, "the replacement is served", || {
        server.get("/guide/a/").body.contains("Replacement text.")
    });
    site.page(
        "guide/a.md",
        "title: Alpha\nweight: 1",
        "Edited in the new folder.",
    );
    events.any_until(&server, "an edit in the new folder is served", || {
        server
            .page("/guide/a/")
            .contains("Edited in the new folder.")
    });
}

#[test]
fn a_static_folder_made_after_start_is_watched_and_served() {
    let site = TestSite::new();
    site.page("guide/_index.md", "title: Guide", "The guide.");
    site.page("guide/a.md", "title: Alpha\nweight: 1", "Alpha text.");
    assert!(!site.root().join("static").exists());
    let server = site.serve();
    let events = server.events();
    site.write("static/first.css", "p { color: #0b0c0c; }\n");
    events.any_until(&server, "the first file in static/ is served", || {
        server.get("/first.css").status == 200
    });
    // A file added later is seen only through a watch on the new folder.
    site.write("static/more/second.css", "h1 { color: #0b0c0c; }\n");
    events.any_until(&server, "a second file in static/ is served", || {
        server.get("/more/second.css").body == "h1 { color: #0b0c0c; }\n"
    });
    site.write("static/first.css", "p { color: #1d70b8; }\n");
    events.any_until(&server, "an edit in static/ is served", || {
        server.get("/first.css").body.contains("#1d70b8")
    });
}

#[test]
fn a_themes_folder_made_after_start_is_watched_and_used() {
    let site = guide_site();
    assert!(!site.root().join("themes").exists());
    let server = site.serve();
    let events = server.events();
    site.write("themes/professional/assets/pictures/first.svg", SVG);
    events.any_until(&server, "the first theme file is served", || {
        server
            .get("/_signpost/professional/pictures/first.svg")
            .status
            == 200
    });
    // Seen only through a watch on the new folder.
    site.write("themes/professional/assets/pictures/second.svg", SVG);
    events.any_until(&server, "a second theme file is served", || {
        server
            .get("/_signpost/professional/pictures/second.svg")
            .bytes
            == SVG.as_bytes()
    });
}

#[test]
fn a_phrase_table_saved_while_serving_changes_the_words_on_the_pages() {
    let site = guide_site();
    let server = site.serve();
    let events = server.events();
    assert!(server.page("/").contains("Skip to main content"));
    site.write("phrases/en-GB.yaml", "skip_link: Go straight to the page\n");
    events.any_until(&server, "the site's own phrase is on the page", || {
        server.page("/").contains("Go straight to the page")
    });
}

// ---------------------------------------------------------------------------
// On a phone, and with PDFs

#[test]
fn on_every_interface_it_prints_an_address_a_phone_can_open_not_0_0_0_0() {
    let site = guide_site();
    let mut server = Server::start_with(site.root(), 0, &["--interface", "0.0.0.0"]);
    let line = server.wait_for_line("the Serving line", |l| l.contains("Serving on"));
    assert!(!line.contains("0.0.0.0"), "{line}");
    let shown = line
        .split("Serving on http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    let shown: std::net::SocketAddr = shown
        .parse()
        .unwrap_or_else(|e| panic!("{shown} is not an address ({e}): {line}"));
    assert_eq!(shown.port(), server.port, "{line}");
    assert!(!shown.ip().is_unspecified(), "{line}");
    // The address printed is one this server answers on.
    let mut stream = TcpStream::connect_timeout(&shown, WAIT)
        .unwrap_or_else(|e| panic!("cannot connect to {shown}, as printed: {e}"));
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        stream,
        "GET /guide/ HTTP/1.1\r\nHost: {shown}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("Alpha"), "{answer}");
    let stderr = server.stderr();
    if shown.ip().is_loopback() {
        assert!(stderr.contains("on no network"), "{stderr}");
    } else {
        assert!(stderr.contains("on a phone"), "{stderr}");
    }
}

#[test]
fn pdf_true_in_site_yaml_makes_the_pdfs_the_pages_link_to() {
    if !browser_or_skip() {
        return;
    }
    let browser = find_browser().expect("browser_or_skip found one");
    let site = TestSite::with_site_yaml("pdf: true\n");
    site.page(
        "resources/agreement.md",
        "title: Mentoring agreement\nkind: contract",
        "Sign here.",
    );
    let server = Server::start_with(site.root(), 0, &["--browser", browser.to_str().unwrap()]);
    let page = server.page("/resources/agreement/");
    assert!(
        page.contains("href=\"agreement.pdf\""),
        "the page should link to its PDF:\n{page}"
    );
    assert!(
        eventually_within(Duration::from_secs(120), || server
            .stderr()
            .contains("Printed ")),
        "serve should print the PDFs when site.yaml says `pdf: true`:\n{}",
        server.stderr()
    );
    let pdf = server.get("/resources/agreement/agreement.pdf");
    assert_eq!(pdf.status, 200, "{}", server.stderr());
    assert_eq!(pdf.mime(), "application/pdf");
    assert!(pdf.bytes.starts_with(b"%PDF"), "not a PDF");
}
