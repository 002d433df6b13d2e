// Command report reads what bench/run.sh measured (hyperfine's JSON
// exports, /usr/bin/time -v output, the corpora's sizes) and prints the
// table of medians, ratios and targets, also written as Markdown to
// results.md in the same folder.
//
//	go run ./bench/report -out bench/out
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

func main() {
	out := flag.String("out", "bench/out", "folder holding the measurements")
	quick := flag.Bool("quick", false, "the corpora were scaled down (BENCH_QUICK=1)")
	scale := flag.String("scale", "", "sizes of the folders under scale/, comma-separated")
	flag.Parse()
	rows, mode, err := build(*out, *quick, strings.Split(*scale, ","))
	if err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(2)
	}
	fmt.Print(plain(rows, mode))
	if err := os.WriteFile(filepath.Join(*out, "results.md"), []byte(markdown(rows, mode)), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(2)
	}
}

// result is the part of a hyperfine JSON result the table uses.
type result struct {
	Command   string    `json:"command"`
	Median    float64   `json:"median"`
	Mean      float64   `json:"mean"`
	Stddev    *float64  `json:"stddev"`
	User      float64   `json:"user"`
	System    float64   `json:"system"`
	Times     []float64 `json:"times"`
	ExitCodes []*int    `json:"exit_codes"`
}

// readRuns returns a hyperfine export's results by command name; a missing
// file yields none, so a step that was skipped shows as "not measured".
func readRuns(path string) (map[string]result, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]result{}, nil
	}
	if err != nil {
		return nil, err
	}
	var doc struct {
		Results []result `json:"results"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	m := map[string]result{}
	for _, r := range doc.Results {
		m[r.Command] = r
	}
	return m, nil
}

// badExit names the first exit code outside ok, or "" when every run ended
// as expected: a run that failed early is fast and must not pass for quick.
func badExit(r result, ok ...int) string {
	for _, c := range r.ExitCodes {
		if c == nil {
			return "killed by a signal"
		}
		good := false
		for _, o := range ok {
			good = good || *c == o
		}
		if !good {
			return fmt.Sprintf("exit %d", *c)
		}
	}
	return ""
}

// peakRSS reads "Maximum resident set size (kbytes)" from /usr/bin/time -v
// output, in bytes.
func peakRSS(path string) (int64, bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if v, ok := strings.CutPrefix(line, "Maximum resident set size (kbytes):"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			return kb * 1024, err == nil
		}
	}
	return 0, false
}

func fileSize(path string) int64 {
	info, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return info.Size()
}

func countFiles(dir, ext string) int {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ext) {
			n++
		}
	}
	return n
}

// countLines counts the newlines in a file.
func countLines(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	n := 0
	buf := make([]byte, 1<<20)
	for {
		k, err := f.Read(buf)
		for _, c := range buf[:k] {
			if c == '\n' {
				n++
			}
		}
		if err != nil {
			return n
		}
	}
}

// countTree counts the regular files under dir.
func countTree(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			n++
		}
		return nil
	})
	return n
}

// row is one line of the table; verdict is PASS, MISS, or empty for a
// figure shown for context only.
type row struct{ what, measured, target, verdict string }

func verdict(ok bool) string {
	if ok {
		return "PASS"
	}
	return "MISS"
}

func secs(s float64) string {
	switch {
	case s < 0.001:
		return fmt.Sprintf("%.0f µs", s*1e6)
	case s < 1:
		return fmt.Sprintf("%.1f ms", s*1e3)
	}
	return fmt.Sprintf("%.2f s", s)
}

func spread(r result) string {
	if r.Stddev == nil {
		return ""
	}
	// CPU time (mean user + system) moves far less than wall time when
	// other work shares the machine.
	return fmt.Sprintf(" (±%s, %d runs; cpu %s)", secs(*r.Stddev), len(r.Times), secs(r.User+r.System))
}

const mib = 1 << 20

func build(out string, quick bool, scale []string) ([]row, string, error) {
	var rows []row
	add := func(what, measured, target, v string) { rows = append(rows, row{what, measured, target, v}) }
	missing := func(what, target string) { add(what, "not measured", target, "MISS") }

	folder, err := readRuns(filepath.Join(out, "hf-folder.json"))
	if err != nil {
		return nil, "", err
	}
	nPayloads := countFiles(filepath.Join(out, "payloads"), ".json")
	nParse := countFiles(filepath.Join(out, "payloads-parseable"), ".json")
	doc, okDoc := folder["doctor"]
	flo, okFlo := folder["floor"]
	if okDoc {
		m := secs(doc.Median) + spread(doc)
		if e := badExit(doc, 0, 1); e != "" {
			m += "; " + e
		}
		add(fmt.Sprintf("folder of %d payloads: doctor", nPayloads), m, "", "")
		add("  per payload", secs(doc.Median/float64(max(nPayloads, 1))), "", "")
	}
	if okFlo {
		add("  floor (walk, ReadFile, json.Unmarshal)", secs(flo.Median)+spread(flo), "", "")
	}
	if okDoc && okFlo && badExit(doc, 0, 1) == "" {
		r := doc.Median / flo.Median
		add("  doctor / floor", fmt.Sprintf("%.2fx", r), "<= 2x", verdict(r <= 2))
	} else {
		missing("  doctor / floor", "<= 2x")
	}
	ajv, okAjv := folder["ajv"]
	docP, okDocP := folder["doctor-parseable"]
	if reason, err := os.ReadFile(filepath.Join(out, "ajv-missing.txt")); err == nil {
		add("ajv-cli", "not run: "+strings.TrimSpace(string(reason)), ">= 5x slower", "MISS")
	} else if okAjv && okDocP {
		ajvNote := ""
		if e := badExit(ajv, 0, 1); e != "" {
			ajvNote = "; " + e
		}
		add(fmt.Sprintf("ajv-cli on the %d payloads JSON.parse accepts", nParse), secs(ajv.Median)+spread(ajv)+ajvNote, "", "")
		add("  doctor on the same files", secs(docP.Median)+spread(docP), "", "")
		r := ajv.Median / docP.Median
		add("  ajv / doctor", fmt.Sprintf("%.1fx", r), ">= 5x", verdict(r >= 5 && ajvNote == "" && badExit(docP, 0, 1) == ""))
	} else {
		missing("  ajv / doctor", ">= 5x")
	}

	// Folders of growing size, each against the floor on the same files.
	for _, n := range scale {
		if n == "" {
			continue
		}
		runs, err := readRuns(filepath.Join(out, "hf-scale-"+n+".json"))
		if err != nil {
			return nil, "", err
		}
		d, okD := runs["doctor"]
		f, okF := runs["floor"]
		count, _ := strconv.Atoi(n)
		target := ""
		if count >= 5000 {
			target = "<= 1.2x"
		}
		what := fmt.Sprintf("%s payloads in 20 folders: doctor / floor", n)
		if !okD || !okF || badExit(d, 0, 1) != "" {
			missing(what, target)
			continue
		}
		r := d.Median / f.Median
		m := fmt.Sprintf("%s / %s = %.2fx (cpu %.2fx; %s a payload)", secs(d.Median), secs(f.Median), r,
			(d.User+d.System)/(f.User+f.System), secs(d.Median/float64(max(count, 1))))
		v := ""
		if target != "" {
			v = verdict(r <= 1.2)
		}
		add(what, m, target, v)
	}

	rounds, err := filepath.Glob(filepath.Join(out, "hf-small-*.json"))
	if err != nil {
		return nil, "", err
	}
	var smalls, floors, ratios []float64
	var cpuS, cpuF []float64
	exit := ""
	for _, p := range rounds {
		runs, err := readRuns(p)
		if err != nil {
			return nil, "", err
		}
		s, okS := runs["small"]
		f, okF := runs["floor"]
		if !okS || !okF {
			continue
		}
		if e := badExit(s, 0, 1); e != "" {
			exit = e
		}
		smalls, floors, ratios = append(smalls, s.Median), append(floors, f.Median), append(ratios, s.Median/f.Median)
		cpuS, cpuF = append(cpuS, s.User+s.System), append(cpuF, f.User+f.System)
	}
	if len(ratios) > 0 {
		m := fmt.Sprintf("%s median of %d rounds (cpu %s)", secs(median(smalls)), len(ratios), secs(median(cpuS)))
		if exit != "" {
			m += "; " + exit
		}
		add("one small payload, process start included", m, "", "")
		add("  bare Go program reading and decoding it", fmt.Sprintf("%s (cpu %s)", secs(median(floors)), secs(median(cpuF))), "", "")
		r := median(ratios)
		add("  doctor / bare program", fmt.Sprintf("%.2fx (rounds %.2f-%.2fx)", r, slices.Min(ratios), slices.Max(ratios)), "<= 2x", verdict(r <= 2 && exit == ""))
	} else {
		missing("one small payload, process start included", "<= 2x a bare program")
	}

	curls, err := readRuns(filepath.Join(out, "hf-curl.json"))
	if err != nil {
		return nil, "", err
	}
	if r, ok := curls["curl"]; ok {
		n := countFiles(filepath.Join(out, "curls"), ".curl")
		m := fmt.Sprintf("%s%s, %s a file", secs(r.Median), spread(r), secs(r.Median/float64(max(n, 1))))
		if e := badExit(r, 0, 1); e != "" {
			m += "; " + e
		}
		add(fmt.Sprintf("%d curl files", n), m, "", "")
	}

	sources, err := readRuns(filepath.Join(out, "hf-sources.json"))
	if err != nil {
		return nil, "", err
	}
	nSources := countTree(filepath.Join(out, "_sources"))
	sd, okSD := sources["doctor"]
	sf, okSF := sources["floor"]
	if okSD {
		m := secs(sd.Median) + spread(sd)
		if e := badExit(sd, 0); e != "" {
			m += "; " + e
		}
		add(fmt.Sprintf("%d source files, no Aptly mention: doctor", nSources), m, "", "")
	}
	if okSF {
		add("  floor -any (walk, ReadFile)", secs(sf.Median)+spread(sf), "", "")
	}
	if okSD && okSF && badExit(sd, 0) == "" {
		r := sd.Median / sf.Median
		add("  doctor / floor", fmt.Sprintf("%.2fx", r), "<= 1.5x", verdict(r <= 1.5))
	} else {
		missing("  doctor / floor", "<= 1.5x")
	}
	repo, err := readRuns(filepath.Join(out, "hf-repo.json"))
	if err != nil {
		return nil, "", err
	}
	if r, ok := repo["repo"]; ok {
		e := badExit(r, 0, 1)
		m := secs(r.Median) + spread(r)
		if e != "" {
			m += "; " + e
		}
		add(fmt.Sprintf("repository of %d files, 1 in 100 calls Aptly", countTree(filepath.Join(out, "_repo", "src"))), m, "< 1 s", verdict(r.Median < 1 && e == ""))
	} else {
		missing("repository of source files", "< 1 s")
	}

	batchPath := filepath.Join(out, "batch", "cards.ndjson")
	batchSize := fileSize(batchPath)
	batch, err := readRuns(filepath.Join(out, "hf-batch.json"))
	if err != nil {
		return nil, "", err
	}
	if r, ok := batch["batch"]; ok {
		e := badExit(r, 0, 1)
		m := secs(r.Median) + spread(r)
		if e != "" {
			m += "; " + e
		}
		add(fmt.Sprintf("NDJSON batch, %.0f MB", float64(batchSize)/1e6), m, "", "")
		mbs := float64(batchSize) / 1e6 / r.Median
		add("  throughput", fmt.Sprintf("%.0f MB/s", mbs), ">= 80 MB/s", verdict(mbs >= 80 && e == ""))
	} else {
		missing("  batch throughput", ">= 80 MB/s")
	}
	if rss, ok := peakRSS(filepath.Join(out, "time-batch.txt")); ok {
		add("  peak RSS", fmt.Sprintf("%.0f MiB", float64(rss)/mib), "< 64 MiB", verdict(rss < 64*mib))
	} else {
		missing("  batch peak RSS", "< 64 MiB")
	}

	exportPath := filepath.Join(out, "export", "cards.ndjson")
	exportSize := fileSize(exportPath)
	export, err := readRuns(filepath.Join(out, "hf-export.json"))
	if err != nil {
		return nil, "", err
	}
	ed, okED := export["doctor"]
	ef, okEF := export["floor"]
	if okED && badExit(ed, 0, 1) == "" {
		mbs := float64(exportSize) / 1e6 / ed.Median
		add(fmt.Sprintf("NDJSON export of whole cards, %.0f MB, %d lines", float64(exportSize)/1e6, countLines(exportPath)),
			secs(ed.Median)+spread(ed), "", "")
		add("  throughput", fmt.Sprintf("%.0f MB/s", mbs), ">= 100 MB/s", verdict(mbs >= 100))
		if okEF {
			add("  one-thread Scanner + json.Unmarshal loop", secs(ef.Median)+spread(ef), "", "")
			r := (ed.User + ed.System) / (ef.User + ef.System)
			add("  CPU time, doctor / loop", fmt.Sprintf("%.2fx", r), "<= 1x", verdict(r <= 1))
		} else {
			missing("  CPU time, doctor / loop", "<= 1x")
		}
	} else {
		missing("  export throughput", ">= 100 MB/s")
	}
	if rss, ok := peakRSS(filepath.Join(out, "time-export.txt")); ok {
		add("  peak RSS", fmt.Sprintf("%.0f MiB", float64(rss)/mib), "< 64 MiB", verdict(rss < 64*mib))
	} else {
		missing("  export peak RSS", "< 64 MiB")
	}

	harSize := fileSize(filepath.Join(out, "har", "session.har"))
	har, err := readRuns(filepath.Join(out, "hf-har.json"))
	if err != nil {
		return nil, "", err
	}
	if r, ok := har["har"]; ok {
		m := secs(r.Median) + spread(r)
		if e := badExit(r, 0, 1); e != "" {
			m += "; " + e
		}
		add(fmt.Sprintf("HAR export, %.0f MB", float64(harSize)/1e6), m, "", "")
	}
	if rss, ok := peakRSS(filepath.Join(out, "time-har.txt")); ok && harSize > 0 {
		r := float64(rss) / float64(harSize)
		add("  peak RSS", fmt.Sprintf("%.0f MiB, %.2fx the file", float64(rss)/mib, r), "< 3x the file", verdict(r < 3))
	} else {
		missing("  HAR peak RSS", "< 3x the file")
	}

	mode := "full"
	if quick {
		mode = "quick (BENCH_QUICK=1: scaled-down corpora, so the targets are not meaningful)"
	}
	return rows, mode, nil
}

// markdown renders the table for results.md.
func markdown(rows []row, mode string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# aptly-doctor benchmark\n\nMode: %s. Times are hyperfine medians of wall time, with the spread, the run count and the mean CPU time (user + system); peak RSS from /usr/bin/time -v.\n\n", mode)
	b.WriteString("| what | measured | target | result |\n| --- | --- | --- | --- |\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", strings.ReplaceAll(r.what, "  ", "&nbsp;&nbsp;"), r.measured, r.target, r.verdict)
	}
	return b.String()
}

// plain renders the table with aligned columns for the terminal.
func plain(rows []row, mode string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "mode: %s\n\n", mode)
	w := [3]int{len("what"), len("measured"), len("target")}
	for _, r := range rows {
		w[0] = max(w[0], utf8.RuneCountInString(r.what))
		w[1] = max(w[1], utf8.RuneCountInString(r.measured))
		w[2] = max(w[2], utf8.RuneCountInString(r.target))
	}
	line := func(a, m, t, v string) {
		fmt.Fprintf(&b, "%s  %s  %s  %s\n", pad(a, w[0]), pad(m, w[1]), pad(t, w[2]), v)
	}
	line("what", "measured", "target", "result")
	for _, r := range rows {
		line(r.what, r.measured, r.target, r.verdict)
	}
	return b.String()
}

func pad(s string, n int) string { return s + strings.Repeat(" ", max(n-utf8.RuneCountInString(s), 0)) }

// median of xs (which it sorts); 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	if n := len(xs); n%2 == 0 {
		return (xs[n/2-1] + xs[n/2]) / 2
	}
	return xs[len(xs)/2]
}
