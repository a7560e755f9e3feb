//! Ending the browser with signpost. The browser runs in a process group of
//! its own, so that ending the group ends every process it started (it
//! starts a dozen). Being in its own group, it no longer gets the Ctrl-C
//! (SIGINT) or SIGTERM meant for signpost, so signpost catches those,
//! ends every browser it started, removes their profile folders, and exits
//! as the signal asked (status 130 or 143).

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::{Mutex, Once};

/// The browsers running now: each one's process (and group) id and its
/// profile folder.
static RUNNING: Mutex<Vec<(u32, PathBuf)>> = Mutex::new(Vec::new());

/// Sets `command` to start in a new process group led by the process it
/// starts, which the kernel also ends if signpost dies first (on Linux).
pub(super) fn own_group(command: &mut Command) {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: prctl is async-signal-safe and touches no memory of the
        // parent, as code run between fork and exec must.
        unsafe {
            command.pre_exec(|| {
                // Should signpost be killed outright (SIGKILL, which
                // cannot be caught), the browser dies with it; the rest
                // of its group is ended by the next build.
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
    }
}

/// Ends the process group that `child` leads, then reaps `child`.
pub(super) fn end_group(child: &mut Child) {
    #[cfg(unix)]
    kill_group(child.id());
    #[cfg(not(unix))]
    let _ = child.kill();
    let _ = child.wait();
}

/// Sends SIGKILL to every process in group `group`.
#[cfg(unix)]
pub(super) fn kill_group(group: u32) {
    if let Ok(group) = libc::pid_t::try_from(group) {
        // SAFETY: kill has no memory effects; a negative id names a group.
        unsafe {
            libc::kill(-group, libc::SIGKILL);
        }
    }
}

/// Notes a browser that has started, so that a signal ends it.
pub(super) fn watch(group: u32, profile: &Path) {
    catch_signals();
    if let Ok(mut running) = RUNNING.lock() {
        running.push((group, profile.to_path_buf()));
    }
}

/// Forgets a browser that has been ended.
pub(super) fn forget(group: u32) {
    if let Ok(mut running) = RUNNING.lock() {
        running.retain(|(id, _)| *id != group);
    }
}

/// From the first call on, SIGINT and SIGTERM end the running browsers and
/// then signpost. Signals are caught for the rest of the run, not only
/// while a browser runs, because a caught signal cannot be given back its
/// default meaning.
fn catch_signals() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGINT, SIGTERM};
            // Without the handler a signal still stops signpost; only its
            // browser would be left for the next build to end.
            if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) {
                std::thread::spawn(move || {
                    if let Some(signal) = signals.forever().next() {
                        end_all();
                        std::process::exit(128 + signal);
                    }
                });
            }
        }
    });
}

/// Ends every running browser and removes its profile folder.
#[cfg(unix)]
fn end_all() {
    let running = match RUNNING.lock() {
        Ok(running) => running.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    };
    for (group, profile) in running {
        kill_group(group);
        let _ = std::fs::remove_dir_all(profile);
    }
}
