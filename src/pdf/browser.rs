//! Finding an installed Chromium, Chrome or Edge, and printing pages to PDF
//! with it over the DevTools protocol: one browser for the whole build,
//! several pages printing at once, each allowed to load only the site's
//! own files.

use super::allow::SiteFiles;
use super::guard::watch;
use super::process::Running;
use chromiumoxide::cdp::browser_protocol::page::{NavigateParams, PrintToPdfParams};
use chromiumoxide::cdp::js_protocol::runtime::EvaluateParams;
use chromiumoxide::error::CdpError;
use chromiumoxide::handler::viewport::Viewport;
use chromiumoxide::handler::HandlerConfig;
use chromiumoxide::Browser;
use futures::StreamExt;
use std::path::{Path, PathBuf};
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

/// Why a page did not print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Failure {
    /// Loading and printing it took longer than this many seconds.
    TookTooLong(u64),
    /// The browser's reason, in words.
    Browser(String),
}

/// A job's PDF, or why it did not print.
pub(crate) type Printed = Result<Vec<u8>, Failure>;

/// A job's index and what became of it.
type Outcome = (usize, Printed);

/// One page to print.
#[derive(Clone, Debug)]
pub(crate) struct PrintJob {
    /// The HTML file to print.
    pub html: PathBuf,
    /// Its sheet is landscape (the size itself comes from the page's CSS).
    pub landscape: bool,
    /// The PDF's title (the document's, while it prints).
    pub title: String,
}

/// Prints every job with the browser at `executable`, calling `done` after
/// each. The pages may load only the files in `site`. Returns each job's
/// PDF or why it failed, or why the browser could not be used at all. The
/// browser and its profile folder are gone when this returns (or unwinds).
pub(crate) fn print_all(
    executable: &Path,
    site: &Path,
    jobs: &[PrintJob],
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

    // A few tabs, each printing its share of the pages one after another:
    // opening a tab costs more than loading a page into one.
    let browser = &browser;
    let tabs = AT_ONCE.min(jobs.len()).max(1);
    let results = futures::future::join_all(
        (0..tabs).map(|tab| print_share(browser, files.clone(), jobs, tab, tabs, done)),
    )
    .await;
    events.abort();
    let mut ordered: Vec<Option<Printed>> = vec![None; jobs.len()];
    for (i, result) in results.into_iter().flatten() {
        ordered[i] = Some(result);
    }
    Ok(ordered
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(Failure::Browser("it was not printed".to_string()))))
        .collect())
}

/// Prints jobs `tab`, `tab + tabs`, `tab + 2 * tabs`, … in one tab.
async fn print_share(
    browser: &Browser,
    files: Arc<SiteFiles>,
    jobs: &[PrintJob],
    tab: usize,
    tabs: usize,
    done: &(impl Fn() + Send + Sync),
) -> Vec<Outcome> {
    let mine = (tab..jobs.len()).step_by(tabs);
    let opened = match browser.new_page("about:blank").await {
        Ok(page) => watch(&page, files).await.map(|guard| (page, guard)),
        Err(error) => Err(format!("the browser could not open a tab: {error}")),
    };
    let (page, _guard) = match opened {
        Ok(opened) => opened,
        Err(reason) => {
            return mine
                .map(|i| (i, Err(Failure::Browser(reason.clone()))))
                .collect()
        }
    };
    let mut printed = Vec::new();
    for i in mine {
        let result = tokio::time::timeout(PAGE_TIMEOUT, print_one(&page, &jobs[i]))
            .await
            .unwrap_or(Err(Failure::TookTooLong(PAGE_TIMEOUT.as_secs())));
        done();
        printed.push((i, result));
    }
    let _ = page.close().await;
    printed
}

async fn print_one(page: &chromiumoxide::Page, job: &PrintJob) -> Printed {
    open(page, &file_url(&job.html)).await?;
    let title = serde_json::to_string(&job.title).unwrap_or_default();
    until_true(page, &format!("document.title = {title}; true")).await;
    let params = PrintToPdfParams {
        landscape: Some(job.landscape),
        print_background: Some(true),
        prefer_css_page_size: Some(true),
        generate_tagged_pdf: Some(true),
        generate_document_outline: Some(true),
        display_header_footer: Some(false),
        ..Default::default()
    };
    step(page.pdf(params)).await
}

/// Loads `url` into the tab and waits until it has loaded. The tab is told
/// to go there, and the new page's state is asked for directly, without
/// waiting for chromiumoxide to see the navigation through: a page that
/// tries to leave while it loads (a refresh, a script), which the guard
/// keeps where it is, leaves chromiumoxide waiting on a navigation that
/// never ends.
async fn open(page: &chromiumoxide::Page, url: &str) -> Result<(), Failure> {
    // The page the tab holds now is marked, so that it is not taken for
    // the new one while the new one is on its way.
    let _ = asked(page, &format!("window.{OLD_PAGE} = true")).await;
    let tab = page.clone();
    let request = NavigateParams::new(url);
    let navigating = tokio::spawn(async move { tab.execute(request).await });
    let mut navigating = Some(navigating);
    // Web fonts and images must be in before printing, too.
    let loaded = format!(
        "document.readyState === 'complete' && document.fonts.status === 'loaded' && !window.{OLD_PAGE}"
    );
    let outcome = loop {
        if let Some(finished) = navigating.take_if(|task| task.is_finished()) {
            if let Ok(Ok(answer)) = finished.await {
                if let Some(error) = &answer.result.error_text {
                    break Err(Failure::Browser(format!("the page did not open: {error}")));
                }
            }
        }
        // While the page changes, there may be no page to ask: ask again.
        if asked(page, &loaded).await {
            break Ok(());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    if let Some(task) = navigating {
        task.abort();
    }
    outcome
}

/// Runs `script` in the tab's page as it is now and gives whether it came
/// to `true`. The protocol's `Runtime.evaluate` is sent as it is:
/// chromiumoxide's own `evaluate` waits for the page a
/// navigation it follows will bring, and a navigation the guard stopped
/// brings none.
async fn ask(page: &chromiumoxide::Page, script: &str) -> Result<bool, CdpError> {
    let params = EvaluateParams::builder()
        .expression(script)
        .return_by_value(true)
        .build()
        .map_err(CdpError::msg)?;
    let answer = page.execute(params).await?;
    Ok(answer.result.result.value == Some(serde_json::Value::Bool(true)))
}

/// Whether `script` came to `true` in the tab's page. A page on its way
/// out may never answer (its context is gone): an answer not back within
/// [`ASK_TIMEOUT`] counts as no.
async fn asked(page: &chromiumoxide::Page, script: &str) -> bool {
    matches!(
        tokio::time::timeout(ASK_TIMEOUT, ask(page, script)).await,
        Ok(Ok(true))
    )
}

/// Runs `script` until it comes to `true` (the page's time limit stops a
/// page where it never does).
async fn until_true(page: &chromiumoxide::Page, script: &str) {
    while !asked(page, script).await {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// How long one question to a page may go unanswered before it is asked
/// again.
const ASK_TIMEOUT: Duration = Duration::from_secs(2);

/// The name of the mark [`open`] leaves on the page it leaves.
const OLD_PAGE: &str = "__signpostOldPage";

/// Waits for one command of printing. chromiumoxide gives up on an answer
/// after 30 seconds, but a page has PAGE_TIMEOUT in all: an answer still
/// missing is left to that limit, so that a slow page is reported as too
/// slow, with the limit it passed.
async fn step<T>(
    command: impl std::future::Future<Output = Result<T, CdpError>>,
) -> Result<T, Failure> {
    match command.await {
        Ok(answer) => Ok(answer),
        Err(CdpError::Timeout) => futures::future::pending().await,
        Err(other) => Err(Failure::Browser(other.to_string())),
    }
}

/// A `file://` URL for a path.
fn file_url(path: &Path) -> String {
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
