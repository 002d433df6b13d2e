package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/fix"
	"github.com/aptly-doctor/aptly-doctor/internal/prose"
	"github.com/aptly-doctor/aptly-doctor/probe"
)

func (e *env) boardsCommand() *cli.Command {
	return &cli.Command{
		Name:  "boards",
		Usage: "work with the boards of the config",
		Commands: []*cli.Command{{
			Name:                      "pull",
			Usage:                     "fetch each configured board's fields (read-only) into aptly-doctor.lock.json, for offline field checks",
			DisableSliceFlagSeparator: true,
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "config", Aliases: []string{"c"}, Usage: "config `FILE` (default: discovered from here upward)"},
				&cli.StringSliceFlag{Name: "env", Aliases: []string{"e"}, Usage: "pull only environment `NAME` (repeatable)"},
				&cli.DurationFlag{Name: "timeout", Value: 10 * time.Second, Usage: "time limit for each request"},
				&cli.IntFlag{Name: "probe-jobs", Value: 4, Usage: "boards fetched at once"},
			},
			Action: e.boardsPull,
		}},
		Action: func(_ context.Context, c *cli.Command) error {
			if c.Args().Len() > 0 {
				return usageErr("boards: unknown command %q (try 'aptly-doctor boards pull')", c.Args().First())
			}
			return usageErr("boards: name a command: pull")
		},
	}
}

// boardsPull writes the lock file: every board's fields, in a stable order.
// It writes nothing unless every board in play was fetched, and then
// atomically, so a failed pull leaves the old lock file as it was.
func (e *env) boardsPull(ctx context.Context, c *cli.Command) error {
	lc, bad, err := e.findConfig(c.String("config"))
	if err != nil {
		return err
	}
	if bad != nil {
		return usageErr("config %s: %d problems (run aptly-doctor check to see them)", bad.Targets[0].Path, len(bad.Targets[0].Findings))
	}
	if lc == nil {
		return usageErr("boards pull: no config found (looked for aptly-doctor.yaml from here upward; name one with --config)")
	}
	envs, err := selectEnvs(lc, c.StringSlice("env"))
	if err != nil {
		return err
	}
	var names []string
	for _, env := range envs {
		names = append(names, env.Name)
	}
	targets := probe.Targets(lc.cfg, names, (*config.Key).Secret)
	if len(targets) == 0 {
		return usageErr("boards pull: the config has no boards")
	}
	o := probe.Options{Timeout: c.Duration("timeout"), Jobs: c.Int("probe-jobs")}
	lockPath := config.LockPath(lc.src.Path)
	lock := &config.Lock{Version: config.LockVersion}
	if old, err := config.LoadLock(lockPath); err == nil {
		lock = old // boards outside --env keep their pulled fields
	}
	now := time.Now().UTC().Format(time.RFC3339)
	failed, reached := 0, 0
	for _, t := range targets {
		fields, err := probe.Schema(ctx, t, o)
		var perr *probe.Error
		switch {
		case err == nil, errors.Is(err, probe.ErrNoSchema):
			reached++
			lock.Boards = slices.DeleteFunc(lock.Boards, func(b config.LockBoard) bool { return b.Env == t.Env && b.Board == t.Board })
			lock.Boards = append(lock.Boards, config.LockBoard{Env: t.Env, Board: t.Board, ID: t.BoardID, Pulled: now, Fields: fields})
			note := ""
			if err != nil {
				note = " (no schema endpoint: names read off the first card, no types)"
			}
			fmt.Fprintf(e.stdout, "✓ %s/%s: %d %s%s\n", t.Env, t.Board, len(fields), prose.Plural(len(fields), "field", "fields"), note)
		case errors.As(err, &perr):
			failed++
			if perr.Outcome.Verdict.Reached() {
				reached++
			}
			fmt.Fprintf(e.stdout, "✗ %s/%s: %s: %s\n", t.Env, t.Board, perr.Outcome.Verdict, perr.Outcome.Detail)
		default:
			failed++
			fmt.Fprintf(e.stdout, "✗ %s/%s: %v\n", t.Env, t.Board, err)
		}
	}
	if failed > 0 {
		msg := fmt.Sprintf("boards pull: %d of %d boards could not be fetched; %s left as it was", failed, len(targets), lockPath)
		if reached == 0 {
			return &exitError{code: ExitFailure, msg: msg}
		}
		return &exitError{code: ExitFindings, msg: msg}
	}
	slices.SortFunc(lock.Boards, func(a, b config.LockBoard) int {
		return strings.Compare(a.Env+"\x00"+a.Board, b.Env+"\x00"+b.Board)
	})
	data, err := lock.Marshal()
	if err != nil {
		return &exitError{code: ExitFailure, msg: err.Error()}
	}
	if err := fix.WriteFile(lockPath, data); err != nil {
		return &exitError{code: ExitUsage, msg: err.Error()}
	}
	fmt.Fprintf(e.stdout, "wrote %s (%d %s)\n", lockPath, len(lock.Boards), prose.Plural(len(lock.Boards), "board", "boards"))
	return nil
}
