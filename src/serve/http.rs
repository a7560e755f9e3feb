//! A small HTTP/1.1 server, on a thread per connection, that no request can
//! stop, fill the memory of or hang: a request's head is bounded in size,
//! number of headers and time, a body is never read, and the number of open
//! connections is capped.
//!
//! It is written here, with `httparse` (hyper's parser) for reading heads,
//! because tiny_http, which served before, reads a header line of any
//! length, keeps an idle connection's thread for ever and cannot be told
//! otherwise; an async server such as hyper would bring far more code than
//! a preview on this machine needs.

use super::host::AllowedHosts;
use super::routes::{self, Answer};
use super::State;
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The largest request head (request line and headers) read, in bytes.
/// A browser's are well under 8 KiB.
const MAX_HEAD_BYTES: usize = 16 * 1024;

/// The most headers a request may have.
const MAX_HEADERS: usize = 64;

/// The most connections open at once; more are answered 503 and closed.
/// Each open page holds one for live reload. Kept under the 1,024 open
/// files many systems allow a program, so that the cap, not the system,
/// is what a flood of connections meets.
const MAX_CONNECTIONS: usize = 512;

/// How long a client has to send a whole request head, counted from the
/// end of the previous answer on the same connection: an idle or slow
/// connection is closed after it, and its thread ends.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// How long writing to a client that does not read may block.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// How much of what a refused client is still sending is read and thrown
/// away before closing, so that it sees the answer rather than a reset.
const DRAIN_BYTES: usize = 1024 * 1024;

/// How long that reading may take.
const DRAIN_TIME: Duration = Duration::from_secs(1);

/// How long it may take when there are too many connections: it is done
/// on the thread that accepts them, which must not wait long.
const BUSY_DRAIN_TIME: Duration = Duration::from_millis(100);

/// An answer with its whole body, and any headers beyond the standard ones.
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// Headers other than `Content-Length` and `Connection`.
    pub headers: Vec<(&'static str, String)>,
    /// The body (not sent for `HEAD`).
    pub body: Vec<u8>,
}

impl Reply {
    /// A plain-text answer, for refusals: the text says what is wrong.
    pub fn plain(status: u16, text: &str) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type", "text/plain; charset=utf-8".to_string())],
            body: format!("{text}\n").into_bytes(),
        }
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }
}

/// Accepts connections until the listener fails, answering each on a
/// thread of its own.
pub fn run(listener: TcpListener, state: Arc<State>, hosts: AllowedHosts) {
    let open = Arc::new(AtomicUsize::new(0));
    let hosts = Arc::new(hosts);
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(stream) => stream,
            // Out of file descriptors, say: wait for some to close rather
            // than spin.
            Err(_) => {
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        let Some(slot) = Slot::take(&open) else {
            refuse_busy(stream);
            continue;
        };
        let state = Arc::clone(&state);
        let hosts = Arc::clone(&hosts);
        // If no thread can be made the closure is dropped, closing the
        // connection and freeing its slot.
        let _ = std::thread::Builder::new().spawn(move || {
            let _slot = slot;
            serve_connection(stream, &state, &hosts);
        });
    }
}

/// One of the `MAX_CONNECTIONS` places, given back when dropped (even when
/// the thread holding it panics).
struct Slot(Arc<AtomicUsize>);

impl Slot {
    /// A place, or `None` when all are taken.
    fn take(open: &Arc<AtomicUsize>) -> Option<Slot> {
        let before = open.fetch_add(1, Ordering::SeqCst);
        // Made before the check so that, when dropped unused, it gives
        // back what was just counted.
        let slot = Slot(Arc::clone(open));
        (before < MAX_CONNECTIONS).then_some(slot)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Tells a client that there are too many connections, holding up the
/// accepting thread only briefly: a new connection's send buffer is empty,
/// and what it sends is read for `BUSY_DRAIN_TIME` at most.
fn refuse_busy(mut stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(BUSY_DRAIN_TIME));
    let reply = Reply::plain(
        503,
        "signpost serve has too many connections open; try again",
    )
    .with_header("Retry-After", "1");
    close_after(&mut stream, &reply, BUSY_DRAIN_TIME);
}

/// What serve needs of a request's head.
struct RequestHead {
    /// `GET`, `HEAD`, or another method (refused).
    method: String,
    /// The path and query, as sent.
    target: String,
    /// The `Host` header, if there was one (lossy if not UTF-8).
    host: Option<String>,
    /// Whether a body follows (`Content-Length` other than 0, or any
    /// `Transfer-Encoding`).
    has_body: bool,
    /// Whether the client will send another request on the connection.
    keep_alive: bool,
}

/// Answers the requests on one connection until the client closes it, is
/// idle for `HEAD_TIMEOUT`, or sends something that is refused.
fn serve_connection(mut stream: TcpStream, state: &State, hosts: &AllowedHosts) {
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    // Bytes read past the end of one head: the start of the next request.
    let mut unread = Vec::new();
    loop {
        let head = match read_head(&mut stream, &mut unread) {
            Ok(head) => head,
            Err(Some(refusal)) => return close_after(&mut stream, &refusal, DRAIN_TIME),
            Err(None) => return,
        };
        if let Some(refusal) = refusal_of(&head, hosts) {
            return close_after(&mut stream, &refusal, DRAIN_TIME);
        }
        let head_only = head.method == "HEAD";
        match routes::answer(&head.target, head_only, state) {
            Answer::Reply(reply) => {
                if write_reply(&mut stream, &reply, head_only, head.keep_alive).is_err()
                    || !head.keep_alive
                {
                    return;
                }
            }
            Answer::Events => return routes::events(stream, state),
        }
    }
}

/// Why a well-formed request is not answered, if it is not: a host that is
/// not this machine's, a method other than GET or HEAD, or a body.
fn refusal_of(head: &RequestHead, hosts: &AllowedHosts) -> Option<Reply> {
    if !hosts.allows(head.host.as_deref()) {
        return Some(Reply::plain(
            403,
            "signpost serve answers only to this machine's own addresses, such as the one it printed when it started; open the site at that address",
        ));
    }
    if head.method != "GET" && head.method != "HEAD" {
        return Some(
            Reply::plain(
                405,
                "signpost serve only sends pages: it answers GET and HEAD",
            )
            .with_header("Allow", "GET, HEAD"),
        );
    }
    if head.has_body {
        return Some(Reply::plain(413, "signpost serve takes no request bodies"));
    }
    None
}

/// Reads the next request's head, starting with `unread` and leaving in it
/// whatever follows the head. `Err(Some)` is an answer to send before
/// closing; `Err(None)` means close at once (closed, idle or too slow).
fn read_head(stream: &mut TcpStream, unread: &mut Vec<u8>) -> Result<RequestHead, Option<Reply>> {
    let deadline = Instant::now() + HEAD_TIMEOUT;
    let mut chunk = [0u8; 4096];
    loop {
        if let Some((length, head)) = parse_head(unread)? {
            unread.drain(..length);
            return Ok(head);
        }
        if unread.len() > MAX_HEAD_BYTES {
            return Err(Some(Reply::plain(
                431,
                "the request's headers are too large",
            )));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return Err(None);
        }
        match stream.read(&mut chunk) {
            Ok(0) => return Err(None),
            Ok(read) => unread.extend_from_slice(&chunk[..read]),
            Err(error) if error.kind() == ErrorKind::Interrupted => {}
            Err(_) => return Err(None),
        }
    }
}

/// The head at the start of `bytes` and its length, `None` if it is not
/// all there yet, or the answer to a malformed one.
fn parse_head(bytes: &[u8]) -> Result<Option<(usize, RequestHead)>, Option<Reply>> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    let length = match request.parse(bytes) {
        Ok(httparse::Status::Complete(length)) => length,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => {
            return Err(Some(Reply::plain(431, "the request has too many headers")))
        }
        Err(_) => return Err(Some(Reply::plain(400, "the request is not valid HTTP"))),
    };
    let header = |name: &str| {
        request
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
    };
    let has_body = header("transfer-encoding").is_some()
        || header("content-length").is_some_and(|length| length != "0");
    let connection = header("connection")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let keep_alive = match request.version {
        Some(1) => !connection.contains("close"),
        _ => connection.contains("keep-alive"),
    };
    let head = RequestHead {
        method: request.method.unwrap_or_default().to_string(),
        target: request.path.unwrap_or("/").to_string(),
        host: header("host"),
        has_body,
        keep_alive,
    };
    Ok(Some((length, head)))
}

/// Sends `reply` and closes the connection, first reading (for `within`
/// and `DRAIN_BYTES` at most) what the client is still sending, such as a
/// body that will not be read: closing with it unread would reset the
/// connection and lose the answer.
fn close_after(stream: &mut TcpStream, reply: &Reply, within: Duration) {
    if write_reply(stream, reply, false, false).is_err() {
        return;
    }
    let _ = stream.shutdown(Shutdown::Write);
    let deadline = Instant::now() + within;
    let mut thrown_away = 0;
    let mut chunk = [0u8; 4096];
    while thrown_away < DRAIN_BYTES {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(read) => thrown_away += read,
        }
    }
}

/// Writes `reply` with its length, without its body for a `HEAD` request.
fn write_reply(
    stream: &mut TcpStream,
    reply: &Reply,
    head_only: bool,
    keep_alive: bool,
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        reply.status,
        reason_phrase(reply.status)
    );
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n", reply.body.len()));
    head.push_str(if keep_alive {
        "Connection: keep-alive\r\n\r\n"
    } else {
        "Connection: close\r\n\r\n"
    });
    let mut bytes = head.into_bytes();
    if !head_only {
        bytes.extend_from_slice(&reply.body);
    }
    stream.write_all(&bytes)?;
    stream.flush()
}

/// The reason phrase for each status serve sends.
fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_head, MAX_HEADERS};

    fn status_of_refusal(bytes: &[u8]) -> Option<u16> {
        match parse_head(bytes) {
            Err(Some(reply)) => Some(reply.status),
            _ => None,
        }
    }

    #[test]
    fn a_complete_head_is_read_with_its_length() {
        let bytes = b"GET /a/?x HTTP/1.1\r\nHost: localhost:1\r\n\r\nGET /b";
        let Ok(Some((length, head))) = parse_head(bytes) else {
            panic!("the head should be complete");
        };
        assert_eq!(&bytes[length..], b"GET /b");
        assert_eq!(head.target, "/a/?x");
        assert_eq!(head.host.as_deref(), Some("localhost:1"));
        assert!(head.keep_alive && !head.has_body);
    }

    #[test]
    fn a_partial_head_waits_for_more() {
        assert!(matches!(parse_head(b"GET / HTTP/1.1\r\nHo"), Ok(None)));
    }

    #[test]
    fn a_body_of_any_length_is_noticed_without_reading_it() {
        for header in [
            "Content-Length: 9223372036854775807",
            "Content-Length: 99999999999999999999999",
            "Content-Length: 1",
            "Transfer-Encoding: chunked",
        ] {
            let bytes = format!("POST / HTTP/1.1\r\n{header}\r\n\r\n");
            let Ok(Some((_, head))) = parse_head(bytes.as_bytes()) else {
                panic!("{header}: the head should be complete");
            };
            assert!(head.has_body, "{header}");
        }
    }

    #[test]
    fn too_many_headers_or_nonsense_are_refused() {
        let many = format!(
            "GET / HTTP/1.1\r\n{}\r\n",
            "X-A: b\r\n".repeat(MAX_HEADERS + 1)
        );
        assert_eq!(status_of_refusal(many.as_bytes()), Some(431));
        assert_eq!(
            status_of_refusal(b"\x16\x03\x01\x02\x00\x01\r\n\r\n"),
            Some(400)
        );
        assert_eq!(status_of_refusal(b"GET / HTTP/2.0\r\n\r\n"), Some(400));
    }

    #[test]
    fn http_1_0_closes_unless_asked_to_keep_alive() {
        let Ok(Some((_, head))) = parse_head(b"GET / HTTP/1.0\r\n\r\n") else {
            panic!("complete");
        };
        assert!(!head.keep_alive);
        let Ok(Some((_, head))) = parse_head(b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n") else {
            panic!("complete");
        };
        assert!(!head.keep_alive);
    }
}
