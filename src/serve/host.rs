//! Which `Host` a request may name. A web page on another site can make a
//! browser send requests to this machine under a name of the attacker's
//! (DNS rebinding), and read the answers as if they came from that site; the
//! browser still names the attacker's host in `Host`, so refusing names
//! other than this machine's keeps the served pack from being read that way.

use std::net::{IpAddr, SocketAddr};

/// The host names (and port) a request may name.
#[derive(Clone, Debug)]
pub(super) struct AllowedHosts {
    /// Names allowed whatever the interface, in lower case, IPv6 in brackets.
    names: Vec<String>,
    /// The port the server listens on.
    port: u16,
    /// Whether any IP address is allowed (listening on every interface).
    any_address: bool,
}

impl AllowedHosts {
    /// The names for a server listening on `bound`, asked for as
    /// `interface`: loopback, the interface's name and address, and when
    /// listening on every interface, any IP address and the machine's name.
    pub(super) fn new(interface: &str, bound: SocketAddr) -> AllowedHosts {
        let mut names: Vec<String> = ["localhost", "127.0.0.1", "[::1]"]
            .iter()
            .map(|name| name.to_string())
            .collect();
        names.push(name_of_ip(bound.ip()));
        names.push(bracketed(interface).to_ascii_lowercase());
        let any_address = bound.ip().is_unspecified();
        if any_address {
            names.extend(machine_name().into_iter().flat_map(|name| {
                let local = format!("{name}.local");
                [name, local]
            }));
        }
        AllowedHosts {
            names,
            port: bound.port(),
            any_address,
        }
    }

    /// Whether a request with this `Host` header (or none) is answered.
    /// A browser always sends one, so a request without one cannot come
    /// from a page on another site.
    pub(super) fn allows(&self, host: Option<&str>) -> bool {
        let Some(host) = host else {
            return true;
        };
        let Some((name, port)) = split_host(host) else {
            return false;
        };
        if port.is_some_and(|port| port != self.port) {
            return false;
        }
        let name = name.to_ascii_lowercase();
        // An address typed as digits cannot be rebound to another machine:
        // the page that asks is then on this machine's address itself.
        let is_address = name
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok();
        self.names.contains(&name) || (self.any_address && is_address)
    }
}

/// An address as it is written in a `Host` header: IPv6 in brackets.
fn name_of_ip(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

/// `interface` in brackets if it is an IPv6 address, as it is then written
/// in a `Host` header.
fn bracketed(interface: &str) -> String {
    match interface.parse::<IpAddr>() {
        Ok(ip) => name_of_ip(ip),
        Err(_) => interface.to_string(),
    }
}

/// A `Host` header's name and port (`[::1]:80` gives `[::1]` and 80), or
/// `None` if it is not one.
fn split_host(host: &str) -> Option<(&str, Option<u16>)> {
    let (name, port) = if host.starts_with('[') {
        let end = host.find(']')? + 1;
        let rest = &host[end..];
        match rest.strip_prefix(':') {
            Some(port) => (&host[..end], Some(port)),
            None if rest.is_empty() => (&host[..end], None),
            None => return None,
        }
    } else {
        match host.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        }
    };
    let port = match port {
        Some(port) => Some(port.parse().ok()?),
        None => None,
    };
    (!name.is_empty()).then_some((name, port))
}

/// This machine's name, as the system has it, in lower case. Read from the
/// kernel on Linux and from the environment elsewhere; `None` if unknown.
fn machine_name() -> Option<String> {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())?;
    let name = name.trim().to_ascii_lowercase();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::AllowedHosts;

    fn loopback() -> AllowedHosts {
        AllowedHosts::new("127.0.0.1", "127.0.0.1:1111".parse().unwrap())
    }

    #[test]
    fn loopback_names_with_the_port_or_none_are_allowed() {
        let hosts = loopback();
        for host in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST:1111",
            "localhost",
            "[::1]:1111",
            "127.0.0.1",
        ] {
            assert!(hosts.allows(Some(host)), "{host}");
        }
        assert!(hosts.allows(None));
    }

    #[test]
    fn other_names_ports_and_nonsense_are_refused() {
        let hosts = loopback();
        for host in [
            "evil.example:1111",
            "evil.example",
            "localhost.evil.example:1111",
            "127.0.0.1:2222",
            "localhost:",
            "localhost:1111:1111",
            "[::1",
            "[::1]x",
            "192.168.1.10:1111",
            "",
        ] {
            assert!(!hosts.allows(Some(host)), "{host}");
        }
    }

    #[test]
    fn the_interface_name_is_allowed() {
        let hosts = AllowedHosts::new("devbox.example", "10.0.0.5:1111".parse().unwrap());
        assert!(hosts.allows(Some("devbox.example:1111")));
        assert!(hosts.allows(Some("10.0.0.5:1111")));
        assert!(!hosts.allows(Some("10.0.0.6:1111")));
    }

    #[test]
    fn every_interface_allows_any_address_but_not_any_name() {
        let hosts = AllowedHosts::new("0.0.0.0", "0.0.0.0:1111".parse().unwrap());
        assert!(hosts.allows(Some("192.168.1.10:1111")));
        assert!(hosts.allows(Some("[fe80::1]:1111")));
        assert!(!hosts.allows(Some("evil.example:1111")));
    }
}
