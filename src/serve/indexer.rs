//! The search indexes, made in the background while serving: a saved page
//! is rebuilt and reloaded at once, and the index of its audience in its
//! language catches up afterwards on a thread of its own, so that saving
//! stays quick however large the pack (an index of 10,000 pages takes
//! seconds to make).

use super::State;
use crate::search::Collection;
use std::collections::BTreeMap;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long no page is saved before the indexes are made: saves in quick
/// succession are taken together, and an index is not made while the
/// author is still saving.
const QUIET: Duration = Duration::from_millis(1000);

/// Hands indexes to make to the thread that makes them.
pub(super) struct Indexer {
    jobs: Sender<Vec<Collection>>,
}

impl Indexer {
    /// Starts the thread, which serves each index it makes from `state`.
    pub(super) fn start(state: Arc<State>) -> Indexer {
        let (jobs, waiting) = channel::<Vec<Collection>>();
        std::thread::spawn(move || {
            // This thread, and the threads it starts, give way to the
            // rebuilds that answer a save.
            give_way();
            while let Some(by_folder) = next_work(&waiting) {
                let started = Instant::now();
                let count = by_folder.len();
                match crate::search::index_all(by_folder.into_values().collect()) {
                    Ok(files) => {
                        state
                            .files
                            .write()
                            .unwrap_or_else(|e| e.into_inner())
                            .extend(files);
                        eprintln!(
                            "Made {count} search {} in {} ms",
                            if count == 1 { "index" } else { "indexes" },
                            started.elapsed().as_millis()
                        );
                    }
                    Err(reason) => eprintln!("warning: {reason}; search shows the last index made"),
                }
            }
        });
        Indexer { jobs }
    }

    /// Asks for `work` to be made into indexes, unless there is none.
    pub(super) fn index(&self, work: Vec<Collection>) {
        if !work.is_empty() {
            // The thread only stops if making an index failed in signpost
            // itself; search then keeps the last index made.
            let _ = self.jobs.send(work);
        }
    }
}

/// The next indexes to make, once no more have been asked for within
/// [`QUIET`]: everything asked for till then, each index from its newest
/// pages, by output folder. `None` once serve stops.
fn next_work(waiting: &Receiver<Vec<Collection>>) -> Option<BTreeMap<String, Collection>> {
    let mut by_folder = BTreeMap::new();
    let mut add = |work: Vec<Collection>| {
        for collection in work {
            by_folder.insert(collection.folder.clone(), collection);
        }
    };
    add(waiting.recv().ok()?);
    while let Ok(more) = waiting.recv_timeout(QUIET) {
        add(more);
    }
    Some(by_folder)
}

/// Lowers this thread's scheduling priority as far as it goes (threads it
/// starts inherit it), so that making indexes never slows a rebuild. On
/// Linux a priority is a thread's own; elsewhere this does nothing.
#[cfg(target_os = "linux")]
fn give_way() {
    // SAFETY: gettid and setpriority only read their arguments. A refusal
    // leaves the priority as it was, which is only slower.
    unsafe {
        let thread = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, thread, 19);
    }
}

/// Elsewhere a priority is the whole process's, which must not be lowered.
#[cfg(not(target_os = "linux"))]
fn give_way() {}
