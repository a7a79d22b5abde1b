// Command agentshim-serve serves the agentshim demo and its back end on this
// machine:
//
//   - the built runtime (dist/) under /agentshim/ and the demo pages and
//     vendor fakes (web/) under /, with the headers the runtime is meant to be
//     deployed with (application/wasm, precompressed siblings, a strict CSP,
//     content-hashed names cached as immutable, everything else no-cache);
//   - the video-call backend's start-call/end-call webhooks, stored in SQLite
//     (default) or PostgreSQL (-db);
//   - desk heartbeats and the call dashboard (/dashboard, /api/dashboard);
//   - a server-sent-events replay of a trace's telemarketing events.
//
// Usage:
//
//	go run ./cmd/agentshim-serve [-addr 127.0.0.1:8080] [-dist dist] [-web web] [-data .data | -db postgres://…]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/agentshim/agentshim/cmd/agentshim-serve/static"
	"github.com/agentshim/agentshim/cmd/agentshim-serve/store"
)

// shutdownGrace bounds how long open requests may finish after a signal.
const shutdownGrace = 5 * time.Second

// dbEnv may hold the PostgreSQL DSN instead of -db, which keeps its password
// out of the process list.
const dbEnv = "AGENTSHIM_DB"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case errors.Is(err, errUsage):
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "agentshim-serve:", err)
		os.Exit(1)
	}
}

// errUsage marks a bad command line; the flag package has printed why.
var errUsage = errors.New("bad command line")

type config struct {
	addr, dist, web string
	data, db        string
	traces          string
	sseInterval     time.Duration
	sseKeepAlive    time.Duration
}

// parseFlags reads the command line. -h prints every flag with its default.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("agentshim-serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "`host:port` to listen on (loopback only unless you change it)")
	fs.StringVar(&c.dist, "dist", "dist", "`directory` of the built runtime, served under /agentshim/")
	fs.StringVar(&c.web, "web", "web", "`directory` of the demo pages and vendor fakes, served under /")
	fs.StringVar(&c.data, "data", ".data", "`directory` for the SQLite database (created if missing; unused with -db)")
	fs.StringVar(&c.db, "db", "", "PostgreSQL `URL` (postgres://user:pass@host/db) instead of SQLite, for several\n"+
		"server instances sharing one database; $"+dbEnv+" is read when this is empty")
	fs.StringVar(&c.traces, "traces", "testdata/traces", "`directory` of the trace files replayed at /api/telemarketing/events?trace=NAME")
	fs.DurationVar(&c.sseInterval, "sse-interval", 200*time.Millisecond, "pause between two replayed events")
	fs.DurationVar(&c.sseKeepAlive, "sse-keepalive", 15*time.Second, "pause between keep-alive comments on an idle event stream")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: agentshim-serve [flags]")
		fmt.Fprintln(stderr, "Serves dist/ under /agentshim/, web/ under /, the webhooks, the dashboard and the")
		fmt.Fprintln(stderr, "event replay until SIGINT or SIGTERM.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, err
		}
		return c, errUsage
	}
	if c.db == "" {
		c.db = os.Getenv(dbEnv)
	}
	if msg := c.problem(fs); msg != "" {
		fmt.Fprintln(stderr, "agentshim-serve:", msg)
		fs.Usage()
		return c, errUsage
	}
	return c, nil
}

// problem names what is wrong with an otherwise parsed command line.
func (c config) problem(fs *flag.FlagSet) string {
	switch {
	case fs.NArg() > 0:
		return fmt.Sprintf("unexpected argument %q", fs.Arg(0))
	case c.db != "" && !store.IsPostgresDSN(c.db):
		return "-db must be a postgres:// or postgresql:// URL" // never echo it: it may hold a password
	case c.sseInterval < 0:
		return "-sse-interval must not be negative"
	case c.sseKeepAlive <= 0:
		return "-sse-keepalive must be positive"
	}
	return ""
}

// run serves until ctx ends, then shuts down gracefully and closes the
// database.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	// The directories are checked first: a typo should not leave a database behind.
	files, err := static.New(map[string]string{"/agentshim/": c.dist, "/": c.web})
	if err != nil {
		return err
	}
	// The runtime is also served under content-hashed names, cached for a
	// year; pages get their /agentshim/ references rewritten to them.
	files.Fingerprint("/agentshim/")
	logger := log.New(stderr, "agentshim-serve: ", log.LstdFlags)
	st, storeName, err := store.Open(ctx, c.db, c.data)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := st.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("closing the database: %w", cerr)
		}
	}()
	stopStreams := make(chan struct{})
	h := newHandler(c, files, st, logger, stopStreams)
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	if !isLoopback(ln.Addr()) {
		fmt.Fprintf(stderr, "agentshim-serve: warning: %s is reachable from other machines\n", ln.Addr())
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second, // bodies are small; the event stream only writes
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          logger,
	}
	srv.RegisterOnShutdown(func() { close(stopStreams) })
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "agentshim-serve: storage: %s\n", storeName)
	fmt.Fprintf(stdout, "agentshim-serve: listening on http://%s/ (runtime at /agentshim/, dashboard at /dashboard)\n", ln.Addr())
	fmt.Fprintf(stdout, "agentshim-serve: agent desk at http://%s/desk.html\n", ln.Addr())

	select {
	case err := <-served:
		return err // the listener failed; ErrServerClosed cannot happen here
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	<-served
	fmt.Fprintln(stdout, "agentshim-serve: stopped")
	return nil
}

func isLoopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}
