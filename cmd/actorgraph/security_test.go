package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/web"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine to write
// while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs the real program's serve on port 0 and returns its URL,
// its first stdout line, its stderr and a stop function that waits for a
// clean shutdown.
func startServe(t *testing.T, args []string, getenv func(string) string) (url, line string, stderr *syncBuffer, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	pr, pw := io.Pipe()
	stderr = &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"actorgraph", "serve", "--addr", "127.0.0.1:0", "--seeds", "../../seeds"}, args...), getenv, pw, stderr)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("no start line: %v (stderr: %s)", err, stderr.String())
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	url = regexp.MustCompile(`http://\S+`).FindString(line)
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("run returned %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("serve did not shut down")
		}
	}
	t.Cleanup(stop)
	return url, line, stderr, stop
}

type call struct {
	method, path, body string
	header             map[string]string
	host               string
}

func (c call) do(t *testing.T, base string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(c.method, base+c.path, strings.NewReader(c.body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	if c.host != "" {
		req.Host = c.host
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(b)
}

// TestServeSecured runs the real serve with a token file, an audit log
// and an extra allowed host, and talks to it over real HTTP.
func TestServeSecured(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	const token = "e2e-token-4f9a0c1d2b3e4f5a6b7c"
	tokenFile := filepath.Join(dir, "token")
	if err := os.WriteFile(tokenFile, []byte(token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	auditFile := filepath.Join(dir, "audit.log")
	base, line, stderr, stop := startServe(t, []string{"--token-file", tokenFile, "--audit-log", auditFile, "--allowed-hosts", "graph.example.org"}, noenv)
	if !strings.Contains(line, "access token required") {
		t.Errorf("start line %q does not say a token is required", line)
	}
	bearer := map[string]string{"Authorization": "Bearer " + token}
	jsonAuth := map[string]string{"Authorization": "Bearer " + token, "Content-Type": "application/json"}
	port := base[strings.LastIndex(base, ":")+1:]
	cypher := `{"query":"MATCH (n {key: $k}) RETURN n.name AS name","params":{"k":"china"}}`
	for _, tc := range []struct {
		name   string
		c      call
		status int
		want   string
	}{
		{"health is open and says nothing about the data", call{method: "GET", path: "/api/health"}, 200, `{"status":"ok","store":"memory"}`},
		{"no token", call{method: "GET", path: "/api/nodes/china"}, 401, "requires an access token"},
		{"wrong token", call{method: "GET", path: "/api/nodes/china", header: map[string]string{"Authorization": "Bearer not-the-token-0123456789"}}, 401, "not accepted"},
		{"token", call{method: "GET", path: "/api/nodes/china", header: bearer}, 200, `"China"`},
		{"rebinding", call{method: "GET", path: "/api/export", header: bearer, host: "evil.example:" + port}, 403, "--allowed-hosts"},
		{"rebinding, viewer", call{method: "GET", path: "/", host: "evil.example"}, 403, "--allowed-hosts"},
		{"allowed host", call{method: "GET", path: "/api/nodes/china", header: bearer, host: "graph.example.org"}, 200, `"China"`},
		{"localhost", call{method: "GET", path: "/api/nodes/china", header: bearer, host: "localhost:" + port}, 200, `"China"`},
		{"text/plain", call{method: "POST", path: "/api/cypher", body: cypher, header: map[string]string{"Authorization": "Bearer " + token, "Content-Type": "text/plain"}}, 415, "application/json"},
		{"cross-origin", call{method: "POST", path: "/api/cypher", body: cypher, header: map[string]string{"Authorization": "Bearer " + token, "Content-Type": "application/json", "Origin": "https://evil.example"}}, 403, "cross-origin"},
		{"cypher", call{method: "POST", path: "/api/cypher", body: cypher, header: jsonAuth}, 200, `"China"`},
	} {
		status, header, body := tc.c.do(t, base)
		if status != tc.status || !strings.Contains(body, tc.want) {
			t.Errorf("%s: %d %s, want %d with %q", tc.name, status, body, tc.status, tc.want)
		}
		if status == 401 && header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s: 401 without WWW-Authenticate", tc.name)
		}
		for k := range header {
			if strings.HasPrefix(k, "Access-Control-") {
				t.Errorf("%s: CORS header %s", tc.name, k)
			}
		}
	}
	stop()
	if strings.Contains(stderr.String(), "WARNING") {
		t.Errorf("a loopback service with a token warned: %s", stderr.String())
	}
	raw, err := os.ReadFile(auditFile)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	// The text/plain and cross-origin refusals and the query; the
	// rebinding attempt never got past the Host check.
	if len(lines) != 3 {
		t.Fatalf("audit log has %d lines, want 3 (text/plain, cross-origin, query):\n%s", len(lines), raw)
	}
	var last struct {
		Event, Query string
		Params       []string
		Rows, Status int
	}
	if err := json.Unmarshal([]byte(lines[2]), &last); err != nil {
		t.Fatal(err)
	}
	if last.Event != "cypher" || !strings.Contains(last.Query, "$k") || len(last.Params) != 1 || last.Params[0] != "k" || last.Rows != 1 || last.Status != 200 {
		t.Errorf("audit line %s", lines[2])
	}
	if info, err := os.Stat(auditFile); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("audit log mode %v (%v), want 0600", info.Mode(), err)
	}
}

// TestServeTokenFromEnv: ACTORGRAPH_TOKEN does what -token-file does.
func TestServeTokenFromEnv(t *testing.T) {
	t.Parallel()
	const token = "env-token-0123456789abcdef"
	base, _, _, _ := startServe(t, nil, envWith(map[string]string{"ACTORGRAPH_TOKEN": token}))
	if status, _, _ := (call{method: "GET", path: "/api/schema"}).do(t, base); status != 401 {
		t.Errorf("without the token: %d", status)
	}
	if status, _, _ := (call{method: "GET", path: "/api/schema", header: map[string]string{"Authorization": "Bearer " + token}}).do(t, base); status != 200 {
		t.Errorf("with the token: %d", status)
	}
}

// TestServeSecurityFlagErrors: bad security settings stop serve before it
// starts, with a usage error naming the setting.
func TestServeSecurityFlagErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	short := filepath.Join(dir, "short")
	empty := filepath.Join(dir, "empty")
	good := filepath.Join(dir, "good")
	for f, s := range map[string]string{short: "abc\n", empty: "\n", good: "0123456789abcdef0123"} {
		if err := os.WriteFile(f, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		args  []string
		env   map[string]string
		usage bool
		want  string
	}{
		{[]string{"--token-file", short}, nil, true, "at least 16"},
		{[]string{"--token-file", empty}, nil, true, "at least 16"},
		{[]string{"--token-file", filepath.Join(dir, "missing")}, nil, true, "-token-file"},
		{[]string{"--token-file", good}, map[string]string{"ACTORGRAPH_TOKEN": "0123456789abcdef0123"}, true, "use one"},
		{nil, map[string]string{"ACTORGRAPH_TOKEN": "has spaces in it 0123"}, true, "ACTORGRAPH_TOKEN"},
		{[]string{"--allowed-hosts", "http://graph.example.org"}, nil, true, "-allowed-hosts"},
		{nil, map[string]string{"ACTORGRAPH_ALLOWED_HOSTS": "a b"}, true, "-allowed-hosts"},
		{[]string{"--cors-origins", "*"}, nil, true, "-cors-origins"},
		{[]string{"--audit-log", filepath.Join(dir, "no-such-dir", "audit.log")}, nil, false, "audit log"},
	} {
		var out, errOut bytes.Buffer
		err := run(t.Context(), append([]string{"actorgraph", "serve", "--addr", "127.0.0.1:0", "--seeds", ""}, tc.args...), envWith(tc.env), &out, &errOut)
		if err == nil || (exitCode(err) == 2) != tc.usage || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v %v: err %v (exit %d), want one with %q", tc.args, tc.env, err, exitCode(err), tc.want)
		}
		if strings.Contains(out.String(), "serving") {
			t.Errorf("%v: served despite the error", tc.args)
		}
	}
}

// TestStartWarnings: serving on an address other machines reach, without
// a token, is said at start; so is turning the Host guard off. (Tests
// here bind to 127.0.0.1 only, so the exposed cases are checked on the
// decision rather than on a real listener.)
func TestStartWarnings(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		listen  string
		token   string
		allowed []string
		want    []string
	}{
		{"127.0.0.1:8080", "", nil, nil},
		{"[::1]:8080", "", nil, nil},
		{"0.0.0.0:8080", "", nil, []string{"without an access token"}},
		{"[::]:8080", "", nil, []string{"without an access token"}},
		{"192.168.1.5:8080", "", nil, []string{"without an access token"}},
		{"0.0.0.0:8080", "0123456789abcdef", nil, nil},
		{"127.0.0.1:8080", "", []string{"*"}, []string{"DNS rebinding"}},
	} {
		cfg := web.DefaultConfig()
		var err error
		if cfg.Hosts, err = web.NewHostPolicy(tc.listen, tc.allowed); err != nil {
			t.Fatal(err)
		}
		cfg.Token = tc.token
		got := startWarnings(cfg, tc.listen)
		if len(got) != len(tc.want) {
			t.Errorf("%s token=%v %v: warnings %q, want %q", tc.listen, tc.token != "", tc.allowed, got, tc.want)
			continue
		}
		for i := range got {
			if !strings.Contains(got[i], tc.want[i]) || (strings.Contains(tc.want[i], "token") && !strings.Contains(got[i], "ACTORGRAPH_TOKEN")) {
				t.Errorf("%s: warning %q, want one with %q that says how to set a token", tc.listen, got[i], tc.want[i])
			}
		}
	}
}
