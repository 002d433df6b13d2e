package checks

import (
	"fmt"
	"path"
	"strings"
)

// Select applies --enable then --disable (IDs, names or globs like AD2*) to
// a list of checks, keeping its order. A pattern that matches no check is an
// error, so a typo never silently runs everything.
func Select(all []*Check, enable, disable []string) ([]*Check, error) {
	en, err := matching(all, enable)
	if err != nil {
		return nil, err
	}
	dis, err := matching(all, disable)
	if err != nil {
		return nil, err
	}
	var out []*Check
	for _, c := range all {
		if (len(enable) == 0 || en[c]) && !dis[c] {
			out = append(out, c)
		}
	}
	return out, nil
}

func matching(all []*Check, patterns []string) (map[*Check]bool, error) {
	set := map[*Check]bool{}
	for _, pattern := range patterns {
		p := strings.ToUpper(strings.TrimSpace(pattern))
		n := 0
		for _, c := range all {
			ok, err := path.Match(p, c.ID)
			if err != nil {
				return nil, fmt.Errorf("bad check pattern %q: %v", pattern, err)
			}
			if ok || strings.EqualFold(pattern, c.Name) {
				set[c] = true
				n++
			}
		}
		if n == 0 {
			return nil, fmt.Errorf("no check matches %q (see 'aptly-doctor checks')", pattern)
		}
	}
	return set, nil
}
