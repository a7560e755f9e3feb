//! The HTTP/1.1 server: hyper on tokio, set up so that no request can stop
//! it, fill its memory or hold it up. hyper reads and writes HTTP; this
//! module sets its limits, refuses what serve does not answer, and caps the
//! number of open connections.
//!
//! - A request head (request line and headers) may be 16 KiB and 64
//!   headers at most; hyper refuses a larger one with 431 and a malformed
//!   one with 400, and closes the connection.
//! - A head must arrive within 10 seconds of the connection opening or of
//!   the previous answer, so an idle or slow connection is closed.
//! - A request body is never read: a request with one is refused (413),
//!   and so is any method other than GET and HEAD (405).
//! - A client that stops reading what it is sent is dropped after 30
//!   seconds, so that it cannot keep its connection for ever.
//! - At most 512 connections are open at once; more are answered 503.

use super::host::AllowedHosts;
use super::routes::{self, Answer, Reply};
use super::State;
use futures::StreamExt;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Body as _, Bytes, Frame, Incoming};
use hyper::header::{HeaderName, HeaderValue, CONNECTION};
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio_io_timeout::TimeoutStream;

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
/// opening of the connection or the end of the previous answer on it: an
/// idle or slow connection is closed after it.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a connection beyond the cap has to send its request before it
/// is closed unanswered: it is not counted against the cap, so it must not
/// stay long.
const BUSY_HEAD_TIMEOUT: Duration = Duration::from_secs(1);

/// How long writing to a client that does not read may block.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// How much of what a client is still sending when its connection ends
/// (a body that is not read, say) is read and thrown away before closing,
/// so that it sees the answer rather than a reset.
const DRAIN_BYTES: usize = 1024 * 1024;

/// How long that reading may take.
const DRAIN_TIME: Duration = Duration::from_secs(1);

/// The body of every answer: whole, or the live-reload event stream.
type Body = http_body_util::combinators::UnsyncBoxBody<Bytes, Infallible>;

/// Serves on `listener` until it fails, answering each connection on a
/// task of its own.
pub(super) fn run(listener: std::net::TcpListener, state: Arc<State>, hosts: AllowedHosts) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build();
    let Ok(runtime) = runtime else {
        eprintln!("serve could not start its server");
        return;
    };
    runtime.block_on(accept(listener, state, Arc::new(hosts)));
}

/// Accepts connections, each with one of `MAX_CONNECTIONS` permits, or
/// answered 503 when none is left.
async fn accept(listener: std::net::TcpListener, state: Arc<State>, hosts: Arc<AllowedHosts>) {
    let listener = listener
        .set_nonblocking(true)
        .and_then(|()| TcpListener::from_std(listener));
    let Ok(listener) = listener else {
        eprintln!("serve could not listen for connections");
        return;
    };
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors, say: wait for some to close rather
            // than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        match Arc::clone(&permits).try_acquire_owned() {
            Ok(permit) => {
                let state = Arc::clone(&state);
                let hosts = Arc::clone(&hosts);
                tokio::spawn(async move {
                    let service =
                        move |request| respond(request, Arc::clone(&state), Arc::clone(&hosts));
                    serve_connection(stream, HEAD_TIMEOUT, service).await;
                    drop(permit);
                });
            }
            Err(_) => {
                let service = |_| async { Ok::<_, Infallible>(busy()) };
                tokio::spawn(serve_connection(stream, BUSY_HEAD_TIMEOUT, service));
            }
        }
    }
}

/// Answers the requests on one connection with `answer` until the client
/// closes it, is idle for `head_timeout`, or is refused. If hyper refused
/// a request it could not read, or a request came with a body (never
/// read), what the client is still sending is then read, briefly, before
/// closing.
async fn serve_connection<F, R, E>(stream: TcpStream, head_timeout: Duration, answer: F)
where
    F: Fn(Request<Incoming>) -> R,
    R: Future<Output = Result<Response<Body>, E>>,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let mut stream = TimeoutStream::new(stream);
    stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let mut stream = Box::pin(stream);
    let sent_a_body = AtomicBool::new(false);
    let service = service_fn(|request: Request<Incoming>| {
        if !request.body().is_end_stream() {
            sent_a_body.store(true, Ordering::Relaxed);
        }
        answer(request)
    });
    let ended = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(head_timeout)
        .max_header_size(MAX_HEAD_BYTES)
        .max_headers(MAX_HEADERS)
        .serve_connection(TokioIo::new(stream.as_mut()), service)
        .await;
    // Unless hyper refused a head it could not read, or a body was left
    // unread, all the client sent has been read (or, after a timeout, the
    // client is too slow to wait for): close at once, freeing its place.
    let refused_head = ended.is_err_and(|error| !error.is_timeout());
    if refused_head || sent_a_body.load(Ordering::Relaxed) {
        drain(stream.as_mut()).await;
    }
}

/// Closes the connection's sending side and reads, for `DRAIN_TIME` and
/// `DRAIN_BYTES` at most, what the client is still sending, such as a body
/// that was not read: closing with it unread would reset the connection,
/// and the client could lose the answer.
async fn drain(mut stream: Pin<&mut TimeoutStream<TcpStream>>) {
    let _ = stream.shutdown().await;
    let read_and_throw_away = async {
        let mut thrown_away = 0;
        let mut chunk = [0u8; 4096];
        while thrown_away < DRAIN_BYTES {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(read) => thrown_away += read,
            }
        }
    };
    let _ = tokio::time::timeout(DRAIN_TIME, read_and_throw_away).await;
}

/// The answer to one request. An error (a panic while answering) closes
/// the connection.
async fn respond(
    request: Request<Incoming>,
    state: Arc<State>,
    hosts: Arc<AllowedHosts>,
) -> Result<Response<Body>, tokio::task::JoinError> {
    if let Some(refusal) = refusal_of(&request, &hosts) {
        return Ok(closing(whole(refusal)));
    }
    let head_only = request.method() == Method::HEAD;
    let target = request
        .uri()
        .path_and_query()
        .map_or("/", |target| target.as_str())
        .to_string();
    // Copied files are read from disk: on a thread that may block, so
    // that a slow disk holds up no other connection.
    tokio::task::spawn_blocking(move || match routes::answer(&target, head_only, &state) {
        Answer::Reply(reply) => whole(reply),
        Answer::Events => events(&state),
    })
    .await
}

/// Why a request is not answered, if it is not: a host that is not this
/// machine's, a method other than GET or HEAD, or a body.
fn refusal_of<B: hyper::body::Body>(request: &Request<B>, hosts: &AllowedHosts) -> Option<Reply> {
    let host = request
        .headers()
        .get(hyper::header::HOST)
        .map(|host| String::from_utf8_lossy(host.as_bytes()).into_owned());
    if !hosts.allows(host.as_deref()) {
        return Some(Reply::plain(
            403,
            "signpost serve answers only to this machine's own addresses, such as the one it printed when it started; open the site at that address",
        ));
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return Some(
            Reply::plain(
                405,
                "signpost serve only sends pages: it answers GET and HEAD",
            )
            .with_header("Allow", "GET, HEAD"),
        );
    }
    // hyper knows from the head whether a body follows (a Content-Length
    // other than 0, or a Transfer-Encoding); it is never read.
    if !request.body().is_end_stream() {
        return Some(Reply::plain(413, "signpost serve takes no request bodies"));
    }
    None
}

/// The answer to a connection beyond `MAX_CONNECTIONS`.
fn busy() -> Response<Body> {
    let reply = Reply::plain(
        503,
        "signpost serve has too many connections open; try again",
    )
    .with_header("Retry-After", "1");
    closing(whole(reply))
}

/// `response`, after which hyper closes the connection.
fn closing(mut response: Response<Body>) -> Response<Body> {
    response
        .headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    response
}

/// `reply` as a response; hyper adds its `Content-Length`, and leaves out
/// the body when answering `HEAD`.
fn whole(reply: Reply) -> Response<Body> {
    let body = Full::new(Bytes::from(reply.body)).boxed_unsync();
    with_head(reply.status, reply.headers, body)
}

/// The live-reload event stream, each event sent as soon as it comes.
fn events(state: &State) -> Response<Body> {
    let head = routes::event_stream_head();
    let frames = routes::events(state).map(|text| Ok(Frame::data(Bytes::from(text))));
    with_head(
        head.status,
        head.headers,
        StreamBody::new(frames).boxed_unsync(),
    )
}

/// A response with this status, headers and body. A header whose value is
/// not allowed in HTTP (a file name with a line break, say) is left out
/// rather than sent broken.
fn with_head(status: u16, headers: Vec<(&'static str, String)>, body: Body) -> Response<Body> {
    let mut response = Response::new(body);
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    for (name, value) in headers {
        let name = HeaderName::from_bytes(name.as_bytes());
        let value = HeaderValue::from_bytes(value.as_bytes());
        if let (Ok(name), Ok(value)) = (name, value) {
            response.headers_mut().append(name, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::{refusal_of, AllowedHosts};
    use http_body_util::{Empty, Full};
    use hyper::body::Bytes;
    use hyper::Request;

    fn hosts() -> AllowedHosts {
        AllowedHosts::new("127.0.0.1", "127.0.0.1:1111".parse().unwrap())
    }

    fn status_of_refusal<B: hyper::body::Body>(request: &Request<B>) -> Option<u16> {
        refusal_of(request, &hosts()).map(|reply| reply.status)
    }

    #[test]
    fn a_get_or_head_of_this_machine_is_answered() {
        for method in ["GET", "HEAD"] {
            let request = Request::builder()
                .method(method)
                .uri("/a/?x")
                .header("Host", "localhost:1111")
                .body(Empty::<Bytes>::new())
                .unwrap();
            assert_eq!(status_of_refusal(&request), None, "{method}");
        }
    }

    #[test]
    fn a_body_is_refused_without_reading_it() {
        let request = Request::get("/").body(Full::new(Bytes::from("x"))).unwrap();
        assert_eq!(status_of_refusal(&request), Some(413));
    }

    #[test]
    fn other_methods_are_refused_before_their_body() {
        let request = Request::post("/")
            .body(Full::new(Bytes::from("x")))
            .unwrap();
        let reply = refusal_of(&request, &hosts()).unwrap();
        assert_eq!(reply.status, 405);
        assert!(reply.headers.contains(&("Allow", "GET, HEAD".to_string())));
    }

    #[test]
    fn another_host_is_refused_first() {
        let request = Request::post("/")
            .header("Host", "evil.example:1111")
            .body(Full::new(Bytes::from("x")))
            .unwrap();
        assert_eq!(status_of_refusal(&request), Some(403));
    }
}
