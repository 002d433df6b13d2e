package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/internal/didyoumean"
	"github.com/aptly-doctor/aptly-doctor/internal/prose"
	"github.com/aptly-doctor/aptly-doctor/report"
)

func (e *env) checkCommand() *cli.Command {
	return &cli.Command{
		Name:                      "check",
		Usage:                     "check payloads and requests: files, folders, NDJSON batches, or - for stdin",
		ArgsUsage:                 "[PATH...]",
		DisableSliceFlagSeparator: true,
		Flags: append(reportFlags(),
			&cli.StringSliceFlag{Name: "env", Aliases: []string{"e"}, Usage: "judge each request under environment `NAME` of the config (repeatable: side by side)"},
			&cli.StringFlag{Name: "board", Usage: "the config board `NAME` bare payloads are meant for, when the environment has several"},
			&cli.StringFlag{Name: "schema", Usage: "validate payloads against this JSON Schema `FILE` instead of the bundled card schema"},
			&cli.StringFlag{Name: "url", Usage: "judge payloads as if posted to `URL`"},
			&cli.StringSliceFlag{Name: "header", Aliases: []string{"H"}, Usage: "request header `\"Name: value\"` for payloads (repeatable)"},
			&cli.StringFlag{Name: "method", Aliases: []string{"X"}, Usage: "request method for payloads (default POST)"},
			&cli.StringFlag{Name: "response", Usage: "a recorded response to explain: `FILE` or text (\"401 {...}\", a raw HTTP response, or an Aptly error body)"},
			&cli.StringFlag{Name: "curl", Usage: "check the curl command `CMD` (as copied from a browser, Postman or a ticket)"},
			&cli.BoolFlag{Name: "probe", Usage: "ask Aptly, read-only, whether each key opens its board (the only option that uses the network)"},
			&cli.DurationFlag{Name: "timeout", Value: 10 * time.Second, Usage: "time limit for each probe request"},
			&cli.IntFlag{Name: "probe-jobs", Value: 4, Usage: "boards probed at once"},
			&cli.BoolFlag{Name: "fix", Usage: "rewrite payload files where the fix needs no guess; print corrected requests as curl commands"},
			&cli.BoolFlag{Name: "diff", Aliases: []string{"dry-run"}, Usage: "show what --fix would change as a unified diff, and write nothing"},
			&cli.StringFlag{Name: "max-size", Value: "32MiB", Usage: "largest file (or NDJSON line) to read: bytes or KB, KiB, MB, MiB"},
			&cli.BoolFlag{Name: "no-ignore", Usage: "walk what .gitignore excludes too"},
			&cli.StringFlag{Name: "http-env", Usage: "the environment `NAME` of http-client.env.json beside .http files (default: the first it defines)"},
			&cli.StringFlag{Name: "files-from", Usage: "read the paths to check from `FILE` (- for stdin), one a line, besides those given"},
			&cli.BoolFlag{Name: "from-hook", Usage: "the paths come from a hook (pre-commit): pass over those a folder walk would, instead of judging every file named"},
			&cli.StringFlag{Name: "stdin-filepath", Usage: "the `PATH` findings in stdin are reported against (default - in text, stdin where a format needs a file)"},
			&cli.StringFlag{Name: "curl-filepath", Usage: "the `PATH` findings in --curl are reported against (default --curl)"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: "files checked at once"},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "print notes and fixed findings too"},
		),
		Action: func(ctx context.Context, c *cli.Command) error {
			return e.newCheckRun(c).run(ctx)
		},
		ShellComplete: func(ctx context.Context, c *cli.Command) {
			if !e.completeValues(c, checkValues()) {
				cli.DefaultCompleteWithFlags(ctx, c)
			}
		},
	}
}

// exitFor maps a result to the exit code and the line on stderr.
func exitFor(res *checks.Result) error {
	for _, t := range res.Targets {
		if len(t.Failures) > 0 {
			return &exitError{code: ExitFailure, msg: t.Failures[0]}
		}
	}
	for _, t := range res.Targets {
		if t.ReadErr != nil {
			return &exitError{code: ExitUsage, msg: t.ReadErr.Error()}
		}
	}
	if res.Failed() {
		return &exitError{code: ExitFindings}
	}
	return nil
}

// parseOutputs reads --format and the --output specs. A bare --output that
// is a format name ("-o sarif") is refused: it would write a file named
// "sarif" in the text format.
func parseOutputs(format string, specs []string) ([]outputSpec, error) {
	if !report.IsFormat(format) {
		if best, ok := didyoumean.Closest(format, report.Formats); ok {
			return nil, usageErr("--format: unknown format %q: did you mean %q? (want %s)", format, best, strings.Join(report.Formats, ", "))
		}
		return nil, usageErr("--format: unknown format %q (want %s)", format, strings.Join(report.Formats, ", "))
	}
	main := outputSpec{format: strings.ToLower(format)}
	var extra []outputSpec
	for _, s := range specs {
		if s == "" {
			return nil, usageErr("--output: empty path")
		}
		if f, p, ok := strings.Cut(s, "="); ok && report.IsFormat(f) {
			if p == "" {
				return nil, usageErr("--output %s: empty path", s)
			}
			extra = append(extra, outputSpec{format: strings.ToLower(f), path: p})
			continue
		}
		if report.IsFormat(s) {
			return nil, usageErr("--output %s: a format name, not a path: write -o %s=PATH for a %s report in a file (or -o ./%s for a file of that name)", s, strings.ToLower(s), strings.ToLower(s), s)
		}
		if main.path != "" {
			return nil, usageErr("--output: %s and %s both ask for the main report; name one, or write another format with FORMAT=PATH", main.path, s)
		}
		main.path = s
	}
	return append([]outputSpec{main}, extra...), nil
}

// colorWanted decides whether the text report on stdout is coloured.
// --color always/never and --no-color decide outright; under auto,
// FORCE_COLOR or CLICOLOR_FORCE (set, not "0" or "false") ask for colour
// where no terminal is (CI logs that render it), NO_COLOR and TERM=dumb
// turn it off, and otherwise a terminal gets colour.
func (e *env) colorWanted(mode string, noColor bool) (bool, error) {
	m := strings.ToLower(mode)
	switch m {
	case "always", "never", "auto", "":
	default:
		return false, usageErr("--color: unknown mode %q (want auto, always or never)", mode)
	}
	if noColor {
		if m == "always" {
			return false, usageErr("--no-color and --color always ask for opposite things; give one")
		}
		return false, nil
	}
	switch m {
	case "always":
		return true, nil
	case "never":
		return false, nil
	}
	set := func(name string) (on, given bool) {
		v, ok := e.lookup(name)
		if !ok || v == "" {
			return false, false
		}
		return v != "0" && !strings.EqualFold(v, "false"), true
	}
	for _, name := range []string{"FORCE_COLOR", "CLICOLOR_FORCE"} {
		if on, given := set(name); given {
			return on, nil
		}
	}
	if v, ok := e.lookup("NO_COLOR"); ok && v != "" {
		return false, nil
	}
	if e.dumbTerminal() {
		return false, nil
	}
	return isTerminal(e.stdout), nil
}

// dumbTerminal reports TERM=dumb: no colour, no progress line redrawn in
// place.
func (e *env) dumbTerminal() bool {
	v, _ := e.lookup("TERM")
	return v == "dumb"
}

func (e *env) writeReports(res *checks.Result, outs []outputSpec, o report.Options) error {
	if err := overwritesInput(res, outs); err != nil {
		return err
	}
	for _, out := range outs {
		f, ok := report.Lookup(out.format)
		if !ok {
			return usageErr("--format: unknown format %q (want %s)", out.format, strings.Join(report.Formats, ", "))
		}
		ro := o
		if out.path != "" || f.Machine {
			ro.Color = false // files and machine formats never hold escape codes
		}
		r := f.New(ro)
		if out.path == "" {
			// Renderers write piece by piece; unbuffered, a folder with a
			// few hundred findings made thousands of write calls.
			bw := bufio.NewWriterSize(e.stdout, 64<<10)
			err := r.Render(bw, res)
			if err == nil {
				err = bw.Flush()
			}
			if err != nil {
				return &exitError{code: ExitFailure, msg: fmt.Sprintf("write report: %v", err)}
			}
			continue
		}
		var buf bytes.Buffer
		if err := r.Render(&buf, res); err != nil {
			return &exitError{code: ExitFailure, msg: fmt.Sprintf("write report %s: %v", out.path, err)}
		}
		if err := writeFile(out.path, buf.Bytes()); err != nil {
			return &exitError{code: ExitUsage, msg: fmt.Sprintf("write report %s: %v", out.path, err)}
		}
	}
	return nil
}

// noColorFlag is --no-color, for every command that has --color.
func noColorFlag() cli.Flag {
	return &cli.BoolFlag{Name: "no-color", Usage: "no colour: the same as --color never"}
}

// warn prints a warning about the run on stderr: something it did, not a
// reason to stop.
func (e *env) warn(msg string) {
	fmt.Fprintf(e.stderr, "aptly-doctor: warning: %s\n", safeLine(msg))
}

// stepSummary appends a short Markdown summary to the file
// GITHUB_STEP_SUMMARY names, when set: the job page of GitHub Actions shows
// it. Failing to write it is a warning; it never changes the exit code.
func (e *env) stepSummary(res *checks.Result) {
	path, ok := e.lookup("GITHUB_STEP_SUMMARY")
	if !ok || path == "" {
		return
	}
	var buf bytes.Buffer
	if err := (&report.StepSummary{}).Render(&buf, res); err != nil {
		e.warn(fmt.Sprintf("write GITHUB_STEP_SUMMARY %s: %v", path, err))
		return
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err == nil {
		_, err = f.Write(buf.Bytes())
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		e.warn(fmt.Sprintf("write GITHUB_STEP_SUMMARY %s: %v", path, plainStatErr(err)))
	}
}

// tuneGC lets the heap grow to nine times what is live before collecting
// (GOGC=800), unless GOGC says otherwise or a
// HAR is named. A run is short and its live heap small: payloads and batch
// lines are read, judged and dropped, so the default target collected every
// few hundred files. Measured: on 10,000 payloads the default cost a fifth of
// the run; on 5,000 in 20 folders GOGC=800 took the run from 1.23x the floor
// to 1.12x (GOGC=300: 97 MiB peak on 50,000 files, 800: 159 MiB). A named
// NDJSON batch keeps GOGC=300, its peak at 25 MiB rather than 45. A HAR is
// read whole, and there the default keeps peak memory under three times the
// file (a HAR met in a folder walk turns the default back on). It reports
// whether it changed the target. No memory limit is set: a run keeps its
// findings to the end, and past a limit the collector would run nonstop
// (a batch with nine findings a line took 2.4x as long under 256 MiB).
func tuneGC(paths []string, lookup func(string) (string, bool)) bool {
	if v, ok := lookup("GOGC"); ok && v != "" {
		return false
	}
	percent := 800
	for _, p := range paths {
		switch strings.ToLower(filepath.Ext(p)) {
		case ".har":
			return false
		case ".ndjson", ".jsonl":
			percent = 300
		}
	}
	debug.SetGCPercent(percent)
	return true
}

// progressThreshold is how many files a run checks before a progress line
// is worth showing.
const progressThreshold = 300

// progressLine draws "checked N/M files, K findings" on stderr, at most
// every 100 ms. While the folder walk is still finding files, M is only
// what it found so far and the line says so. finish clears the line so the
// report starts on a clean one.
type progressLine struct {
	e       *env
	now     func() time.Time
	walking func() bool
	last    time.Time
	drawn   bool
}

func (e *env) progress(now func() time.Time, walking func() bool) *progressLine {
	return &progressLine{e: e, now: now, walking: walking}
}

func (p *progressLine) update(done, total, findings int) {
	if total <= progressThreshold && !p.drawn {
		return // a short run needs no progress line
	}
	t := p.now()
	if t.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.drawn, p.last = true, t
	of := fmt.Sprintf("%d/%d files", done, total)
	if p.walking() {
		of = fmt.Sprintf("%d of %d files found so far", done, total)
	}
	fmt.Fprintf(p.e.stderr, "\r\x1b[Kchecked %s, %d %s", of, findings, prose.Plural(findings, "finding", "findings"))
}

func (p *progressLine) finish() {
	if p.drawn {
		fmt.Fprint(p.e.stderr, "\r\x1b[K")
	}
}

func writeFile(p string, data []byte) error {
	if dir := filepath.Dir(p); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return os.WriteFile(p, data, 0o644)
}

func plainStatErr(err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return errors.New("no such file")
	}
	return err
}

// overwritesInput refuses an --output file that is the config or an input
// of the same run (DESIGN.md, "Added after the first release"): the
// README's own --output json=aptly-doctor.json would otherwise overwrite
// a config of that name, or be read as the config by the next run.
func overwritesInput(res *checks.Result, outs []outputSpec) error {
	for _, out := range outs {
		if out.path == "" {
			continue
		}
		info, err := os.Stat(out.path)
		if err != nil {
			continue // a new file overwrites nothing
		}
		for _, t := range res.Targets {
			if t.Path == "-" || strings.HasPrefix(t.Path, "--") || filepath.Base(t.Path) != filepath.Base(out.path) {
				continue
			}
			if ti, err := os.Stat(t.Path); err == nil && os.SameFile(info, ti) {
				what := "an input"
				if t.Kind == input.KindConfig {
					what = "the config"
				}
				return usageErr("--output %s: it is %s of this run; write the report to another file", out.path, what)
			}
		}
	}
	return nil
}

// reportFlags are the flags of every command that judges and reports like
// check (check and serve): what runs, under which config, and how the
// report is written.
func reportFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "report format: " + strings.Join(report.Formats, ", ")},
		&cli.StringSliceFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the report to `[FORMAT=]PATH` (repeatable; FORMAT=PATH adds a report in that format)"},
		&cli.StringFlag{Name: "fail-on", Value: "error", Usage: "lowest severity that fails the run: error, warning or info"},
		&cli.StringSliceFlag{Name: "enable", Usage: "run only these checks (`ID` or glob like AD2*; repeatable)"},
		&cli.StringSliceFlag{Name: "disable", Usage: "skip these checks (`ID` or glob; repeatable)"},
		&cli.StringFlag{Name: "config", Aliases: []string{"c"}, Usage: "config `FILE` (default: aptly-doctor.yaml, .yml or .json, searched from here upward)"},
		&cli.StringFlag{Name: "baseline", Usage: "a JSON report `FILE` of an earlier run: the findings it holds no longer fail the run"},
		&cli.StringFlag{Name: "color", Value: "auto", Usage: "colour the text report: auto, always or never (auto honours NO_COLOR, FORCE_COLOR, CLICOLOR_FORCE and TERM=dumb)"},
		noColorFlag(),
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print findings and errors only"},
	}
}
