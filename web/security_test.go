package web

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
)

// secureServer is the seed graph behind a service bound to listen, with
// the given allowed hosts and token.
func secureServer(t *testing.T, listen string, allowed []string, token string) http.Handler {
	t.Helper()
	_, store := newTestServer(t)
	cfg := testConfig()
	hosts, err := NewHostPolicy(listen, allowed)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Hosts, cfg.Token = hosts, token
	cfg.Dataset = "seeds from testdata (12 nodes, 20 relationships)"
	return NewServer(discardLogger(), store, cfg)
}

// TestDNSRebinding: a page that points its own name at 127.0.0.1 sends
// that name as Host. The service answers only its loopback names, with
// its port, and names the flag that adds one.
func TestDNSRebinding(t *testing.T) {
	t.Parallel()
	h := secureServer(t, "127.0.0.1:8080", nil, "")
	cypher := `{"query":"MATCH (n) RETURN n.name"}`
	for _, tc := range []struct {
		host   string
		method string
		target string
		body   string
	}{
		{"evil.example", "GET", "/api/export", ""},
		{"evil.example:8080", "GET", "/api/export", ""},
		{"evil.example:8080", "POST", "/api/cypher", cypher},
		{"evil.example:8080", "GET", "/api/nodes/china", ""},
		{"evil.example:8080", "GET", "/api/health", ""},
		{"localhost.evil.example:8080", "GET", "/api/schema", ""},
		{"127.0.0.1.evil.example:8080", "GET", "/api/schema", ""},
		{"localhost:9090", "GET", "/api/schema", ""},
		{"localhost", "GET", "/api/schema", ""},
		{"127.0.0.2:8080", "GET", "/api/schema", ""},
		{"192.168.1.10:8080", "GET", "/api/schema", ""},
		{"", "GET", "/api/schema", ""},
		{"[::1", "GET", "/api/schema", ""},
	} {
		t.Run(tc.host+tc.target, func(t *testing.T) {
			r := do(t, h, tc.method, tc.target, strings.NewReader(tc.body), "Host", tc.host, "Content-Type", "application/json")
			p := r.problem(t, 403)
			if !strings.Contains(p.Detail, "--allowed-hosts") || !strings.Contains(p.Detail, "ACTORGRAPH_ALLOWED_HOSTS") {
				t.Fatalf("the refusal does not name the flag: %q", p.Detail)
			}
			if strings.Contains(r.Body.String(), "China") {
				t.Fatal("a refused request saw data")
			}
		})
	}
	// The viewer gets a plain page, which escapes what it echoes.
	for _, target := range []string{"/", "/index.html", "/no-such-page"} {
		r := do(t, h, "GET", target, nil, "Host", `evil.example<script>:8080`)
		if r.Code != 403 || !strings.HasPrefix(r.Header().Get("Content-Type"), "text/html") {
			t.Fatalf("GET %s: %d %s", target, r.Code, r.Header().Get("Content-Type"))
		}
		body := r.Body.String()
		if !strings.Contains(body, "--allowed-hosts") || strings.Contains(body, "<script") {
			t.Fatalf("403 page: %s", body)
		}
	}
	// The names the service is reached by are answered, however spelt.
	for _, host := range []string{"localhost:8080", "127.0.0.1:8080", "[::1]:8080", "LocalHost:8080", "localhost.:8080", "[0:0:0:0:0:0:0:1]:8080"} {
		if r := do(t, h, "GET", "/api/nodes/china", nil, "Host", host); r.Code != 200 {
			t.Errorf("Host %q: %d %s", host, r.Code, r.Body.String())
		}
		if r := do(t, h, "GET", "/", nil, "Host", host); r.Code != 200 {
			t.Errorf("viewer, Host %q: %d", host, r.Code)
		}
	}
}

func TestHostPolicy(t *testing.T) {
	t.Parallel()
	cases := []struct {
		listen  string
		allowed []string
		yes, no []string
	}{
		{"127.0.0.1:8080", nil,
			[]string{"localhost:8080", "127.0.0.1:8080", "[::1]:8080"},
			[]string{"evil.example", "localhost:80", "localhost", "10.0.0.1:8080", "[::2]:8080", "localhost:8080:1"}},
		{"[::1]:80", nil,
			[]string{"localhost", "localhost:80", "[::1]", "127.0.0.1"},
			[]string{"localhost:8080", "evil.example"}},
		{"127.0.0.1:8080", []string{"graph.example.org", "proxy.internal:8443", ".corp.example", "[fd00::1]:8080", "10.1.2.3"},
			[]string{"graph.example.org", "graph.example.org:443", "GRAPH.example.org.", "proxy.internal:8443", "corp.example", "a.b.corp.example:9000", "[fd00::1]:8080", "10.1.2.3:1234"},
			[]string{"proxy.internal", "proxy.internal:8080", "xcorp.example", "example.org", "[fd00::1]:8081", "evil.example"}},
		// Bound to every interface: IP literals and loopback names on any
		// port (the published port may differ), other names only when listed.
		{"0.0.0.0:8080", nil,
			[]string{"localhost:9000", "127.0.0.1:1", "192.168.1.10:8080", "[fe80::1]:8080", "10.0.0.1"},
			[]string{"evil.example", "evil.example:8080", "host.docker.internal:8080"}},
		{"[::]:8080", []string{"graph.example.org"},
			[]string{"graph.example.org", "192.168.1.10:8080"},
			[]string{"evil.example"}},
		{"127.0.0.1:8080", []string{"*"},
			[]string{"evil.example", "anything:1"}, nil},
	}
	for _, tc := range cases {
		p, err := NewHostPolicy(tc.listen, tc.allowed)
		if err != nil {
			t.Fatalf("%s %v: %v", tc.listen, tc.allowed, err)
		}
		for _, h := range tc.yes {
			if !p.Allows(h) {
				t.Errorf("%s %v: Host %q refused", tc.listen, tc.allowed, h)
			}
		}
		for _, h := range tc.no {
			if p.Allows(h) {
				t.Errorf("%s %v: Host %q allowed", tc.listen, tc.allowed, h)
			}
		}
	}
	for _, bad := range []string{"http://graph.example.org", "graph.example.org/", "a b", "host:port", "host:0", "host:70000", "::1", "[::1", ".10.0.0.1", "exa$mple.org", "a..b"} {
		if _, err := NewHostPolicy("127.0.0.1:8080", []string{bad}); err == nil {
			t.Errorf("allowed host %q accepted", bad)
		}
	}
	if p, _ := NewHostPolicy("127.0.0.1:8080", nil); p.Exposed() {
		t.Error("127.0.0.1 counted as exposed")
	}
	if p, _ := NewHostPolicy("0.0.0.0:8080", nil); !p.Exposed() {
		t.Error("0.0.0.0 not counted as exposed")
	}
}

// TestStrictRequests: POST bodies only as JSON, POSTs only from this
// origin, and no CORS headers unless configured.
func TestStrictRequests(t *testing.T) {
	t.Parallel()
	h := secureServer(t, "127.0.0.1:8080", []string{"graph.example.org"}, "")
	const body = `{"query":"MATCH (n {key: 'china'}) RETURN n.name"}`
	cases := []struct {
		name, host, origin, ctype string
		status                    int
	}{
		{"json", "127.0.0.1:8080", "", "application/json", 200},
		{"json with charset", "127.0.0.1:8080", "", "application/json; charset=UTF-8", 200},
		{"same origin", "127.0.0.1:8080", "http://127.0.0.1:8080", "application/json", 200},
		{"same origin by name", "localhost:8080", "http://localhost:8080", "application/json", 200},
		{"behind a TLS proxy", "graph.example.org", "https://graph.example.org", "application/json", 200},
		{"text/plain", "127.0.0.1:8080", "", "text/plain", 415},
		{"text/plain, same origin", "127.0.0.1:8080", "http://127.0.0.1:8080", "text/plain;charset=UTF-8", 415},
		{"form", "127.0.0.1:8080", "", "application/x-www-form-urlencoded", 415},
		{"multipart", "127.0.0.1:8080", "", "multipart/form-data; boundary=x", 415},
		{"no content type", "127.0.0.1:8080", "", "", 415},
		{"other charset", "127.0.0.1:8080", "", "application/json; charset=latin1", 415},
		{"json-ish", "127.0.0.1:8080", "", "application/jsonx", 415},
		{"cross origin", "127.0.0.1:8080", "https://evil.example", "application/json", 403},
		{"cross origin, text/plain", "127.0.0.1:8080", "https://evil.example", "text/plain", 403},
		{"other port", "127.0.0.1:8080", "http://127.0.0.1:3000", "application/json", 403},
		{"other loopback name", "127.0.0.1:8080", "http://localhost:8080", "application/json", 403},
		{"sandboxed page", "127.0.0.1:8080", "null", "application/json", 403},
		{"proxy, other port", "graph.example.org", "https://graph.example.org:8443", "application/json", 403},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, target := range []string{"/api/cypher", "/api/export"} {
				b := body
				if target == "/api/export" {
					b = `{"nodes":["china"]}`
				}
				r := do(t, h, "POST", target, strings.NewReader(b), "Host", tc.host, "Origin", tc.origin, "Content-Type", tc.ctype)
				if tc.status == 200 {
					if r.Code != 200 {
						t.Fatalf("%s: %d %s", target, r.Code, r.Body.String())
					}
				} else {
					p := r.problem(t, tc.status)
					if tc.status == 415 && (!strings.Contains(p.Detail, "application/json") || r.Header().Get("Accept-Post") != "application/json") {
						t.Fatalf("415 should say what is accepted: %q", p.Detail)
					}
					if tc.status == 403 && !strings.Contains(p.Detail, "Origin") {
						t.Fatalf("403 should say why: %q", p.Detail)
					}
				}
				for k := range r.Header() {
					if strings.HasPrefix(k, "Access-Control-") {
						t.Fatalf("CORS header %s without configured origins", k)
					}
				}
			}
		})
	}
	// A preflight gets nothing that would let the browser go on.
	r := do(t, h, "OPTIONS", "/api/cypher", nil, "Host", "127.0.0.1:8080", "Origin", "https://evil.example", "Access-Control-Request-Method", "POST")
	if r.Code < 400 || r.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("preflight: %d %v", r.Code, r.Header())
	}
}

func TestCORSWhenConfigured(t *testing.T) {
	t.Parallel()
	_, store := newTestServer(t)
	cfg := testConfig()
	origins, err := ParseOrigins([]string{"https://Notebook.example.org:443", "http://localhost:8888"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"https://notebook.example.org", "http://localhost:8888"}; !slices.Equal(origins, want) {
		t.Fatalf("origins %v, want %v", origins, want)
	}
	cfg.CORSOrigins, cfg.Token = origins, "cors-test-token-0123456789"
	h := NewServer(discardLogger(), store, cfg)

	pre := do(t, h, "OPTIONS", "/api/cypher", nil, "Origin", "https://notebook.example.org", "Access-Control-Request-Method", "POST",
		"Access-Control-Request-Headers", "authorization, content-type")
	if pre.Code != 204 || pre.Header().Get("Access-Control-Allow-Origin") != "https://notebook.example.org" ||
		!strings.Contains(pre.Header().Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Fatalf("preflight: %d %v", pre.Code, pre.Header())
	}
	r := do(t, h, "POST", "/api/cypher", strings.NewReader(`{"query":"RETURN 1 AS one"}`), "Origin", "https://notebook.example.org",
		"Content-Type", "application/json", "Authorization", "Bearer "+cfg.Token)
	if r.Code != 200 || r.Header().Get("Access-Control-Allow-Origin") != "https://notebook.example.org" || !strings.Contains(r.Header().Get("Vary"), "Origin") {
		t.Fatalf("configured origin: %d %v %s", r.Code, r.Header(), r.Body.String())
	}
	// The token is still required, and other origins still get nothing.
	do(t, h, "POST", "/api/cypher", strings.NewReader(`{"query":"RETURN 1"}`), "Origin", "https://notebook.example.org", "Content-Type", "application/json").problem(t, 401)
	r = do(t, h, "POST", "/api/cypher", strings.NewReader(`{"query":"RETURN 1"}`), "Origin", "https://evil.example", "Content-Type", "application/json", "Authorization", "Bearer "+cfg.Token)
	r.problem(t, 403)
	if r.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Fatal("an unlisted origin got CORS headers")
	}
	for _, bad := range []string{"*", "notebook.example.org", "https://notebook.example.org/path", "ftp://x.example", "https://user@x.example"} {
		if _, err := ParseOrigins([]string{bad}); err == nil {
			t.Errorf("origin %q accepted", bad)
		}
	}
}

// TestAccessToken: with a token set, every /api route but /api/health
// needs it; the viewer's files do not (they hold no data).
func TestAccessToken(t *testing.T) {
	t.Parallel()
	const token = "s3cret-token_0123456789.ABC~+/="
	h := secureServer(t, "127.0.0.1:8080", []string{testHost}, token)
	routes := h.(interface{ Routes() gin.RoutesInfo }).Routes()
	if len(routes) < 10 {
		t.Fatalf("only %d routes", len(routes))
	}
	request := func(rt gin.RouteInfo, auth string) response {
		target, body := strings.ReplaceAll(rt.Path, ":id", "china"), ""
		switch target {
		case "/api/cypher":
			body = `{"query":"RETURN 1 AS one"}`
		case "/api/export", "/api/metrics":
			if rt.Method == "POST" {
				body = `{"nodes":["china"]}`
			}
		case "/api/paths":
			target += "?from=china&to=russia"
		case "/api/claims":
			if rt.Method == "POST" {
				body = `{"nodes":["china","united-states"]}`
			} else {
				target += "?a=china&b=united-states"
			}
		}
		return do(t, h, rt.Method, target, strings.NewReader(body), "Content-Type", "application/json", "Authorization", auth)
	}
	for _, rt := range routes {
		t.Run(rt.Method+" "+rt.Path, func(t *testing.T) {
			if rt.Path == "/api/health" {
				r := request(rt, "")
				if r.Code != 200 || strings.TrimSpace(r.Body.String()) != `{"status":"ok","store":"memory"}` {
					t.Fatalf("health without a token: %d %s", r.Code, r.Body.String())
				}
				return
			}
			for _, tc := range []struct{ auth, challenge string }{
				{"", `Bearer realm="actorgraph"`},
				{"Bearer", `Bearer realm="actorgraph"`},
				{"Basic " + token, `Bearer realm="actorgraph"`},
				{token, `Bearer realm="actorgraph"`},
				{"Bearer wrong-token-0123456789", `Bearer realm="actorgraph", error="invalid_token"`},
				{"Bearer " + token[:len(token)-1], `Bearer realm="actorgraph", error="invalid_token"`},
				{"Bearer " + token + "x", `Bearer realm="actorgraph", error="invalid_token"`},
				{"Bearer " + strings.ToUpper(token), `Bearer realm="actorgraph", error="invalid_token"`},
			} {
				r := request(rt, tc.auth)
				p := r.problem(t, 401)
				if got := r.Header().Get("WWW-Authenticate"); got != tc.challenge {
					t.Errorf("Authorization %q: WWW-Authenticate %q, want %q", tc.auth, got, tc.challenge)
				}
				if strings.Contains(r.Body.String(), "China") || strings.Contains(p.Detail, token) {
					t.Fatalf("a refused request saw data: %s", r.Body.String())
				}
			}
			for _, auth := range []string{"Bearer " + token, "bearer " + token, "  Bearer   " + token + " "} {
				if r := request(rt, auth); r.Code != 200 {
					t.Errorf("Authorization %q: %d %s", auth, r.Code, r.Body.String())
				}
			}
		})
	}
	// Without a token, health says which dataset is served; with one it
	// says nothing about the data (above).
	open := secureServer(t, "127.0.0.1:8080", []string{testHost}, "")
	if r := do(t, open, "GET", "/api/health", nil); r.Code != 200 || !strings.Contains(r.Body.String(), `"dataset":"seeds from testdata`) {
		t.Fatalf("health without a token set: %d %s", r.Code, r.Body.String())
	}
	// The token is never taken from the URL.
	do(t, h, "GET", "/api/nodes/china?access_token="+token, nil).problem(t, 401)
	do(t, h, "GET", "/api/nodes/china?token="+token, nil).problem(t, 401)
	// The viewer itself is served without one; it asks for the token.
	if r := do(t, h, "GET", "/", nil); r.Code != 200 {
		t.Fatalf("viewer: %d", r.Code)
	}
}

func TestCheckToken(t *testing.T) {
	t.Parallel()
	for tok, ok := range map[string]bool{
		"0123456789abcdef":     true,
		"dGhpcyBpcyBhIHRva2Vu": true,
		"a-b_c.d~e+f/g=h=0000": true,
		"":                     false,
		"short":                false,
		"0123456789abcde":      false,
		"0123456789 abcdef":    false,
		"0123456789abcdef\n":   false,
		"0123456789abcdéf":     false,
	} {
		if err := CheckToken(tok); (err == nil) != ok {
			t.Errorf("CheckToken(%q) = %v", tok, err)
		}
	}
}

type auditLine struct {
	Time           string   `json:"time"`
	RequestID      string   `json:"requestId"`
	Client         string   `json:"client"`
	ForwardedFor   string   `json:"forwardedFor"`
	Event          string   `json:"event"`
	Method         string   `json:"method"`
	Path           string   `json:"path"`
	Query          string   `json:"query"`
	QueryTruncated bool     `json:"queryTruncated"`
	QueryBytes     int      `json:"queryBytes"`
	Params         []string `json:"params"`
	Requested      int      `json:"requested"`
	Rows           *int     `json:"rows"`
	Relationships  int      `json:"relationships"`
	ElapsedMs      *float64 `json:"elapsedMs"`
	Status         int      `json:"status"`
}

func readAudit(t *testing.T, path string) []auditLine {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []auditLine
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var l auditLine
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&l); err != nil {
			t.Fatalf("audit line %q: %v", sc.Text(), err)
		}
		out = append(out, l)
	}
	return out
}

func TestAuditLog(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "audit.log")
	// Appended: what is there stays.
	earlier := `{"time":"2026-01-01T00:00:00Z","requestId":"from-an-earlier-run","client":"127.0.0.1:1","event":"cypher","method":"POST","path":"/api/cypher","query":"RETURN 1","rows":1,"elapsedMs":0.1,"status":200}`
	if err := os.WriteFile(path, []byte(earlier+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	a, err := OpenAuditLog(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Close() })
	_, store := newTestServer(t)
	cfg := testConfig()
	cfg.Audit, cfg.Token = a, "audit-test-token-0123456789"
	h := NewServer(discardLogger(), store, cfg)
	auth := "Bearer " + cfg.Token

	before := time.Now().UTC()
	const secret = "value-that-must-not-be-logged"
	query := "MATCH (a {key: $from})-[r:SPIES_ON]->(b) WHERE b.name <> $secret RETURN b.name AS target"
	body, _ := json.Marshal(map[string]any{"query": query, "params": map[string]any{"from": "china", "secret": secret}})
	ok := do(t, h, "POST", "/api/cypher", strings.NewReader(string(body)), "Content-Type", "application/json", "Authorization", auth, "X-Forwarded-For", "203.0.113.7")
	var res struct{ Rows [][]any }
	ok.decode(t, &res)
	if ok.Code != 200 || len(res.Rows) == 0 {
		t.Fatalf("cypher: %d %s", ok.Code, ok.Body.String())
	}
	long := "RETURN '" + strings.Repeat("é", 3000) + "' AS x"
	body, _ = json.Marshal(map[string]string{"query": long})
	do(t, h, "POST", "/api/cypher", strings.NewReader(string(body)), "Content-Type", "application/json", "Authorization", auth)
	do(t, h, "POST", "/api/cypher", strings.NewReader(`{"query":"MATCH (n) RETRUN n"}`), "Content-Type", "application/json", "Authorization", auth).problem(t, 400)
	do(t, h, "POST", "/api/cypher", strings.NewReader(`{"query":"MATCH (n) RETURN n"}`), "Content-Type", "application/json").problem(t, 401)
	exp := do(t, h, "GET", "/api/export?around=china&depth=1", nil, "Authorization", auth)
	do(t, h, "POST", "/api/export?format=graphml", strings.NewReader(`{"nodes":["china","russia"]}`), "Content-Type", "application/json", "Authorization", auth)
	// Other reads are not audited.
	do(t, h, "GET", "/api/nodes/china", nil, "Authorization", auth)

	lines := readAudit(t, path)
	if len(lines) != 7 || lines[0].RequestID != "from-an-earlier-run" {
		t.Fatalf("%d lines in the audit log, want the earlier one and 6 new", len(lines))
	}
	raw, _ := os.ReadFile(path)
	if strings.Contains(string(raw), secret) || strings.Contains(string(raw), `"china"`) {
		t.Fatal("a parameter value reached the audit log")
	}
	q := lines[1]
	ts, err := time.Parse(time.RFC3339Nano, q.Time)
	if err != nil || ts.Before(before.Add(-time.Second)) || ts.After(time.Now().Add(time.Second)) {
		t.Errorf("time %q (%v)", q.Time, err)
	}
	if q.RequestID != ok.Header().Get("X-Request-Id") || q.Client == "" || q.ForwardedFor != "203.0.113.7" || q.Event != "cypher" ||
		q.Method != "POST" || q.Path != "/api/cypher" || q.Query != query || !slices.Equal(q.Params, []string{"from", "secret"}) ||
		q.Rows == nil || *q.Rows != len(res.Rows) || q.ElapsedMs == nil || *q.ElapsedMs < 0 || q.Status != 200 {
		t.Errorf("cypher line %+v", q)
	}
	if l := lines[2]; !l.QueryTruncated || l.QueryBytes != len(long) || len(l.Query) > auditQueryMax || !strings.HasPrefix(long, l.Query) || !json.Valid([]byte(`"`+l.Query+`"`)) {
		t.Errorf("long query: truncated %v, %d of %d bytes", l.QueryTruncated, len(l.Query), l.QueryBytes)
	}
	if l := lines[3]; l.Status != 400 || l.Query != "MATCH (n) RETRUN n" {
		t.Errorf("failed query line %+v", l)
	}
	if l := lines[4]; l.Status != 401 || l.Query != "" {
		t.Errorf("refused query line %+v", l)
	}
	var doc struct{ Nodes, Relationships []any }
	exp.decode(t, &doc)
	if l := lines[5]; l.Event != "export" || l.Method != "GET" || l.Query != "around=china&depth=1" || *l.Rows != len(doc.Nodes) || l.Relationships != len(doc.Relationships) || l.Status != 200 {
		t.Errorf("export line %+v", l)
	}
	if l := lines[6]; l.Event != "export" || l.Method != "POST" || l.Requested != 2 || *l.Rows != 2 || l.Status != 200 {
		t.Errorf("POST export line %+v", l)
	}
}
