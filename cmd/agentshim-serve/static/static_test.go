package static

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixture lays out a dist/ and a web/ directory plus a secret file next to
// them that no request may reach.
func fixture(t *testing.T) (*Handler, string) {
	t.Helper()
	base := t.TempDir()
	files := map[string]string{
		"secret.txt":                 "top secret",
		"dist/agentshim.wasm":        "\x00asm-plain",
		"dist/agentshim.wasm.br":     "wasm-brotli",
		"dist/agentshim.wasm.gz":     "wasm-gzip",
		"dist/agentshim.js":          "js-plain",
		"dist/agentshim.js.gz":       "js-gzip",
		"dist/index.html":            "<p>dist</p>",
		"web/index.html":             "<p>web</p>",
		"web/app.css":                "p{}",
		"web/data.json":              "{}",
		"web/logo.svg":               "<svg/>",
		"web/module.mjs":             "export {}",
		"web/page.html":              "<p>page</p>",
		"web/page.html.br":           "page-brotli",
		"web/blob.bin":               "??",
		"web/demo/index.html":        "<p>demo</p>",
		"web/.env":                   "SECRET=1",
		"web/agentshim/shadowed.txt": "web copy",
	}
	for name, body := range files {
		p := filepath.Join(base, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	// A symlink inside web/ pointing outside it must not be followed.
	require.NoError(t, os.Symlink(filepath.Join(base, "secret.txt"), filepath.Join(base, "web", "escape.txt")))
	h, err := New(map[string]string{
		"/agentshim/": filepath.Join(base, "dist"),
		"/":           filepath.Join(base, "web"),
	})
	require.NoError(t, err)
	return h, base
}

// get sends one request straight to the handler, keeping the raw path (no
// ServeMux cleaning in between, as in cmd/agentshim-serve).
func get(t *testing.T, h http.Handler, method, target string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(body)
}

func TestContentTypes(t *testing.T) {
	h, _ := fixture(t)
	cases := map[string]string{
		"/agentshim/agentshim.wasm": "application/wasm",
		"/agentshim/agentshim.js":   "text/javascript; charset=utf-8",
		"/module.mjs":               "text/javascript; charset=utf-8",
		"/page.html":                "text/html; charset=utf-8",
		"/":                         "text/html; charset=utf-8",
		"/app.css":                  "text/css; charset=utf-8",
		"/data.json":                "application/json",
		"/logo.svg":                 "image/svg+xml",
		"/blob.bin":                 "application/octet-stream",
	}
	for target, want := range cases {
		t.Run(target, func(t *testing.T) {
			res, _ := get(t, h, http.MethodGet, target, nil)
			require.Equal(t, http.StatusOK, res.StatusCode)
			assert.Equal(t, want, res.Header.Get("Content-Type"))
			assert.Equal(t, "no-cache", res.Header.Get("Cache-Control"))
			assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"))
		})
	}
}

func TestEncodingNegotiation(t *testing.T) {
	h, _ := fixture(t)
	cases := []struct {
		name, target, accept, wantEnc, wantBody string
	}{
		{"no header means identity", "/agentshim/agentshim.wasm", "", "", "\x00asm-plain"},
		{"brotli preferred", "/agentshim/agentshim.wasm", "gzip, deflate, br", "br", "wasm-brotli"},
		{"gzip only", "/agentshim/agentshim.wasm", "gzip", "gzip", "wasm-gzip"},
		{"x-gzip alias", "/agentshim/agentshim.wasm", "x-gzip", "gzip", "wasm-gzip"},
		{"higher q wins", "/agentshim/agentshim.wasm", "br;q=0.5, gzip;q=0.9", "gzip", "wasm-gzip"},
		{"q=0 refuses", "/agentshim/agentshim.wasm", "br;q=0, gzip;q=0", "", "\x00asm-plain"},
		{"star rates the unnamed", "/agentshim/agentshim.wasm", "gzip;q=0.1, *", "br", "wasm-brotli"},
		{"star q=0", "/agentshim/agentshim.wasm", "*;q=0", "", "\x00asm-plain"},
		{"malformed q is void", "/agentshim/agentshim.wasm", "br;q=lots, gzip", "gzip", "wasm-gzip"},
		{"case-insensitive", "/agentshim/agentshim.wasm", "BR", "br", "wasm-brotli"},
		{"falls back to the sibling that exists", "/agentshim/agentshim.js", "br, gzip", "gzip", "js-gzip"},
		{"no sibling at all", "/app.css", "br, gzip", "", "p{}"},
		{"html too", "/page.html", "br", "br", "page-brotli"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, body := get(t, h, http.MethodGet, c.target, map[string]string{"Accept-Encoding": c.accept})
			require.Equal(t, http.StatusOK, res.StatusCode)
			assert.Equal(t, c.wantEnc, res.Header.Get("Content-Encoding"))
			assert.Equal(t, c.wantBody, body)
			assert.Equal(t, "Accept-Encoding", res.Header.Get("Vary"))
			// The sibling keeps the original's type.
			assert.Equal(t, contentType(c.target), res.Header.Get("Content-Type"))
		})
	}
}

func TestCSPOnHTMLOnly(t *testing.T) {
	h, _ := fixture(t)
	for _, target := range []string{"/", "/page.html", "/demo/", "/agentshim/"} {
		res, _ := get(t, h, http.MethodGet, target, nil)
		require.Equal(t, http.StatusOK, res.StatusCode, target)
		assert.Equal(t, ContentSecurityPolicy, res.Header.Get("Content-Security-Policy"), target)
	}
	for _, target := range []string{"/agentshim/agentshim.js", "/agentshim/agentshim.wasm", "/app.css"} {
		res, _ := get(t, h, http.MethodGet, target, nil)
		require.Equal(t, http.StatusOK, res.StatusCode, target)
		assert.Empty(t, res.Header.Get("Content-Security-Policy"), target)
	}
	assert.Contains(t, ContentSecurityPolicy, "script-src 'self' 'wasm-unsafe-eval';")
	assert.Contains(t, ContentSecurityPolicy, "frame-ancestors 'none'")
}

func TestPathTraversalRefused(t *testing.T) {
	h, _ := fixture(t)
	for _, target := range []string{
		"/../secret.txt",
		"/agentshim/../../secret.txt",
		"/%2e%2e/secret.txt",
		"/agentshim/%2E%2E%2f%2e%2e%2fsecret.txt",
		"/demo/..",
		"/..%5csecret.txt",
		"/page.html%00.css",
	} {
		res, body := get(t, h, http.MethodGet, target, nil)
		assert.Equal(t, http.StatusBadRequest, res.StatusCode, target)
		assert.NotContains(t, body, "top secret", target)
	}
}

func TestNothingOutsideOrHidden(t *testing.T) {
	h, _ := fixture(t)
	for _, target := range []string{"/escape.txt", "/.env", "/missing.js", "/agentshim/nope.wasm"} {
		res, body := get(t, h, http.MethodGet, target, nil)
		assert.Equal(t, http.StatusNotFound, res.StatusCode, target)
		assert.NotContains(t, body, "top secret", target)
		assert.NotContains(t, body, "SECRET", target)
	}
}

func TestRoutingAndMethods(t *testing.T) {
	h, _ := fixture(t)

	res, body := get(t, h, http.MethodGet, "/demo/", nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "<p>demo</p>", body)

	res, _ = get(t, h, http.MethodGet, "/demo?x=1", nil)
	assert.Equal(t, http.StatusMovedPermanently, res.StatusCode)
	assert.Equal(t, "/demo/?x=1", res.Header.Get("Location"))

	res, _ = get(t, h, http.MethodGet, "/agentshim", nil)
	assert.Equal(t, http.StatusMovedPermanently, res.StatusCode)
	assert.Equal(t, "/agentshim/", res.Header.Get("Location"))

	// The longest prefix wins: web/agentshim/ is hidden behind dist/.
	res, _ = get(t, h, http.MethodGet, "/agentshim/shadowed.txt", nil)
	assert.Equal(t, http.StatusNotFound, res.StatusCode)

	res, body = get(t, h, http.MethodHead, "/agentshim/agentshim.wasm", map[string]string{"Accept-Encoding": "br"})
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Empty(t, body)
	assert.Equal(t, "br", res.Header.Get("Content-Encoding"))
	assert.Equal(t, "11", res.Header.Get("Content-Length"))

	// A range of a coded body is not offered: the whole coded body comes.
	res, body = get(t, h, http.MethodGet, "/agentshim/agentshim.wasm", map[string]string{"Accept-Encoding": "br", "Range": "bytes=0-1"})
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "wasm-brotli", body)
	res, body = get(t, h, http.MethodGet, "/agentshim/agentshim.wasm", map[string]string{"Range": "bytes=1-3"})
	assert.Equal(t, http.StatusPartialContent, res.StatusCode)
	assert.Equal(t, "asm", body)

	res, _ = get(t, h, http.MethodPost, "/page.html", nil)
	assert.Equal(t, http.StatusMethodNotAllowed, res.StatusCode)
	assert.Equal(t, "GET, HEAD", res.Header.Get("Allow"))
}

func TestRebuiltDirectoryIsPickedUp(t *testing.T) {
	h, base := fixture(t)
	dist := filepath.Join(base, "dist")
	require.NoError(t, os.RemoveAll(dist))
	require.NoError(t, os.MkdirAll(dist, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dist, "agentshim.js"), []byte("rebuilt"), 0o644))
	_, body := get(t, h, http.MethodGet, "/agentshim/agentshim.js", nil)
	assert.Equal(t, "rebuilt", body)
}

func TestNewRejectsBadRoots(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	for name, roots := range map[string]map[string]string{
		"empty":            {},
		"no leading slash": {"agentshim/": dir},
		"no final slash":   {"/agentshim": dir},
		"missing dir":      {"/": filepath.Join(dir, "nope")},
		"not a dir":        {"/": file},
	} {
		_, err := New(roots)
		assert.Error(t, err, name)
	}
}
