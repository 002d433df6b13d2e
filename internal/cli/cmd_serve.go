package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/probe"
	"github.com/aptly-doctor/aptly-doctor/report"
	"github.com/aptly-doctor/aptly-doctor/serve"
)

// DefaultListen is where serve binds without --listen: loopback only.
const DefaultListen = "127.0.0.1:8427"

// shutdownGrace is how long serve waits for requests in flight once it
// stops accepting.
const shutdownGrace = 30 * time.Second

func (e *env) serveCommand() *cli.Command {
	return &cli.Command{
		Name:                      "serve",
		Usage:                     "an Aptly double on loopback: judge every request integration code sends, answer as Aptly would",
		ArgsUsage:                 "[-- CMD ARGS...]",
		DisableSliceFlagSeparator: true,
		OnUsageError: func(_ context.Context, _ *cli.Command, err error, _ bool) error {
			return usageErr("%s", oneLine(err.Error()))
		},
		Flags: append(append([]cli.Flag{
			&cli.StringFlag{Name: "listen", Aliases: []string{"l"}, Value: DefaultListen, Usage: "`HOST:PORT` to listen on (port 0 picks a free one; another address than loopback is open to the network)"},
			&cli.StringFlag{Name: "upstream", Usage: "forward each request unchanged to this Aptly base `URL` (https only, loopback excepted) and explain the real answer"},
			&cli.StringFlag{Name: "record", Usage: "write every exchange to `FILE.har` (HAR 1.2, every secret masked)"},
			&cli.StringFlag{Name: "rate-limit", Value: "on", Usage: "Aptly's rate limits per key (120 a minute, 20 a second): on or off"},
		}, reportFlags()...),
			&cli.StringSliceFlag{Name: "env", Aliases: []string{"e"}, Usage: "judge each request under environment `NAME` of the config (repeatable)"},
			&cli.StringFlag{Name: "schema", Usage: "validate bodies against this JSON Schema `FILE` instead of the bundled card schema"},
			&cli.StringFlag{Name: "max-size", Value: "32MiB", Usage: "largest request body: bytes or KB, KiB, MB, MiB (a bigger one gets 413)"},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "print notes too"},
		),
		Action: func(ctx context.Context, c *cli.Command) error {
			return e.serve(ctx, c)
		},
	}
}

// serve runs the double (or proxy) until a signal, or until the command
// after -- exits, then writes the reports like check.
func (e *env) serve(ctx context.Context, c *cli.Command) error {
	r := e.newCheckRun(c)
	for _, stage := range []func() error{r.settings, r.config, r.selection} {
		if err := stage(); err != nil {
			return err
		}
	}
	o, err := e.serveSettings(c, r)
	if err != nil {
		return err
	}
	r.opts.KeysNeeded = o.Upstream != nil
	runner := &checks.Runner{Checks: r.selected, Opts: r.opts, FailOn: r.failOn, Severity: r.policy.Severity, Ignore: r.policy.Ignored}
	o.Runner = runner

	// Signals are caught before the first line is out: a client that
	// stops serve as soon as it reads the line still gets the reports.
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	ln, err := net.Listen("tcp", c.String("listen"))
	if err != nil {
		return usageErr("listen %s: %v", c.String("listen"), plainNetErr(err))
	}
	addr := ln.Addr().(*net.TCPAddr)
	host := addr.IP.String()
	if h, _, err := net.SplitHostPort(c.String("listen")); err == nil && h != "" && addr.IP.IsUnspecified() {
		host = h // "0.0.0.0" as asked, not the "::" Go binds for it
	}
	bound := net.JoinHostPort(host, fmt.Sprint(addr.Port))
	shown := "http://" + bound
	fmt.Fprintf(e.stderr, "aptly-doctor serve: listening on %s\n", shown)
	if !addr.IP.IsLoopback() {
		fmt.Fprintf(e.stderr, "aptly-doctor serve: warning: %s is reachable from other machines; keys sent to it cross the network unencrypted (listen on 127.0.0.1 unless that is meant)\n", bound)
	}
	reach := shown // what the command after -- is given
	if addr.IP.IsUnspecified() {
		reach = fmt.Sprintf("http://127.0.0.1:%d", addr.Port)
	}
	o.Base = reach
	if !aptly.IsLoopback(addr.IP.String()) {
		o.Base = fmt.Sprintf("http://localhost:%d", addr.Port) // judged as a local stand-in, as integrations' tests use it
	}

	// The config's own findings come first, as in check, and live at once.
	var pre []checks.TargetResult
	if r.lc != nil {
		pre = runner.Run([]*input.Target{configTarget(r.lc)}).Targets
		for i := range pre {
			for j := range pre[i].Findings {
				fmt.Fprintln(e.stderr, report.Line(&pre[i].Findings[j]))
			}
		}
	}

	srv, err := serve.New(o)
	if err != nil {
		return &exitError{code: ExitFailure, msg: err.Error()}
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 30 * time.Second, ErrorLog: log.New(io.Discard, "", 0)}
	go func() { _ = hs.Serve(ln) }()

	// The command's output goes where a person reads it; a machine report
	// on stdout stays parseable, so the command's stdout then goes to stderr.
	cmdOut := e.stdout
	if r.outs[0].path == "" && r.outs[0].format != "text" {
		cmdOut = e.stderr
	}
	cmdCode, cmdErr := e.waitServing(ctx, sigs, c.Args().Slice(), reach, cmdOut)

	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		_ = hs.Close()
	}
	res := &checks.Result{Targets: append(pre, srv.Result()...), FailOn: r.failOn}
	res.Settle()
	r.res = res
	r.applyBaseline()
	if p := c.String("record"); p != "" {
		har, err := srv.HAR()
		if err != nil {
			return &exitError{code: ExitFailure, msg: fmt.Sprintf("write %s: %v", p, err)}
		}
		if err := writeFile(p, har); err != nil {
			return &exitError{code: ExitUsage, msg: fmt.Sprintf("write %s: %v", p, err)}
		}
	}
	err = r.render()
	switch {
	case cmdErr != nil:
		return cmdErr
	case cmdCode != 0:
		return &exitError{code: cmdCode, msg: fmt.Sprintf("serve: the command %s exited with code %d", commandName(c.Args().Slice()), cmdCode)}
	}
	return err
}

// serveSettings reads the flags only serve has.
func (e *env) serveSettings(c *cli.Command, r *checkRun) (serve.Options, error) {
	o := serve.Options{MaxSize: r.maxSize, Live: e.stderr, Version: version()}
	switch strings.ToLower(c.String("rate-limit")) {
	case "on", "true", "yes":
		o.RateLimit = true
	case "off", "false", "no":
	default:
		return o, usageErr("--rate-limit: unknown value %q (want on or off)", c.String("rate-limit"))
	}
	if v := c.String("upstream"); v != "" {
		u, why := probe.BaseURL(v)
		if u == nil {
			return o, usageErr("--upstream %s: %s", v, why)
		}
		o.Upstream = u
	}
	if p := c.String("record"); p != "" {
		o.Record = true
		// Find out now, not after the session, that the HAR cannot be written.
		if err := writeFile(p, nil); err != nil {
			return o, usageErr("--record %s: %v", p, plainStatErr(err))
		}
	}
	if args := c.Args().Slice(); len(args) > 0 && !e.dashDashGiven() {
		return o, usageErr("serve: unexpected argument %q (put the command to run after --)", args[0])
	}
	return o, nil
}

// dashDashGiven reports whether the command line holds "--", after which
// the arguments are the command to run (urfave/cli drops the "--" itself).
func (e *env) dashDashGiven() bool { return slices.Contains(e.args, "--") }

// waitServing runs the command, when one is given, with APTLY_DOCTOR_URL in
// its environment and returns its exit code; without one it waits for
// SIGINT or SIGTERM. A signal during the command is passed on to it.
func (e *env) waitServing(ctx context.Context, sigs <-chan os.Signal, argv []string, reach string, stdout io.Writer) (int, error) {
	if len(argv) == 0 {
		select {
		case <-sigs:
		case <-ctx.Done():
		}
		return 0, nil
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = e.stdin, stdout, e.stderr
	cmd.Env = append(os.Environ(), "APTLY_DOCTOR_URL="+reach)
	if err := cmd.Start(); err != nil {
		return 0, usageErr("serve: run %s: %v", commandName(argv), plainExecErr(err))
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	for {
		select {
		case sig := <-sigs:
			_ = cmd.Process.Signal(sig)
		case <-ctx.Done():
			_ = cmd.Process.Signal(os.Interrupt)
		case err := <-done:
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				if code := ee.ExitCode(); code > 0 {
					return code, nil
				}
				if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
					return 128 + int(ws.Signal()), nil // as shells report a command a signal ended
				}
				return 1, nil
			}
			if err != nil {
				return 0, &exitError{code: ExitFailure, msg: fmt.Sprintf("serve: the command %s: %v", commandName(argv), err)}
			}
			return 0, nil
		}
	}
}

// commandName is the command as the exit line names it: its first word,
// quoted.
func commandName(argv []string) string {
	if len(argv) == 0 {
		return `""`
	}
	return fmt.Sprintf("%q", argv[0])
}

func plainExecErr(err error) error {
	if errors.Is(err, exec.ErrNotFound) {
		return errors.New("no such command in $PATH")
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return plainStatErr(pe.Err)
	}
	return err
}

func plainNetErr(err error) error {
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		var se *os.SyscallError
		if errors.As(oe.Err, &se) {
			return se.Err
		}
		return oe.Err
	}
	return err
}
