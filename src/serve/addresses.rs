//! The addresses to print for a server listening on every interface
//! (`--interface 0.0.0.0` or `::`): this machine's own addresses on its
//! network, such as `192.168.1.20`, which a phone on the same network can
//! open, rather than `0.0.0.0`, which no browser can.
//!
//! The address is found as the operating system would choose it to reach
//! the wider network: a UDP socket is "connected" to a documentation
//! address (RFC 5737 and RFC 3849), which sends nothing, and its own
//! address read back. This finds the address of the network the machine
//! uses, not of every network card it has.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};

/// An address no machine has, in IPv4's documentation range.
const SOMEWHERE_V4: SocketAddr = SocketAddr::new(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)), 9);

/// An address no machine has, in IPv6's documentation range.
const SOMEWHERE_V6: SocketAddr = SocketAddr::new(
    IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)),
    9,
);

/// The addresses others can reach a server bound to `bound` on: `bound`
/// itself unless it is every interface; then this machine's network
/// addresses (IPv4 first), or none when it is on no network.
pub(super) fn reachable(bound: SocketAddr) -> Vec<SocketAddr> {
    if !bound.ip().is_unspecified() {
        return vec![bound];
    }
    // A socket on `::` also takes IPv4 connections, except on Windows.
    let v4 = bound.is_ipv4() || !cfg!(windows);
    let v6 = bound.is_ipv6();
    let mut found = Vec::new();
    if v4 {
        found.extend(own_address("0.0.0.0:0", SOMEWHERE_V4));
    }
    if v6 {
        found.extend(own_address("[::]:0", SOMEWHERE_V6));
    }
    found
        .into_iter()
        .filter(|ip| is_reachable(*ip))
        .map(|ip| SocketAddr::new(ip, bound.port()))
        .collect()
}

/// The address this machine would send from to reach `somewhere`, if it
/// can reach it at all.
fn own_address(local: &str, somewhere: SocketAddr) -> Option<IpAddr> {
    let socket = UdpSocket::bind(local).ok()?;
    socket.connect(somewhere).ok()?;
    Some(socket.local_addr().ok()?.ip())
}

/// Whether another machine could open a page at `ip`: not loopback, not
/// unspecified, and not an IPv6 link-local address (which a browser needs
/// a network card's name to use).
fn is_reachable(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => !v4.is_loopback() && !v4.is_unspecified(),
        IpAddr::V6(v6) => !v6.is_loopback() && !v6.is_unspecified() && !v6.is_unicast_link_local(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_on_one_address_is_shown_at_that_address() {
        let bound: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        assert_eq!(reachable(bound), [bound]);
        let bound: SocketAddr = "192.168.1.20:8080".parse().unwrap();
        assert_eq!(reachable(bound), [bound]);
    }

    #[test]
    fn loopback_unspecified_and_link_local_addresses_are_not_shown() {
        for ip in ["127.0.0.1", "0.0.0.0", "::1", "::", "fe80::1"] {
            assert!(!is_reachable(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["192.168.1.20", "10.0.0.5", "2001:db8::20"] {
            assert!(is_reachable(ip.parse().unwrap()), "{ip}");
        }
    }
}
