package checks

import (
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/jsonpos"
)

// Runner runs a set of checks over targets.
type Runner struct {
	Checks []*Check // the selected checks, in registry order
	// Severity remaps a check's default severity (config and flags).
	Severity map[string]Severity
	// Ignore reports whether a located finding is set aside by the config.
	Ignore func(*Finding) bool
	Opts   *Options
	Jobs   int      // concurrent targets; <= 0 means the number of CPUs
	FailOn Severity // zero means Error
	// Progress, when set, is called after each target with the number of
	// targets done and findings so far. It is called from worker goroutines
	// one at a time.
	Progress func(done, total, findings int)
}

// Run judges every target and returns the result in the targets' order,
// whatever order the workers finished in.
func (r *Runner) Run(targets []*input.Target) *Result {
	ch := make(chan *input.Target, len(targets))
	for _, t := range targets {
		ch <- t
	}
	close(ch)
	return r.RunStream(ch)
}

// RunStream judges targets as they arrive on src, until it is closed, and
// returns the result in the order they arrived, whatever order the workers
// finished in. It lets a folder be checked while it is still being walked.
func (r *Runner) RunStream(src <-chan *input.Target) *Result {
	res := &Result{FailOn: r.FailOn}
	if res.FailOn == 0 {
		res.FailOn = Error
	}
	type job struct {
		i int
		t *input.Target
	}
	jobs := make(chan job, 64)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		results  []TargetResult
		seen     int
		done     int
		findings int
	)
	go func() {
		i := 0
		for t := range src {
			mu.Lock()
			results = append(results, TargetResult{})
			seen++
			mu.Unlock()
			jobs <- job{i, t}
			i++
		}
		close(jobs)
	}()
	for range r.jobs() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				tr := r.runTarget(j.t)
				mu.Lock()
				results[j.i] = tr
				done++
				findings += len(tr.Findings)
				if r.Progress != nil {
					r.Progress(done, seen, findings)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	res.Targets = results
	res.Settle()
	return res
}

func (r *Runner) runTarget(t *input.Target) TargetResult {
	if t.Kind == input.KindBatch && r.jobs() > 1 {
		return r.runBatch(t)
	}
	tr := TargetResult{Path: t.Path, Kind: t.Kind}
	info := &TargetInfo{Path: t.Path, Kind: t.Kind, lines: &lineCache{}}
	err := t.Walk(func(u *input.Unit) error {
		tr.Units++
		r.runUnit(info, u, &tr)
		return nil
	})
	if err != nil {
		tr.ReadErr = err
	}
	tr.Notes = append(tr.Notes, t.Notes...)
	sortFindings(tr.Findings)
	return tr
}

func (r *Runner) jobs() int {
	if r.Jobs <= 0 {
		return runtime.NumCPU()
	}
	return r.Jobs
}

// runBatch judges the lines of one NDJSON batch on several cores: Walk
// reads lines in order while workers decode and check them, each into a
// result of its own; the findings are sorted by line at the end, so the
// output is the same as with one worker.
func (r *Runner) runBatch(t *input.Target) TargetResult {
	info := &TargetInfo{Path: t.Path, Kind: t.Kind, lines: &lineCache{}}
	n := r.jobs()
	units := make(chan *input.Unit, 64*n)
	parts := make([]TargetResult, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range units {
				parts[i].Units++
				r.runUnit(info, u, &parts[i])
			}
		}()
	}
	err := t.Walk(func(u *input.Unit) error {
		units <- u
		return nil
	})
	close(units)
	wg.Wait()
	tr := TargetResult{Path: t.Path, Kind: t.Kind}
	for _, p := range parts {
		tr.Units += p.Units
		tr.Findings = append(tr.Findings, p.Findings...)
		for _, f := range p.Failures {
			if !slices.Contains(tr.Failures, f) {
				tr.Failures = append(tr.Failures, f)
			}
		}
		for _, note := range p.Notes {
			if !slices.Contains(tr.Notes, note) {
				tr.Notes = append(tr.Notes, note)
			}
		}
	}
	if err != nil {
		tr.ReadErr = err
	}
	tr.Notes = append(tr.Notes, t.Notes...)
	sortFindings(tr.Findings)
	return tr
}

func (r *Runner) runUnit(info *TargetInfo, u *input.Unit, tr *TargetResult) {
	if u.Body != nil {
		u.Body.Decode() // here, on the worker, not in the loader
	}
	scs := noScope
	if info.Kind != input.KindConfig {
		scs = scopes(u, r.Opts)
	}
	tagEnv := r.Opts != nil && len(r.Opts.Envs) > 0
	perScope := make([][]Finding, len(scs))
	for i, sc := range scs {
		perScope[i] = r.runScope(info, u, sc, tr)
		if sc.note != "" && !slices.Contains(tr.Notes, sc.note) {
			tr.Notes = append(tr.Notes, sc.note)
		}
		if tagEnv && sc.env != nil {
			for j := range perScope[i] {
				perScope[i][j].Env = sc.env.Name
			}
		}
	}
	tr.Findings = append(tr.Findings, mergeScopes(perScope)...)
}

// mergeScopes keeps a finding once, untagged, when every environment drew
// it, and tagged with its environment otherwise: the report then shows what
// differs between environments.
func mergeScopes(per [][]Finding) []Finding {
	if len(per) == 1 {
		return per[0]
	}
	key := func(f Finding) string {
		return fmt.Sprintf("%s\x00%s\x00%d\x00%d\x00%s\x00%s", f.Check, f.Path, f.Line, f.Col, f.Pointer, f.Message)
	}
	count := map[string]int{}
	for _, fs := range per {
		seen := map[string]bool{}
		for _, f := range fs {
			k := key(f)
			if !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	var out []Finding
	emitted := map[string]bool{}
	for _, fs := range per {
		for _, f := range fs {
			k := key(f)
			if count[k] == len(per) {
				if emitted[k] {
					continue
				}
				emitted[k] = true
				f.Env = ""
			}
			out = append(out, f)
		}
	}
	return out
}

func (r *Runner) runScope(info *TargetInfo, u *input.Unit, sc scope, tr *TargetResult) []Finding {
	loc := locator{unit: u, target: info, opts: r.Opts}
	var found []Finding
	var related []*Check
	// One pass and one report function serve every check of the unit: a
	// batch of a million lines would otherwise allocate them per check.
	var diags []Diagnostic
	pass := &Pass{Unit: u, Target: info, Opts: r.Opts, Env: sc.env, Board: sc.board}
	pass.report = func(d Diagnostic) { diags = append(diags, d) }
	for _, c := range r.Checks {
		if !applies(c, pass) {
			continue
		}
		if c.Relate != nil {
			related = append(related, c)
		}
		diags = diags[:0]
		if err := runOne(c, pass); err != nil {
			where := info.Path
			if u.Label != "" {
				where += " (" + u.Label + ")"
			}
			msg := fmt.Sprintf("check %s (%s) failed on %s: %v", c.ID, c.Name, where, err)
			if !slices.Contains(tr.Failures, msg) {
				tr.Failures = append(tr.Failures, msg)
			}
			continue
		}
		sev := c.Severity
		if s, ok := r.Severity[c.ID]; ok {
			sev = s
		}
		for _, d := range diags {
			f := loc.locate(d.At)
			f.Check, f.Name = c.ID, c.Name
			f.Severity = sev
			if d.Severity != 0 {
				f.Severity = min(d.Severity, sev)
			}
			// No message or fix may flood a report, whatever a check quoted.
			f.Message, f.Fix = clip(d.Message, 400), clip(d.Fix, 300)
			if r.Ignore != nil && r.Ignore(&f) {
				continue
			}
			found = append(found, f)
		}
	}
	for _, c := range related {
		for i := range found {
			if found[i].Check == c.ID {
				c.Relate(&found[i], found, pass)
			}
		}
	}
	if len(found) > 0 {
		// A last net: whatever a check quoted (a recorded response body, a
		// value), no secret of the unit leaves in a message or a fix.
		secs := loc.unitSecrets()
		for i := range found {
			found[i].Message = maskText(found[i].Message, secs)
			found[i].Fix = maskText(found[i].Fix, secs)
		}
	}
	return found
}

// runOne runs one check and turns a panic into an error, so a broken check
// is a failure of the tool and never a silent pass.
func runOne(c *Check, p *Pass) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic at %s: %v", panicSite(debug.Stack()), v)
		}
	}()
	return c.Run(p)
}

// panicSite names the file and line a panic came from, from a stack as
// debug.Stack prints it: the frame right after the runtime's panic frame.
func panicSite(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") && i+2 < len(lines) {
			loc := strings.TrimSpace(lines[i+2])
			if j := strings.LastIndex(loc, " +0x"); j >= 0 {
				loc = loc[:j]
			}
			return filepath.Base(filepath.Dir(loc)) + "/" + filepath.Base(loc)
		}
	}
	return "unknown place"
}

func applies(c *Check, p *Pass) bool {
	n, u := c.Needs, p.Unit
	if p.Target.Kind == input.KindConfig {
		return n&NeedConfig != 0 // the config file is judged by config-level checks only
	}
	if n == NeedConfig {
		return false
	}
	if n&NeedBody != 0 && u.Body == nil {
		return false
	}
	if n&NeedJSON != 0 && (u.Body == nil || !u.Body.Decoded) {
		return false
	}
	if n&NeedRequest != 0 && u.Request == nil {
		return false
	}
	if n&NeedResponse != 0 && u.Response == nil {
		return false
	}
	if n&NeedEnv != 0 && p.Env == nil {
		return false
	}
	if n&NeedFields != 0 && (p.Board == nil || len(p.Board.Fields) == 0) {
		return false
	}
	return true
}

// locator turns spans into file positions for one unit, building the
// pointer index at most once and only when a finding needs it.
type locator struct {
	unit    *input.Unit
	target  *TargetInfo
	index   *jsonpos.Index
	opts    *Options
	secrets []string // masked in quoted source lines, gathered on first use
	gotSecs bool
}

// lineCache holds the line starts of the big sources of one target, shared
// by its units (a HAR's entries all point into the one file).
type lineCache struct {
	mu     sync.Mutex
	starts map[*input.Source][]int
}

// lineText returns line n (in file numbering) of src. Line starts are
// indexed once per source, so a HAR of many megabytes with many findings
// is not scanned from the top for each one.
func (l *locator) lineText(src *input.Source, n int) string {
	n -= src.LineOffset
	if len(src.Data) < 4096 {
		return string(jsonpos.Line(src.Data, n))
	}
	c := l.target.lines
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.starts == nil {
		c.starts = map[*input.Source][]int{}
	}
	starts, ok := c.starts[src]
	if !ok {
		starts = []int{0}
		for i := 0; i < len(src.Data); i++ {
			switch src.Data[i] {
			case '\n':
				starts = append(starts, i+1)
			case '\r':
				if i+1 < len(src.Data) && src.Data[i+1] == '\n' {
					i++
				}
				starts = append(starts, i+1)
			}
		}
		c.starts[src] = starts
	}
	if n < 1 || n > len(starts) {
		return ""
	}
	end := len(src.Data)
	if n < len(starts) {
		end = starts[n]
	}
	line := src.Data[starts[n-1]:end]
	for len(line) > 0 && (line[len(line)-1] == '\n' || line[len(line)-1] == '\r') {
		line = line[:len(line)-1]
	}
	return string(line)
}

func (l *locator) locate(s Span) Finding {
	f := l.place(s)
	f.SnippetCol = f.Col
	if f.flagCol > 0 {
		f.SnippetCol, f.flagCol = f.flagCol, 0
	}
	if f.Snippet != "" {
		f.Snippet, f.SnippetCol = clipLine(f.Snippet, f.SnippetCol)
		f.Snippet, f.SnippetCol = maskLine(f.Snippet, f.SnippetCol, l.unitSecrets())
	}
	return f
}

// unitSecrets gathers the unit's secrets once, on first need.
func (l *locator) unitSecrets() []string {
	if !l.gotSecs {
		var cfg *config.Config
		if l.opts != nil {
			cfg = l.opts.Config
		}
		l.secrets, l.gotSecs = secretsOf(l.unit, cfg), true
	}
	return l.secrets
}

// clipLine keeps a few hundred characters of a long line around the column
// (a minified HAR is one line of megabytes) and returns the column within
// what it kept; "…" marks a cut.
func clipLine(line string, col int) (string, int) {
	const before, after = 200, 300
	if len(line) <= before+after {
		return line, col
	}
	at := byteOffset(line, col)
	start, end := max(0, at-before), min(len(line), at+after)
	for start > 0 && !utf8.RuneStart(line[start]) {
		start--
	}
	for end < len(line) && !utf8.RuneStart(line[end]) {
		end++
	}
	out, c := line[start:end], col
	if start > 0 {
		c = utf8.RuneCountInString(line[start:at]) + 2 // after the "…"
		out = "…" + out
	}
	if end < len(line) {
		out += "…"
	}
	return out, c
}

func (l *locator) place(s Span) Finding {
	u := l.unit
	f := Finding{Path: l.target.Path, Unit: u.Label, Pointer: s.Pointer}
	switch {
	case s.HasPointer && u.Body != nil:
		if l.index == nil {
			l.index = jsonpos.NewIndex(u.Body.Raw)
		}
		off, ok := 0, false
		if s.Key {
			off, ok = l.index.Key(s.Pointer)
		}
		if !ok {
			off, ok = l.index.Value(s.Pointer)
		}
		if !ok {
			off = 0
		}
		l.inBody(&f, off)
	case s.InBody && u.Body != nil:
		l.inBody(&f, s.BodyOffset)
	case !s.Pos.IsZero() && u.Request != nil && u.Request.Src != nil:
		// A request given as flags: the finding belongs to the payload it
		// would send (line 1, the payload as a whole), and the quoted line
		// is the flags, with the caret under the one at fault.
		f.Path = l.target.Path
		if u.Body != nil && u.Body.Src != nil {
			f.Path = u.Body.Src.Path
		}
		f.Line, f.Col = 1, 1
		f.Unit = "request flags"
		f.Snippet = l.lineText(u.Request.Src, s.Pos.Line)
		f.flagCol = s.Pos.Col
	case !s.Pos.IsZero() && u.Src != nil:
		f.Path = u.Src.Path
		f.Line, f.Col = s.Pos.Line, s.Pos.Col
		f.Snippet = l.lineText(u.Src, s.Pos.Line)
	}
	return f
}

func (l *locator) inBody(f *Finding, off int) {
	b := l.unit.Body
	if b.Offsets != nil && b.Src != nil && len(b.Offsets) > 0 {
		// The body is a decoded copy: find the file byte it came from.
		src := b.Offsets[len(b.Offsets)-1] + 1
		if off < len(b.Offsets) {
			src = b.Offsets[max(off, 0)]
		}
		f.Path = b.Src.Path
		f.Line, f.Col = jsonpos.LineCol(b.Src.Data, min(src, len(b.Src.Data)))
		f.Line += b.Src.LineOffset
		f.Snippet = l.lineText(b.Src, f.Line)
		f.InBody = l.unit.Request != nil
		return
	}
	line, col := jsonpos.LineCol(b.Raw, off)
	at := b.At
	if at.IsZero() {
		at = input.Pos{Line: 1, Col: 1}
	}
	if line == 1 {
		f.Line, f.Col = at.Line, at.Col+col-1
	} else {
		f.Line, f.Col = at.Line+line-1, col
	}
	if b.Src != nil {
		f.Path = b.Src.Path
		f.Snippet = l.lineText(b.Src, f.Line)
	}
	f.InBody = l.unit.Request != nil
}
