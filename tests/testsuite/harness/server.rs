//! A running `signpost serve`: started on a free port (port 0), ready once
//! it answers, stopped when dropped, passed or failed.
//!
//! Nothing here waits a fixed time for something to happen: each wait polls
//! until what it waits for is true, and gives up after `WAIT`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::http::{get, Response};

/// The longest any one wait may take.
pub(crate) const WAIT: Duration = Duration::from_secs(10);

/// How often a poll looks again.
pub(crate) const POLL: Duration = Duration::from_millis(25);

/// A running `signpost serve`, killed when dropped.
pub(crate) struct Server {
    child: Mutex<Child>,
    /// The port it serves on.
    pub port: u16,
    /// Every line it has written to standard error so far.
    lines: Arc<Mutex<Vec<String>>>,
}

/// Starts `signpost serve --root ROOT --port PORT` and collects what it
/// writes to standard error, line by line, on a thread.
pub(crate) fn spawn(root: &Path, port: u16) -> (Child, Arc<Mutex<Vec<String>>>) {
    spawn_with(root, port, &[])
}

/// As [`spawn`], with more arguments after `--port`.
pub(crate) fn spawn_with(
    root: &Path,
    port: u16,
    extra: &[&str],
) -> (Child, Arc<Mutex<Vec<String>>>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_signpost"))
        .args(["serve", "--root", root.to_str().unwrap()])
        .args(["--port", &port.to_string()])
        .args(extra)
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("signpost starts");
    let lines = Arc::new(Mutex::new(Vec::new()));
    let stderr = child.stderr.take().unwrap();
    let collected = Arc::clone(&lines);
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            match line {
                Ok(line) => collected.lock().unwrap().push(line),
                Err(_) => break,
            }
        }
    });
    (child, lines)
}

impl Server {
    /// Serves the site at `root` on `port` (0: a free one); returns once it
    /// answers requests.
    pub(crate) fn start_at(root: &Path, port: u16) -> Server {
        Server::start_with(root, port, &[])
    }

    /// As [`Server::start_at`], with more arguments for `signpost serve`.
    pub(crate) fn start_with(root: &Path, port: u16, extra: &[&str]) -> Server {
        let (child, lines) = spawn_with(root, port, extra);
        let mut server = Server {
            child: Mutex::new(child),
            port: 0,
            lines,
        };
        let serving = server.wait_for_line("the \"Serving on\" line", |l| {
            l.contains("Serving on http://")
        });
        let address = serving
            .split("Serving on http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {serving:?}"));
        server.port = address
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {serving:?}"));
        // The address is printed before the files are watched; requests are
        // answered only after, so an answer means changes will be seen.
        let first = server.get("/");
        assert_eq!(first.status, 200, "{}", server.stderr());
        server
    }

    /// Whether it is still running, and all it has written to standard
    /// error so far: for the messages of failed tests.
    pub(crate) fn stderr(&self) -> String {
        let state = match self.child.lock().unwrap().try_wait() {
            Ok(None) => "still running".to_string(),
            Ok(Some(status)) => format!("exited: {status}"),
            Err(e) => format!("unknown: {e}"),
        };
        format!(
            "[signpost serve is {state}]\n{}",
            self.lines.lock().unwrap().join("\n")
        )
    }

    /// Waits for a line of standard error that `matches`, and returns it;
    /// panics if the server exits or `WAIT` passes first.
    pub(crate) fn wait_for_line(&mut self, what: &str, matches: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(line) = self.lines.lock().unwrap().iter().find(|l| matches(l)) {
                return line.clone();
            }
            let exited = self.child.get_mut().unwrap().try_wait();
            if let Ok(Some(status)) = exited {
                // Let the reader thread take the last lines.
                let _ = eventually_within(Duration::from_secs(1), || {
                    self.lines.lock().unwrap().iter().any(|l| matches(l))
                });
                if let Some(line) = self.lines.lock().unwrap().iter().find(|l| matches(l)) {
                    return line.clone();
                }
                panic!(
                    "signpost serve exited ({status}) before {what}:\n{}",
                    self.stderr()
                );
            }
            assert!(
                Instant::now() < deadline,
                "no {what} within {WAIT:?}; signpost serve said:\n{}",
                self.stderr()
            );
            std::thread::sleep(POLL);
        }
    }

    /// `GET path`, with the path sent exactly as given.
    pub(crate) fn get(&self, path: &str) -> Response {
        get(self.port, path)
            .unwrap_or_else(|e| panic!("GET {path} failed: {e}; server said:\n{}", self.stderr()))
    }

    /// The body of `GET path`, which must be a 200.
    pub(crate) fn page(&self, path: &str) -> String {
        let response = self.get(path);
        assert_eq!(
            response.status,
            200,
            "GET {path} should be found; server said:\n{}",
            self.stderr()
        );
        response.body
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let child = self.child.get_mut().unwrap_or_else(|e| e.into_inner());
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// Polls `done` until it holds (true) or `within` passes (false).
pub(crate) fn eventually_within(within: Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + within;
    loop {
        if done() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(POLL);
    }
}
