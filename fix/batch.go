package fix

import (
	"bytes"

	"github.com/aptly-doctor/aptly-doctor/config"
)

// Batch applies Payload to each line of an NDJSON batch. Blank lines and
// line endings (\n or \r\n) are kept as they are; offsets in the result
// count from the start of the whole file.
func Batch(data []byte, board *config.Board) ([]byte, []Applied) {
	var out bytes.Buffer
	var applied []Applied
	changed := false
	for start := 0; start < len(data); {
		end := len(data)
		if i := bytes.IndexByte(data[start:], '\n'); i >= 0 {
			end = start + i + 1
		}
		line := data[start:end]
		content := bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
		if len(bytes.TrimSpace(content)) == 0 {
			out.Write(line)
			start = end
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
		start = end
	}
	if !changed {
		return data, nil
	}
	return out.Bytes(), applied
}
