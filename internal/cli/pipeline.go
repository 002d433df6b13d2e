package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/load"
	"github.com/aptly-doctor/aptly-doctor/internal/prose"
	"github.com/aptly-doctor/aptly-doctor/probe"
	"github.com/aptly-doctor/aptly-doctor/report"
	"github.com/aptly-doctor/aptly-doctor/schemas"
)

// outputSpec is one report to write: a format and where.
type outputSpec struct {
	format string
	path   string // "" is stdout
}

// checkRun is the check pipeline, one method per stage, in the order run
// calls them: settings -> config -> selection -> inputs -> probe -> checks
// -> fix -> baseline -> render. Each stage reads what the ones before it
// left on the value; serve reuses the stages it shares with check.
type checkRun struct {
	e *env
	c flagIndex

	// settings (flags)
	failOn  checks.Severity
	outs    []outputSpec
	ropt    report.Options
	jobs    int
	maxSize int64

	// config and selection
	lc       *loadedConfig
	policy   *checks.Policy
	selected []*checks.Check
	envs     []*config.Env
	baseline *report.Baseline
	opts     *checks.Options

	// inputs
	lopt    load.Options
	req     *input.Request
	paths   []string
	targets []*input.Target

	outcomes []probe.Outcome
	runner   *checks.Runner
	res      *checks.Result
	fixes    *fixRun
}

func (e *env) newCheckRun(c *cli.Command) *checkRun { return &checkRun{e: e, c: indexFlags(c)} }

// run drives the stages and maps the result to the exit code.
func (r *checkRun) run(ctx context.Context) error {
	stages := []func() error{r.settings, r.config, r.selection, r.inputs, func() error { return r.probe(ctx) }, r.check, r.fix}
	for _, stage := range stages {
		if err := stage(); err != nil {
			return err
		}
	}
	r.nameInputs()
	r.applyBaseline()
	return r.render()
}

// nameInputs gives stdin and --curl the names --stdin-filepath and
// --curl-filepath ask for, in every format (as ESLint's --stdin-filename
// does), before the baseline matches findings by path. The checks ran
// under the names "-" and "--curl", which they may tell apart.
func (r *checkRun) nameInputs() {
	names := map[string]string{"-": r.c.String("stdin-filepath"), "--curl": r.c.String("curl-filepath")}
	for i := range r.res.Targets {
		t := &r.res.Targets[i]
		if n := names[t.Path]; n != "" {
			t.Path = n
		}
		for j := range t.Findings {
			if n := names[t.Findings[j].Path]; n != "" {
				t.Findings[j].Path = n
			}
		}
	}
}

// settings reads the flags every report-writing command shares.
func (r *checkRun) settings() error {
	c := r.c
	var err error
	if r.failOn, err = checks.ParseSeverity(c.String("fail-on")); err != nil {
		return usageErr("--fail-on: %v", err)
	}
	if r.maxSize, err = load.ParseSize(c.String("max-size")); err != nil {
		return usageErr("--max-size: %v", err)
	}
	if r.outs, err = parseOutputs(c.String("format"), c.StringSlice("output")); err != nil {
		return err
	}
	useColor, err := r.e.colorWanted(c.String("color"), c.Bool("no-color"))
	if err != nil {
		return err
	}
	r.ropt = report.Options{Color: useColor, Quiet: c.Bool("quiet"), Verbose: c.Bool("verbose"), Version: version()}
	return nil
}

// config loads the config (--config or discovery). A config that breaks its
// schema is reported with its AD301 findings and ends the run with exit 2.
func (r *checkRun) config() error {
	lc, bad, err := r.e.findConfig(r.c.String("config"))
	if err != nil {
		return err
	}
	if bad != nil {
		ro := r.ropt
		ro.Checks = []*checks.Check{checks.ConfigInvalid}
		if err := r.e.writeReports(bad, r.outs, ro); err != nil {
			return err
		}
		n := len(bad.Targets[0].Findings)
		return usageErr("config %s: %d %s (AD301); nothing else was checked", bad.Targets[0].Path, n, prose.Plural(n, "problem", "problems"))
	}
	r.lc = lc
	return nil
}

// selection decides what runs: the checks (config policy, --enable,
// --disable), the environments, the board, the schema and the baseline.
func (r *checkRun) selection() error {
	c := r.c
	var cfg *config.Config
	cfgPath := ""
	if r.lc != nil {
		cfg, cfgPath = r.lc.cfg, r.lc.src.Path
	}
	pol, err := checks.NewPolicy(cfg, cfgPath)
	if err != nil {
		return usageErr("%v", err)
	}
	r.policy = pol
	if r.selected, err = checks.Select(checks.All, c.StringSlice("enable"), append(pol.Disable, c.StringSlice("disable")...)); err != nil {
		return usageErr("%v", err)
	}
	if r.envs, err = selectEnvs(r.lc, c.StringSlice("env")); err != nil {
		return err
	}
	if p := c.String("baseline"); p != "" {
		data, err := os.ReadFile(p)
		if err != nil {
			return usageErr("read baseline %s: %v", p, plainStatErr(err))
		}
		if r.baseline, err = report.ParseBaseline(data); err != nil {
			return usageErr("baseline %s %v", p, err)
		}
	}
	r.opts = &checks.Options{Envs: r.envs, Board: c.String("board"), KeysNeeded: c.Bool("probe")}
	if r.lc != nil {
		r.opts.Config = r.lc.cfg
		if c.Bool("verbose") && !r.opts.KeysNeeded {
			r.lc.notes = append(r.lc.notes, unsetKeyNotes(r.lc.cfg, r.envs)...)
		}
		if b := r.opts.Board; b != "" {
			// --board alone: the one environment that has the board; with
			// --env, each environment named says whether it has it.
			env, err := boardEnv(r.lc, b, len(r.envs) == 0)
			if err != nil {
				return err
			}
			r.opts.BoardEnv = env
		}
	} else if c.String("board") != "" {
		return usageErr("--board %s: no config found (name one with --config)", c.String("board"))
	}
	if p := c.String("schema"); p != "" {
		sch, err := schemas.CompileFile(p)
		var remote *schemas.RemoteRefError
		switch {
		case errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission):
			return usageErr("read schema %s: %v", p, plainStatErr(err))
		case errors.As(err, &remote):
			return usageErr("schema %s: %v", p, remote)
		case err != nil:
			return usageErr("schema %s: %s", p, oneLine(err.Error()))
		}
		r.opts.Schema, r.opts.SchemaPath = sch, p
	}
	return nil
}

// baseHosts are the hosts of the config's base_url values: a request sent
// there is aimed at Aptly, whatever the host is called.
func baseHosts(cfg *config.Config) []string {
	var hosts []string
	for _, env := range cfg.Envs {
		if ep, err := aptly.ParseEndpoint(env.BaseURL); err == nil && ep.Host != "" {
			hosts = append(hosts, ep.Host)
		}
	}
	return hosts
}

// inputs gathers what is checked: the request flags, a recorded response,
// --curl and the paths (walked later, as the checks run).
func (r *checkRun) inputs() error {
	c := r.c
	if r.jobs = c.Int("jobs"); r.jobs < 1 {
		return usageErr("--jobs: want a number of at least 1, got %d", r.jobs)
	}
	r.lopt = load.Options{MaxSize: r.maxSize, Stdin: r.e.stdin, Lookup: r.e.lookup, NoIgnore: c.Bool("no-ignore")}
	r.lopt.HTTPEnv = c.String("http-env")
	if r.lc != nil {
		r.lopt.AptlyHosts = baseHosts(r.lc.cfg)
	}
	req, err := requestFromFlags(c)
	if err != nil {
		return err
	}
	r.req, r.lopt.Request = req, req
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
		r.lopt.Response = resp
	}
	paths, allPassedOver, err := r.pathArgs()
	if err != nil {
		return err
	}
	r.paths = paths
	if allPassedOver && c.String("curl") == "" {
		if c.Bool("from-hook") {
			return &exitError{code: ExitOK} // the hook named no file a walk would check
		}
		return usageErr("check: nothing to check: every file named is one a folder walk passes over (a tool manifest or the doctor's own file); name one alone to check it anyway")
	}
	if cmd := c.String("curl"); cmd != "" {
		r.targets = append(r.targets, load.Command("--curl", input.KindCurl, cmd, r.lopt))
	}
	if len(r.paths) == 0 && len(r.targets) == 0 && !c.Bool("probe") {
		return usageErr("check: nothing to check: name files or folders, - for stdin, or --curl CMD")
	}
	return nil
}

// probe asks Aptly, read-only, whether each key opens its board (--probe
// only: the one stage that uses the network), and puts the config in front
// of the targets for config-level checks.
func (r *checkRun) probe(ctx context.Context) error {
	c := r.c
	if c.Bool("probe") {
		if c.Duration("timeout") <= 0 {
			return usageErr("--timeout: want a positive duration such as 10s")
		}
		if c.Int("probe-jobs") < 1 {
			return usageErr("--probe-jobs: want a number of at least 1")
		}
		pts, err := probeTargets(r.lc, r.envs, r.req)
		if err != nil {
			return err
		}
		r.outcomes = r.e.runProbe(ctx, pts, probeSettings{timeout: c.Duration("timeout"), jobs: c.Int("probe-jobs"), quiet: c.Bool("quiet")})
		r.opts.Probes = probeEvidence(r.lc, r.outcomes)
	}
	switch {
	case r.lc != nil:
		r.targets = append([]*input.Target{configTarget(r.lc)}, r.targets...)
	case c.Bool("probe"):
		r.targets = append([]*input.Target{{Path: "--url", Kind: input.KindConfig, Walk: func(fn func(*input.Unit) error) error {
			return fn(&input.Unit{})
		}}}, r.targets...)
	}
	return nil
}

// check runs the selected checks over the targets while the folder walk
// finds them. An input met in a walk that cannot be read is the same input
// error as one named on the command line: exit 2, no partial report.
func (r *checkRun) check() error {
	gcTuned := tuneGC(r.paths, r.e.lookup)
	r.runner = &checks.Runner{Checks: r.selected, Opts: r.opts, Jobs: r.jobs, FailOn: r.failOn, Severity: r.policy.Severity, Ignore: r.policy.Ignored}
	var walking atomic.Bool
	walking.Store(true)
	var prog *progressLine
	if !r.c.Bool("quiet") && isTerminal(r.e.stderr) && !r.e.dumbTerminal() {
		prog = r.e.progress(time.Now, walking.Load)
		r.runner.Progress = prog.update
		defer prog.finish()
	}
	lopt := r.lopt
	lopt.Note = func(n string) { r.e.notes = append(r.e.notes, n) } // read once the targets are all found
	found := func(t *input.Target) {
		if gcTuned && t.Kind == input.KindHAR {
			debug.SetGCPercent(100) // a HAR is read whole: keep its peak low
			gcTuned = false
		}
		r.targets = append(r.targets, t)
	}
	var expandErr error
	if r.fewFiles() {
		// Nothing to walk: the targets are found at once, and a lone
		// target (no config target besides it) is judged on this goroutine
		// (see checks.Runner.Run).
		expandErr = load.ExpandEach(r.paths, lopt, found)
		walking.Store(false)
		if expandErr == nil {
			r.res = r.runner.Run(r.targets)
		}
	} else {
		// The folder walk feeds the workers as it goes: on ten thousand
		// files the walk is a tenth of the run, and it overlaps the
		// checking now.
		stream := make(chan *input.Target, 256)
		go func() {
			defer close(stream)
			defer walking.Store(false)
			for _, t := range r.targets {
				stream <- t
			}
			expandErr = load.ExpandEach(r.paths, lopt, func(t *input.Target) {
				found(t)
				stream <- t
			})
		}()
		r.res = r.runner.RunStream(stream)
	}
	if expandErr != nil {
		return &exitError{code: ExitUsage, msg: expandErr.Error()}
	}
	for _, t := range r.res.Targets {
		if t.ReadErr != nil {
			return &exitError{code: ExitUsage, msg: t.ReadErr.Error()}
		}
	}
	return nil
}

// fewFiles reports whether the paths are a few files named one by one
// (an editor or a hook checking the file at hand), so that finding the
// targets is a stat each and no walk to overlap with the checking.
func (r *checkRun) fewFiles() bool {
	if len(r.paths) > 16 {
		return false
	}
	for _, p := range r.paths {
		if p == "-" {
			return false
		}
		st, err := os.Stat(p)
		if err != nil || !st.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// fix applies --fix, or shows it with --diff.
func (r *checkRun) fix() error {
	if !r.c.Bool("fix") && !r.c.Bool("diff") {
		return nil
	}
	r.fixes = &fixRun{e: r.e, dry: r.c.Bool("diff"), lopt: r.lopt, runner: r.runner}
	if r.lc != nil {
		r.fixes.cfg = r.lc.cfg
	}
	return r.fixes.apply(r.res, r.targets)
}

// applyBaseline sets aside the findings an earlier report holds, and adds
// the probe's notes.
func (r *checkRun) applyBaseline() {
	if r.baseline != nil {
		r.baseline.Apply(r.res)
	}
	if len(r.e.notes) > 0 && len(r.res.Targets) > 0 {
		r.res.Targets[0].Notes = append(r.res.Targets[0].Notes, r.e.notes...)
	}
	if r.c.Bool("probe") && len(r.res.Targets) > 0 {
		r.res.Targets[0].Notes = append(r.res.Targets[0].Notes, probeNotes(r.outcomes, r.c.Bool("verbose"))...)
	}
}

// render prints the diffs of --diff, writes every report and returns the
// run's exit code.
func (r *checkRun) render() error {
	r.ropt.Checks = r.selected
	if r.fixes != nil && len(r.fixes.diffs) > 0 {
		w := r.e.stdout
		if r.outs[0].format != "text" || r.outs[0].path != "" {
			w = r.e.stderr // keep a machine report on stdout parseable
		}
		for _, d := range r.fixes.diffs {
			fmt.Fprint(w, d)
		}
	}
	r.ropt.Warn = r.e.warn
	if err := r.e.writeReports(r.res, r.outs, r.ropt); err != nil {
		return err
	}
	r.e.stepSummary(r.res)
	err := exitFor(r.res)
	var ee *exitError
	if r.c.Bool("probe") && probe.NoneReached(r.outcomes) && (err == nil || errors.As(err, &ee) && ee.code == ExitFindings) {
		return &exitError{code: ExitFailure, msg: "probe: Aptly could not be reached for any board (see AD403 in the report)"}
	}
	return err
}
