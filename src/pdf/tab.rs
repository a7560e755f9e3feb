//! Talking to a tab over the DevTools protocol while it prints: asking its
//! page a question, waiting for one command's answer, and the ways printing
//! a page can fail.

use chromiumoxide::cdp::js_protocol::runtime::EvaluateParams;
use chromiumoxide::error::CdpError;
use std::time::Duration;

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

/// Runs `script` in the tab's page as it is now and gives whether it came
/// to `true` (a promise, once it settles). The protocol's
/// `Runtime.evaluate` is sent as it is:
/// chromiumoxide's own `evaluate` waits for the page a
/// navigation it follows will bring, and a navigation the guard stopped
/// brings none.
pub(super) async fn ask(page: &chromiumoxide::Page, script: &str) -> Result<bool, CdpError> {
    let params = EvaluateParams::builder()
        .expression(script)
        .await_promise(true)
        .return_by_value(true)
        .build()
        .map_err(CdpError::msg)?;
    let answer = page.execute(params).await?;
    Ok(answer.result.result.value == Some(serde_json::Value::Bool(true)))
}

/// Whether `script` came to `true` in the tab's page. A page on its way
/// out may never answer (its context is gone): an answer not back within
/// [`ASK_TIMEOUT`] counts as no.
pub(super) async fn asked(page: &chromiumoxide::Page, script: &str) -> bool {
    matches!(
        tokio::time::timeout(ASK_TIMEOUT, ask(page, script)).await,
        Ok(Ok(true))
    )
}

/// How long one question to a page may go unanswered before it is asked
/// again.
const ASK_TIMEOUT: Duration = Duration::from_secs(2);

/// Waits for one command of printing. chromiumoxide gives up on an answer
/// after 30 seconds, but a page has PAGE_TIMEOUT in all: an answer still
/// missing is left to that limit, so that a slow page is reported as too
/// slow, with the limit it passed.
pub(super) async fn step<T>(
    command: impl std::future::Future<Output = Result<T, CdpError>>,
) -> Result<T, Failure> {
    match command.await {
        Ok(answer) => Ok(answer),
        Err(CdpError::Timeout) => futures::future::pending().await,
        Err(other) => Err(Failure::Browser(other.to_string())),
    }
}
