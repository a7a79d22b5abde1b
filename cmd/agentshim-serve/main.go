// Command agentshim-serve serves the agentshim demo on this machine: the
// built runtime (dist/) under /agentshim/ and the demo pages and vendor fakes
// (web/) under /, with the headers the runtime is meant to be deployed with
// (application/wasm, precompressed siblings, a strict CSP, no caching).
//
//	go run ./cmd/agentshim-serve [-addr 127.0.0.1:8080] [-dist dist] [-web web]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/agentshim/agentshim/cmd/agentshim-serve/static"
)

// shutdownGrace bounds how long open requests may finish after a signal.
const shutdownGrace = 5 * time.Second

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
}

// parseFlags reads the command line. -h prints every flag with its default.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("agentshim-serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "`host:port` to listen on (loopback only unless you change it)")
	fs.StringVar(&c.dist, "dist", "dist", "`directory` of the built runtime, served under /agentshim/")
	fs.StringVar(&c.web, "web", "web", "`directory` of the demo pages and vendor fakes, served under /")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: agentshim-serve [flags]")
		fmt.Fprintln(stderr, "Serves dist/ under /agentshim/ and web/ under / until SIGINT or SIGTERM.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, err
		}
		return c, errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "agentshim-serve: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return c, errUsage
	}
	return c, nil
}

// run serves until ctx ends, then shuts down gracefully.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	h, err := static.New(map[string]string{"/agentshim/": c.dist, "/": c.web})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	if !isLoopback(ln.Addr()) {
		fmt.Fprintf(stderr, "agentshim-serve: warning: %s is reachable from other machines\n", ln.Addr())
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "agentshim-serve: listening on http://%s/ (runtime at /agentshim/)\n", ln.Addr())

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
