//! Watching the site's files and rebuilding when they change: site.yaml,
//! content/, static/, themes/ and phrases/, debounced, so that an editor's save (even
//! one that writes a new file and renames it over the old) is one rebuild.
//! A fault in a rebuild is shown like any broken change, and watching goes
//! on.

use super::guard::{fault_diagnostic, Builder};
use super::indexer::Indexer;
use super::live::Event;
use super::session::{Change, Session};
use super::State;
use crate::diagnostic::Diagnostic;
use crate::BuildOptions;
use notify::RecommendedWatcher;
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long to wait for a burst of changes to settle.
const SETTLE: Duration = Duration::from_millis(20);

/// The site's folders, each watched with everything in it.
const FOLDERS: [&str; 4] = ["content", "static", "themes", "phrases"];

/// The debounced watcher serve uses.
type SiteWatcher = Debouncer<RecommendedWatcher, RecommendedCache>;

/// Starts watching on a thread of its own; rebuilds run on `builder`.
pub(super) fn start(
    options: BuildOptions,
    session: Session,
    state: Arc<State>,
    builder: Builder,
) -> Result<(), Vec<Diagnostic>> {
    let (sender, receiver) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut watcher = new_debouncer(SETTLE, None, sender).map_err(|e| {
        vec![Diagnostic::general(format!(
            "cannot watch the site's files: {e}"
        ))]
    })?;
    let root = &options.root;
    for folder in FOLDERS {
        let path = root.join(folder);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| vec![Diagnostic::error(&path, format!("cannot watch: {e}"))])?;
        }
    }
    // The site folder itself, for site.yaml and for the folders above
    // appearing, going or being replaced.
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| vec![Diagnostic::error(root, format!("cannot watch: {e}"))])?;
    let mut site = WatchedSite {
        indexer: Indexer::start(Arc::clone(&state)),
        pdf_folder: None,
        options,
        session,
        state,
        builder,
        watcher,
    };
    std::thread::spawn(move || {
        site.print();
        site.index();
        for result in receiver {
            if let Some(changed) = site.changed_files(result) {
                site.rewatch_replaced_folders(&changed);
                if site.rebuild(&changed) {
                    site.print();
                    site.index();
                }
            }
        }
    });
    Ok(())
}

/// Everything the watching thread keeps.
struct WatchedSite {
    options: BuildOptions,
    session: Session,
    state: Arc<State>,
    builder: Builder,
    watcher: SiteWatcher,
    /// Where PDFs are printed, made when the site first makes PDFs.
    pdf_folder: Option<tempfile::TempDir>,
    /// Makes the search indexes the rebuilds leave out of date.
    indexer: Indexer,
}

impl WatchedSite {
    /// The files a batch of events changed that can change the site, or
    /// `None` if there are none.
    fn changed_files(&self, result: DebounceEventResult) -> Option<Vec<PathBuf>> {
        let events = match result {
            Ok(events) => events,
            Err(errors) => {
                for error in errors {
                    eprintln!("warning: watching the site's files: {error}");
                }
                return None;
            }
        };
        let changed: Vec<PathBuf> = events
            .into_iter()
            .filter(|e| !matches!(e.event.kind, notify::EventKind::Access(_)))
            .flat_map(|e| e.event.paths)
            .filter(|p| matters(&self.options, p))
            .collect();
        (!changed.is_empty()).then_some(changed)
    }

    /// Watches content/, static/, themes/ or phrases/ afresh when one of them was
    /// made, deleted or replaced (a git branch switch, say): a watch
    /// follows the folder it was put on, which is then gone or elsewhere.
    /// Whatever changed inside before the new watch began is picked up by
    /// the rebuild of the whole site that a change to the folder causes.
    fn rewatch_replaced_folders(&mut self, changed: &[PathBuf]) {
        for folder in FOLDERS {
            let path = self.options.root.join(folder);
            if !changed.contains(&path) {
                continue;
            }
            // Fails when the folder's watch went with it: nothing to undo.
            let _ = self.watcher.unwatch(&path);
            if path.is_dir() {
                if let Err(error) = self.watcher.watch(&path, RecursiveMode::Recursive) {
                    eprintln!("warning: cannot watch {folder}/: {error}");
                }
            }
        }
    }

    /// Rebuilds, then tells every open page to reload, or shows what
    /// broke. Returns whether the rebuild worked.
    fn rebuild(&mut self, changed: &[PathBuf]) -> bool {
        let started = Instant::now();
        let what = names_of(&self.options.root, changed);
        let session = &mut self.session;
        let result = match self.builder.run(|| session.update(changed)) {
            Ok(result) => result,
            Err(_fault) => {
                self.session.stopped_partway();
                Err(vec![fault_diagnostic(&format!(
                    "rebuild after the change to {what}"
                ))])
            }
        };
        match result {
            Ok(change) => {
                self.show_rebuilt(change);
                eprintln!(
                    "Rebuilt in {} ms after a change to {what}",
                    started.elapsed().as_millis()
                );
                true
            }
            Err(problems) => {
                for problem in &problems {
                    eprintln!("{problem}");
                }
                eprintln!(
                    "The change to {what} broke the site; still serving the last version that built"
                );
                self.show_broken(problems);
                false
            }
        }
    }

    /// Serves the rebuilt files and reloads every open page.
    fn show_rebuilt(&self, change: Change) {
        let state = &self.state;
        let mut files = state.files.write().unwrap_or_else(|e| e.into_inner());
        match change {
            Change::Files(changed) => files.extend(changed),
            Change::Everything(all) => *files = all,
        }
        drop(files);
        state
            .errors
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        state.broadcast(Event::Reload);
    }

    /// Keeps the problems for pages opened later, and shows every open
    /// page the errors among them.
    fn show_broken(&self, problems: Vec<Diagnostic>) {
        let state = &self.state;
        *state.errors.write().unwrap_or_else(|e| e.into_inner()) = problems.clone();
        state.broadcast(Event::Broken(
            problems.into_iter().filter(Diagnostic::is_error).collect(),
        ));
    }

    /// Has the search indexes that are older than their pages made again,
    /// in the background.
    fn index(&mut self) {
        self.indexer.index(self.session.take_search_work());
    }

    /// When the site makes PDFs (`--pdf`, or `pdf: true` in site.yaml),
    /// prints them after the pages have reloaded, and reloads the pages
    /// again to show the PDFs' sizes. Only what changed is printed again.
    fn print(&mut self) {
        if !self.session.prints_pdfs() {
            return;
        }
        if self.pdf_folder.is_none() {
            match tempfile::tempdir() {
                Ok(folder) => self.pdf_folder = Some(folder),
                Err(error) => {
                    eprintln!("warning: cannot make a folder to print the PDFs in: {error}");
                    return;
                }
            }
        }
        let Some(folder) = &self.pdf_folder else {
            return;
        };
        let started = Instant::now();
        let folder = folder.path();
        // Borrowed mutably only so that the job can be sent to the
        // builder's threads.
        let session = &mut self.session;
        let printed = self
            .builder
            .run(move || session.print(folder))
            .unwrap_or_else(|_fault| Err(vec![fault_diagnostic("print the PDFs")]));
        match printed {
            Ok((files, printed, unchanged)) => {
                self.state
                    .files
                    .write()
                    .unwrap_or_else(|e| e.into_inner())
                    .extend(files);
                eprintln!(
                    "Printed {printed} PDFs ({unchanged} unchanged) in {} ms",
                    started.elapsed().as_millis()
                );
                self.state.broadcast(Event::Reload);
            }
            Err(problems) => {
                for problem in &problems {
                    eprintln!("{problem}");
                }
                eprintln!("The PDFs could not be made; the website is still served");
            }
        }
    }
}

/// The changed files, relative to the site, for messages.
fn names_of(root: &Path, changed: &[PathBuf]) -> String {
    changed
        .iter()
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether a change to `path` can change the site.
fn matters(options: &BuildOptions, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(&options.root) else {
        return true;
    };
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    match parts.next().as_deref() {
        Some("site.yaml") => true,
        Some("content" | "static" | "themes" | "phrases") => !rel.components().any(|c| {
            let name = c.as_os_str().to_string_lossy();
            name.starts_with('.') || name.ends_with('~')
        }),
        _ => false,
    }
}
