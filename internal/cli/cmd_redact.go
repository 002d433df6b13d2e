package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/load"
	"github.com/aptly-doctor/aptly-doctor/redact"
)

func (e *env) redactCommand() *cli.Command {
	return &cli.Command{
		Name:      "redact",
		Usage:     "write inputs back with every secret masked (HAR, curl, .http, JSON, stdin): a ticket attachment safe to forward",
		ArgsUsage: "[PATH...|-]",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "config", Aliases: []string{"c"}, Usage: "config `FILE` whose keys are masked too (default: discovered from here upward)"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `PATH` instead of stdout (one input only)"},
			&cli.StringFlag{Name: "max-size", Value: "32MiB", Usage: "largest input to read"},
		},
		Action: e.redact,
	}
}

func (e *env) redact(_ context.Context, c *cli.Command) error {
	paths := c.Args().Slice()
	if len(paths) == 0 {
		return usageErr("redact: name the files to redact, or - for stdin")
	}
	if c.String("output") != "" && len(paths) > 1 {
		return usageErr("redact: --output takes one input; redact the files one by one")
	}
	limit, err := load.ParseSize(c.String("max-size"))
	if err != nil {
		return usageErr("--max-size: %v", err)
	}
	lc, bad, err := e.findConfig(c.String("config"))
	if err != nil {
		return err
	}
	if bad != nil {
		return usageErr("config %s: %d problems (run aptly-doctor check to see them)", bad.Targets[0].Path, len(bad.Targets[0].Findings))
	}
	opt := redact.Options{}
	if lc != nil {
		opt.Cfg = lc.cfg
	}
	var out bytes.Buffer
	for _, p := range paths {
		data, err := e.readInput(p, limit)
		if err != nil {
			return err
		}
		masked, err := redact.File(redactKind(p, data), data, opt)
		if err != nil {
			return &exitError{code: ExitUsage, msg: fmt.Sprintf("redact %s: %v", p, err)}
		}
		out.Write(masked)
	}
	if p := c.String("output"); p != "" {
		if err := writeFile(p, out.Bytes()); err != nil {
			return &exitError{code: ExitUsage, msg: fmt.Sprintf("write %s: %v", p, err)}
		}
		return nil
	}
	_, err = e.stdout.Write(out.Bytes())
	return err
}

func (e *env) readInput(p string, limit int64) ([]byte, error) {
	var r io.Reader
	if p == "-" {
		if e.stdin == nil {
			return nil, usageErr("read -: no standard input")
		}
		r = e.stdin
	} else {
		info, err := os.Stat(p)
		if err != nil {
			return nil, usageErr("read %s: %v", p, plainStatErr(err))
		}
		if info.IsDir() {
			return nil, usageErr("read %s: is a folder; redact files one by one", p)
		}
		if info.Size() > limit {
			return nil, usageErr("refuse %s: file is %s, over the --max-size of %s", p, load.FormatSize(info.Size()), load.FormatSize(limit))
		}
		f, err := os.Open(p)
		if err != nil {
			return nil, usageErr("read %s: %v", p, err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, usageErr("read %s: %v", p, err)
	}
	if int64(len(data)) > limit {
		return nil, usageErr("refuse %s: over the --max-size of %s", p, load.FormatSize(limit))
	}
	return data, nil
}

// redactKind names the kind of file redact keeps the output as: the kind
// the loader reads, or text for content no kind recognises.
func redactKind(p string, data []byte) input.Kind {
	if strings.EqualFold(filepath.Ext(p), ".sh") {
		return input.KindCurl
	}
	k := load.KindOf(p, data)
	if k == input.KindPayload && !strings.EqualFold(filepath.Ext(p), ".json") {
		if t := bytes.TrimSpace(data); len(t) == 0 || (t[0] != '{' && t[0] != '[') {
			return input.KindText
		}
	}
	return k
}
