package checks

import (
	"encoding/json"
	"fmt"
	"math"
	"net/mail"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input/jsonpos"
	"github.com/aptly-doctor/aptly-doctor/internal/didyoumean"
	"github.com/aptly-doctor/aptly-doctor/internal/lazyre"
)

// FieldValue is AD106: a value that does not fit its field's type.
var FieldValue = &Check{
	ID:       "AD106",
	Name:     "field-value",
	Title:    "value does not fit the field's type",
	Severity: Error,
	Needs:    NeedJSON | NeedFields,
	Doc: `Each board field has a type, and Aptly stores a value only in the form that type takes:
dates as 2025-09-01, date-times in ISO 8601 with a time zone, money and numbers as
plain JSON numbers (no currency symbol, no thousands separators), booleans as true or
false, select values spelt exactly as an option (case matters), multiselect values as a
list of options, emails as addresses, phones with their country code (+14155551234),
URLs in full. File fields cannot be set in the body at all. Both type vocabularies are
understood (select/singleselect, datetime/datetime-local, phone/tel).`,
	Fix: "Send the value in the form the field's type takes, as the message shows",
	Run: func(p *Pass) error {
		obj, ok := p.Unit.Body.Value.(map[string]any)
		if !ok {
			return nil
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			f, ok := p.Board.FieldByID(k)
			if !ok || obj[k] == nil {
				continue // unknown fields are AD105's; null clears a field
			}
			checkFieldValue(p, jsonpos.Append("", k), k, f, obj[k])
		}
		return nil
	},
}

// The value patterns are compiled on first use: most runs know no board
// fields, and start-up stays cheap.
var (
	isoDate     = lazyre.New(`^\d{4}-\d{2}-\d{2}$`)
	looseISO    = lazyre.New(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`)
	slashedDate = lazyre.New(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$`)
	phoneRE     = lazyre.New(`^\+[1-9]\d{6,14}$`)
	localPhone  = lazyre.New(`^\d{7,15}$`)
	// moneyText is an amount written as text, with a currency symbol or
	// code and/or thousands separators, that has only one reading; the
	// groups are the signs, the integer part and the decimals as written.
	moneyText = lazyre.New(`^([-+]?)\s*[$€£¥]?\s*(-?)\s*(0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)(\.\d+)?\s*(?:USD|EUR|GBP|CAD|AUD|JPY)?$`)
	// jsonNumber is the grammar of a JSON number (RFC 8259).
	jsonNumber = lazyre.New(`^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$`)
	// looseNumber is a number strconv reads that JSON does not: a plus
	// sign, a bare decimal point, digit separators.
	looseNumber = lazyre.New(`^([-+]?)(\d(?:_?\d)*)?(?:\.(\d*))?$`)
)

func checkFieldValue(p *Pass, ptr, name string, f config.Field, v any) {
	typ := aptly.NormalizeFieldType(f.Type)
	at := AtPointer(ptr)
	switch {
	case typ == "file":
		p.Report(at, "Leave "+quote(name)+" out of the body and upload the file to the card's file endpoint",
			"field %q is a file field; files cannot be sent in the card body", name)
		return
	case aptly.ReadOnlyFieldType(f.Type):
		p.Report(at, "Leave "+quote(name)+" out of the body; Aptly fills it in",
			"field %q is computed by Aptly (%s); a value sent for it is ignored", name, f.Type)
		return
	}
	switch typ {
	case "number", "money":
		checkNumber(p, at, typ, name, v)
	case "boolean":
		if _, ok := v.(bool); ok {
			return
		}
		p.Report(at, "Send true or false without quotes",
			"boolean field %q holds %s; send true or false", name, describe(v))
	case "date":
		s, ok := v.(string)
		if !ok {
			p.Report(at, `Send the date as text in the form "2025-09-01"`, "date field %q holds %s, not a date", name, describe(v))
			return
		}
		checkDate(p, at, name, s)
	case "datetime":
		s, ok := v.(string)
		if !ok {
			p.Report(at, `Send an ISO 8601 date-time with a time zone, e.g. "2025-09-01T10:00:00.000Z"`, "date-time field %q holds %s", name, describe(v))
			return
		}
		if _, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return
		}
		if _, err := time.Parse("2006-01-02T15:04:05", strings.TrimSuffix(s, ".000")); err == nil {
			p.Report(at, "Add the time zone: "+quote(s+"Z")+" for UTC, or the offset, e.g. +02:00",
				"date-time field %q has no time zone: %q", name, s)
			return
		}
		p.Report(at, `Send an ISO 8601 date-time with a time zone, e.g. "2025-09-01T10:00:00.000Z"`,
			"date-time field %q holds %q, which is not an ISO 8601 date-time", name, s)
	case "select":
		s, ok := v.(string)
		if !ok {
			p.Report(at, "Send one option as text: "+optionList(f.Options), "select field %q holds %s; it takes one option as text", name, describe(v))
			return
		}
		checkOption(p, at, name, s, f.Options)
	case "multiselect":
		switch x := v.(type) {
		case []any:
			for i, e := range x {
				s, ok := e.(string)
				eat := AtPointer(jsonpos.Append(ptr, fmt.Sprint(i)))
				if !ok {
					p.Report(eat, "Send each option as text", "item %d of multiselect field %q is %s, not an option", i, name, describe(e))
					continue
				}
				checkOption(p, eat, name, s, f.Options)
			}
		case string:
			p.Report(at, "Wrap the value in a list: ["+quote(x)+"]",
				"multiselect field %q holds a single text %q; it takes a list of options", name, x)
		default:
			p.Report(at, "Send a list of options, e.g. "+exampleList(f.Options), "multiselect field %q holds %s; it takes a list of options", name, describe(v))
		}
	case "email":
		s, ok := v.(string)
		if a, err := mail.ParseAddress(s); !ok || err != nil || a.Address != strings.TrimSpace(s) || !strings.Contains(s[strings.LastIndex(s, "@")+1:], ".") {
			p.Report(at, "Send a plain address such as \"name@example.com\"", "email field %q holds %s, which is not an email address", name, describe(v))
		}
	case "phone":
		s, ok := v.(string)
		if !ok {
			p.Report(at, `Send the phone number as text with its country code, e.g. "+14155551234"`, "phone field %q holds %s; send it as text", name, describe(v))
			return
		}
		digits := strings.Map(func(r rune) rune {
			if r == ' ' || r == '-' || r == '(' || r == ')' || r == '.' {
				return -1
			}
			return r
		}, s)
		switch {
		case phoneRE.Get().MatchString(digits):
		case localPhone.Get().MatchString(digits):
			p.Report(at, "Start the number with + and its country code, e.g. \"+1"+digits+"\" for the US",
				"phone field %q holds %q with no country code", name, s)
		default:
			p.Report(at, `Send the number with its country code, e.g. "+14155551234"`, "phone field %q holds %q, which is not a phone number", name, s)
		}
	case "url":
		s, ok := v.(string)
		u, err := url.Parse(s)
		if !ok || err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			fix := "Send a full URL starting with https://"
			if ok && !strings.Contains(s, "://") {
				fix = "Add the scheme: \"https://" + s + "\""
			}
			p.Report(at, fix, "url field %q holds %s, which is not a full URL", name, describe(v))
		}
	case "person":
		if _, ok := v.(string); !ok {
			p.Report(at, "Send the contact's ID as text", "person field %q holds %s; it takes one contact ID", name, describe(v))
		}
	case "persons":
		if _, ok := v.([]any); !ok {
			p.Report(at, "Send a list of contact IDs, e.g. [\"...\"]", "people field %q holds %s; it takes a list of contact IDs", name, describe(v))
		}
	}
}

func checkDate(p *Pass, at Span, name, s string) {
	if isoDate.Get().MatchString(s) {
		if _, err := time.Parse("2006-01-02", s); err != nil {
			p.Report(at, "Send a real calendar date", "date field %q holds %q, which is not a real date", name, s)
		}
		return
	}
	if m := looseISO.Get().FindStringSubmatch(s); m != nil {
		d := fmt.Sprintf("%s-%02s-%02s", m[1], m[2], m[3])
		d = strings.ReplaceAll(d, " ", "0")
		if _, err := time.Parse("2006-01-02", d); err == nil {
			sf := p.replaceString(at.Pointer, false, jsonpos.Quote(d), fmt.Sprintf("wrote the date %q as %q", s, d))
			p.ReportFix(at, sf, "Write it as "+quote(d), "date field %q holds %q; Aptly takes dates as YYYY-MM-DD", name, s)
			return
		}
	}
	if m := slashedDate.Get().FindStringSubmatch(s); m != nil {
		p.Report(at, "Write the date as YYYY-MM-DD; "+quote(s)+" could be read day-first or month-first, so the doctor does not guess",
			"date field %q holds %q, an ambiguous date; Aptly takes dates as YYYY-MM-DD", name, s)
		return
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		p.Report(at, "Send only the date: "+quote(t.Format("2006-01-02")), "date field %q holds a date-time %q; it takes a date only", name, s)
		return
	}
	p.Report(at, `Send the date as "2025-09-01" (YYYY-MM-DD)`, "date field %q holds %q, which is not a YYYY-MM-DD date", name, s)
}

func checkOption(p *Pass, at Span, name, s string, options []string) {
	if len(options) == 0 || slices.Contains(options, s) {
		return
	}
	if o, n := caseOption(options, s); n > 0 {
		var sf *SuggestedFix
		if n == 1 { // two options that differ only by case: a guess
			sf = p.replaceString(at.Pointer, false, jsonpos.Quote(o), fmt.Sprintf("wrote %q as the option %q", s, o))
		}
		p.ReportFix(at, sf, "Write it exactly as the option: "+quote(o),
			"%q is not an option of %q; options match exactly, case included: did you mean %q?", s, name, o)
		return
	}
	if best, bestD, ok := didyoumean.Nearest(s, options); ok && bestD <= max(2, len([]rune(s))/3) {
		p.Report(at, "Use the option "+quote(best)+", or add "+quote(s)+" to the field's options first",
			"%q is not an option of %q; did you mean %q?", s, name, best)
		return
	}
	p.Report(at, "Use one of "+optionList(options), "%q is not an option of %q", s, name)
}

// caseOption is the first option s matches but for case and surrounding
// spaces, and how many options it matches so.
func caseOption(options []string, s string) (string, int) {
	found, n := "", 0
	for _, o := range options {
		if strings.EqualFold(strings.TrimSpace(s), o) {
			if n == 0 {
				found = o
			}
			n++
		}
	}
	return found, n
}

func optionList(options []string) string {
	if len(options) == 0 {
		return "the field's options"
	}
	qs := make([]string, len(options))
	for i, o := range options {
		qs[i] = quote(o)
	}
	if len(qs) > 8 {
		qs = append(qs[:8], "…")
	}
	return strings.Join(qs, ", ")
}

func exampleList(options []string) string {
	if len(options) == 0 {
		return `["Option"]`
	}
	return "[" + quote(options[0]) + "]"
}

func describe(v any) string {
	switch x := v.(type) {
	case string:
		return "the text " + quote(x)
	case json.Number:
		return "the number " + x.String()
	case bool:
		return fmt.Sprintf("the boolean %v", x)
	case nil:
		return "null"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%v", v)
}

// maxExact is the largest integer a 64-bit float holds exactly: Aptly, a
// JavaScript application, stores every number as one.
const maxExact = 1<<53 - 1

// checkNumber judges the value of a number or money field.
func checkNumber(p *Pass, at Span, typ, name string, v any) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		switch {
		case err != nil:
			p.Report(at, "Send a number within the range of a 64-bit float (at most about 1.8e308)",
				"%s field %q holds the number %s, which is out of range: Aptly cannot store it", typ, name, clipNumber(x.String()))
		case math.Abs(f) > maxExact && (typ == "money" || !strings.ContainsAny(x.String(), ".eE")):
			p.Report(at, "Send a value no larger than 9007199254740991, the largest whole number Aptly stores exactly",
				"%s field %q holds %s, which Aptly cannot store exactly: numbers are 64-bit floats and lose digits past 9007199254740991", typ, name, clipNumber(x.String()))
		}
		return
	case string:
		if typ == "money" {
			if n, ok := plainMoney(x); ok {
				sf := p.replaceString(at.Pointer, false, []byte(n), fmt.Sprintf("wrote the amount %q as the number %s", x, n))
				p.ReportFix(at, sf, "Send "+quote(name)+" as a plain number: "+n,
					"money field %q holds the text %q; Aptly takes a plain number with no currency symbol or thousands separators", name, x)
				return
			}
		}
		if n, ok := numberText(x); ok {
			p.Report(at, "Send the number without quotes: "+n,
				"%s field %q holds the number %q as text; send it as a JSON number", typ, name, x)
			return
		}
		if f, err := strconv.ParseFloat(strings.TrimSpace(x), 64); err == nil && (math.IsNaN(f) || math.IsInf(f, 0)) {
			p.Report(at, "Send a plain number such as 1850.00, or null to leave the field empty",
				"%s field %q holds the text %q, which is not a number JSON can carry", typ, name, x)
			return
		}
	}
	p.Report(at, "Send "+quote(name)+" as a plain JSON number, e.g. 1850.00",
		"%s field %q holds %s, not a number", typ, name, describe(v))
}

// plainMoney turns an amount written as text ("$1,850.00", "¥1,850",
// "1850 USD") into the plain JSON number it means ("1850.00"), keeping the
// decimals as written. Only a text with one reading is turned: "1.850,00"
// is left alone.
func plainMoney(s string) (string, bool) {
	m := moneyText.Get().FindStringSubmatch(strings.TrimSpace(s))
	if m == nil || m[1] != "" && m[2] != "" {
		return "", false
	}
	sign := ""
	if m[1] == "-" || m[2] == "-" {
		sign = "-"
	}
	n := sign + strings.ReplaceAll(m[3], ",", "") + m[4]
	if n == s {
		return "", false
	}
	return n, true
}

// numberText returns the JSON number a text means when it is written as one
// ("2"), or in a form strconv reads and JSON does not (".5", "+5", "1_000",
// "5."); NaN and infinities are no JSON number at all.
func numberText(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if jsonNumber.Get().MatchString(s) {
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return s, true
		}
		return "", false
	}
	m := looseNumber.Get().FindStringSubmatch(s)
	if m == nil || m[2] == "" && m[3] == "" {
		return "", false
	}
	whole := strings.ReplaceAll(m[2], "_", "")
	whole = strings.TrimLeft(whole, "0")
	if whole == "" {
		whole = "0"
	}
	n := whole
	if m[3] != "" {
		n += "." + m[3]
	}
	if m[1] == "-" {
		n = "-" + n
	}
	return n, jsonNumber.Get().MatchString(n)
}

// clipNumber keeps a number of a hundred digits readable in a message.
func clipNumber(s string) string {
	if len(s) <= 24 {
		return s
	}
	return s[:10] + "…" + s[len(s)-6:] + " (" + strconv.Itoa(len(s)) + " characters)"
}
