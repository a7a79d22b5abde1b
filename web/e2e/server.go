package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agentshim/agentshim/cmd/agentshim-serve/static"
)

// Server is an httptest server on 127.0.0.1 that serves directories with the
// same handler as cmd/agentshim-serve, plus whatever handlers a test adds.
type Server struct {
	*httptest.Server
	mux *http.ServeMux
}

// StartServer serves roots (URL prefix → directory, e.g. "/agentshim/" →
// dist, "/" → web) until the test ends. Relative directories are taken from
// the repository root, so RepoPath is rarely needed.
func StartServer(t testing.TB, roots map[string]string) *Server {
	t.Helper()
	abs := make(map[string]string, len(roots))
	for prefix, dir := range roots {
		if !filepath.IsAbs(dir) {
			dir = RepoPath(t, dir)
		}
		abs[prefix] = dir
	}
	h, err := static.New(abs)
	if err != nil {
		t.Fatalf("e2e: %v", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/", h)
	s := &Server{Server: httptest.NewServer(mux), mux: mux}
	t.Cleanup(s.Close)
	return s
}

// Handle adds a handler, e.g. a webhook receiver ("POST /hooks/ctt7"). It
// may be called while the server runs. A pattern more specific than a file
// path wins over the files; "/" itself is taken by the files.
func (s *Server) Handle(pattern string, h http.Handler) { s.mux.Handle(pattern, h) }

// HandleFunc is Handle for a function.
func (s *Server) HandleFunc(pattern string, f func(http.ResponseWriter, *http.Request)) {
	s.mux.HandleFunc(pattern, f)
}

// URLFor returns the absolute URL of a path on the server ("/e2e/x.html").
func (s *Server) URLFor(path string) string {
	return s.URL + "/" + strings.TrimPrefix(path, "/")
}

// RepoRoot returns the directory holding go.mod, found upwards from the
// working directory (go test runs in the package directory).
func RepoRoot(t testing.TB) string {
	t.Helper()
	root, err := findRepoRoot()
	if err != nil {
		t.Fatalf("e2e: %v", err)
	}
	return root
}

// RepoPath joins slash-separated parts onto the repository root.
func RepoPath(t testing.TB, parts ...string) string {
	t.Helper()
	return filepath.Join(RepoRoot(t), filepath.FromSlash(strings.Join(parts, "/")))
}

func findRepoRoot() (string, error) {
	start, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := start; ; {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod in %s or above", start)
		}
		dir = parent
	}
}

// ArtifactsDir is where screenshots go: $ARTIFACTS_DIR, or artifacts/ at the
// repository root (gitignored). It is created when missing.
func ArtifactsDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("ARTIFACTS_DIR")
	if dir == "" {
		dir = RepoPath(t, "artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("e2e: artifacts directory: %v", err)
	}
	return dir
}
