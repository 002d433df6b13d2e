package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"github.com/urfave/cli/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/load"
	"github.com/aptly-doctor/aptly-doctor/probe"
	"github.com/aptly-doctor/aptly-doctor/report"
)

func (e *env) checkCommand() *cli.Command {
	return &cli.Command{
		Name:                      "check",
		Usage:                     "check payloads and requests: files, folders, NDJSON batches, or - for stdin",
		ArgsUsage:                 "[PATH...]",
		DisableSliceFlagSeparator: true,
		OnUsageError: func(_ context.Context, _ *cli.Command, err error, _ bool) error {
			return usageErr("%s", oneLine(err.Error()))
		},
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "report format: " + strings.Join(report.Formats, ", ")},
			&cli.StringSliceFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the report to `[FORMAT=]PATH` (repeatable; FORMAT=PATH adds a report in that format)"},
			&cli.StringFlag{Name: "fail-on", Value: "error", Usage: "lowest severity that fails the run: error, warning or info"},
			&cli.StringSliceFlag{Name: "enable", Usage: "run only these checks (`ID` or glob like AD2*; repeatable)"},
			&cli.StringSliceFlag{Name: "disable", Usage: "skip these checks (`ID` or glob; repeatable)"},
			&cli.StringFlag{Name: "config", Aliases: []string{"c"}, Usage: "config `FILE` (default: aptly-doctor.yaml, .yml or .json, searched from here upward)"},
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
			&cli.StringFlag{Name: "baseline", Usage: "a JSON report `FILE` of an earlier run: the findings it holds no longer fail the run"},
			&cli.StringFlag{Name: "max-size", Value: "32MiB", Usage: "largest file (or NDJSON line) to read: bytes or KB, KiB, MB, MiB"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: "files checked at once"},
			&cli.StringFlag{Name: "color", Value: "auto", Usage: "colour the text report: auto, always or never"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print findings and errors only"},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "print notes and fixed findings too"},
		},
		Action: e.check,
	}
}

// outputSpec is one report to write: a format and where.
type outputSpec struct {
	format string
	path   string // "" is stdout
}

func (e *env) check(ctx context.Context, c *cli.Command) error {
	failOn, err := checks.ParseSeverity(c.String("fail-on"))
	if err != nil {
		return usageErr("--fail-on: %v", err)
	}
	maxSize, err := load.ParseSize(c.String("max-size"))
	if err != nil {
		return usageErr("--max-size: %v", err)
	}
	outs, err := parseOutputs(c.String("format"), c.StringSlice("output"))
	if err != nil {
		return err
	}
	useColor, err := e.colorWanted(c.String("color"))
	if err != nil {
		return err
	}
	lc, bad, err := e.findConfig(c.String("config"))
	if err != nil {
		return err
	}
	ropt := report.Options{Color: useColor, Quiet: c.Bool("quiet"), Verbose: c.Bool("verbose"), Version: version()}
	if bad != nil {
		ropt.Checks = []*checks.Check{checks.ConfigInvalid}
		if err := e.writeReports(bad, outs, ropt); err != nil {
			return err
		}
		n := len(bad.Targets[0].Findings)
		return usageErr("config %s: %d %s (AD301); nothing else was checked", bad.Targets[0].Path, n, plural(n, "problem", "problems"))
	}
	pol, err := newPolicy(lc)
	if err != nil {
		return err
	}
	if pol.disable != nil {
		if _, err := selectChecks(checks.All, pol.disable, nil); err != nil {
			return usageErr("config %s: checks.disable: %v", lc.src.Path, err)
		}
	}
	selected, err := selectChecks(checks.All, c.StringSlice("enable"), append(pol.disable, c.StringSlice("disable")...))
	if err != nil {
		return err
	}
	envs, err := selectEnvs(lc, c.StringSlice("env"))
	if err != nil {
		return err
	}
	var known map[baselineKey]int
	if p := c.String("baseline"); p != "" {
		if known, err = loadBaseline(p); err != nil {
			return err
		}
	}
	jobs := c.Int("jobs")
	if jobs < 1 {
		return usageErr("--jobs: want a number of at least 1, got %d", jobs)
	}

	opts := &checks.Options{Envs: envs, Board: c.String("board")}
	if lc != nil {
		opts.Config = lc.cfg
		if b := opts.Board; b != "" {
			found := false
			for _, env := range lc.cfg.Envs {
				_, ok := env.Board(b)
				found = found || ok
			}
			if !found {
				return usageErr("--board %s: no such board in %s", b, lc.src.Path)
			}
		}
	} else if c.String("board") != "" {
		return usageErr("--board %s: no config found (name one with --config)", c.String("board"))
	}
	if p := c.String("schema"); p != "" {
		sch, err := compileUserSchema(p)
		if err != nil {
			return err
		}
		opts.Schema, opts.SchemaPath = sch, p
	}

	lopt := load.Options{MaxSize: maxSize, Stdin: e.stdin, Lookup: e.lookup}
	req, err := requestFromFlags(c)
	if err != nil {
		return err
	}
	lopt.Request = req
	if v := c.String("response"); v != "" {
		text := v
		if data, err := os.ReadFile(v); err == nil {
			text = string(data)
		} else if !strings.ContainsAny(v, "{ ") && (strings.HasSuffix(v, ".json") || strings.HasSuffix(v, ".txt") || strings.HasSuffix(v, ".http")) {
			return usageErr("read response %s: no such file", v)
		}
		resp, err := load.ParseResponse(text)
		if err != nil {
			return usageErr("--response: %v", err)
		}
		lopt.Response = resp
	}

	paths := c.Args().Slice()
	var targets []*input.Target
	if cmd := c.String("curl"); cmd != "" {
		targets = append(targets, load.Command("--curl", input.KindCurl, cmd, lopt))
	}
	wantProbe := c.Bool("probe")
	if len(paths) == 0 && len(targets) == 0 && !wantProbe {
		return usageErr("check: nothing to check: name files or folders, - for stdin, or --curl CMD")
	}
	var outcomes []probe.Outcome
	if wantProbe {
		if c.Duration("timeout") <= 0 {
			return usageErr("--timeout: want a positive duration such as 10s")
		}
		if c.Int("probe-jobs") < 1 {
			return usageErr("--probe-jobs: want a number of at least 1")
		}
		pts, err := probeTargets(lc, envs, req)
		if err != nil {
			return err
		}
		outcomes = e.runProbe(ctx, pts, probeSettings{timeout: c.Duration("timeout"), jobs: c.Int("probe-jobs"), quiet: c.Bool("quiet")})
		opts.Probes = probeEvidence(lc, outcomes)
	}
	switch {
	case lc != nil:
		targets = append([]*input.Target{configTarget(lc)}, targets...)
	case wantProbe:
		targets = append([]*input.Target{{Path: "--url", Kind: input.KindConfig, Walk: func(fn func(*input.Unit) error) error {
			return fn(&input.Unit{})
		}}}, targets...)
	}

	gcTuned := tuneGC(paths, e.lookup)
	runner := &checks.Runner{Checks: selected, Opts: opts, Jobs: jobs, FailOn: failOn, Severity: pol.severity, Ignore: pol.ignored}
	if !c.Bool("quiet") && isTerminal(e.stderr) {
		runner.Progress = e.progress()
	}
	// The folder walk feeds the workers as it goes: on ten thousand files
	// the walk is a tenth of the run, and it overlaps the checking now.
	stream := make(chan *input.Target, 256)
	var expandErr error
	go func() {
		defer close(stream)
		for _, t := range targets {
			stream <- t
		}
		expandErr = load.ExpandEach(paths, lopt, func(t *input.Target) {
			if gcTuned && t.Kind == input.KindHAR {
				debug.SetGCPercent(100) // a HAR is read whole: keep its peak low
				gcTuned = false
			}
			targets = append(targets, t)
			stream <- t
		})
	}()
	res := runner.RunStream(stream)
	if expandErr != nil {
		return &exitError{code: ExitUsage, msg: expandErr.Error()}
	}
	// A file met in a folder that cannot be read or is over --max-size is
	// the same input error as one named on the command line: exit 2, its
	// one line, and no report built on a partial run.
	for _, t := range res.Targets {
		if t.ReadErr != nil {
			return &exitError{code: ExitUsage, msg: t.ReadErr.Error()}
		}
	}
	var fr *fixRun
	if c.Bool("fix") || c.Bool("diff") {
		fr = &fixRun{e: e, dry: c.Bool("diff"), board: fixBoard(lc, envs, c.String("board")), lopt: lopt, runner: runner}
		if lc != nil {
			fr.cfg = lc.cfg
		}
		if err := fr.apply(res, targets); err != nil {
			return err
		}
	}
	if known != nil {
		applyBaseline(res, known)
	}
	if wantProbe && len(res.Targets) > 0 {
		res.Targets[0].Notes = append(res.Targets[0].Notes, probeNotes(outcomes, c.Bool("verbose"))...)
	}

	ropt.Checks = selected
	if fr != nil && len(fr.diffs) > 0 {
		w := e.stdout
		if outs[0].format != "text" || outs[0].path != "" {
			w = e.stderr // keep a machine report on stdout parseable
		}
		for _, d := range fr.diffs {
			fmt.Fprint(w, d)
		}
	}
	if err := e.writeReports(res, outs, ropt); err != nil {
		return err
	}
	err = exitFor(res)
	var ee *exitError
	if wantProbe && probe.NoneReached(outcomes) && (err == nil || errors.As(err, &ee) && ee.code == 1) {
		return &exitError{code: ExitFailure, msg: "probe: Aptly could not be reached for any board (see AD403 in the report)"}
	}
	return err
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

func parseOutputs(format string, specs []string) ([]outputSpec, error) {
	if !report.IsFormat(format) {
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
		if main.path != "" {
			return nil, usageErr("--output: %s and %s both ask for the main report; name one, or write another format with FORMAT=PATH", main.path, s)
		}
		main.path = s
	}
	return append([]outputSpec{main}, extra...), nil
}

func (e *env) colorWanted(mode string) (bool, error) {
	switch strings.ToLower(mode) {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
		if v, ok := e.lookup("NO_COLOR"); ok && v != "" {
			return false, nil
		}
		return isTerminal(e.stdout), nil
	}
	return false, usageErr("--color: unknown mode %q (want auto, always or never)", mode)
}

func (e *env) writeReports(res *checks.Result, outs []outputSpec, o report.Options) error {
	for _, out := range outs {
		ro := o
		if out.path != "" || out.format != "text" {
			ro.Color = false // files and machine formats never hold escape codes
		}
		if out.path != "" && out.format == "text" {
			ro.Color = false
		}
		r, err := report.New(out.format, ro)
		if err != nil {
			return usageErr("%v", err)
		}
		if out.path == "" {
			if err := r.Render(e.stdout, res); err != nil {
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

// tuneGC lets the heap grow to four times what is live before collecting,
// unless GOGC says otherwise or a HAR is named. Payloads and batch lines are
// small and short-lived, so the live heap stays at a few MB and the default
// target collects every few hundred files: measured on 10,000 payloads that
// was a fifth of the run. A HAR is read whole, and there the default keeps
// peak memory under three times the file (a HAR met in a folder walk turns
// the default back on). It reports whether it changed the target.
func tuneGC(paths []string, lookup func(string) (string, bool)) bool {
	if v, ok := lookup("GOGC"); ok && v != "" {
		return false
	}
	for _, p := range paths {
		if strings.EqualFold(filepath.Ext(p), ".har") {
			return false
		}
	}
	debug.SetGCPercent(300)
	return true
}

// progressThreshold is how many files a run checks before a progress line
// is worth showing.
const progressThreshold = 300

// progress draws "checked N/M files, K findings" on stderr, at most every
// 100 ms, and clears it at the end so the report starts on a clean line.
func (e *env) progress() func(done, total, findings int) {
	var last time.Time
	drawn := false
	return func(done, total, findings int) {
		if total <= progressThreshold && !drawn {
			return // a short run needs no progress line
		}
		if done < total && time.Since(last) < 100*time.Millisecond {
			return
		}
		drawn = true
		last = time.Now()
		fmt.Fprintf(e.stderr, "\r\x1b[Kchecked %d/%d files, %d %s", done, total, findings, plural(findings, "finding", "findings"))
		if done == total {
			fmt.Fprint(e.stderr, "\r\x1b[K")
		}
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func writeFile(p string, data []byte) error {
	if dir := filepath.Dir(p); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return os.WriteFile(p, data, 0o644)
}

// selectChecks applies --enable then --disable (IDs or globs) to the registry.
func selectChecks(all []*checks.Check, enable, disable []string) ([]*checks.Check, error) {
	match := func(pattern string, c *checks.Check) (bool, error) {
		p := strings.ToUpper(strings.TrimSpace(pattern))
		ok, err := path.Match(p, c.ID)
		if err != nil {
			return false, usageErr("bad check pattern %q: %v", pattern, err)
		}
		return ok || strings.EqualFold(pattern, c.Name), nil
	}
	pick := func(patterns []string) (map[*checks.Check]bool, error) {
		set := map[*checks.Check]bool{}
		for _, p := range patterns {
			n := 0
			for _, c := range all {
				ok, err := match(p, c)
				if err != nil {
					return nil, err
				}
				if ok {
					set[c] = true
					n++
				}
			}
			if n == 0 {
				return nil, usageErr("no check matches %q (see 'aptly-doctor checks')", p)
			}
		}
		return set, nil
	}
	en, err := pick(enable)
	if err != nil {
		return nil, err
	}
	dis, err := pick(disable)
	if err != nil {
		return nil, err
	}
	var out []*checks.Check
	for _, c := range all {
		if (len(enable) == 0 || en[c]) && !dis[c] {
			out = append(out, c)
		}
	}
	return out, nil
}

// compileUserSchema loads --schema: any draft the library knows (2020-12
// when $schema is absent), format asserted, local $refs resolved beside the
// file, remote $refs refused.
func compileUserSchema(p string) (*jsonschema.Schema, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, usageErr("--schema %s: %v", p, err)
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, usageErr("read schema %s: %v", p, plainStatErr(err))
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	loader := &localOnly{}
	c.UseLoader(loader)
	sch, err := c.Compile(abs)
	if err != nil {
		if loader.remote != "" {
			return nil, usageErr("schema %s: refers to the remote schema %s, which the doctor never fetches: download it beside the schema and point $ref at the file", p, loader.remote)
		}
		return nil, usageErr("schema %s: %s", p, oneLine(err.Error()))
	}
	// Some broken schemas compile and fail only when used ($ref cycles):
	// try one on an empty card so the schema, not every payload, is blamed.
	for _, probe := range []any{map[string]any{}, map[string]any{"Name": "x"}} {
		if cycle := refCycle(sch.Validate(probe)); cycle != "" {
			return nil, usageErr("schema %s: it cannot be used: %s", p, cycle)
		}
	}
	return sch, nil
}

type remoteRefError struct{ url string }

func (e *remoteRefError) Error() string { return "remote $ref " + e.url }

// localOnly loads file: URLs and refuses anything else, remembering the
// first remote URL it was asked for so the error can name it.
type localOnly struct{ remote string }

func (l *localOnly) Load(url string) (any, error) {
	if !strings.HasPrefix(url, "file://") {
		if l.remote == "" {
			l.remote = url
		}
		return nil, &remoteRefError{url: url}
	}
	return jsonschema.FileLoader{}.Load(url)
}

func plainStatErr(err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return errors.New("no such file")
	}
	return err
}

// refCycle finds a $ref cycle in a validation error, in words, or "".
func refCycle(err error) string {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return ""
	}
	var walk func(*jsonschema.ValidationError) string
	walk = func(e *jsonschema.ValidationError) string {
		if k, ok := e.ErrorKind.(*kind.RefCycle); ok {
			return "its $ref leads back to itself (" + k.LocalizedString(message.NewPrinter(language.English)) + ")"
		}
		for _, c := range e.Causes {
			if s := walk(c); s != "" {
				return s
			}
		}
		return ""
	}
	return walk(ve)
}
