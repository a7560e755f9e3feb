//! Finding an installed Chromium, Chrome or Edge, and printing pages to PDF
//! with it over the DevTools protocol: one browser for the whole build,
//! several pages printing at once.

use chromiumoxide::cdp::browser_protocol::page::PrintToPdfParams;
use chromiumoxide::{Browser, BrowserConfig};
use futures::StreamExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The environment variable that names a browser, as `--browser` does.
pub const BROWSER_VARIABLE: &str = "SIGNPOST_BROWSER";

/// How many pages print at once.
const AT_ONCE: usize = 4;

/// How long one page may take to load and print.
const PAGE_TIMEOUT: Duration = Duration::from_secs(60);

/// The browser to print with: `--browser`, else `SIGNPOST_BROWSER`, else
/// `CHROME`, else the usual names on the PATH and the usual install places.
pub fn find(named: Option<&Path>) -> Result<PathBuf, String> {
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

/// A job's index and its PDF, or the browser's reason it failed.
type Outcome = (usize, Result<Vec<u8>, String>);

/// One page to print.
#[derive(Clone, Debug)]
pub struct PrintJob {
    /// The HTML file to print.
    pub html: PathBuf,
    /// Its sheet is landscape (the size itself comes from the page's CSS).
    pub landscape: bool,
    /// The PDF's title: the page's title, without the site's.
    pub title: String,
}

/// Prints every job with the browser at `executable`, calling `done` after
/// each. Returns each job's PDF, or the browser's reason it failed.
pub fn print_all(
    executable: &Path,
    jobs: &[PrintJob],
    done: impl Fn() + Send + Sync,
) -> Result<Vec<Result<Vec<u8>, String>>, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the printing threads: {e}"))?;
    runtime.block_on(print_with_browser(executable, jobs, &done))
}

async fn print_with_browser(
    executable: &Path,
    jobs: &[PrintJob],
    done: &(impl Fn() + Send + Sync),
) -> Result<Vec<Result<Vec<u8>, String>>, String> {
    let profile =
        tempfile::tempdir().map_err(|e| format!("cannot make a browser profile folder: {e}"))?;
    let config = BrowserConfig::builder()
        .chrome_executable(executable)
        .user_data_dir(profile.path())
        .no_sandbox()
        .args([
            "disable-gpu",
            "disable-quic",
            "no-first-run",
            "disable-component-update",
            "disable-sync",
            "disable-dev-shm-usage",
            "disable-background-networking",
        ])
        .launch_timeout(Duration::from_secs(30))
        .request_timeout(PAGE_TIMEOUT)
        .build()
        .map_err(|e| format!("cannot set up the browser: {e}"))?;
    let (mut browser, mut handler) = Browser::launch(config)
        .await
        .map_err(|e| format!("the browser {} did not start: {e}", executable.display()))?;
    let events = tokio::spawn(async move { while handler.next().await.is_some() {} });

    // A few tabs, each printing its share of the pages one after another:
    // opening a tab costs more than loading a page into one.
    let browser_ref = &browser;
    let tabs = AT_ONCE.min(jobs.len()).max(1);
    let results: Vec<Vec<Outcome>> = futures::future::join_all((0..tabs).map(|tab| async move {
        let mut printed = Vec::new();
        let page = match browser_ref.new_page("about:blank").await {
            Ok(page) => page,
            Err(error) => {
                for i in (tab..jobs.len()).step_by(tabs) {
                    printed.push((i, Err(format!("the browser could not open a tab: {error}"))));
                }
                return printed;
            }
        };
        for i in (tab..jobs.len()).step_by(tabs) {
            let result = tokio::time::timeout(PAGE_TIMEOUT, print_one(&page, &jobs[i]))
                .await
                .unwrap_or_else(|_| {
                    Err(format!(
                        "printing took longer than {} seconds",
                        PAGE_TIMEOUT.as_secs()
                    ))
                });
            done();
            printed.push((i, result));
        }
        let _ = page.close().await;
        printed
    }))
    .await;
    let results: Vec<Outcome> = results.into_iter().flatten().collect();

    let _ = browser.close().await;
    let _ = browser.wait().await;
    events.abort();
    let mut ordered: Vec<Option<Result<Vec<u8>, String>>> = vec![None; jobs.len()];
    for (i, result) in results {
        ordered[i] = Some(result);
    }
    Ok(ordered
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err("not printed".to_string())))
        .collect())
}

async fn print_one(page: &chromiumoxide::Page, job: &PrintJob) -> Result<Vec<u8>, String> {
    let url = file_url(&job.html);
    page.goto(url.as_str()).await.map_err(|e| e.to_string())?;
    // Web fonts and images must be in before printing.
    page.evaluate("document.fonts.ready.then(() => true)")
        .await
        .map_err(|e| e.to_string())?;
    let title = serde_json::to_string(&job.title).unwrap_or_default();
    page.evaluate(format!("document.title = {title}"))
        .await
        .map_err(|e| e.to_string())?;
    let params = PrintToPdfParams {
        landscape: Some(job.landscape),
        print_background: Some(true),
        prefer_css_page_size: Some(true),
        generate_tagged_pdf: Some(true),
        generate_document_outline: Some(true),
        display_header_footer: Some(false),
        ..Default::default()
    };
    page.pdf(params).await.map_err(|e| e.to_string())
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
