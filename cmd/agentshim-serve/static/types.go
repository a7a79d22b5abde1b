package static

import (
	"mime"
	"path"
	"strings"
)

// ContentSecurityPolicy is sent with every HTML page. It is the policy the
// integrators' pages are expected to run under, so the demo and the browser
// tests run under it too: a CSP problem shows up here first. 'wasm-unsafe-eval'
// lets WebAssembly compile without allowing eval().
const ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; " +
	"base-uri 'none'; frame-ancestors 'none'"

// types is our own table, because mime.TypeByExtension reads the machine's
// /etc/mime.types, which differs between a laptop and CI (and some systems map
// .js to application/x-javascript or lack .wasm). Browsers refuse to compile
// streamed WebAssembly unless the type is exactly application/wasm.
var types = map[string]string{
	".html":  "text/html; charset=utf-8",
	".htm":   "text/html; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".json":  "application/json",
	".jsonl": "application/jsonl",
	".map":   "application/json",
	".wasm":  "application/wasm",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".ico":   "image/x-icon",
	".txt":   "text/plain; charset=utf-8",
	".md":    "text/plain; charset=utf-8",
	".woff2": "font/woff2",
}

// contentType returns the media type for a file name.
func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// isHTML reports whether a media type is an HTML document (the only kind that
// needs the CSP header: it governs the document, not its subresources).
func isHTML(contentType string) bool {
	return strings.HasPrefix(contentType, "text/html")
}
