package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/agentshim/agentshim/cmd/agentshim-serve/static"
)

// childEnv makes the test binary act as agentshim-serve itself, so the
// signal test exercises main() without a separate build.
const childEnv = "AGENTSHIM_SERVE_AS_MAIN"

func TestMain(m *testing.M) {
	if args, ok := os.LookupEnv(childEnv); ok {
		os.Args = append([]string{"agentshim-serve"}, strings.Fields(args)...)
		main()
		return
	}
	os.Exit(m.Run())
}

// lockedBuffer is written by the server goroutine and read by the test.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var listenLine = regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+/)`)

// dataOf is the data directory next to a siteDirs web/: tests never write
// into the source tree, where the -data default would put it.
func dataOf(web string) string { return filepath.Join(filepath.Dir(web), "data") }

// siteDirs writes a minimal dist/ and web/.
func siteDirs(t *testing.T) (dist, web string) {
	t.Helper()
	base := t.TempDir()
	dist, web = filepath.Join(base, "dist"), filepath.Join(base, "web")
	require.NoError(t, os.MkdirAll(dist, 0o755))
	require.NoError(t, os.MkdirAll(web, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dist, "agentshim.wasm"), []byte("plain"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dist, "agentshim.wasm.br"), []byte("brotli"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(web, "index.html"), []byte("<p>hi</p>"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(base, "secret.txt"), []byte("top secret"), 0o644))
	return dist, web
}

func TestServesUntilCancelled(t *testing.T) {
	dist, web := siteDirs(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr lockedBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-dist", dist, "-web", web, "-data", dataOf(web)}, &stdout, &stderr)
	}()
	var base string
	require.Eventually(t, func() bool {
		m := listenLine.FindStringSubmatch(stdout.String())
		if m != nil {
			base = m[1]
		}
		return m != nil
	}, 5*time.Second, 10*time.Millisecond, "no listening line; stderr: %s", stderr.String())

	req, err := http.NewRequest(http.MethodGet, base+"agentshim/agentshim.wasm", nil)
	require.NoError(t, err)
	req.Header.Set("Accept-Encoding", "br") // set by hand: the client won't decode it
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.Equal(t, "application/wasm", res.Header.Get("Content-Type"))
	assert.Equal(t, "br", res.Header.Get("Content-Encoding"))
	assert.Equal(t, "brotli", string(body))

	res, err = http.Get(base)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, static.ContentSecurityPolicy, res.Header.Get("Content-Security-Policy"))

	// A hand-written request keeps the dots exactly as a hostile client
	// would send them, and shows no cleaning layer sits before the handler.
	assert.Equal(t, "400", rawStatus(t, strings.Trim(strings.TrimPrefix(base, "http://"), "/"), "/agentshim/../../secret.txt"))

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(shutdownGrace + time.Second):
		t.Fatal("run did not return after cancel")
	}
	assert.Contains(t, stdout.String(), "stopped")
	assert.Empty(t, stderr.String())
}

// rawStatus sends a hand-written request line and returns the status code.
func rawStatus(t *testing.T, hostport, target string) string {
	t.Helper()
	conn, err := net.DialTimeout("tcp", hostport, 2*time.Second)
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(2*time.Second)))
	_, err = io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	require.NoError(t, err)
	line, err := bufio.NewReader(conn).ReadString('\n')
	require.NoError(t, err)
	fields := strings.Fields(line)
	require.GreaterOrEqual(t, len(fields), 2, line)
	return fields[1]
}

func TestHelpListsEveryFlagWithDefault(t *testing.T) {
	var stdout, stderr lockedBuffer
	err := run(context.Background(), []string{"-h"}, &stdout, &stderr)
	require.ErrorIs(t, err, flag.ErrHelp)
	help := stderr.String()
	for _, want := range []string{"-addr", `(default "127.0.0.1:8080")`, "-dist", `(default "dist")`, "-web", `(default "web")`} {
		assert.Contains(t, help, want)
	}
}

func TestBadCommandLines(t *testing.T) {
	dist, web := siteDirs(t)
	var out lockedBuffer
	err := run(context.Background(), []string{"-port", "1"}, &out, &out)
	assert.ErrorIs(t, err, errUsage)
	err = run(context.Background(), []string{"extra"}, &out, &out)
	assert.ErrorIs(t, err, errUsage)
	err = run(context.Background(), []string{"-dist", filepath.Join(dist, "nope"), "-web", web, "-data", dataOf(web)}, &out, &out)
	assert.ErrorContains(t, err, "/agentshim/")
	err = run(context.Background(), []string{"-addr", "127.0.0.1:notaport", "-dist", dist, "-web", web, "-data", dataOf(web)}, &out, &out)
	assert.Error(t, err)
}

func TestNonLoopbackWarns(t *testing.T) {
	dist, web := siteDirs(t)
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr lockedBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "0.0.0.0:0", "-dist", dist, "-web", web, "-data", dataOf(web)}, &stdout, &stderr)
	}()
	require.Eventually(t, func() bool { return strings.Contains(stdout.String(), "listening") },
		5*time.Second, 10*time.Millisecond)
	cancel()
	require.NoError(t, <-done)
	assert.Contains(t, stderr.String(), "reachable from other machines")
}

func TestSIGTERMShutsDownGracefully(t *testing.T) {
	dist, web := siteDirs(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=-addr 127.0.0.1:0 -dist "+dist+" -web "+web+" -data "+dataOf(web))
	var stdout, stderr lockedBuffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Start())
	require.Eventually(t, func() bool { return listenLine.MatchString(stdout.String()) },
		10*time.Second, 10*time.Millisecond, "stderr: %s", stderr.String())
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	err := cmd.Wait()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		t.Fatalf("exit code %d; stderr: %s", exit.ExitCode(), stderr.String())
	}
	require.NoError(t, err)
	assert.Contains(t, stdout.String(), "agentshim-serve: stopped")
}
