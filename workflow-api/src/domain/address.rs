//! Which addresses a workflow's webhook may reach.
//!
//! A `tts:Admin` chooses a workflow's `end_webhook_url`, and the workflow API then POSTs to it from
//! inside the deployment's network. Without a rule that is a server-side request forgery: the URL
//! could name the cloud metadata service, the database host or anything else only reachable from
//! inside. So a webhook may only reach public addresses, unless the operator lists a host or a
//! network in `end_webhook_allowed_hosts` (e.g. a receiver on the same machine in development).
//!
//! The URLs of the `asset`, `budget` and `notification` end actions come from the operator's own
//! settings and are trusted; only the admin-supplied webhook URL goes through these rules.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use serde::{Deserialize, Deserializer};

/// Why an address is not public, or `None` for a public one.
pub fn forbidden_reason(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4),
        IpAddr::V6(v6) => forbidden_v6(v6),
    }
}

fn forbidden_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    match (a, b, c) {
        // 0.0.0.0/8: "this network"; 0.0.0.0 itself reaches the local host on most systems.
        (0, _, _) => Some("unspecified (0.0.0.0/8)"),
        (127, _, _) => Some("loopback (127.0.0.0/8)"),
        (10, _, _) => Some("private (10.0.0.0/8)"),
        (172, 16..=31, _) => Some("private (172.16.0.0/12)"),
        (192, 168, _) => Some("private (192.168.0.0/16)"),
        // 169.254.169.254 is the metadata service of AWS, GCP, Azure and others.
        (169, 254, _) => Some("link-local, cloud metadata (169.254.0.0/16)"),
        // Carrier-grade NAT; Alibaba Cloud's metadata service is 100.100.100.200.
        (100, 64..=127, _) => Some("shared address space (100.64.0.0/10)"),
        (192, 0, 0) => Some("IETF protocol assignments (192.0.0.0/24)"),
        (198, 18..=19, _) => Some("benchmarking (198.18.0.0/15)"),
        (224..=239, _, _) => Some("multicast (224.0.0.0/4)"),
        // 240.0.0.0/4 is reserved; 255.255.255.255 (broadcast) is inside it.
        (240..=255, _, _) => Some("reserved or broadcast (240.0.0.0/4)"),
        _ => None,
    }
}

fn forbidden_v6(ip: Ipv6Addr) -> Option<&'static str> {
    // An IPv4 address written as IPv6 reaches the IPv4 host: judge the IPv4 address.
    if let Some(v4) = embedded_v4(ip) {
        return forbidden_v4(v4);
    }
    let first = ip.segments()[0];
    if ip.is_unspecified() {
        Some("unspecified (::)")
    } else if ip.is_loopback() {
        Some("loopback (::1)")
    } else if first & 0xfe00 == 0xfc00 {
        // AWS's IPv6 metadata service fd00:ec2::254 is in here.
        Some("unique-local (fc00::/7)")
    } else if first & 0xffc0 == 0xfe80 {
        Some("link-local (fe80::/10)")
    } else if first & 0xffc0 == 0xfec0 {
        Some("site-local (fec0::/10)")
    } else if first & 0xff00 == 0xff00 {
        Some("multicast (ff00::/8)")
    } else {
        None
    }
}

/// The IPv4 address inside an IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible (`::a.b.c.d`) or
/// NAT64 (`64:ff9b::a.b.c.d`) IPv6 address.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let tail = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    match s {
        [0, 0, 0, 0, 0, 0xffff, _, _] => Some(tail),
        // `::` and `::1` are IPv6's own unspecified and loopback addresses, not IPv4 ones.
        [0, 0, 0, 0, 0, 0, hi, lo] if hi != 0 || lo > 1 => Some(tail),
        [0x64, 0xff9b, 0, 0, 0, 0, _, _] => Some(tail),
        _ => None,
    }
}

/// `end_webhook_allowed_hosts`: host names and IP addresses or networks (CIDR) a webhook may
/// reach although they are not public. Empty by default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowList {
    /// Lower-case host names, compared exactly.
    names: Vec<String>,
    /// Networks as (address, prefix length); a single address is a full-length prefix.
    networks: Vec<(IpAddr, u8)>,
}

impl AllowList {
    /// Parses entries such as `receiver.internal`, `127.0.0.1`, `10.1.0.0/16`, `::1`, `fd00::/8`.
    pub fn parse<S: AsRef<str>>(entries: &[S]) -> Result<AllowList, String> {
        let mut list = AllowList::default();
        for entry in entries {
            let entry = entry.as_ref().trim();
            if entry.is_empty() {
                continue;
            }
            if let Some((address, prefix)) = entry.split_once('/') {
                let address: IpAddr = address
                    .parse()
                    .map_err(|_| format!("`{entry}` is not a network such as 10.1.0.0/16"))?;
                let max = if address.is_ipv4() { 32 } else { 128 };
                let prefix: u8 = prefix
                    .parse()
                    .ok()
                    .filter(|p| *p <= max)
                    .ok_or_else(|| format!("`{entry}`: the prefix length must be 0–{max}"))?;
                list.networks.push((address, prefix));
            } else if let Ok(address) = entry.trim_matches(['[', ']']).parse::<IpAddr>() {
                list.networks
                    .push((address, if address.is_ipv4() { 32 } else { 128 }));
            } else if entry
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
            {
                list.names
                    .push(entry.trim_end_matches('.').to_ascii_lowercase());
            } else {
                return Err(format!(
                    "`{entry}` is neither a host name nor an IP address or network"
                ));
            }
        }
        Ok(list)
    }

    pub fn permits_name(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.');
        self.names.iter().any(|n| n.eq_ignore_ascii_case(host))
    }

    pub fn permits_ip(&self, ip: IpAddr) -> bool {
        self.networks
            .iter()
            .any(|(network, prefix)| in_network(ip, *network, *prefix))
    }
}

impl<'de> Deserialize<'de> for AllowList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let entries = Vec::<String>::deserialize(d)?;
        AllowList::parse(&entries).map_err(serde::de::Error::custom)
    }
}

fn in_network(ip: IpAddr, network: IpAddr, prefix: u8) -> bool {
    match (ip, network) {
        (IpAddr::V4(ip), IpAddr::V4(net)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
            u32::from(ip) & mask == u32::from(net) & mask
        }
        (IpAddr::V6(ip), IpAddr::V6(net)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            u128::from(ip) & mask == u128::from(net) & mask
        }
        // `::ffff:127.0.0.1` is allowed by an entry `127.0.0.1`.
        (IpAddr::V6(ip), IpAddr::V4(_)) => ip
            .to_ipv4_mapped()
            .is_some_and(|v4| in_network(IpAddr::V4(v4), network, prefix)),
        (IpAddr::V4(_), IpAddr::V6(_)) => false,
    }
}

/// A webhook URL's host, as the URL parser read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    Name(String),
    Ip(IpAddr),
}

/// Whether a webhook may be saved with this scheme and host. Literal addresses are judged here;
/// names are judged by what they resolve to when the webhook is called ([`check_resolved`]),
/// except `localhost` and `*.localhost`, which always mean this machine.
pub fn check_target(scheme: &str, host: &Host, allow: &AllowList) -> Result<(), String> {
    check_scheme(scheme)?;
    match host {
        Host::Ip(ip) => check_ip(None, *ip, allow),
        Host::Name(name) if allow.permits_name(name) => Ok(()),
        Host::Name(name) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            if name == "localhost" || name.ends_with(".localhost") {
                Err(format!(
                    "`{name}` is this machine (loopback); a webhook may only reach public \
                     addresses unless end_webhook_allowed_hosts lists it"
                ))
            } else {
                Ok(())
            }
        }
    }
}

/// Webhooks are plain HTTP(S) POSTs; no other scheme.
pub fn check_scheme(scheme: &str) -> Result<(), String> {
    if scheme == "http" || scheme == "https" {
        Ok(())
    } else {
        Err(format!(
            "must be an http:// or https:// URL, not {scheme}://"
        ))
    }
}

/// Whether a webhook whose host is `name` may be called at the addresses it resolved to: every
/// one must be public or allowed, since the connection may use any of them.
pub fn check_resolved(name: &str, addresses: &[IpAddr], allow: &AllowList) -> Result<(), String> {
    if addresses.is_empty() {
        return Err(format!("`{name}` resolves to no address"));
    }
    if allow.permits_name(name) {
        return Ok(());
    }
    addresses
        .iter()
        .try_for_each(|ip| check_ip(Some(name), *ip, allow))
}

fn check_ip(name: Option<&str>, ip: IpAddr, allow: &AllowList) -> Result<(), String> {
    match forbidden_reason(ip) {
        Some(reason) if !allow.permits_ip(ip) => {
            let what = match name {
                Some(name) => format!("`{name}` resolves to {ip}"),
                None => format!("points at {ip}"),
            };
            Err(format!(
                "{what}, which is {reason}; a webhook may only reach public addresses unless \
                 end_webhook_allowed_hosts lists it"
            ))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(ip: &str) -> Option<&'static str> {
        forbidden_reason(ip.parse().unwrap())
    }

    #[test]
    fn every_non_public_ipv4_range_is_forbidden() {
        for (ip, why) in [
            ("0.0.0.0", "unspecified"),
            ("0.1.2.3", "unspecified"),
            ("127.0.0.1", "loopback"),
            ("127.255.255.254", "loopback"),
            ("10.0.0.1", "private"),
            ("10.255.255.255", "private"),
            ("172.16.0.1", "private"),
            ("172.31.255.255", "private"),
            ("192.168.1.1", "private"),
            ("169.254.169.254", "cloud metadata"),
            ("169.254.0.1", "link-local"),
            ("100.64.0.1", "shared address space"),
            ("100.100.100.200", "shared address space"),
            ("100.127.255.255", "shared address space"),
            ("192.0.0.170", "IETF"),
            ("198.18.0.1", "benchmarking"),
            ("224.0.0.1", "multicast"),
            ("239.255.255.250", "multicast"),
            ("240.0.0.1", "reserved"),
            ("255.255.255.255", "broadcast"),
        ] {
            let got = reason(ip).unwrap_or_else(|| panic!("{ip} must be forbidden"));
            assert!(got.contains(why), "{ip}: {got}");
        }
    }

    #[test]
    fn neighbours_of_the_ranges_are_public() {
        for ip in [
            "1.1.1.1",
            "8.8.8.8",
            "9.255.255.255",
            "11.0.0.0",
            "126.255.255.255",
            "128.0.0.1",
            "172.15.255.255",
            "172.32.0.0",
            "192.167.255.255",
            "192.169.0.0",
            "169.253.255.255",
            "169.255.0.0",
            "100.63.255.255",
            "100.128.0.0",
            "198.17.255.255",
            "198.20.0.0",
            "223.255.255.255",
            "93.184.215.14",
        ] {
            assert_eq!(reason(ip), None, "{ip} is public");
        }
    }

    #[test]
    fn every_non_public_ipv6_range_is_forbidden() {
        for (ip, why) in [
            ("::", "unspecified"),
            ("::1", "loopback"),
            ("fc00::1", "unique-local"),
            ("fd00:ec2::254", "unique-local"),
            ("fe80::1", "link-local"),
            ("febf::1", "link-local"),
            ("fec0::1", "site-local"),
            ("ff02::1", "multicast"),
        ] {
            let got = reason(ip).unwrap_or_else(|| panic!("{ip} must be forbidden"));
            assert!(got.contains(why), "{ip}: {got}");
        }
        for ip in [
            "2606:4700::1111",
            "2001:4860:4860::8888",
            "fbff::1",
            "fe00::1",
        ] {
            assert_eq!(reason(ip), None, "{ip} is public");
        }
    }

    #[test]
    fn ipv4_written_as_ipv6_is_judged_as_ipv4() {
        for (ip, why) in [
            ("::ffff:127.0.0.1", "loopback"),
            ("::ffff:169.254.169.254", "cloud metadata"),
            ("::ffff:10.0.0.1", "private"),
            ("::ffff:0.0.0.0", "unspecified"),
            ("::127.0.0.1", "loopback"),
            ("::192.168.0.1", "private"),
            ("64:ff9b::169.254.169.254", "cloud metadata"),
            ("64:ff9b::a00:1", "private"),
        ] {
            let got = reason(ip).unwrap_or_else(|| panic!("{ip} must be forbidden"));
            assert!(got.contains(why), "{ip}: {got}");
        }
        assert_eq!(reason("::ffff:8.8.8.8"), None);
        assert_eq!(reason("64:ff9b::808:808"), None);
    }

    #[test]
    fn the_allow_list_takes_names_addresses_and_networks() {
        let allow = AllowList::parse(&[
            "Receiver.Internal",
            "127.0.0.1",
            "10.1.0.0/16",
            "[::1]",
            "fd00::/8",
        ])
        .unwrap();
        assert!(allow.permits_name("receiver.internal"));
        assert!(allow.permits_name("RECEIVER.internal."));
        assert!(!allow.permits_name("other.internal"));
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "::1",
            "fd12::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(allow.permits_ip(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["127.0.0.2", "10.2.0.1", "fe80::1", "::ffff:10.2.0.1"] {
            assert!(!allow.permits_ip(ip.parse().unwrap()), "{ip}");
        }
        assert!(
            AllowList::parse(&["0.0.0.0/0"])
                .unwrap()
                .permits_ip("10.0.0.1".parse().unwrap())
        );
        assert_eq!(AllowList::parse::<&str>(&[]).unwrap(), AllowList::default());
        assert!(
            AllowList::parse(&["10.0.0.0/33"])
                .unwrap_err()
                .contains("0–32")
        );
        assert!(AllowList::parse(&["not a host"]).is_err());
        assert!(AllowList::parse(&["x/8"]).is_err());
    }

    #[test]
    fn saving_refuses_non_public_literals_and_localhost_unless_allowed() {
        let none = AllowList::default();
        let ip = |s: &str| Host::Ip(s.parse().unwrap());
        let name = |s: &str| Host::Name(s.into());
        assert!(
            check_target("http", &ip("127.0.0.1"), &none)
                .unwrap_err()
                .contains("loopback")
        );
        assert!(check_target("https", &ip("169.254.169.254"), &none).is_err());
        assert!(check_target("http", &ip("::ffff:10.0.0.1"), &none).is_err());
        assert!(
            check_target("http", &name("localhost"), &none)
                .unwrap_err()
                .contains("localhost")
        );
        assert!(check_target("http", &name("api.localhost."), &none).is_err());
        assert!(
            check_target("ftp", &name("example.com"), &none)
                .unwrap_err()
                .contains("http")
        );
        assert_eq!(check_target("https", &name("example.com"), &none), Ok(()));
        assert_eq!(check_target("https", &ip("93.184.215.14"), &none), Ok(()));

        let allow = AllowList::parse(&["127.0.0.1", "localhost"]).unwrap();
        assert_eq!(check_target("http", &ip("127.0.0.1"), &allow), Ok(()));
        assert_eq!(check_target("http", &name("localhost"), &allow), Ok(()));
        assert!(check_target("http", &ip("127.0.0.2"), &allow).is_err());
    }

    #[test]
    fn calling_refuses_a_name_if_any_of_its_addresses_is_not_public() {
        let none = AllowList::default();
        let ips = |list: &[&str]| {
            list.iter()
                .map(|s| s.parse().unwrap())
                .collect::<Vec<IpAddr>>()
        };
        let err = check_resolved("localhost", &ips(&["::1", "127.0.0.1"]), &none).unwrap_err();
        assert!(
            err.contains("`localhost` resolves to ::1") && err.contains("loopback"),
            "{err}"
        );
        // A name resolving to a public and an internal address could connect to either.
        assert!(check_resolved("rebind.example", &ips(&["8.8.8.8", "10.0.0.5"]), &none).is_err());
        assert!(check_resolved("nothing.example", &[], &none).is_err());
        assert_eq!(
            check_resolved("example.com", &ips(&["93.184.215.14"]), &none),
            Ok(())
        );

        let by_ip = AllowList::parse(&["127.0.0.1"]).unwrap();
        assert!(check_resolved("localhost", &ips(&["127.0.0.1", "::1"]), &by_ip).is_err());
        assert_eq!(
            check_resolved("localhost", &ips(&["127.0.0.1"]), &by_ip),
            Ok(())
        );
        let by_name = AllowList::parse(&["localhost"]).unwrap();
        assert_eq!(
            check_resolved("localhost", &ips(&["127.0.0.1", "::1"]), &by_name),
            Ok(())
        );
    }
}
