//! Running a build so that a fault in signpost itself cannot stop serve:
//! a panic becomes a problem shown on every open page, and deep recursion
//! (a page's templates nested very deep) has room to finish.

use crate::diagnostic::Diagnostic;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The stack of each thread a build runs on. A build renders pages on
/// several threads, and a default 2 MiB stack is used up by a few hundred
/// nested template calls; running out aborts the whole process, which no
/// code can catch. Only the part of the stack actually used takes memory.
const BUILD_STACK_BYTES: usize = 64 * 1024 * 1024;

/// The threads builds run on, each with a `BUILD_STACK_BYTES` stack.
pub(super) struct Builder {
    threads: rayon::ThreadPool,
}

/// A build stopped by a fault in signpost itself (a panic).
#[derive(Debug)]
pub(super) struct Fault;

impl Builder {
    /// Makes the threads, or says why they cannot be made.
    pub(super) fn new() -> Result<Builder, Vec<Diagnostic>> {
        rayon::ThreadPoolBuilder::new()
            .stack_size(BUILD_STACK_BYTES)
            .thread_name(|index| format!("signpost-build-{index}"))
            .build()
            .map(|threads| Builder { threads })
            .map_err(|error| {
                vec![Diagnostic::general(format!(
                    "cannot start the threads that build the site: {error}"
                ))]
            })
    }

    /// Runs `job` on these threads (and the work it spreads out on them
    /// too), turning a panic into `Fault`. The panic hook has already told
    /// the terminal about it.
    pub(super) fn run<T: Send>(&self, job: impl FnOnce() -> T + Send) -> Result<T, Fault> {
        self.threads
            .install(|| catch_unwind(AssertUnwindSafe(job)))
            .map_err(|_| Fault)
    }
}

/// The problem shown when a fault stops signpost as it tries to `do_what`
/// ("rebuild after the change to content/a.md", "print the PDFs").
pub(super) fn fault_diagnostic(do_what: &str) -> Diagnostic {
    Diagnostic::general(format!("signpost could not {do_what}: a fault in signpost itself, not in your site, stopped it"))
    .with_hint(
        "please report it to the signpost team with the change that caused it; until then, undo that change (serve keeps watching and rebuilds on the next save)",
    )
}

#[cfg(test)]
mod tests {
    use super::Builder;

    /// Recursion a 2 MiB stack cannot hold.
    fn depth(n: u64) -> u64 {
        let padding = std::hint::black_box([n; 64]);
        if n == 0 {
            0
        } else {
            1 + depth(n - 1) + padding[0] - n
        }
    }

    #[test]
    fn a_panic_is_a_fault_and_the_threads_go_on() {
        let builder = Builder::new().unwrap();
        let fault = builder.run(|| -> u32 { panic!("a fault") });
        assert!(fault.is_err());
        assert_eq!(builder.run(|| 2 + 2).unwrap(), 4);
    }

    #[test]
    fn deep_recursion_has_room() {
        let builder = Builder::new().unwrap();
        assert_eq!(builder.run(|| depth(40_000)).unwrap(), 40_000);
    }
}
