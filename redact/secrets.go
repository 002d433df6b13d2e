package redact

import (
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/secret"
)

// Which names and forms carry a secret is package secret's to say; the
// redactor records what it finds and masks it in place.

// record takes over what a secret.Set found: a secret known by its prefix
// is masked there (and everywhere when long enough), the rest everywhere.
func (r *redactor) record(s *secret.Set) {
	for _, f := range s.Found() {
		if f.Prefix != "" {
			r.addPair(f.Prefix, f.Value)
		} else {
			r.add(f.Value)
		}
	}
}

// request records the secrets a parsed request carries.
func (r *redactor) request(req *input.Request) {
	var s secret.Set
	s.Request(req)
	r.record(&s)
}

// header records the secrets in one header.
func (r *redactor) header(name, value string) {
	var s secret.Set
	s.Header(name, value)
	r.record(&s)
}

// rawURL records the secrets in a URL: its query and its user info.
func (r *redactor) rawURL(u string) {
	var s secret.Set
	s.URL(u)
	r.record(&s)
}

// body records the secrets of a message body: secret-named JSON members,
// and whatever looks like a secret in its text.
func (r *redactor) body(text string) {
	var s secret.Set
	s.JSONText([]byte(text))
	s.Text(text)
	r.record(&s)
}

// scan finds secrets in text by their look alone; it backs up the
// parsers, and is all there is for plain text.
func (r *redactor) scan(text string) {
	var s secret.Set
	s.Text(text)
	r.record(&s)
}
