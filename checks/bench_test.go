package checks

import (
	"testing"

	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
)

const benchCard = `{"Name": "Maria Lopez", "Email": "maria@example.com", "Phone": "+14155550123", "Status": "New", "Move-in Date": "2025-09-01", "Rent": 1850.00, "Pets": ["Dog"], "Notes": "Prefers a call after 5pm"}`

func benchUnit(body string, req *input.Request) *input.Unit {
	src := &input.Source{Path: "p.json", Data: []byte(body)}
	b := &input.Body{Raw: src.Data, Src: src, At: input.Pos{Line: 1, Col: 1}}
	b.Decode()
	if req != nil {
		req.Body = b
	}
	return &input.Unit{Src: src, Body: b, Request: req}
}

func benchChecks(b *testing.B, family []*Check, opts *Options, u *input.Unit) {
	b.Helper()
	r := &Runner{Checks: family, Opts: opts, Jobs: 1}
	info := &TargetInfo{Path: "p.json", Kind: input.KindPayload, lines: &lineCache{}}
	b.ReportAllocs()
	for b.Loop() {
		var tr TargetResult
		r.runUnit(info, u, &tr)
	}
}

// BenchmarkPayloadChecks is the AD1xx family on a valid card: the path
// every clean file in a CI folder takes.
func BenchmarkPayloadChecks(b *testing.B) {
	benchChecks(b, []*Check{JSONSyntax, PayloadShape, PayloadSchema, DuplicateKey, Placeholder, SecretInBody}, &Options{}, benchUnit(benchCard, nil))
}

// BenchmarkPayloadChecksFinding is the same family on a card with a
// placeholder and a nested object: index, snippet and schema messages.
func BenchmarkPayloadChecksFinding(b *testing.B) {
	body := `{"Name": "YOUR_NAME_HERE", "Pets": {"dogs": 1}, "Status": "New", "Status": "Old"}`
	benchChecks(b, []*Check{JSONSyntax, PayloadShape, PayloadSchema, DuplicateKey, Placeholder}, &Options{}, benchUnit(body, nil))
}

// BenchmarkRequestChecks is the AD2xx family and AD501 on a request.
func BenchmarkRequestChecks(b *testing.B) {
	req := &input.Request{Method: "POST", URL: "https://api.getaptly.com/api/aptlet/JShpBxEFgRmZnivTf", URLAt: input.Pos{Line: 1, Col: 14},
		Headers: []input.Header{{Name: "x-token", Value: "a1b2c3d4e5f6a7b8c9d0", At: input.Pos{Line: 2, Col: 7}}, {Name: "Content-Type", Value: "application/json"}}}
	benchChecks(b, []*Check{ContentType, AuthHeader, TokenInURL, Endpoint, APIGeneration, ResponseStatus}, &Options{}, benchUnit(benchCard, req))
}

// BenchmarkFieldChecks is AD105-AD107 against a board with known fields.
func BenchmarkFieldChecks(b *testing.B) {
	data := []byte("version: 1\nenvironments:\n  production:\n    base_url: https://api.getaptly.com\n    boards:\n      leads:\n        id: JShpBxEFgRmZnivTf\n        key_env: K\n        fields:\n" +
		"          - {name: Name, type: text}\n          - {name: Email, type: email}\n          - {name: Phone, type: phone}\n" +
		"          - {name: Status, type: select, options: [New, Contacted]}\n          - {name: Move-in Date, type: date}\n          - {name: Rent, type: money}\n" +
		"          - {name: Pets, type: multiselect, options: [Dog, Cat]}\n          - {name: Notes, type: text}\n")
	cfg, problems := config.Load("aptly-doctor.yaml", data, func(string) (string, bool) { return "k0000000000000000001", true })
	if len(problems) > 0 {
		b.Fatal(problems)
	}
	benchChecks(b, []*Check{UnknownField, FieldValue, UpdateMode, KeyBoardMismatch, CrossEnvironmentID}, &Options{Config: cfg}, benchUnit(benchCard, nil))
}
