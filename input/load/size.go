package load

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ParseSize reads a size in bytes with an optional suffix: KB, MB, GB
// (powers of 1000) or KiB, MiB, GiB (powers of 1024); "K"/"M"/"G" alone
// mean the binary units.
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   int64
	}{
		{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
		{"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000},
		{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1},
	}
	mult := int64(1)
	for _, u := range units {
		if len(t) > len(u.suffix) && strings.EqualFold(t[len(t)-len(u.suffix):], u.suffix) {
			t, mult = strings.TrimSpace(t[:len(t)-len(u.suffix)]), u.mult
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	// NaN and infinities parse as floats; less than one byte is no limit
	// at all (0.5 and 1e-9 would silently mean the default).
	if bytes := n * float64(mult); err != nil || math.IsNaN(n) || bytes < 1 || bytes > 1<<50 {
		return 0, fmt.Errorf("invalid size %q (want bytes or a number with KB, KiB, MB or MiB)", s)
	}
	return int64(n * float64(mult)), nil
}

// FormatSize writes a size the way people read it.
func FormatSize(n int64) string {
	switch {
	case n >= 1<<30:
		return trimZero(float64(n)/(1<<30)) + " GiB"
	case n >= 1<<20:
		return trimZero(float64(n)/(1<<20)) + " MiB"
	case n >= 1<<10:
		return trimZero(float64(n)/(1<<10)) + " KiB"
	}
	return fmt.Sprintf("%d bytes", n)
}

func trimZero(f float64) string {
	s := strconv.FormatFloat(f, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0")
}
