package dashboard

import (
	"net/http"
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/cmd/agentshim-serve/static"
)

func TestPageHeaders(t *testing.T) {
	res, body := do(t, Page, http.MethodGet, "/dashboard", "", "")
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))
	assert.Equal(t, static.ContentSecurityPolicy, res.Header.Get("Content-Security-Policy"))
	assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"))
	assert.Contains(t, string(body), `src="/dashboard/assets/dashboard.js"`)
	assert.Contains(t, string(body), `href="/dashboard/assets/dashboard.css"`)

	res, _ = do(t, Page, http.MethodPost, "/dashboard", "", "")
	assert.Equal(t, http.StatusMethodNotAllowed, res.StatusCode)
}

// The CSP forbids inline script and style; the page must not need them.
func TestPageHasNothingInline(t *testing.T) {
	html := string(page)
	for _, tag := range regexp.MustCompile(`(?i)<script[^>]*>`).FindAllString(html, -1) {
		assert.Regexp(t, `src="/dashboard/assets/`, tag, "every script is a file")
	}
	assert.NotRegexp(t, `(?i)<style`, html)
	assert.NotRegexp(t, `(?i)\sstyle=`, html)
	assert.NotRegexp(t, `(?i)\son[a-z]+=`, html, "no inline event handlers")
	assert.NotRegexp(t, `(?i)javascript:`, html)
}

// Data reaches the page as text only.
func TestScriptBuildsWithDOMAPIsOnly(t *testing.T) {
	js, err := os.ReadFile("assets/dashboard.js")
	require.NoError(t, err)
	for _, sink := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"} {
		assert.NotContains(t, string(js), sink)
	}
	assert.Contains(t, string(js), "createElementNS")
	assert.Contains(t, string(js), "setTimeout(refresh, REFRESH_MS)")
	assert.Contains(t, string(js), "const REFRESH_MS = 10000;")
}

func TestAssets(t *testing.T) {
	cases := map[string]string{
		"/dashboard/assets/dashboard.js":  "text/javascript; charset=utf-8",
		"/dashboard/assets/dashboard.css": "text/css; charset=utf-8",
	}
	for target, ctype := range cases {
		res, body := do(t, Assets, http.MethodGet, target, "", "")
		require.Equal(t, http.StatusOK, res.StatusCode, target)
		assert.Equal(t, ctype, res.Header.Get("Content-Type"), target)
		assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"), target)
		assert.NotEmpty(t, body)
	}
	for _, target := range []string{
		"/dashboard/assets/",
		"/dashboard/assets/missing.js",
		"/dashboard/assets/../page.html",
		"/dashboard/assets/../figures.go",
		"/dashboard/assets/./dashboard.js",
		"/dashboard/assets/sub/dashboard.js",
	} {
		res, _ := do(t, Assets, http.MethodGet, target, "", "")
		assert.Equal(t, http.StatusNotFound, res.StatusCode, target)
	}
}
