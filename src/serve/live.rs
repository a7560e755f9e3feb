//! Live reload: a script added to every served page (never to `build`
//! output) listens to server-sent events, reloading the page after a good
//! rebuild and showing what broke after a bad one.

use crate::diagnostic::Diagnostic;
use futures::{Stream, StreamExt};
use std::time::Duration;
use tokio::sync::mpsc::UnboundedReceiver;

/// Where the script is served.
pub(super) const SCRIPT_PATH: &str = "/_signpost/live.js";

/// Where the events are served.
pub(super) const EVENTS_PATH: &str = "/_signpost/live";

/// The tag added before `</body>` of every served page.
pub(super) const SCRIPT_TAG: &str = "<script src=\"/_signpost/live.js\" defer></script>";

/// Something every open page is told.
#[derive(Clone, Debug)]
pub(super) enum Event {
    /// The site was rebuilt: reload.
    Reload,
    /// The last change broke the site: show these problems.
    Broken(Vec<Diagnostic>),
}

impl Event {
    /// The event in the server-sent events format.
    pub(super) fn to_sse(&self) -> String {
        match self {
            Event::Reload => "event: reload\ndata: {}\n\n".to_string(),
            Event::Broken(problems) => {
                let data = serde_json::to_string(problems).unwrap_or_else(|_| "[]".to_string());
                format!("event: broken\ndata: {data}\n\n")
            }
        }
    }
}

/// How long the stream may be silent: a comment is sent after it, so that
/// a page that has gone is noticed when writing to it fails.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The text of an event stream: how soon to reconnect, `first` if there is
/// one, then each event as it comes, with a comment after `KEEP_ALIVE` of
/// silence. Ends when the senders are gone.
pub(super) fn stream(
    events: UnboundedReceiver<Event>,
    first: Option<Event>,
) -> impl Stream<Item = String> + Send + 'static {
    let start = std::iter::once("retry: 500\n\n".to_string()).chain(first.map(|e| e.to_sse()));
    let rest = futures::stream::unfold(events, |mut events| async move {
        let text = match tokio::time::timeout(KEEP_ALIVE, events.recv()).await {
            Ok(Some(event)) => event.to_sse(),
            Ok(None) => return None,
            Err(_) => ": still here\n\n".to_string(),
        };
        Some((text, events))
    });
    futures::stream::iter(start).chain(rest)
}

/// The live-reload script.
pub(super) const SCRIPT: &str = r#"// signpost serve: reload on a rebuild, show what broke on a failed one.
(function () {
  "use strict";
  var overlay = null;
  function show(problems) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "signpost_errors";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#fff;color:#0b0c0c;border-top:6px solid #d4351c;padding:1rem 1.5rem;font:16px/1.5 Arial,sans-serif;" +
        "box-shadow:0 -4px 12px rgba(0,0,0,.3)";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var heading = document.createElement("h2");
    heading.textContent = "The last change broke the site. This page is the last version that built.";
    heading.style.cssText = "margin:0 0 .5rem;font-size:1.2rem;color:#0b0c0c";
    overlay.appendChild(heading);
    var list = document.createElement("ul");
    problems.forEach(function (p) {
      // The message first, as a screen reader reads it first; then one
      // line for each thing known about it. Text only: a file name or
      // message from the site must never become markup.
      var item = document.createElement("li");
      item.style.cssText = "margin:0 0 .75rem";
      say(item, p.message + (p.rule ? " [" + p.rule + "]" : ""), "font-weight:bold");
      if (p.file) say(item, "In " + place(p.file, p.line, p.column));
      if (p.context) say(item, "While rendering " + p.context);
      if (p.related) {
        var r = p.related;
        say(item, "See also " + place(r.file, r.line, r.column) + " (" + r.label + ")");
      }
      if (p.hint) say(item, "Hint: " + p.hint);
      list.appendChild(item);
    });
    overlay.appendChild(list);
  }
  function place(file, line, column) {
    return file + (line ? ":" + line + (column ? ":" + column : "") : "");
  }
  function say(item, text, style) {
    var line = document.createElement("p");
    line.style.cssText = "margin:0;white-space:pre-wrap;" + (style || "");
    line.textContent = text;
    item.appendChild(line);
  }
  var events = new EventSource("/_signpost/live");
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("broken", function (e) { show(JSON.parse(e.data)); });
})();
"#;

#[cfg(test)]
mod tests {
    use super::{stream, Event, SCRIPT};
    use crate::diagnostic::{Diagnostic, Place};
    use futures::StreamExt;

    #[test]
    fn the_overlay_is_sent_and_shows_the_context_rule_and_related_place() {
        let problem = Diagnostic::error("themes/t/templates/page.html", "template error")
            .with_context("content/a.md")
            .with_rule("easy-read/numbers")
            .with_related(Place {
                line: Some(2),
                column: Some(1),
                ..Place::new("content/b.md", "the other page")
            });
        let sse = Event::Broken(vec![problem]).to_sse();
        for sent in [
            r#""context":"content/a.md""#,
            r#""rule":"easy-read/numbers""#,
            r#""related":{"file":"content/b.md","line":2,"column":1,"label":"the other page"}"#,
        ] {
            assert!(sse.contains(sent), "{sent} in {sse}");
        }
        for shown in ["p.context", "p.rule", "p.related", "r.label"] {
            assert!(SCRIPT.contains(shown), "the overlay shows {shown}");
        }
    }

    #[tokio::test]
    async fn the_stream_sends_retry_the_first_event_then_each_one_until_the_senders_go() {
        let (sender, receiver) = tokio::sync::mpsc::unbounded_channel();
        sender.send(Event::Reload).unwrap();
        drop(sender);
        let texts: Vec<String> = stream(receiver, Some(Event::Broken(Vec::new())))
            .collect()
            .await;
        assert_eq!(
            texts,
            [
                "retry: 500\n\n",
                "event: broken\ndata: []\n\n",
                "event: reload\ndata: {}\n\n"
            ]
        );
    }
}
