package fix

import (
	"bytes"

	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/internal/lines"
)

// Batch applies Payload to each line of an NDJSON batch. Blank lines and
// line endings (\n, \r\n or a lone \r, as package lines splits) are kept as
// they are; offsets in the result count from the start of the whole file.
func Batch(data []byte, board *config.Board) ([]byte, []Applied) {
	var out bytes.Buffer
	var applied []Applied
	changed := false
	for start, line := range lines.All(data) {
		content := lines.Trim(line)
		if len(bytes.TrimSpace(content)) == 0 {
			out.Write(line)
			continue
		}
		fixed, more := Payload(content, board)
		for _, a := range more {
			a.Offset += start
			applied = append(applied, a)
		}
		changed = changed || len(more) > 0
		out.Write(fixed)
		out.Write(line[len(content):])
	}
	if !changed {
		return data, nil
	}
	return out.Bytes(), applied
}
