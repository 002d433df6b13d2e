package secret

import (
	"strings"
	"testing"
)

// TestASCIINamesAsBefore: for ASCII names the exported functions decide
// without a lowercase copy or an edit-distance table; they must decide as
// the general path does. Every listed name and x-token are tried with each
// single edit (from an alphabet of the letters they use, separators, an
// upper case and a digit), each pair of edits for x-token, in upper and
// mixed case and with surrounding space, and every string of up to four
// letters of a small alphabet.
func TestASCIINamesAsBefore(t *testing.T) {
	alphabet := "xtokenapisy-_ KT1"
	seen := map[string]bool{}
	var names []string
	add := func(n string) {
		for _, v := range []string{n, strings.ToUpper(n), alternate(n), " " + n + "\t"} {
			if !seen[v] {
				seen[v] = true
				names = append(names, v)
			}
		}
	}
	edits := func(n string) []string {
		var out []string
		for i := 0; i <= len(n); i++ {
			for _, c := range alphabet {
				out = append(out, n[:i]+string(c)+n[i:]) // insert
				if i < len(n) {
					out = append(out, n[:i]+string(c)+n[i+1:]) // substitute
				}
			}
			if i < len(n) {
				out = append(out, n[:i]+n[i+1:]) // delete
			}
		}
		return out
	}
	bases := append([]string{KeyHeader, "", "x", "Name", "Status", "Property", "Assignee"}, altKeyNames...)
	bases = append(bases, otherSecretNames...)
	for _, b := range bases {
		add(b)
		for _, e := range edits(b) {
			add(e)
		}
	}
	for _, e := range edits(KeyHeader) {
		for _, e2 := range edits(e) {
			add(e2)
		}
	}
	var short func(prefix string, n int)
	short = func(prefix string, n int) {
		add(prefix)
		if n == 0 {
			return
		}
		for _, c := range "xtk-e " {
			short(prefix+string(c), n-1)
		}
	}
	short("", 4)
	for _, n := range names {
		if got, want := IsKeyName(n), isKeyName(n); got != want {
			t.Errorf("IsKeyName(%q) = %v, the general path says %v", n, got, want)
		}
		if got, want := IsMisspeltKeyName(n), isMisspeltKeyName(n); got != want {
			t.Errorf("IsMisspeltKeyName(%q) = %v, the general path says %v", n, got, want)
		}
		if got, want := IsSecretName(n), isSecretName(n); got != want {
			t.Errorf("IsSecretName(%q) = %v, the general path says %v", n, got, want)
		}
	}
	if len(names) < 10000 {
		t.Fatalf("only %d names tried", len(names))
	}
}

// The ASCII path allocates nothing.
func TestASCIINamesAllocateNothing(t *testing.T) {
	for _, n := range []string{"Estimated Cost", "X-Token", "x_tokn", "Client_Secret", "Status"} {
		if a := testing.AllocsPerRun(100, func() { IsSecretName(n) }); a != 0 {
			t.Errorf("IsSecretName(%q) allocates %v times", n, a)
		}
	}
}

// alternate writes every other letter in upper case.
func alternate(s string) string {
	b := []byte(s)
	for i := 0; i < len(b); i += 2 {
		if 'a' <= b[i] && b[i] <= 'z' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}
