//! The search indexes, made in the background while serving: a saved page
//! is rebuilt and reloaded at once, and the index of its audience in its
//! language catches up afterwards on a thread of its own, so that saving
//! stays quick however large the pack (an index of 10,000 pages takes
//! seconds to make).

use super::State;
use crate::search::Collection;
use std::collections::BTreeMap;
use std::sync::mpsc::{channel, Sender};
use std::sync::Arc;
use std::time::Instant;

/// Hands indexes to make to the thread that makes them.
pub(super) struct Indexer {
    jobs: Sender<Vec<Collection>>,
}

impl Indexer {
    /// Starts the thread, which serves each index it makes from `state`.
    pub(super) fn start(state: Arc<State>) -> Indexer {
        let (jobs, waiting) = channel::<Vec<Collection>>();
        std::thread::spawn(move || {
            while let Ok(first) = waiting.recv() {
                // What was asked for while the last indexes were made is
                // made together, each index from its newest pages.
                let mut by_folder = BTreeMap::new();
                for collection in first.into_iter().chain(waiting.try_iter().flatten()) {
                    by_folder.insert(collection.folder.clone(), collection);
                }
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
