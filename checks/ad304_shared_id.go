package checks

import "github.com/aptly-doctor/aptly-doctor/config"

// SharedID is AD304: one board ID or key configured in two environments.
var SharedID = &Check{
	ID:       "AD304",
	Name:     "shared-id",
	Title:    "the same board ID or key configured in two environments",
	Severity: Warning,
	Needs:    NeedConfig,
	Doc: `Environments exist to keep test traffic away from production. A board ID or key that
appears in two environments usually means one was copied into the other, and the
"staging" integration posts real cards to the production board.`,
	Fix: "Give each environment its own board ID and key",
	Run: func(p *Pass) error {
		if p.Opts.Config == nil {
			return nil // a probe of --url alone has no config
		}
		for _, sh := range p.Opts.Config.SharedIDs() {
			if len(sh.Uses) < 2 {
				continue
			}
			first, later := sh.Uses[0], sh.Uses[1:]
			what := map[string]string{
				config.SharedBoardID: "board ID " + quote(sh.Value),
				config.SharedKeyVar:  "key variable " + sh.Value,
				config.SharedKey:     "key " + sh.Value,
			}[sh.Kind]
			for _, u := range later {
				p.Report(AtPos(cfgPos(u.At)), "Give "+useName(u)+" its own "+kindWord(sh.Kind),
					"%s is used by %s and also by %s", what, useName(first), useName(u))
			}
		}
		return nil
	},
}

func kindWord(k string) string {
	if k == config.SharedBoardID {
		return "board ID"
	}
	return "key"
}

func useName(u config.Use) string {
	if u.Board != nil {
		return "board " + quote(u.Board.Name) + " of " + u.Env.Name
	}
	return "environment " + u.Env.Name
}
