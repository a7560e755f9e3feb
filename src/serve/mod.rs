//! `signpost serve`: builds the site in memory, serves it on this machine,
//! rebuilds when a file changes, and tells every open page to reload (or to
//! show what broke).

mod addresses;
mod guard;
mod host;
mod http;
mod indexer;
mod live;
mod routes;
mod session;
mod watch;

use crate::diagnostic::Diagnostic;
use crate::output::Output;
use crate::BuildOptions;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

/// Where and how to serve.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// What to build (`out` is not used: nothing is written).
    pub build: BuildOptions,
    /// The address to listen on (`127.0.0.1` unless told otherwise).
    pub interface: String,
    /// The port; 0 picks a free one.
    pub port: u16,
}

/// The last good build, and what broke since, shared by every request.
pub(crate) struct State {
    /// Every file of the last good build.
    files: RwLock<BTreeMap<String, Output>>,
    /// The problems of the last build, if it failed.
    errors: RwLock<Vec<Diagnostic>>,
    /// The open pages' live-reload connections.
    listeners: Mutex<Vec<tokio::sync::mpsc::UnboundedSender<live::Event>>>,
    /// The site's folder, made absolute, for refusing files outside it.
    root: PathBuf,
}

impl State {
    /// Tells every open page something, dropping pages that have closed.
    fn broadcast(&self, event: live::Event) {
        let mut listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
        listeners.retain(|sender| sender.send(event.clone()).is_ok());
    }
}

/// Serves the site until the process is stopped. Fails only when the first
/// build fails or the address cannot be had.
pub fn serve(options: &ServeOptions) -> Result<(), Vec<Diagnostic>> {
    let started = std::time::Instant::now();
    let mut options = options.clone();
    // An absolute root, so that changed paths can be told apart.
    if let Ok(root) = std::fs::canonicalize(&options.build.root) {
        options.build.root = root;
    }
    let options = &options;
    let builder = guard::Builder::new()?;
    let (session, warnings) = builder
        .run(|| session::Session::start(&options.build))
        .unwrap_or_else(|_fault| Err(vec![guard::fault_diagnostic("build the site")]))?;
    for warning in &warnings {
        eprintln!("{warning}");
    }
    let state = Arc::new(State {
        files: RwLock::new(session.files().clone()),
        errors: RwLock::new(Vec::new()),
        listeners: Mutex::new(Vec::new()),
        root: options.build.root.clone(),
    });
    let listener = listen(options)?;
    let bound = listener.local_addr().map_err(|error| {
        vec![Diagnostic::general(format!(
            "cannot tell which address serve listens on: {error}"
        ))]
    })?;
    let hosts = host::AllowedHosts::new(&options.interface, bound);
    let pages = session.pages();
    let audiences = session.audiences();
    // Watching starts before the address is printed, so that a change made
    // as soon as it is printed is seen.
    watch::start(options.build.clone(), session, Arc::clone(&state), builder)?;
    let shown = addresses::reachable(bound);
    // On every interface but no network: this machine can still open it.
    let first = shown
        .first()
        .copied()
        .unwrap_or_else(|| std::net::SocketAddr::from(([127, 0, 0, 1], bound.port())));
    eprintln!(
        "Built {} pages in {} ms. Serving on http://{first}/ (press Ctrl+C to stop)",
        pages,
        started.elapsed().as_millis()
    );
    for (label, prefix) in audiences {
        eprintln!("  {label}: http://{first}/{prefix}");
    }
    for other in shown.iter().skip(1) {
        eprintln!("  Also at http://{other}/");
    }
    if bound.ip().is_unspecified() {
        if shown.is_empty() {
            eprintln!("  This machine is on no network, so only it can open the site");
        } else {
            eprintln!(
                "  Open these addresses on a phone or another computer on the same network; on this machine, http://localhost:{}/ works too",
                bound.port()
            );
        }
    }
    http::run(listener, state, hosts);
    Ok(())
}

/// Listens on the interface and port asked for.
fn listen(options: &ServeOptions) -> Result<std::net::TcpListener, Vec<Diagnostic>> {
    std::net::TcpListener::bind((options.interface.as_str(), options.port)).map_err(|error| {
        let address = format!("{}:{}", options.interface, options.port);
        vec![Diagnostic::general(format!("cannot listen on {address}: {error}"))
            .with_hint("another program may be using the port: choose another with --port, or --port 0 for any free one")]
    })
}
