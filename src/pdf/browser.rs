//! Finding an installed Chromium, Chrome or Edge, and printing pages to PDF
//! with it over the DevTools protocol: one browser for the whole build,
//! several pages printing at once, each allowed to load only the site's
//! own files.

use super::allow::SiteFiles;
use super::guard::watch;
use super::in_place;
use super::process::Running;
use super::tab::{ask, asked, step, Failure, Printed};
use chromiumoxide::cdp::browser_protocol::emulation::SetScriptExecutionDisabledParams;
use chromiumoxide::cdp::browser_protocol::page::{NavigateParams, PrintToPdfParams};
use chromiumoxide::handler::viewport::Viewport;
use chromiumoxide::handler::HandlerConfig;
use chromiumoxide::Browser;
use futures::StreamExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The environment variable that names a browser, as `--browser` does.
pub(crate) const BROWSER_VARIABLE: &str = "SIGNPOST_BROWSER";

/// How many pages print at once.
const AT_ONCE: usize = 4;

/// How long one page may take to load and print.
const PAGE_TIMEOUT: Duration = Duration::from_secs(60);

/// The browser to print with: `--browser`, else `SIGNPOST_BROWSER`, else
/// `CHROME`, else the usual names on the PATH and the usual install places.
pub(crate) fn find(named: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(path) = named {
        return if path.exists() {
            Ok(path.to_path_buf())
        } else {
            Err(format!(
                "the browser given with --browser, {}, does not exist",
                path.display()
            ))
        };
    }
    if let Some(path) = std::env::var_os(BROWSER_VARIABLE).filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        return if path.exists() {
            Ok(path)
        } else {
            Err(format!(
                "the browser named by {BROWSER_VARIABLE}, {}, does not exist",
                path.display()
            ))
        };
    }
    chromiumoxide::detection::default_executable(
        chromiumoxide::detection::DetectionOptions::default(),
    )
    .map_err(|_| "no Chromium, Chrome or Edge browser was found".to_string())
}

/// A job's index and what became of it.
type Outcome = (usize, Printed);

/// One page to print.
#[derive(Clone, Debug)]
pub(crate) struct PrintJob {
    /// The HTML file to print.
    pub html: PathBuf,
    /// It is a poster, printed at the largest type that fits one sheet
    /// (see [`super::fit`]). The size and orientation of every sheet come
    /// from the page's CSS.
    pub poster: bool,
    /// The PDF's title (the document's, while it prints).
    pub title: String,
}

/// Prints every job with the browser at `executable`, calling `done` after
/// each. The pages may load only the files in `site`, and run their
/// scripts only if `scripts` (`pdf_scripts` in site.yaml). Returns each job's
/// PDF or why it failed, or why the browser could not be used at all. The
/// browser and its profile folder are gone when this returns (or unwinds).
pub(crate) fn print_all(
    executable: &Path,
    site: &Path,
    jobs: &[PrintJob],
    scripts: bool,
    done: impl Fn() + Send + Sync,
) -> Result<Vec<Printed>, String> {
    let files = SiteFiles::new(site).map_err(|e| {
        format!(
            "cannot read the folder being printed, {}: {e}",
            site.display()
        )
    })?;
    // Started on this thread, which outlives it: on Linux the browser is
    // ended if the thread that started it ends.
    let running = Running::start(executable)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the printing threads: {e}"))?;
    let printed = runtime.block_on(print_with_browser(
        executable,
        &running.devtools,
        Arc::new(files),
        jobs,
        scripts,
        &done,
    ));
    // Stop talking to the browser before ending it.
    drop(runtime);
    drop(running);
    printed
}

async fn print_with_browser(
    executable: &Path,
    devtools: &str,
    files: Arc<SiteFiles>,
    jobs: &[PrintJob],
    scripts: bool,
    done: &(impl Fn() + Send + Sync),
) -> Result<Vec<Printed>, String> {
    let config = HandlerConfig {
        viewport: Some(Viewport::default()),
        // Longer than a page may take, so that a slow page is reported as
        // too slow rather than as a lost message.
        request_timeout: PAGE_TIMEOUT + Duration::from_secs(10),
        ..HandlerConfig::default()
    };
    let (browser, mut handler) = Browser::connect_with_config(devtools, config)
        .await
        .map_err(|e| {
            format!(
                "signpost could not take control of the browser {}: {e}",
                executable.display()
            )
        })?;
    let events = tokio::spawn(async move { while handler.next().await.is_some() {} });

    // A few tabs, each taking the next page to print until none is left:
    // opening a tab costs more than loading a page into one.
    let browser = &browser;
    let queue = Queue::longest_first(jobs);
    let tabs = AT_ONCE.min(jobs.len()).max(1);
    let results = futures::future::join_all(
        (0..tabs).map(|_| print_from(browser, files.clone(), jobs, &queue, scripts, done)),
    )
    .await;
    events.abort();
    let mut ordered: Vec<Option<Printed>> = vec![None; jobs.len()];
    let mut no_tab = None;
    for result in results {
        match result {
            Ok(outcomes) => {
                for (i, printed) in outcomes {
                    ordered[i] = Some(printed);
                }
            }
            Err(reason) => no_tab = Some(reason),
        }
    }
    // Pages no tab was left to print fail with the reason a tab would not open.
    let unprinted = no_tab.unwrap_or_else(|| "it was not printed".to_string());
    Ok(ordered
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(Failure::Browser(unprinted.clone()))))
        .collect())
}

/// The jobs not yet taken by a tab, the biggest pages first: a long guide
/// started last would keep one tab printing while the others sit idle.
struct Queue {
    /// Job indexes, biggest HTML file first.
    order: Vec<usize>,
    /// How many of `order` have been taken.
    taken: AtomicUsize,
}

impl Queue {
    fn longest_first(jobs: &[PrintJob]) -> Queue {
        let size = |job: &PrintJob| std::fs::metadata(&job.html).map_or(0, |m| m.len());
        let mut order: Vec<usize> = (0..jobs.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(size(&jobs[i])));
        Queue {
            order,
            taken: AtomicUsize::new(0),
        }
    }

    /// The next job to print, if any is left.
    fn next(&self) -> Option<usize> {
        let at = self.taken.fetch_add(1, Ordering::Relaxed);
        self.order.get(at).copied()
    }
}

/// Opens a tab and prints in it the queue's next job until none is left.
/// `Err` if the tab could not be opened: the other tabs print the jobs.
async fn print_from(
    browser: &Browser,
    files: Arc<SiteFiles>,
    jobs: &[PrintJob],
    queue: &Queue,
    scripts: bool,
    done: &(impl Fn() + Send + Sync),
) -> Result<Vec<Outcome>, String> {
    let page = browser
        .new_page("about:blank")
        .await
        .map_err(|error| format!("the browser could not open a tab: {error}"))?;
    let _guard = watch(&page, files).await?;
    if !scripts {
        page.execute(SetScriptExecutionDisabledParams::new(true))
            .await
            .map_err(|error| format!("the browser would not turn scripts off: {error}"))?;
    }
    // A tab holds one of the site's pages once it has printed one; the
    // next can then be written into it (see `in_place`).
    let mut holds_page = false;
    let mut printed = Vec::new();
    while let Some(i) = queue.next() {
        let write = holds_page && !scripts;
        let result = tokio::time::timeout(PAGE_TIMEOUT, print_one(&page, &jobs[i], write))
            .await
            .unwrap_or(Err(Failure::TookTooLong(PAGE_TIMEOUT.as_secs())));
        holds_page = result.is_ok();
        done();
        printed.push((i, result));
    }
    let _ = page.close().await;
    Ok(printed)
}

/// Loads the job's page into the tab, written into the page the tab holds
/// if `write` (and the page can be), else navigated to, and prints it.
async fn print_one(page: &chromiumoxide::Page, job: &PrintJob, write: bool) -> Printed {
    let url = file_url(&job.html);
    let written = if write {
        std::fs::read_to_string(&job.html)
            .ok()
            .and_then(|html| in_place::with_base(&html, &url))
    } else {
        None
    };
    match written {
        Some(html) => {
            if !step(ask(page, &in_place::write_script(&html))).await? {
                return Err(Failure::Browser(
                    "the page could not be written".to_string(),
                ));
            }
            let ready = ready_script(&job.title);
            while !asked(page, &ready).await {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        }
        None => open(page, &url, &job.title).await?,
    }
    let params = PrintToPdfParams {
        print_background: Some(true),
        prefer_css_page_size: Some(true),
        generate_tagged_pdf: Some(true),
        generate_document_outline: Some(true),
        display_header_footer: Some(false),
        ..Default::default()
    };
    if job.poster {
        return super::fit::print_poster(page, params).await;
    }
    step(page.pdf(params)).await
}

/// Loads `url` into the tab, waits until it has loaded, and names it
/// `title` (the PDF's title is the page's). The tab is told to go there,
/// and the new page is asked directly whether it is ready, without waiting
/// for chromiumoxide to see the navigation through: a page that tries to
/// leave while it loads (a refresh, a script), which the guard keeps where
/// it is, leaves chromiumoxide waiting on a navigation that never ends.
async fn open(page: &chromiumoxide::Page, url: &str, title: &str) -> Result<(), Failure> {
    // The page the tab holds now is marked, so that it is not taken for
    // the new one while the new one is on its way.
    let _ = asked(page, &format!("window.{OLD_PAGE} = true")).await;
    let tab = page.clone();
    let request = NavigateParams::new(url);
    let navigating = tokio::spawn(async move { tab.execute(request).await });
    let mut navigating = Some(navigating);
    let ready = ready_script(title);
    let outcome = loop {
        if let Some(finished) = navigating.take_if(|task| task.is_finished()) {
            if let Ok(Ok(answer)) = finished.await {
                if let Some(error) = &answer.result.error_text {
                    break Err(Failure::Browser(format!("the page did not open: {error}")));
                }
            }
        }
        // While the page changes, there may be no page to ask, or only
        // the old one: ask again.
        if asked(page, &ready).await {
            break Ok(());
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    if let Some(task) = navigating {
        task.abort();
    }
    outcome
}

/// A script that answers whether the page in the tab has loaded, with its
/// web fonts and pictures, and is the new page (not the one marked as
/// old); if so, it gives it `title`. It is asked again until it answers
/// yes: it cannot wait for the page's `load` event, as no event reaches a
/// listener while the pages' scripts are off. It answers at once, never
/// with a promise: a page whose script has sent it elsewhere (a move the
/// guard refused) may never settle one, and printing would wait for ever.
/// Reading the page's height lays it out first, so that the fonts it uses
/// have been asked for before their loading is looked at.
fn ready_script(title: &str) -> String {
    let title = serde_json::to_string(title).unwrap_or_default();
    format!(
        "document.readyState === 'complete' && !window.{OLD_PAGE} \
         && document.documentElement.offsetHeight >= 0 \
         && document.fonts.status === 'loaded' \
         ? (document.title = {title}, true) : false"
    )
}

/// The name of the mark [`open`] leaves on the page it leaves.
const OLD_PAGE: &str = "__signpostOldPage";

/// A `file://` URL for a path.
pub(super) fn file_url(path: &Path) -> String {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let text = absolute.to_string_lossy().replace('\\', "/");
    let encoded: String = text
        .split('/')
        .map(|part| {
            percent_encoding::utf8_percent_encode(part, percent_encoding::NON_ALPHANUMERIC)
                .to_string()
        })
        .map(|part| {
            part.replace("%2E", ".")
                .replace("%2D", "-")
                .replace("%5F", "_")
        })
        .collect::<Vec<_>>()
        .join("/");
    if encoded.starts_with('/') {
        format!("file://{encoded}")
    } else {
        format!("file:///{encoded}")
    }
}
