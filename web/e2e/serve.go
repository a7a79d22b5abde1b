package e2e

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Serve is a running cmd/agentshim-serve: the real server with its routes,
// CSP, hashed asset names, heartbeat and dashboard, serving the built dist/
// and web/ of this checkout.
type Serve struct {
	URL  string // http://127.0.0.1:port, without a final slash
	Data string // its SQLite directory
}

var (
	serveBuild    sync.Once
	serveBinary   string
	serveBuildErr error
)

// StartServe builds cmd/agentshim-serve once per test binary and runs it on
// a free loopback port with a fresh database until the test ends.
func StartServe(t testing.TB) *Serve {
	t.Helper()
	root := RepoRoot(t)
	serveBuild.Do(func() {
		dir, err := os.MkdirTemp("", "agentshim-serve-bin-")
		if err != nil {
			serveBuildErr = err
			return
		}
		serveBinary = filepath.Join(dir, "agentshim-serve")
		cmd := exec.Command(goTool(), "build", "-o", serveBinary, "./cmd/agentshim-serve")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			serveBuildErr = &buildError{err, string(out)}
		}
	})
	if serveBuildErr != nil {
		t.Fatalf("e2e: building agentshim-serve: %v", serveBuildErr)
	}
	s := &Serve{Data: t.TempDir()}
	cmd := exec.Command(serveBinary, "-addr", "127.0.0.1:0", "-dist", filepath.Join(root, "dist"),
		"-web", filepath.Join(root, "web"), "-data", s.Data, "-traces", filepath.Join(root, "testdata", "traces"))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatalf("e2e: %v", err)
	}
	stderr := &capped{max: 16 << 10}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("e2e: starting agentshim-serve: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM) // graceful, as make serve's Ctrl-C
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
		}
	})
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case s.URL = <-found:
	case <-time.After(20 * time.Second):
		t.Fatalf("e2e: agentshim-serve printed no listening line; stderr:\n%s", stderr)
	}
	return s
}

var listening = regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)/`)

// goTool is the go command running the tests (make test passes its $(GO)
// through PATH; GOROOT names the toolchain go test was started from).
func goTool() string {
	if root := os.Getenv("GOROOT"); root != "" {
		if p := filepath.Join(root, "bin", "go"); fileExists(p) {
			return p
		}
	}
	return "go"
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }
