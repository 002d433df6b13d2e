package checks

import (
	"slices"
	"strconv"

	"github.com/aptly-doctor/aptly-doctor/input/jsonpos"
)

func quote(s string) string { return strconv.Quote(s) }

// walkStrings calls fn for every key and string value in v, with the
// escaped pointer of the member (for keys) or of the value. Keys are
// visited in sorted order so output never depends on map order.
func walkStrings(v any, ptr string, fn func(ptr, s string, isKey bool)) {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			child := jsonpos.Append(ptr, k)
			fn(child, k, true)
			walkStrings(v[k], child, fn)
		}
	case []any:
		for i, e := range v {
			walkStrings(e, jsonpos.Append(ptr, strconv.Itoa(i)), fn)
		}
	case string:
		fn(ptr, v, false)
	}
}
