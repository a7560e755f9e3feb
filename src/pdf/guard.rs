//! Watching over a tab while it prints: every request it makes is paused
//! and let through only if it is one of the site's own files, and every
//! script dialog (`alert`, `confirm`, `prompt`, leaving the page) is
//! dismissed at once, so that no page can hang printing.

use super::allow::SiteFiles;
use chromiumoxide::cdp::browser_protocol::fetch::{
    self, ContinueRequestParams, EventRequestPaused, FailRequestParams, FulfillRequestParams,
    RequestPattern,
};
use chromiumoxide::cdp::browser_protocol::network::{ErrorReason, ResourceType};
use chromiumoxide::cdp::browser_protocol::page::{
    EventJavascriptDialogOpening, HandleJavaScriptDialogParams,
};
use chromiumoxide::Page;
use futures::StreamExt;
use std::sync::Arc;
use tokio::task::JoinHandle;

/// The tasks that answer a tab's requests and dialogs; they stop when
/// dropped.
pub(super) struct Guard {
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

/// Starts watching over `page`: from when this returns, the tab loads only
/// what `files` allows and cannot open a dialog that waits for anyone.
pub(super) async fn watch(page: &Page, files: Arc<SiteFiles>) -> Result<Guard, String> {
    let what_failed = |e: chromiumoxide::error::CdpError| {
        format!("the browser would not let signpost control what a page loads ({e})")
    };
    // Listen before enabling, so that no paused request is missed.
    let paused = page
        .event_listener::<EventRequestPaused>()
        .await
        .map_err(what_failed)?;
    let dialogs = page
        .event_listener::<EventJavascriptDialogOpening>()
        .await
        .map_err(what_failed)?;
    let every_url = RequestPattern::builder().url_pattern("*").build();
    page.execute(fetch::EnableParams::builder().pattern(every_url).build())
        .await
        .map_err(what_failed)?;
    let main_frame = page
        .mainframe()
        .await
        .map_err(what_failed)?
        .map(|frame| frame.inner().clone())
        // In Chromium a tab's main frame has the tab's id.
        .unwrap_or_else(|| page.target_id().inner().clone());
    let tasks = vec![
        tokio::spawn(answer_requests(page.clone(), paused, files, main_frame)),
        tokio::spawn(dismiss_dialogs(page.clone(), dialogs)),
    ];
    Ok(Guard { tasks })
}

/// Lets each paused request go on if it is one of the site's files, and
/// refuses it otherwise.
async fn answer_requests(
    page: Page,
    mut paused: impl futures::Stream<Item = Arc<EventRequestPaused>> + Unpin,
    files: Arc<SiteFiles>,
    main_frame: String,
) {
    while let Some(request) = paused.next().await {
        // A request the tab has given up on cannot be answered; the tab
        // goes on without it, so the error changes nothing.
        let _ = if files.allows(&request.request.url) {
            page.execute(ContinueRequestParams::new(request.request_id.clone()))
                .await
                .map(drop)
        } else {
            let leaves_page = request.resource_type == ResourceType::Document
                && *request.frame_id.inner() == main_frame;
            refuse(&page, &request, leaves_page).await
        };
    }
}

/// Refuses a request. A page that would leave for another address is
/// answered "204 No Content", which keeps it where it was: failing the
/// request would put the browser's error page in its place, and a page that
/// replaces itself while it prints cannot be printed. (A frame is simply
/// failed: a frame answered 204 keeps the browser waiting for it.)
async fn refuse(
    page: &Page,
    request: &EventRequestPaused,
    leaves_page: bool,
) -> chromiumoxide::Result<()> {
    let id = request.request_id.clone();
    if leaves_page {
        page.execute(FulfillRequestParams::new(id, 204))
            .await
            .map(drop)
    } else {
        page.execute(FailRequestParams::new(id, ErrorReason::BlockedByClient))
            .await
            .map(drop)
    }
}

/// Dismisses every script dialog as soon as it opens.
async fn dismiss_dialogs(
    page: Page,
    mut dialogs: impl futures::Stream<Item = Arc<EventJavascriptDialogOpening>> + Unpin,
) {
    while dialogs.next().await.is_some() {
        // The dialog may already be gone (its frame closed); nothing waits.
        let _ = page.execute(HandleJavaScriptDialogParams::new(false)).await;
    }
}
