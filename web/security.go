package web

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// The service usually runs on an analyst's laptop, holding a private
// graph, while the same browser visits other sites. Its guards keep those
// sites out: the Host allowlist defeats DNS rebinding (a page that points
// its own name at 127.0.0.1 sends its name as Host), the Origin and
// Content-Type checks refuse the cross-site POSTs a page may send without
// a CORS preflight, and the optional token keeps out whoever else can
// reach the port. This file holds the policies and their checks; the
// middleware that applies them is in middleware.go, and every refusal is
// a problem+json from the one status table (statusOf).

// HostPolicy is the DNS-rebinding guard: the Host headers the service
// answers. Build it with NewHostPolicy from the address the service
// listens on. The zero value answers localhost, 127.0.0.1 and [::1] on any
// port, and nothing else.
type HostPolicy struct {
	// port is the port loopback names must carry; "" for any.
	port string
	// exposed: bound to a non-loopback address. IP literals are answered
	// then (a rebinding page always sends its own name, never an IP).
	exposed bool
	// any turns the guard off (--allowed-hosts '*').
	any   bool
	extra []hostPattern
}

type hostPattern struct {
	host   string // lower case, no trailing dot, IPv6 without brackets
	port   string // "" for any port
	suffix bool   // ".example.org": the name and every name under it
}

// NewHostPolicy returns the policy for a service listening on listen
// (host:port, as net.Listener.Addr gives it). On a loopback address it
// answers localhost, 127.0.0.1 and [::1] with that port; on any other it
// answers those names on any port and IP literals. allowed adds names:
// "name" (any port), "name:port", ".example.org" (the name and its
// subdomains), or "*" (every Host: the guard is off).
func NewHostPolicy(listen string, allowed []string) (HostPolicy, error) {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return HostPolicy{}, fmt.Errorf("listen address %q: %w", listen, err)
	}
	var p HostPolicy
	if ip := net.ParseIP(host); (ip != nil && ip.IsLoopback()) || strings.EqualFold(host, "localhost") {
		p.port = port
	} else {
		p.exposed = true
	}
	for _, a := range allowed {
		a = strings.TrimSpace(a)
		if a == "" {
			continue
		}
		if a == "*" {
			p.any = true
			continue
		}
		hp, err := parseHostPattern(a)
		if err != nil {
			return HostPolicy{}, err
		}
		p.extra = append(p.extra, hp)
	}
	return p, nil
}

func parseHostPattern(s string) (hostPattern, error) {
	bad := func(why string) (hostPattern, error) {
		return hostPattern{}, fmt.Errorf("allowed host %q: %s", s, why)
	}
	if strings.Contains(s, "/") {
		return bad("give a host name, optionally with :port, not a URL")
	}
	e := strings.ToLower(s)
	var hp hostPattern
	if rest, ok := strings.CutPrefix(e, "."); ok {
		hp.suffix, e = true, rest
	}
	host, port, ok := splitHost(e)
	if !ok {
		return bad("not a host name or host:port (write IPv6 addresses in brackets: [::1]:8080)")
	}
	if port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return bad("the port must be a number between 1 and 65535")
		}
	}
	if ip := net.ParseIP(host); ip != nil {
		if hp.suffix {
			return bad("a leading dot needs a domain name, not an IP address")
		}
		host = ip.String()
	} else if !validHostname(host) {
		return bad("not a valid host name")
	}
	hp.host, hp.port = host, port
	return hp, nil
}

// splitHost splits a Host header value (lower case) into name and port
// ("" when absent). IPv6 literals come without their brackets.
func splitHost(h string) (host, port string, ok bool) {
	if rest, found := strings.CutPrefix(h, "["); found {
		host, after, found := strings.Cut(rest, "]")
		if !found || net.ParseIP(host) == nil {
			return "", "", false
		}
		if after == "" {
			return host, "", true
		}
		port, found = strings.CutPrefix(after, ":")
		return host, port, found && port != ""
	}
	switch strings.Count(h, ":") {
	case 0:
		return strings.TrimSuffix(h, "."), "", h != ""
	case 1:
		host, port, _ = strings.Cut(h, ":")
		return strings.TrimSuffix(host, "."), port, host != "" && port != ""
	default:
		return "", "", false // an IPv6 literal without brackets
	}
}

func validHostname(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
				return false
			}
		}
	}
	return true
}

// Exposed reports whether the service listens on a non-loopback address,
// where other machines may reach it.
func (p HostPolicy) Exposed() bool { return p.exposed }

// AnyHost reports whether the guard is off ('*').
func (p HostPolicy) AnyHost() bool { return p.any }

// Allows reports whether the service answers a request with this Host
// header.
func (p HostPolicy) Allows(hostHeader string) bool {
	if p.any {
		return true
	}
	host, port, ok := splitHost(strings.ToLower(hostHeader))
	if !ok {
		return false
	}
	if ip := net.ParseIP(host); ip != nil {
		host = ip.String()
		if p.exposed {
			return true
		}
	}
	// A Host without a port asks for the scheme's default: 80 for the
	// plain HTTP this service speaks.
	effective := port
	if effective == "" {
		effective = "80"
	}
	for _, name := range [...]string{"localhost", "127.0.0.1", "::1"} {
		if host == name && (p.port == "" || p.exposed || effective == p.port) {
			return true
		}
	}
	for _, e := range p.extra {
		if (host == e.host || e.suffix && strings.HasSuffix(host, "."+e.host)) && (e.port == "" || effective == e.port) {
			return true
		}
	}
	return false
}

// describe says in words which hosts are answered, for the 403 message.
func (p HostPolicy) describe() string {
	var b strings.Builder
	b.WriteString("localhost, 127.0.0.1 and [::1]")
	switch {
	case p.exposed:
		b.WriteString(" on any port, and IP addresses")
	case p.port != "":
		b.WriteString(" on port " + p.port)
	}
	for _, e := range p.extra {
		name := e.host
		if strings.Contains(name, ":") {
			name = "[" + name + "]"
		}
		if e.suffix {
			name = "*." + name + " and " + name
		}
		if e.port != "" {
			name += ":" + e.port
		}
		b.WriteString(", " + name)
	}
	return b.String()
}

func isAPI(path string) bool { return path == "/api" || strings.HasPrefix(path, "/api/") }

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// ParseOrigins checks and canonicalises the origins given for CORS
// (scheme://host[:port], as browsers send them in Origin).
func ParseOrigins(list []string) ([]string, error) {
	var out []string
	for _, o := range list {
		o = strings.TrimSpace(o)
		if o == "" {
			continue
		}
		if o == "*" {
			return nil, fmt.Errorf("CORS origin %q: list the origins that may call the API; '*' is refused because the API serves private data", o)
		}
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
			(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
			return nil, fmt.Errorf("CORS origin %q: want scheme://host[:port], such as https://notebook.example.org", o)
		}
		host, port := strings.ToLower(u.Hostname()), u.Port()
		if port == defaultPort(u.Scheme) {
			port = ""
		}
		if strings.Contains(host, ":") {
			host = "[" + host + "]"
		}
		if port != "" {
			host += ":" + port
		}
		out = append(out, u.Scheme+"://"+host)
	}
	return out, nil
}

func defaultPort(scheme string) string {
	if scheme == "https" {
		return "443"
	}
	return "80"
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// originIsHost reports whether an Origin header names the host and port
// of a Host header. A Host without a port matches either default port.
func originIsHost(origin, hostHeader string) bool {
	u, err := url.Parse(strings.ToLower(origin))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Path != "" {
		return false
	}
	host, port, ok := splitHost(strings.ToLower(hostHeader))
	if !ok || strings.TrimSuffix(u.Hostname(), ".") != host {
		return false
	}
	oport := u.Port()
	if oport == "" {
		oport = defaultPort(u.Scheme)
	}
	if port == "" {
		return oport == "80" || oport == "443"
	}
	return oport == port
}

// minTokenLen keeps guessable tokens out: 16 characters of a random
// hex or base64 string are 64 bits or more.
const minTokenLen = 16

// CheckToken says what is wrong with an access token, if anything. A
// token must be sendable as a Bearer credential (RFC 6750's b64token
// characters) and not too short to guess.
func CheckToken(token string) error {
	if len(token) < minTokenLen {
		return fmt.Errorf("the access token has %d characters; use at least %d (for example: openssl rand -hex 32)", len(token), minTokenLen)
	}
	for _, r := range token {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-._~+/=", r)) {
			return fmt.Errorf("the access token may hold only letters, digits and -._~+/= (for example: openssl rand -hex 32)")
		}
	}
	return nil
}
