package load

import (
	"bufio"
	"errors"
	"strconv"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/internal/lines"
)

// ParseResponse reads a recorded response as a user pastes it: a raw HTTP
// response ("HTTP/1.1 401 Unauthorized", headers, blank line, body), a
// status and a body ("401 {"error":"Unauthorized"}"), a bare status, or a
// bare error body whose status Aptly's documented bodies tell.
func ParseResponse(text string) (*input.Response, error) {
	t := strings.TrimSpace(strings.TrimPrefix(text, "\ufeff"))
	if t == "" {
		return nil, errors.New("the response is empty")
	}
	r := &input.Response{}
	if strings.HasPrefix(t, "HTTP/") {
		sc := bufio.NewScanner(strings.NewReader(t))
		sc.Buffer(make([]byte, 64<<10), len(t)+1)
		sc.Split(lines.Scan)
		sc.Scan()
		fields := strings.SplitN(lines.Trim(sc.Text()), " ", 3)
		if len(fields) < 2 {
			return nil, errors.New("the status line has no status code")
		}
		code, err := strconv.Atoi(fields[1])
		if err != nil {
			return nil, errors.New("the status line has no status code")
		}
		r.Status = code
		if len(fields) == 3 {
			r.StatusText = strings.TrimSpace(fields[2])
		}
		var body []string
		inBody := false
		for sc.Scan() {
			line := lines.Trim(sc.Text())
			if !inBody {
				if line == "" {
					inBody = true
					continue
				}
				name, value, _ := strings.Cut(line, ":")
				r.Headers = append(r.Headers, input.Header{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value)})
				continue
			}
			body = append(body, line)
		}
		r.Body = []byte(strings.Join(body, "\n"))
		return r, nil
	}
	head, rest, _ := strings.Cut(t, " ")
	if code, err := strconv.Atoi(head); err == nil && code >= 100 && code <= 599 {
		r.Status = code
		rest = strings.TrimSpace(rest)
		if rest != "" && rest[0] != '{' && rest[0] != '[' {
			// "401 Unauthorized {...}": a reason phrase before the body.
			if i := strings.IndexAny(rest, "{["); i >= 0 {
				r.StatusText, rest = strings.TrimSpace(rest[:i]), rest[i:]
			} else {
				r.StatusText, rest = rest, ""
			}
		}
		r.Body = []byte(rest)
		return r, nil
	}
	if code, err := strconv.Atoi(t); err == nil {
		return nil, errors.New("status " + strconv.Itoa(code) + " is not an HTTP status")
	}
	r.Body = []byte(t)
	eb, ok := aptly.RecognizeErrorBody(r.Body)
	if !ok || eb.Status == 0 {
		return nil, errors.New("the body is not one Aptly is known to send; give the status too, as in \"401 {...}\"")
	}
	r.Status = eb.Status
	return r, nil
}
