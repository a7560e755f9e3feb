//! Starting the browser as signpost's own child, in a process group of its
//! own with a fresh profile folder, and ending the whole group and removing
//! the folder however signpost stops: at the end of printing, on an error,
//! a panic, Ctrl-C or SIGTERM. A browser left behind by a signpost that was
//! killed outright is ended by the next build (see `leftovers`).

use super::leftovers::{self, Profile};
use super::signals;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// How long the browser may take to start listening for signpost.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// How many lines of what a failed browser printed are shown.
const LINES_SHOWN: usize = 5;

/// The line on which Chromium gives its DevTools address.
const LISTENING: &str = "DevTools listening on ";

/// Chromium's switches. Headless, without a sandbox (signpost runs it on
/// build machines and in containers, where the sandbox cannot start),
/// without anything it would fetch or start for itself. Every host name and
/// address resolves to nothing: Chromium opens some connections (guessing
/// which servers a page will need, WebSockets) without a request that
/// signpost could refuse, and these must reach nothing either. Frames stay
/// in their page's process (no site isolation), so that the checks signpost
/// makes on a tab's requests cover every frame in it.
const SWITCHES: &[&str] = &[
    "--headless",
    "--hide-scrollbars",
    "--mute-audio",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-breakpad",
    "--disable-client-side-phishing-detection",
    "--disable-domain-reliability",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-pings",
    "--block-new-web-contents",
    "--deny-permission-prompts",
    "--password-store=basic",
    "--use-mock-keychain",
    "--force-color-profile=srgb",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--disable-site-isolation-trials",
    "--disable-features=IsolateOrigins,site-per-process,Translate",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
];

/// A running browser. Dropping it ends the browser and every process it
/// started, and removes its profile folder.
pub(super) struct Running {
    child: Child,
    /// The browser's profile folder, held so that it is removed once the
    /// browser has ended.
    _profile: Profile,
    /// The DevTools address to connect to (`ws://127.0.0.1:…`).
    pub devtools: String,
}

impl Running {
    /// Starts the browser at `executable` and waits until it listens.
    pub(super) fn start(executable: &Path) -> Result<Running, String> {
        let temp = std::env::temp_dir();
        leftovers::clean(&temp);
        let profile = leftovers::new_profile(&temp).map_err(|e| {
            format!(
                "cannot make a browser profile folder in {}: {}",
                temp.display(),
                crate::diagnostic::io_words(&e)
            )
        })?;
        // Chromium's own temporary files go inside the profile folder, so
        // that removing the folder removes them, however Chromium ended.
        let browser_temp = profile.path.join("tmp");
        let _ = std::fs::create_dir(&browser_temp);
        let mut command = Command::new(executable);
        command
            .args(SWITCHES)
            .arg(format!("--user-data-dir={}", profile.path.display()))
            .env("TMPDIR", &browser_temp)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        signals::own_group(&mut command);
        let child = match command.spawn() {
            Ok(child) => child,
            Err(error) => {
                return Err(format!(
                    "the browser {} could not be started: {}",
                    executable.display(),
                    crate::diagnostic::io_words(&error)
                ));
            }
        };
        signals::watch(child.id(), &profile.path);
        leftovers::record_group(&profile.path, child.id());
        let mut running = Running {
            child,
            _profile: profile,
            devtools: String::new(),
        };
        running.devtools = running.wait_until_listening(executable)?;
        Ok(running)
    }

    /// Reads the browser's messages until it says where it listens, and
    /// goes on reading them in the background (a browser whose messages
    /// nobody reads stops when the pipe fills).
    fn wait_until_listening(&mut self, executable: &Path) -> Result<String, String> {
        let stderr = self
            .child
            .stderr
            .take()
            .ok_or("the browser's messages cannot be read")?;
        let (lines_sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                // After the address nobody listens; keep draining.
                let _ = lines_sender.send(line);
            }
        });
        let mut said = Vec::new();
        let deadline = std::time::Instant::now() + START_TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match lines.recv_timeout(left) {
                Ok(line) => match line.split_once(LISTENING) {
                    Some((_, address)) => return Ok(address.trim().to_string()),
                    None => said.push(line),
                },
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(self.exited_early(executable, &said));
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    return Err(format!(
                        "the browser {} was not ready after {} seconds{}",
                        executable.display(),
                        START_TIMEOUT.as_secs(),
                        first_lines(&said)
                    ));
                }
            }
        }
    }

    /// Why the browser stopped before it was ready, in words. It closed its
    /// messages, which it does when it exits; one that closes them and
    /// goes on is ended when `self` is dropped.
    fn exited_early(&mut self, executable: &Path, said: &[String]) -> String {
        let how = match self.exit_status() {
            Some(status) => match status.code() {
                Some(code) => format!("exited with status {code}"),
                None => "was stopped by a signal".to_string(),
            },
            None => "stopped answering".to_string(),
        };
        format!(
            "the browser {} {how} before it was ready{}",
            executable.display(),
            first_lines(said)
        )
    }

    /// How the browser exited, waiting a moment for it; None if it runs on.
    fn exit_status(&mut self) -> Option<std::process::ExitStatus> {
        for _ in 0..20 {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        None
    }
}

impl Drop for Running {
    /// Ends the browser's group; the profile folder, a field, is removed
    /// after, when it drops.
    fn drop(&mut self) {
        signals::end_group(&mut self.child);
        signals::forget(self.child.id());
    }
}

/// ": " and the first few non-blank lines the browser printed, joined; or
/// nothing if it printed nothing.
fn first_lines(said: &[String]) -> String {
    let lines: Vec<&str> = said
        .iter()
        .map(|line| line.trim())
        .filter(|line| !line.is_empty())
        .take(LINES_SHOWN)
        .collect();
    if lines.is_empty() {
        String::new()
    } else {
        format!(": {}", lines.join(" / "))
    }
}
