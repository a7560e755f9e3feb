//! Watching the site's files and rebuilding when they change: site.yaml,
//! content/, static/ and themes/, debounced, so that an editor's save (even
//! one that writes a new file and renames it over the old) is one rebuild.

use super::live::Event;
use super::State;
use crate::diagnostic::Diagnostic;
use crate::session::{Change, Session};
use crate::BuildOptions;
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long to wait for a burst of changes to settle.
const SETTLE: Duration = Duration::from_millis(20);

/// Starts watching on a thread of its own.
pub fn start(
    options: BuildOptions,
    mut session: Session,
    state: Arc<State>,
) -> Result<(), Vec<Diagnostic>> {
    let (sender, receiver) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(SETTLE, None, sender).map_err(|e| {
        vec![Diagnostic::error(
            "",
            format!("cannot watch the site's files: {e}"),
        )]
    })?;
    let root = &options.root;
    // The folders, recursively; the site folder itself only for site.yaml
    // and for content/, static/ or themes/ appearing.
    for folder in ["content", "static", "themes"] {
        let path = root.join(folder);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| vec![Diagnostic::error(&path, format!("cannot watch: {e}"))])?;
        }
    }
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| vec![Diagnostic::error(root, format!("cannot watch: {e}"))])?;

    std::thread::spawn(move || {
        let _keep_watching = debouncer;
        let pdf_folder = options.pdf.then(tempfile::tempdir).and_then(Result::ok);
        if let Some(folder) = &pdf_folder {
            print(&session, &state, folder.path());
        }
        for result in receiver {
            let changed: Vec<PathBuf> = match result {
                Ok(events) => events
                    .into_iter()
                    .filter(|e| !matches!(e.event.kind, notify::EventKind::Access(_)))
                    .flat_map(|e| e.event.paths)
                    .filter(|p| matters(&options, p))
                    .collect(),
                Err(errors) => {
                    for error in errors {
                        eprintln!("warning: watching the site's files: {error}");
                    }
                    continue;
                }
            };
            if changed.is_empty() {
                continue;
            }
            if rebuild(&options, &mut session, &state, &changed) {
                if let Some(folder) = &pdf_folder {
                    print(&session, &state, folder.path());
                }
            }
        }
    });
    Ok(())
}

/// Whether a change to `path` can change the site.
fn matters(options: &BuildOptions, path: &std::path::Path) -> bool {
    let Ok(rel) = path.strip_prefix(&options.root) else {
        return true;
    };
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    match parts.next().as_deref() {
        Some("site.yaml") => true,
        Some("content" | "static" | "themes") => !rel.components().any(|c| {
            let name = c.as_os_str().to_string_lossy();
            name.starts_with('.') || name.ends_with('~')
        }),
        _ => false,
    }
}

/// Prints the PDFs, after the pages have reloaded, and reloads them again
/// to show the PDFs' sizes. Only what changed is printed again.
fn print(session: &Session, state: &State, folder: &std::path::Path) {
    let started = Instant::now();
    match session.print(folder) {
        Ok((files, printed, unchanged)) => {
            state
                .files
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .extend(files);
            eprintln!(
                "Printed {printed} PDFs ({unchanged} unchanged) in {} ms",
                started.elapsed().as_millis()
            );
            state.broadcast(Event::Reload);
        }
        Err(problems) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            eprintln!("The PDFs could not be made; the website is still served");
        }
    }
}

/// Rebuilds, then tells every open page to reload, or shows what broke.
/// Returns whether the rebuild worked.
fn rebuild(
    options: &BuildOptions,
    session: &mut Session,
    state: &State,
    changed: &[PathBuf],
) -> bool {
    let started = Instant::now();
    let what = changed
        .iter()
        .map(|p| {
            p.strip_prefix(&options.root)
                .unwrap_or(p)
                .display()
                .to_string()
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
        .join(", ");
    match session.update(changed) {
        Ok(change) => {
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
            eprintln!(
                "Rebuilt in {} ms after a change to {what}",
                started.elapsed().as_millis()
            );
            state.broadcast(Event::Reload);
            true
        }
        Err(problems) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            eprintln!(
                "The change to {what} broke the site; still serving the last version that built"
            );
            *state.errors.write().unwrap_or_else(|e| e.into_inner()) = problems.clone();
            state.broadcast(Event::Broken(
                problems.into_iter().filter(Diagnostic::is_error).collect(),
            ));
            false
        }
    }
}
